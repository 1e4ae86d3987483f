r"""Which layer a weight matrix's superscript names: the layer it feeds, or the layer it leaves.

Textbooks split: W^l feeds layer l in Nielsen (w^l_{jk}), Wikipedia's matrix form
(δ^{l-1} = (f^{l-1})' ∘ (W^l)^T δ^l), Goodfellow (W^{(k)} h^{(k-1)}) and Ng's W^{[l]}; W^{(l)} and
Θ^{(l)} leave layer l in UFLDL (δ^{(l)} = ((W^{(l)})^T δ^{(l+1)}) ∙ f'(z^{(l)})) and Ng's ex4. A
document shows which by what it multiplies a weight with, whatever it calls its layers:
- (W^e)^T δ^f (or W^e δ^f, a transpose left out), in rows (δ^f)^T W^e or δ^f (W^e)^T,
  \sum_j W_{ji}^e δ_j^f, ∂/∂W^e = δ^f ..., and Ng's dz^{[f]}: δ^f is of the layer W^e feeds;
- W^e a^f, \sum_k w_{jk}^e a_k^f, and ∇_{W^e} = ... (a^f)^T: a^f (or h^f) is of the layer it leaves.
Each such product is a vote: f - e = 0 for δ (or -1 for a) says "into", 1 for δ (0 for a)
says "out-of". The majority decides, for capital W and Θ apart from lowercase w (a document may
write Nielsen's w^l beside Ng's Δ^{(l)}); no vote or a tie leaves the reader's default (`layer_of`).
Pure: statements in, a word out; `--weight-layers` overrides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import sympy as sp
from sympy.core.function import AppliedUndef

from ..latex import Partial, Statement
from ..latex.matrix import MatrixStatement
from ..latex.matrix_rows import Node
from ..latex.statements import SUMMATION
from .matrix_nodes import tree_nodes
from .symbols import LAYERED, expressions

CHOICES = ("into", "out-of")
WEIGHTS = ("W", "w", "Theta")
ERRORS = ("delta",)  # of the layer a weight feeds
INPUTS = ("a", "A", "h", "o")  # of the layer a weight leaves (x has no layer)
# l+1, (l), [l-1], L, n_l, 3: (head, signed shift); a number is a shift from '' (never empty)
_LAYER = re.compile(r"[\[(]?(nl|n_l|L|[A-Za-z]|)([+-]?\d+)?[)\]]?")


def layer_of(base: str, written: int, off: int, layers: str | tuple, out_of: bool = False) -> int:
    """The network's layer (1 = the first weight layer) of a weight or bias written with layer
    `written`: `off` 1 when the document counts from the input (a^{(1)} = x). `layers`: 'into' or
    'out-of' for every weight (an option), or per family as `detect` read them (lowercase w; W
    and Θ); '' keeps the reader's old rule: lowercase w feeds its layer, W and Θ leave it when
    counted from the input. b goes with W and Θ in a document that writes them (`out_of`), else
    with w."""
    family = "w" if base == "w" or (base == "b" and not out_of) else "W"
    direction = dict(layers).get(family, "") if isinstance(layers, tuple) else layers
    if direction == "into":
        return written - off
    if direction == "out-of":
        return written - off + 1
    if base in WEIGHTS:
        return written - 1 if base == "w" and off else written
    return written if out_of else written - off


def difference(f: str, e: str) -> int | None:
    """f - e for two written layers (l+1 and l: 1; 3 and 2: 1; L and L-1: 1), or None."""
    mf, me = _LAYER.fullmatch(f.replace(" ", "")), _LAYER.fullmatch(e.replace(" ", ""))
    if not mf or not me or not f.strip() or not e.strip():
        return None
    (hf, sf), (he, se) = mf.groups(), me.groups()
    if hf != he:
        return None
    return int(sf or "0") - int(se or "0")


def _vote(kind: str, f: str, e: str, base: str) -> tuple[str, str]:
    """(family, 'into' | 'out-of' | '') for a name of `kind` ('error' or 'input') at layer f
    beside the weight `base`^e."""
    family = "w" if base == "w" else "W"
    diff = difference(f, e)
    if diff is None:
        return family, ""
    into, out = (0, 1) if kind == "error" else (-1, 0)
    return family, "into" if diff == into else "out-of" if diff == out else ""


# ------------------------------------------------------------------------------ matrix statements


def _bare(n: Node) -> Node:
    while n.kind == "paren" and isinstance(n.args[0], Node):
        n = n.args[0]
    return n


def _name(n: Node, bases: tuple) -> Node | None:
    n = _bare(n)
    return n if n.kind == "name" and n.args[0] in bases and n.args[1] else None


def _error(n: Node) -> str:
    """The layer of δ^f, of Ng's dz^{[f]} / dZ^{[f]} or of ∇_{z^f} J (written), else ''."""
    n = _bare(n)
    if n.kind == "nabla" and isinstance(n.args[0], Node):
        z = _name(n.args[0], ("z", "Z"))
        return z.args[1] if z is not None else ""
    d = _name(n, ERRORS)
    return d.args[1] if d is not None else ""


def _first(n: Node) -> Node:
    """The leftmost operand of a product (δ^f in δ^f ⊙ σ'(z^f))."""
    n = _bare(n)
    while n.kind == "prod":
        n = _bare(n.args[0][0])
    return n


def _matrix_votes(m: MatrixStatement) -> list[tuple[str, str]]:
    votes = []
    for side in m.sides:
        for n in tree_nodes(side.node):
            if n.kind != "prod":
                continue
            nodes, ops = n.args
            for a, b, op in zip(nodes, nodes[1:], ops):
                if op != "dot":
                    continue
                a, b = _bare(a), _first(b)
                w = _name(a.args[0] if a.kind == "T" else a, WEIGHTS)
                if w is not None and (f := _error(b)):  # W^T δ (or W δ, the transpose left out)
                    votes.append(_vote("error", f, w.args[1], w.args[0]))
                elif (w := _name(a, WEIGHTS)) and (x := _name(b, INPUTS)):
                    votes.append(_vote("input", x.args[1], w.args[1], w.args[0]))
                elif (w := _name(b.args[0] if b.kind == "T" else b, WEIGHTS)) and (
                    f := _error(a.args[0] if a.kind == "T" else a)
                ):  # (δ^f)^T W^e, δ^f (W^e)^T: rows, δ of the layer W feeds as in W^T δ
                    votes.append(_vote("error", f, w.args[1], w.args[0]))
    lhs = _bare(m.lhs)
    target = lhs.args[0] if lhs.kind == "nabla" else lhs.args[1] if lhs.kind == "partial" else None
    w = _name(target, WEIGHTS) if isinstance(target, Node) else None
    if w is not None:  # ∇_{W^e} J = δ^f (a^g)^T
        for side in m.sides:
            for n in tree_nodes(side.node):
                if f := _error(n):
                    votes.append(_vote("error", f, w.args[1], w.args[0]))
                elif n.kind == "T" and (x := _name(n.args[0], INPUTS)):
                    votes.append(_vote("input", x.args[1], w.args[1], w.args[0]))
    return votes


# ------------------------------------------------------------------------------ scalar statements


def _code(s: sp.Symbol) -> tuple[str, str, str] | None:
    """('W', 'ji', 'l') for the reader's W_ji@l."""
    m = LAYERED.fullmatch(s.name)
    return (m.group(1), m.group(2) or "", m.group(3)) if m else None


def _shares(a: str, b: str) -> bool:
    return bool(set(a) & set(b) - set("0123456789,"))


def _sum_votes(e: sp.Basic) -> list[tuple[str, str]]:
    votes = []
    for s in sp.preorder_traversal(e):
        if getattr(s, "func", None) != SUMMATION:
            continue
        var = s.args[1].name
        names = [c for c in map(_code, s.args[0].atoms(sp.Symbol)) if c and var in c[1]]
        # a backward sum (δ, or σ'(z) 2(a - y) written out) sums over the layer a weight feeds:
        # its a_j are of that layer; only a forward sum's a_k are of the layer the weight leaves
        backward = any(c[0] in ERRORS for c in names) or bool(s.args[0].atoms(AppliedUndef))
        for w in (c for c in names if c[0] in WEIGHTS):
            for base, _sub, lay in names:
                if base in ERRORS:
                    votes.append(_vote("error", lay, w[2], w[0]))
                elif base in INPUTS and not backward:
                    votes.append(_vote("input", lay, w[2], w[0]))
    return votes


def _scalar_votes(stmt: Statement) -> list[tuple[str, str]]:
    exprs = expressions(stmt)
    votes = [v for e in exprs for v in _sum_votes(e)]
    if isinstance(stmt.lhs, Partial) and isinstance(stmt.lhs.den, sp.Symbol):
        w = _code(stmt.lhs.den)
        if w and w[0] in WEIGHTS:  # ∂E/∂w^e_{jk} = a^{e-1}_k δ^e_j: the δ sharing an index
            for e in exprs[2:]:
                for c in map(_code, e.atoms(sp.Symbol)):
                    if c and c[0] in ERRORS and _shares(c[1], w[1]):
                        votes.append(_vote("error", c[2], w[2], w[0]))
    return votes


def detect(statements: Iterable) -> tuple:
    """(('W', 'into'), ('w', 'out-of')): per family of weight names (W and Θ; lowercase w), what
    the document's products of them say; a family without a majority is left out."""
    votes: list[tuple[str, str]] = []
    for s in statements:
        if isinstance(s, MatrixStatement):
            votes += _matrix_votes(s)
        elif isinstance(s, Statement):
            votes += _scalar_votes(s)
    out = []
    for family in ("W", "w"):
        mine = [v for f, v in votes if f == family]
        into, leave = mine.count("into"), mine.count("out-of")
        if into != leave:
            out.append((family, "into" if into > leave else "out-of"))
    return tuple(out)
