r"""The derivative of a vector written as a matrix (a Jacobian shorthand), read as the matrix of
its entries in the one layout its right side's shape allows, so that every entry is judged.

- An element-wise map (∂a^l/∂z^l for an element-wise activation, ∂z^l/∂b^l): its Jacobian is
  diagonal, the same in every layout; its diagonal (a column, σ'(z^l)) or the whole square matrix
  is judged as written (reading `DIAGONAL`).
- Another derivative of a vector u (n entries) by a vector v (m entries), ∂z^l/∂a^{l-1}: the
  matrix of ∂u_i/∂v_j (numerator layout, n×m: W^l) or its transpose (denominator layout, m×n:
  (W^l)ᵀ), whichever the right side's shape is (`NUMERATOR`, `DENOMINATOR`; a square one is read
  in numerator layout, `SQUARE` says the transpose is to be tried too).
- A net input by its weights, ∂z^l/∂W^l (the entries ∂z_i/∂W_ik = a_k, the same for every i):
  the row of unit 1's (a^{l-1})ᵀ, in the shape of W (`SHAPE`, the convention whose ∂L/∂W = δ aᵀ),
  or that column (`TRANSPOSED`), as the right side's shape is.
A right side of a shape neither layout gives is read in the one nearer it (a column: the
denominator's, the transposed), so that the shapes that do not fit are named.
Which layout the document uses is for layout_votes.py to say. Pure: matrices in, a matrix out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import PARTIAL
from ..latex.matrix import Node
from .gradient_names import as_written

DIAGONAL, NUMERATOR, DENOMINATOR = "diagonal", "numerator", "denominator"
SHAPE, TRANSPOSED = "shape", "transposed"
_RAW = re.compile(r"^([a-zA-Z]+)_(\d+),(\d+)(?:,(\d+))?$")


def _parts(e) -> tuple[str, int, tuple[int, ...]] | None:
    """A raw entry name's (base, layer, indices): 'a_2,3' -> ('a', 2, (3,)); else None."""
    if not isinstance(e, sp.Symbol):
        return None
    m = _RAW.match(e.name)
    if m is None:
        return None
    rest = tuple(int(x) for x in m.groups()[2:] if x is not None)
    return m.group(1), int(m.group(2)), rest


def elementwise(num: sp.Matrix, den: sp.Matrix, whole: frozenset) -> bool:
    """Is u = num an element-wise map of v = den: a^l of z^l (an element-wise activation), z^l of
    b^l? Entry i of each, of one layer, for every i."""
    if num.shape != den.shape or num.shape[1] != 1 or num.shape[0] < 2:
        return False
    if _called(num, den, whole):
        return True
    pairs = {("a", "z"), ("z", "b")}
    for u, v in zip(num, den):
        pu, pv = _parts(u), _parts(v)
        if pu is None or pv is None or (pu[0], pv[0]) not in pairs or pu[1:] != pv[1:]:
            return False
        if pu[0] == "a" and pu[1] in whole:  # softmax: every output depends on every input
            return False
    return True


def _called(num: sp.Matrix, den: sp.Matrix, whole: frozenset) -> bool:
    """Is u = f(v) written as a call, one function of one argument on each entry (Raschka's
    ∂φ(z^{(h)})/∂z^{(h)}: entry i φ(z_i)), v the net input z^l of a layer whose activation is
    element-wise (not the softmax's, `whole`)?"""
    funcs = set()
    for u, v in zip(num, den):
        pv = _parts(v)
        if not isinstance(u, sp.Function) or u.args != (v,) or pv is None or pv[0] != "z" or pv[1] in whole:
            return False
        funcs.add(u.func)
    return len(funcs) == 1


def _by_weights(num: sp.Matrix, den: sp.Matrix) -> bool:
    """Is num the net input z^l and den the weight matrix W^l into it (row i into unit i)?"""
    if num.shape[1] != 1 or den.shape[0] != num.shape[0] or den.shape[1] < 2 or num.shape[0] < 2:
        return False
    for i, z in enumerate(num):
        pz = _parts(z)
        if pz is None or pz[0] != "z":
            return False
        for k in range(den.shape[1]):
            pw = _parts(den[i, k])
            if pw is None or pw[0] != "W" or pw[1] != pz[1] or pw[2][0] != pz[2][0]:
                return False
    return True


def reading(ev, lhs: Node, shapes: list[tuple[int, int]]) -> tuple[sp.Matrix, str] | None:
    """The left side ∂u/∂v (u a vector) as a matrix of entries, and its reading, when the right
    sides' shapes (`shapes`, of those that evaluate) allow one; None when none does."""
    if lhs.kind != "partial":
        return None
    try:
        num, den = (ev.value(a) for a in lhs.args)
    except Exception:  # a name this instance lacks: the caller's error stands
        return None
    if num.shape[1] != 1 or num.shape[0] < 2:
        return None
    target = shapes[-1] if shapes else None
    n = num.shape[0]
    if den.shape[1] == 1:
        m = den.shape[0]
        full = sp.Matrix(n, m, lambda i, j: PARTIAL(num[i], den[j]))
        if elementwise(num, den, ev.lay.whole):
            if target == (n, n):
                return full, DIAGONAL
            return sp.Matrix(n, 1, lambda i, _: PARTIAL(num[i], den[i])), DIAGONAL
        if target is None or target[1] == 1:
            return None  # a column for a full Jacobian (softmax's a ⊙ (1 - a)): a shorthand, not a layout
        if target == (m, n) or (target != (n, m) and target[1] == n):
            return full.T, DENOMINATOR  # or a shape in neither layout, its columns the numerator's
        return full, NUMERATOR
    if _by_weights(num, den) and target is not None:
        q = den.shape[1]
        row = sp.Matrix(1, q, lambda _, k: PARTIAL(num[0], den[0, k]))
        return (row.T, TRANSPOSED) if target[1] == 1 and target != (1, 1) else (row, SHAPE)
    return None


def side_shapes(ev, sides) -> list[tuple[int, int]]:
    """The shapes of the right sides that evaluate as written (a Jacobian inside one does not)."""
    out = []
    for _, _, node in sides:
        try:
            out.append(ev.value(node).shape)
        except Exception:  # a side that does not evaluate alone (A ⊙ B · C, a chain): no shape
            continue
    return out


def _number(node: Node) -> Node | None:
    """A number written alone, or I (the identity matrix: 1 on its diagonal), as a number."""
    while node.kind == "paren":
        node = node.args[0]
    if node.kind == "num":
        return node
    if node.kind == "name" and node.args[0] == "I" and not any(node.args[1:3]):
        return Node("num", (1,), node.pos)
    return None


def diagonal_side(g, node: Node, value: sp.Matrix, shape: tuple) -> tuple[Node, sp.Matrix]:
    """∂z^l/∂b^l = 1 (or I, or 0) read as its diagonal: the number on every entry of the diagonal
    column; any other side as it is."""
    number = _number(node)
    if g is None or g.jacobian != DIAGONAL or value.shape != (1, 1) or shape[1] != 1 or number is None:
        return node, value
    return number, sp.ones(*shape) * number.args[0]


MAX_PATHS = 512  # terms of the sum over a chain's intermediate entries, per entry


def chain_value(ev, node: Node) -> sp.Matrix | None:
    """∂L/∂a^{l} ∂a^{l}/∂z^{l} ∂z^{l}/∂W^{l}, the chain rule written as derivatives alone (linked,
    left to right or right to left), with a derivative of a vector among them: entry by entry,
    the sum over the intermediate quantities' entries of the products of their derivatives, the
    same in every layout (the order of a matrix product is the layout's, the sum is not). None
    for any other product, and for a chain whose every derivative is of a scalar (a plain
    product)."""
    if node.kind != "prod":
        return None
    factors = _factors(node)
    if len(factors) < 2 or any(f.kind != "partial" for f in factors):
        return None
    try:
        parts = [tuple(ev.value(a) for a in f.args) for f in factors]
    except Exception:  # a name this instance lacks: the product's own error stands
        return None
    if all(num.shape == (1, 1) for num, _ in parts):
        return None
    linked = all(list(parts[i][1]) == list(parts[i + 1][0]) for i in range(len(parts) - 1))
    if not linked:
        parts = parts[::-1]
        if not all(list(parts[i][1]) == list(parts[i + 1][0]) for i in range(len(parts) - 1)):
            return None
    top, bottom = parts[0][0], parts[-1][1]
    inner = [list(num) for num, _ in parts[1:]]
    count = 1
    for entries in inner:
        count *= len(entries)
    if top.shape != (1, 1) or bottom.shape == (1, 1) or count > MAX_PATHS:
        return None  # (a chain ending in one entry, ∂a/∂z_1, mixes a vector's shorthand with entries)
    return as_written(ev.lay, bottom, bottom.applyfunc(lambda e: _paths(top[0, 0], inner, e)))


def _factors(node: Node) -> list[Node]:
    """A product's factors, a parenthesised matrix product among them spliced in (Prince's
    ∂h_2/∂f_1 ∂f_2/∂h_2 (∂h_3/∂f_2 ∂f_3/∂h_3 ∂l/∂f_3): one chain)."""
    out: list[Node] = []
    for f in node.args[0]:
        f = _bare(f)
        if f.kind == "prod" and all(op == "dot" for op in f.args[1]):
            out += _factors(f)
        else:
            out.append(f)
    return out


def _paths(top, inner: list[list], bottom) -> sp.Expr:
    terms = []
    for path in _tuples(inner):
        chain = [top, *path, bottom]
        terms.append(sp.Mul(*[PARTIAL(chain[i], chain[i + 1]) for i in range(len(chain) - 1)]))
    return sp.Add(*terms)


def _tuples(inner: list[list]):
    if not inner:
        yield ()
        return
    for first in inner[0]:
        for rest in _tuples(inner[1:]):
            yield (first, *rest)


def _bare(node: Node) -> Node:
    while node.kind == "paren":
        node = node.args[0]
    return node


def as_rows(node: Node) -> Node:
    """A side with each derivative of a scalar by a vector (∂C/∂z^{(3)}) read as a row, as
    numerator layout writes it (∂C/∂z^{(3)} W^{(3)}: a row times W); the rest as written."""
    if node.kind == "partial":
        den = _bare(node.args[1])
        return Node("T", (node,), node.pos) if den.kind == "name" else node
    if node.kind == "prod":
        nodes, ops = node.args
        return Node("prod", (tuple(as_rows(n) for n in nodes), ops), node.pos)
    if node.kind == "paren":
        return Node("paren", (as_rows(node.args[0]),), node.pos)
    return node


def hadamard_factors(ev, nodes: tuple, ops: tuple) -> list[sp.Matrix | None]:
    """Each factor of a product beside ⊙ that is the Jacobian of an element-wise map (Raschka's
    δ^{(out)} (W^{(out)})^T ⊙ ∂φ(z^{(h)})/∂z^{(h)}): its diagonal, ∂u_i/∂v_i in the shape of v,
    the one reading an element-wise product with a vector allows, the same in every layout; None
    for every other factor (valued as written)."""
    out: list[sp.Matrix | None] = []
    for i, node in enumerate(nodes):
        beside = (i > 0 and ops[i - 1] == "had") or (i < len(ops) and ops[i] == "had")
        out.append(_diagonal(ev, node) if beside else None)
    return out


def _diagonal(ev, node: Node) -> sp.Matrix | None:
    while node.kind == "paren":
        node = node.args[0]
    if node.kind != "partial":
        return None
    try:
        num, den = (ev.value(a) for a in node.args)
    except Exception:  # a name this instance lacks: the product's own error stands
        return None
    if num.shape != den.shape or 1 not in num.shape:
        return None
    column = (num.reshape(len(num), 1), den.reshape(len(den), 1))
    if not elementwise(*column, ev.lay.whole):
        return None
    return sp.Matrix(*den.shape, [PARTIAL(u, v) for u, v in zip(num, den)])
