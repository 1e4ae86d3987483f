r"""Names a document defines as the loss's gradient by a vector (Clark's δ_1 = ∂J/∂θ, δ_2 = ∂J/∂z),
in the orientation the document's own uses give them.

A gradient by a column vector is a column in denominator layout (symprop's δ) and a row in
numerator layout (the Jacobian of a scalar by an n-vector is 1×n: δ_1 U with U the next layer's
weights, δ_1^T h^T in the shape of U). Which one a document writes is read off the document:

- A name is defined when a matrix statement's left side is a name without a layer that the
  network does not know, and its first side is ∂L/∂v (L a loss, v a vector of two entries or
  more). A name defined as two different derivatives is not.
- Every other statement that uses a defined name, or the derivative one stands for, is evaluated
  with the names (and those derivatives) as columns, then as rows. A statement whose shapes fit
  one way only is evidence for it.
- Rows when two lines or more fit only as rows, more than fit only as columns (a line that
  then misfits, δ_1 hᵀ for δ_1ᵀ hᵀ, has its missing transpose named); columns when no line fits
  only as rows; otherwise the layout is unsettled and the names stay unknown, with the reason
  (`UNSETTLED`): never judged in a layout the document does not settle.

In a row document, ∂L/∂v is a row wherever it is written (as a side, or as the end of a chain of
derivatives), and an element-wise product of a row with a column of as many entries
(δ_1 U ◦ ReLU'(z)) is taken entry by entry. Pure: statements and a layout in, the names out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex.matrix import ACCUMULATORS, MatrixStatement, Node
from .names import LOSS_NAMES

COLUMNS, ROWS = "columns", "rows"
UNSETTLED = (
    "{name} is defined as the loss's gradient by a vector, but the document uses it as a row "
    "(numerator layout) on {rows} and as a column (denominator layout) on {columns}"
)
ONE_LINE = (
    "{name} is defined as the loss's gradient by a vector and used as a row (numerator layout) on "
    "{rows} alone: one line does not settle the document's layout"
)
UNSETTLED_FIX = "write every use of it in one layout"
_KNOWN = {"x", "y", "a", "y_hat", "z", "h", "W", "w", "b", "m", "n", "N", "X", "Y", "A", "Z", "Theta"}


def _bare(node: Node) -> Node:
    while node.kind == "paren":
        node = node.args[0]
    return node


def _key(node: Node) -> tuple[str, str] | None:
    """(base, index) of a name without a layer the network does not know (δ_1, g, e_z), or None."""
    node = _bare(node)
    if node.kind != "name" or node.args[1]:
        return None
    base, index = node.args[0], node.args[2]
    if base in _KNOWN or base in ACCUMULATORS or base in LOSS_NAMES or f"{base}_{index}" in LOSS_NAMES:
        return None
    return base, index


def _loss_gradient(node: Node) -> Node | None:
    """∂L/∂v with L a loss named without a layer: the node, else None."""
    node = _bare(node)
    if node.kind != "partial":
        return None
    num = _bare(node.args[0])
    if num.kind != "name" or num.args[1] or num.args[0] not in LOSS_NAMES or num.args[2]:
        return None
    return node


def definitions(matrices: list[MatrixStatement]) -> dict[tuple[str, str], Node]:
    """(base, index) -> the derivative ∂L/∂v a statement defines it as (its first side)."""
    found: dict[tuple[str, str], Node] = {}
    twice: set[tuple[str, str]] = set()
    for m in matrices:
        key = _key(m.lhs)
        grad = _loss_gradient(m.sides[0].node) if key and m.sides else None
        if key is None or grad is None:
            continue
        if key in found and _text(found[key]) != _text(grad):
            twice.add(key)
        found.setdefault(key, grad)
    return {k: v for k, v in found.items() if k not in twice}


def _text(node: Node) -> str:
    """A node's shape, positions left out (two writings of one derivative compare equal)."""
    parts = [node.kind]
    for a in node.args:
        if isinstance(a, Node):
            parts.append(_text(a))
        elif isinstance(a, tuple):
            parts.append("(" + ",".join(_text(b) if isinstance(b, Node) else repr(b) for b in a) + ")")
        else:
            parts.append(repr(a))
    return "[" + " ".join(parts) + "]"


def _oriented(lay, defs: dict, way: str):
    """The layout with the defined names' values and, for rows, the vectors whose gradients are rows."""
    from .matrix import Evaluator, Missing, ShapeError

    ev = Evaluator(lay, {})
    values, by = {}, set()
    for key, grad in defs.items():
        try:
            value = ev.value(grad)
        except (Missing, ShapeError):
            continue
        if value.shape[1] != 1 or value.shape[0] < 2:
            continue
        den = ev.value(grad.args[1])
        by.add(tuple(den))
        values[key] = value.T if way == ROWS else value
    return replace(lay, gradients=values, row_by=frozenset(by) if way == ROWS else frozenset())


def _uses(node: Node, keys: set, dens: set) -> bool:
    if node.kind == "name" and (node.args[0], node.args[2]) in keys and not node.args[1]:
        return True
    if node.kind == "partial" and _loss_gradient(node) is not None and _text(node.args[1]) in dens:
        return True
    for a in node.args:
        if isinstance(a, Node) and _uses(a, keys, dens):
            return True
        if isinstance(a, tuple) and any(isinstance(b, Node) and _uses(b, keys, dens) for b in _flat(a)):
            return True
    return False


def _flat(args: tuple):
    for b in args:
        if isinstance(b, tuple):
            yield from _flat(b)
        else:
            yield b


def fits(lay, m: MatrixStatement) -> bool | None:
    """Do m's sides fit its left side's shape at the instance without letters? None when it says
    nothing (a name this network lacks, a left side that does not evaluate, no side compared)."""
    from .matrix import Evaluator, Missing, ShapeError

    ev = Evaluator(lay, {})
    try:
        lhs = ev.value(m.lhs)
    except (Missing, ShapeError):
        return None
    compared = 0
    for side in m.sides:
        for node in (side.node,) if side.alt is None else (side.node, side.alt):
            try:
                value = ev.value(node)
            except Missing:
                return None
            except ShapeError as err:
                if err.what == "the derivative of a vector":  # a Jacobian shorthand: no shape said
                    break
                continue
            if value.shape == lhs.shape:
                compared += 1
                break
        else:
            return False
    return True if compared else None


def read(lay, matrices: list[MatrixStatement]):
    """(the layout with the defined names bound in the orientation the document settles,
    {(base, index): reason} for names left unknown because the document uses them both ways)."""
    from .matrix import GREEK
    from .matrix_groups import free_letters

    defs = definitions(matrices)
    if not defs:
        return lay, {}
    keys = set(defs)
    dens = {_text(g.args[1]) for g in defs.values()}
    ways = {way: _oriented(lay, defs, way) for way in (COLUMNS, ROWS)}
    if not ways[COLUMNS].gradients:
        return lay, {}
    only: dict[str, set[int]] = {COLUMNS: set(), ROWS: set()}
    for m in matrices:
        if free_letters(m) or not any(_uses(n, keys, dens) for n in (m.lhs, *(s.node for s in m.sides))):
            continue
        said = {way: fits(ways[way], m) for way in ways}
        if said[COLUMNS] is True and said[ROWS] is False:
            only[COLUMNS].add(m.line)
        elif said[ROWS] is True and said[COLUMNS] is False:
            only[ROWS].add(m.line)
    if not only[ROWS]:
        return ways[COLUMNS], {}
    if len(only[ROWS]) >= 2 and len(only[ROWS]) > len(only[COLUMNS]):
        return ways[ROWS], {}  # a line that fits only as a column is then judged in rows: its slip named
    rows, columns = (_lines(only[w]) for w in (ROWS, COLUMNS))
    notes = {}
    for base, index in defs:
        name = GREEK.get(base, base) + (f"_{index}" if index else "")
        why = UNSETTLED if only[COLUMNS] else ONE_LINE
        notes[base, index] = why.format(name=name, rows=rows, columns=columns)
    return replace(lay, unsettled=notes), notes


def as_written(lay, den: sp.Matrix, gradient: sp.Matrix) -> sp.Matrix:
    """∂L/∂v (its entries as a column, v's shape) as the document writes it: a row where its v's
    gradient is a row (`Layout.row_by`)."""
    if den.shape[1] == 1 and den.shape[0] > 1 and tuple(den) in lay.row_by:
        return gradient.T
    return gradient


def entry_by_entry(lay, a: sp.Matrix, b: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    """The operands of an element-wise product: in a row document, a column beside a row of as
    many entries (δ_1 U ◦ ReLU'(z): the row gradient times the derivative at each entry) as a row."""
    if not lay.row_by or a.shape == b.shape or a.shape != b.T.shape or 1 not in a.shape:
        return a, b
    return (a.T, b) if a.shape[1] == 1 else (a, b.T)


def _lines(lines: set[int]) -> str:
    ordered = [str(n) for n in sorted(lines)]
    if not ordered:
        return "no line"
    if len(ordered) == 1:
        return f"line {ordered[0]}"
    return "lines " + ", ".join(ordered[:-1]) + " and " + ordered[-1]


def unsettled(lay, m: MatrixStatement) -> str:
    """Why m is not checked when it uses a name whose orientation the document leaves open, or ''."""
    from .matrix import _names

    for node in _names(m):
        if not node.args[1] and (node.args[0], node.args[2]) in lay.unsettled:
            return lay.unsettled[node.args[0], node.args[2]]
    return ""
