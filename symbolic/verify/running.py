r"""Algorithms as textbooks print them (Goodfellow, Bengio & Courville, Algorithms 6.3 and 6.4):
a loop over the layers, a running variable g reassigned with a left arrow, letters of their own.

`bind` rewrites the matrix statements of such a document, before they are expanded:
- a loop `for $k = 1, \ldots, l$ do ... end for` (its header is not a statement, latex/algorithm.py):
  its letter k is a layer letter, the letter of its bound (l) is the last layer; when the loop
  reaches 1 and a name is written at k-1 (h^{(k-1)}), layers are counted from the input as 0
  (h^{(0)} = x), as in square brackets;
- roles: a document that defines a^{(k)} = b^{(k)} + W^{(k)} h^{(k-1)} writes a for the
  pre-activation and h for the activation (a -> z, h -> a);
- `g \leftarrow X = Y`: X = Y is the statement, and a later g stands for X; in a loop, a g used
  before the loop body assigns it stands for the body's last assignment one step earlier (k+1:
  g \leftarrow \nabla_{h^{(k-1)}} J at k+1 is \nabla_{h^{(k)}} J);
- a regularizer: with J = L(\hat{y}, y) + \lambda \Omega(\theta), a side X + \lambda \nabla_{θ} \Omega(\theta)
  of \nabla_{θ} J is checked as \nabla_{θ} L = X (the term is exactly the regularizer's part);
  the definition of J itself is said not checked.
Pure: statements and the document's text in, statements and notes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import sympy as sp

from ..latex import Partial
from ..latex.matrix import MatrixStatement, Node
from .defined_layers import activated, activated_product, weighted
from .ditto import Unchecked
from .matrix_nodes import all_names as _all_names
from .matrix_nodes import each as _each
from .matrix_nodes import map_nodes as _map
from .matrix_nodes import names as _names
from .matrix_nodes import of_kind as _of_kind
from .matrix_nodes import same
from .names import LOSS_NAMES

_HEADER = re.compile(r"\$\s*([a-z])\s*=\s*([^$]*?\\[lc]?dots[^$]*?)\s*\$")
_END = re.compile(r"\bend\s*for\b|\\END(?:FOR|For)\b|\\EndFor\b", re.IGNORECASE)
_REGULARIZED = re.compile(r"\\lambda\s*\\Omega")
_LAYER = re.compile(r"(\[?)([a-z])([+-]\d+)?")
REGULARIZER = "a regularizer the document does not define (λΩ(θ)); an L2 weight decay it defines is checked"
REGULARIZER_FIX = "its terms λ∇Ω(θ), exactly its part of each gradient, are set apart"
GENERIC_LOSS = "the loss as a function l(·) the document leaves unspecified"
GENERIC_LOSS_FIX = "its derivatives are read as the network's loss's (--loss)"
NO_BIAS = "a forward definition without a bias: the document's network has none, symprop's has one per unit"
NO_BIAS_FIX = "the gradients, the same with or without biases, are checked"


@dataclass(frozen=True)
class Loop:
    letter: str
    first: int  # line of the header
    last: int  # line of its end (or the document's)
    bound: str  # the letter of the last layer (l), or ''
    to_one: bool  # the range reaches 1


def loops(source: str) -> list[Loop]:
    lines = source.split("\n")
    out = []
    for n, line in enumerate(lines, start=1):
        m = _HEADER.search(line)
        if not m:
            continue
        items = [x.strip() for x in m.group(2).split(",")]
        bound = next((x for x in items if re.fullmatch(r"[a-zA-Z]", x) and x != m.group(1)), "")
        end = next((k for k in range(n + 1, len(lines) + 1) if _END.search(lines[k - 1])), len(lines) + 1)
        out.append(Loop(m.group(1), n, end, bound, "1" in items))
    return out


@dataclass(frozen=True)
class Algorithm:
    """What the matrix layout reads by (matrix.layout): letters' roles, bound letters, counting."""

    roles: dict  # base -> the network's base it stands for (Goodfellow: a -> z, h -> a)
    bounds: frozenset  # letters standing for the last layer (l of 'k = l, ..., 1')
    from_zero: bool  # layers counted from the input as 0 (h^{(0)} = x)
    # d2l's bare names: 'o' -> ('z', '2', 'W'), the layer W^{(2)} feeds; MIT's g -> ('a', '2', ''), z^2's
    vectors: dict = field(default_factory=dict)


def bind(
    statements: list, source: str, keep_biasless: bool = False
) -> tuple[list, Algorithm | None, list[Unchecked]]:
    """The statements with running variables and regularizer terms read, what the layout reads
    the document's loops and roles by (see the module's doc), and what is said not checked.
    `keep_biasless`: a forward definition without a bias is noted (NO_BIAS) but kept, to be judged
    as the document's network's (verify/no_bias.py)."""
    found = loops(source)
    matrices = [s for s in statements if isinstance(s, MatrixStatement)]
    notes: list[Unchecked] = []
    decay = weight_decay(matrices)  # d2l's s = λ/2 (‖W^{(1)}‖² + ‖W^{(2)}‖²): its name, its weights
    regularized = bool(_REGULARIZED.search(source)) or decay is not None
    if not matrices and not regularized:
        return statements, None, notes
    vectors, biasless = defined_vectors(matrices)
    if any(_writes_bias(s) for s in statements):
        biasless = set()
    names = [n for m in matrices for n in _all_names(m)]
    from_zero = (
        any(lp.to_one and any(re.fullmatch(rf"\[?{lp.letter}-1", n.args[1]) for n in names) for lp in found)
        or bool(found)
        and any(n.args[1] == "0" for n in names if n.args[0] not in ("W", "w"))
    )
    bounds = frozenset(lp.bound for lp in found if lp.bound) - {lp.letter for lp in found}
    roles = (
        {"a": "z", "h": "a"}
        if defines_pre_activation_as_a(matrices) and any(n.args[0] == "h" for n in names)
        else {}
    )
    algorithm = Algorithm(roles, bounds, from_zero, vectors) if found or roles or vectors else None
    out: list = []
    assigned: dict[str, list[tuple[int, Node]]] = {}  # running variable -> (line, its meaning)
    body_last = _body_assignments(statements, found)
    for s in statements:
        if regularized and _regularizer_only(s, decay):
            notes.append(Unchecked(s.line, s.col, REGULARIZER, REGULARIZER_FIX))
            continue
        if isinstance(s, MatrixStatement) and _generic_loss(s):
            notes.append(Unchecked(s.line, s.col, GENERIC_LOSS, GENERIC_LOSS_FIX))
            continue
        if id(s) in biasless:
            notes.append(Unchecked(s.line, s.col, NO_BIAS, NO_BIAS_FIX))
            if not keep_biasless:
                continue
        if not isinstance(s, MatrixStatement):
            out.append(s)
            continue
        m = _bound(s, assigned, found, body_last)
        if regularized:
            m = _without_regularizer(m, decay)
        if m.running:
            assigned.setdefault(m.running, []).append((m.line, m.lhs))
        out.append(m)
    return out, algorithm, notes


def defines_pre_activation_as_a(matrices: list[MatrixStatement]) -> bool:
    """a^{(k)} = b^{(k)} + W^{(k)} h^{(k-1)}: a is what a weight matrix feeds (Goodfellow), not
    an activation of it (Nielsen's a^l = σ(w^l a^{l-1} + b^l))."""
    for m in matrices:
        if m.lhs.kind == "name" and m.lhs.args[0] == "a" and m.lhs.args[1]:
            for s in m.sides:
                node = s.node
                while node.kind == "paren":
                    node = node.args[0]
                if node.kind != "call" and any(n.args[0] in ("W", "w") for n in _names(node)):
                    return True
    return False


def _regularizer_only(s, decay: tuple | None) -> bool:
    """A line about the regularizer itself: J = L + λΩ(θ), J = L + s, s = λ/2 (...), ∂J/∂s,
    ∂s/∂W (not the network's: said not checked)."""
    reg = decay[0] if decay else "Omega"
    if isinstance(s, MatrixStatement):
        lhs = s.lhs
        if lhs.kind == "name" and lhs.args[0] == reg and not lhs.args[1]:
            return True
        if lhs.kind == "name" and lhs.args[0] in ("J", "L", "E", "C") and not lhs.args[1]:  # J = L + s
            return any(n.args[0] == reg and not n.args[1] for side in s.sides for n in _names(side.node))
        if lhs.kind == "partial":
            return any(n.args[0] == reg and not n.args[1] for x in lhs.args for n in _names(x))
        return False
    lhs = s.lhs
    if isinstance(lhs, Partial):
        return sp.Symbol(reg) in {lhs.num, lhs.den}
    if getattr(lhs, "name", "") in ("J", "L", "E", "C", reg):
        return "Omega" in s.source or sp.Symbol(reg) in _symbols_of(s)
    return False


def _symbols_of(s) -> set:
    out: set = set()
    for side in s.sides:
        for f in side.factors:
            for e in (f.num, f.den) if isinstance(f, Partial) else (f,):
                if isinstance(e, sp.Basic):
                    out |= e.free_symbols
    return out


def _generic_loss(m: MatrixStatement) -> bool:
    """L = l(o, y): the loss defined by a function of the document's own (d2l)."""
    names = [n for side in m.sides for n in _names(side.node)]
    return (
        m.lhs.kind == "name"
        and m.lhs.args[0] in ("L", "J", "E", "C")
        and any(n.args[0] == "l" for n in names)
    )


def _writes_bias(s) -> bool:
    """Does a statement name a bias (b^{(l)}, b_j, a bold b)?"""
    if isinstance(s, MatrixStatement):
        return any(n.args[0] == "b" for n in _all_names(s))
    return any(x.name == "b" or x.name.startswith(("b_", "b@")) for x in _symbols_of(s) | _lhs_symbols(s))


def _lhs_symbols(s) -> set:
    lhs = s.lhs
    parts = (lhs.num, lhs.den) if isinstance(lhs, Partial) else (lhs,)
    return {x for e in parts if isinstance(e, sp.Basic) for x in e.free_symbols}


def weight_decay(matrices: list[MatrixStatement]) -> tuple[str, frozenset] | None:
    r"""s = \frac{\lambda}{2} (\|W^{(1)}\|_F^2 + \|W^{(2)}\|_F^2): (its name, the layers of its
    weights) when a row defines one, else None."""
    for m in matrices:
        if m.lhs.kind != "name" or m.lhs.args[1] or m.lhs.args[2] or len(m.sides) != 1:
            continue
        nodes = _of_kind(m.sides[0].node, "norm2")
        weights = [n.args[0] for n in nodes if n.args[0].kind == "name" and n.args[0].args[0] in ("W", "w")]
        names = _names(m.sides[0].node)
        if weights and len(weights) == len(nodes) and any(n.args[0] == "lambda" for n in names):
            return m.lhs.args[0], frozenset(w.args[1] for w in weights)
    return None


def _layered_weighted(m: MatrixStatement) -> bool:
    """z^l = W^l a^{l-1} or a^{l-1} w^l, nothing added: a layered net input without its bias; the
    first layer's z^{(1)} = W^{(1)} x too (x the input, with no layer: Murphy's x_2 = W_1 x)."""
    lhs = m.lhs
    if lhs.kind != "name" or lhs.args[0] != "z" or not lhs.args[1] or lhs.args[2] or len(m.sides) != 1:
        return False
    node = m.sides[0].node
    while node.kind == "paren":
        node = node.args[0]
    if node.kind != "prod" or len(node.args[0]) != 2:
        return False
    named = [n for n in node.args[0] if n.kind == "name"]
    if any(n.args[0] == "x" and not n.args[1] for n in named) and not any(
        n.args[0] in ("W", "w") and n.args[1] for n in named
    ):
        return False  # W x with no layer on the weight: a one-layer net's own (single_layer.py)
    bases = sorted(n.args[0] for n in named if n.args[1] or n.args[0] == "x")
    return (
        len(bases) == 2
        and bases[0] in ("W", "a", "h", "x")
        and bases[1] in ("W", "a", "h", "w", "x")
        and ("W" in bases or "w" in bases)
    )


def defined_vectors(matrices: list[MatrixStatement]) -> tuple[dict, set]:
    """Bare names the document defines (d2l: z = W^{(1)} x, h = φ(z), o = W^{(2)} h; MIT: g =
    f^2(z^2)): name -> (the network's base, the layer as written, 'W' when it is the layer of the
    W that feeds it, '' when it is the net input's own); and the rows defining a pre-activation
    with no bias (ids)."""
    vectors: dict[str, tuple[str, str, str]] = {}
    biasless: set[int] = set()
    for m in matrices:
        lhs = m.lhs
        if _layered_weighted(m):  # z^l = a^{(l-1)} \cdot w^l with no b (a question's own network)
            biasless.add(id(m))
            continue
        if lhs.kind != "name" or lhs.args[1] or lhs.args[2] or len(m.sides) != 1:
            continue
        node = m.sides[0].node
        while node.kind == "paren":
            node = node.args[0]
        first = node.args[0][0] if node.kind == "prod" else None
        if first is not None and first.kind == "name" and first.args[0] in ("W", "w") and first.args[1]:
            vectors[lhs.args[0]] = ("z", first.args[1], "W")
            biasless.add(id(m))
        elif weighted(node):  # z = W^{(2)} h + b^{(2)}: the bias written (defined_layers.py)
            vectors[lhs.args[0]] = ("z", weighted(node), "W")
        elif activated(node):  # h = \sigma(W^{(1)} x + b^{(1)})
            vectors[lhs.args[0]] = ("a", activated(node), "W")
        elif activated_product(node):  # h = \sigma(W^{(1)} x): the same without a bias
            vectors[lhs.args[0]] = ("a", activated_product(node), "W")
            biasless.add(id(m))
        elif node.kind == "call" and not node.args[0].endswith("_prime"):
            arg = node.args[1]
            if arg.kind == "name" and vectors.get(arg.args[0], ("",))[0] == "z":
                vectors[lhs.args[0]] = ("a", *vectors[arg.args[0]][1:])
            elif arg.kind == "name" and arg.args[0] in ("z", "Z") and _numbered(arg) and not arg.args[2]:
                if lhs.args[0] in NAMED or lhs.args[0] in LOSS_NAMES:
                    continue  # \hat{y} = \sigma(z^{[1]}): the output's own name, the definition checked
                vectors[lhs.args[0]] = ("a", arg.args[1], "")  # MIT's g = f^2(z^2): layer 2's output
    return vectors, biasless


# names the matrix layout reads without a layer (the input, the target, the output, a bare weight
# matrix of a one-layer net, Ng's batch capitals): defining one of them binds nothing
NAMED = frozenset({"a", "x", "y", "y_hat", "Y_hat", "m", "w", "W", "z", "A", "X", "Y", "Z"})


def _numbered(name: Node) -> bool:
    """Is a name's written layer one number or the top (z^2, z^{(2)}, z^{[2]}, z^L), not a letter
    that runs (z^l)?"""
    layer = name.args[1].strip("()[]{}")
    return layer.isdigit() or layer == "L"


def _body_assignments(statements: list, found: list[Loop]) -> dict[int, tuple[str, Node, int]]:
    """Loop header line -> (variable, meaning, line) of the last running assignment in its body."""
    out = {}
    for lp in found:
        inside = [
            s
            for s in statements
            if isinstance(s, MatrixStatement) and s.running and lp.first < s.line < lp.last
        ]
        if inside:
            out[lp.first] = (inside[-1].running, inside[-1].lhs, inside[-1].line)
    return out


def _shifted(node: Node, letter: str) -> Node:
    """node one step of the loop earlier (k -> k+1 in every layer written in k)."""

    def shift(n: Node) -> Node | None:
        if n.kind != "name" or not n.args[1]:
            return None
        m = _LAYER.fullmatch(n.args[1])
        if not m or m.group(2) != letter:
            return None
        s = int(m.group(3) or 0) + 1
        layer = m.group(1) + letter + (f"{s:+d}" if s else "")
        return Node("name", (n.args[0], layer, n.args[2], n.args[3]), n.pos)

    return _map(node, shift)


def _bound(
    m: MatrixStatement, assigned: dict, found: list[Loop], body_last: dict[int, tuple[str, Node, int]]
) -> MatrixStatement:
    """m with each running variable on its sides replaced by what it stands for here."""
    loop = next((lp for lp in found if lp.first < m.line < lp.last), None)
    meanings: dict[str, Node] = {}
    for var, history in assigned.items():
        before = [node for line, node in history if line < m.line]
        if loop is not None and loop.first in body_last:
            name, last, _ = body_last[loop.first]
            in_body = [line for line, _ in history if loop.first < line < m.line]
            if name == var and not in_body:  # the value the previous pass of the loop left
                meanings[var] = _shifted(last, loop.letter)
                continue
        if before:
            meanings[var] = before[-1]
    if not meanings:
        return m

    def sub(n: Node) -> Node | None:
        if n.kind == "name" and n.args[0] in meanings and not n.args[1] and not n.args[2]:
            return Node("paren", (meanings[n.args[0]], n.args[0]), n.pos)  # shown as written: g
        return None

    return _each(m, sub, sides_only=True)


def _without_regularizer(m: MatrixStatement, decay: tuple | None) -> MatrixStatement:
    """∇_θ J = X + λ∇_θ Ω(θ) -> ∇_θ J = X (J = L + λΩ: the term is the regularizer's part); with
    d2l's s = λ/2 Σ‖W‖²: ∂J/∂W = prod(∂J/∂o, ∂o/∂W) + prod(∂J/∂s, ∂s/∂W) = X + λW -> X."""
    if m.lhs.kind == "nabla":
        wrt = m.lhs.args[0]
    elif m.lhs.kind == "partial":
        wrt = m.lhs.args[1]
    else:
        return m
    sides = []
    for side in m.sides:
        node = side.node
        if node.kind == "sum":
            rest = tuple(t for t in node.args if not _regularizer_term(t[1], wrt, decay))
            if len(rest) < len(node.args) and rest:
                node = rest[0][1] if len(rest) == 1 and rest[0][0] == 1 else Node("sum", rest, node.pos)
        sides.append(replace(side, node=node, alt=side.alt if node is side.node else None))
    return replace(m, sides=tuple(sides))


def _regularizer_term(node: Node, wrt: Node, decay: tuple | None = None) -> bool:
    """λ ∇_θ Ω(θ) with the same θ; with d2l's weight decay s: prod(∂J/∂s, ∂s/∂θ) and λθ for a
    weight θ in s."""
    if node.kind == "prod":
        nodes, _ = node.args
        lam = [n for n in nodes if n.kind == "name" and n.args[0] == "lambda"]
        rest = [n for n in nodes if n not in lam]
        if len(lam) != 1 or len(rest) != 1:
            return False
        (other,) = rest
        if decay is not None and other.kind == "name" and same(other, wrt) and other.args[1] in decay[1]:
            return True
        return _regularizer_term(other, wrt)
    if node.kind == "chain" and decay is not None:
        first, second = node.args
        return (
            first.kind == "partial"
            and any(n.args[0] == decay[0] for n in _names(first.args[1]))
            and second.kind == "partial"
            and same(second.args[1], wrt)
        )
    return node.kind == "nabla" and node.args[1] == "Omega" and same(node.args[0], wrt)
