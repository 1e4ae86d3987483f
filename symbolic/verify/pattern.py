r"""A matrix written out (\begin{pmatrix} ... \end{pmatrix}, read by latex/matrix_published.py) at
one layer instance: its entries, with \dots, \cdots, \vdots standing for "the same pattern for the
units in between".

The pattern is read only when it is unambiguous: every entry written has the same form, and each
unit index in it is either the same everywhere, the entry's row, or its column (a letter, K or n,
in the last row or column: the count). The size comes from the side's other operand: a matrix with
dots is a whole side (or its transpose), sized by the left side. Anything else is `Unpatterned`:
the statement is not checked, with the reason.
"""

from __future__ import annotations

import itertools

import sympy as sp

from ..latex.matrix import Node

DOTS_FIX = r"write the entries out, or one first and one last entry of the same form around \dots"


class Unpatterned(Exception):
    """A matrix with dots whose pattern symprop cannot read (the reason)."""


def sized(node: Node, shape: tuple) -> Node:
    """The side `node` with its written matrix (whole, or transposed, in brackets) given the
    side's shape, so that its dots can be filled in."""
    if node.kind == "paren":
        return Node("paren", (sized(node.args[0], shape),), node.pos)
    if node.kind == "T":
        return Node("T", (sized(node.args[0], shape[::-1]),), node.pos)
    if node.kind == "matrix" and _has_dots(node):
        rows = node.args[0]
        if len(rows) == 1 and shape[1] == 1 < shape[0]:  # (δ_1 δ_2 \cdots) for a column: its entries
            rows = tuple((c,) for c in rows[0])
        return Node("matrix", (rows, shape), node.pos)
    return node


def _has_dots(node: Node) -> bool:
    return any(c.kind == "dots" for row in node.args[0] for c in row)


def cells(node: Node) -> list[list[Node]]:
    """The entries of a written matrix, dots filled in from the pattern (`Unpatterned` if not)."""
    rows, shape = node.args
    grid = [list(r) for r in rows]
    if not _has_dots(node):
        if len({len(r) for r in grid}) != 1:
            raise Unpatterned("a matrix whose rows have different lengths")
        return grid
    if shape is None:
        raise Unpatterned(r"a matrix with \dots inside a product: its size is not known")
    if len({len(r) for r in grid}) != 1:
        raise Unpatterned(r"a matrix with \dots whose rows have different lengths")
    row_of = _places([all(c.kind == "dots" for c in r) for r in grid], shape[0])
    col_of = _places([all(r[k].kind == "dots" for r in grid) for k in range(len(grid[0]))], shape[1])
    written = {
        (row_of[i], col_of[k]): c
        for i, r in enumerate(grid)
        for k, c in enumerate(r)
        if row_of[i] and col_of[k] and c.kind != "dots"
    }
    if any(c.kind == "dots" for i, r in enumerate(grid) for k, c in enumerate(r) if row_of[i] and col_of[k]):
        raise Unpatterned(r"\dots among the written entries of a row or column")
    return _filled(written, shape)


def _places(dotted: list[bool], size: int) -> list[int]:
    """The row (column) of the matrix each written row stands at, 0 for a row of dots: the rows
    before the dots are the first ones, those after it the last ones."""
    if dotted.count(True) > 1:
        raise Unpatterned(r"more than one \dots in a row or column")
    if True not in dotted:
        return list(range(1, len(dotted) + 1))
    gap = dotted.index(True)
    after = len(dotted) - gap - 1
    if gap + after > size:
        raise Unpatterned(f"more entries written than the {size} the matrix has")
    return [k + 1 for k in range(gap)] + [0] + [size - after + k + 1 for k in range(after)]


def _indices(node: Node, out: list[str]) -> Node:
    """node with its unit indices blanked; the indices (one per character, or per comma part)
    appended to `out`."""
    if node.kind == "name" and node.args[2]:
        index = node.args[2]
        parts = index.split(",") if "," in index else list(index)
        out.extend(parts)
        return Node("name", (*node.args[:2], "?" * len(parts), node.args[3]), 0)
    if node.kind == "isum" and len(node.args) > 3:  # Σ_{k≠1}: the unit left out, an index too
        body = _indices(node.args[2], out)
        out.append(node.args[3])
        return Node("isum", (*node.args[:2], body, "?"), 0)

    def arg(a):
        if isinstance(a, Node):
            return _indices(a, out)
        if isinstance(a, tuple):
            return tuple(arg(b) for b in a)
        return a

    return Node(node.kind, tuple(arg(a) for a in node.args), 0)


def _filled(written: dict, shape: tuple) -> list[list[Node]]:
    forms, values = {}, {}
    for at, c in written.items():
        out: list[str] = []
        forms[at] = _indices(c, out)
        values[at] = out
    if len(set(forms.values())) != 1:
        raise Unpatterned(r"the entries around \dots are not of one form")
    if len(written) < 2:
        raise Unpatterned(r"one entry beside \dots: its pattern cannot be told")
    first = next(iter(written))
    rules = [_rule(written, values, p, shape) for p in range(len(values[first]))]
    template = written[first]
    grid = []
    for r in range(1, shape[0] + 1):
        row = []
        for c in range(1, shape[1] + 1):
            parts = [value if rule == "same" else str(r if rule == "row" else c) for rule, value in rules]
            row.append(_with_indices(template, iter(parts)))
        grid.append(row)
    return grid


def _rule(written: dict, values: dict, p: int, shape: tuple) -> tuple[str, str]:
    """How index p of the entries goes: ('same', value), ('row', ''), ('col', '')."""
    seen = {at: values[at][p] for at in written}
    if len(set(seen.values())) == 1:
        return "same", next(iter(seen.values()))
    fits = []
    for k, rule in ((0, "row"), (1, "col")):
        last = {v for at, v in seen.items() if not v.isdigit() and at[k] == shape[k]}
        if all(v == str(at[k]) or not v.isdigit() and at[k] == shape[k] for at, v in seen.items()):
            if len(last) <= 1 and len({at[k] for at in seen}) > 1:
                fits.append(rule)
    if len(fits) != 1:
        raise Unpatterned(r"the indices of the entries around \dots follow no one pattern")
    return fits[0], ""


def _with_indices(node: Node, parts) -> Node:
    if node.kind == "name" and node.args[2]:
        n = len(node.args[2].split(",")) if "," in node.args[2] else len(node.args[2])
        mine = list(itertools.islice(parts, n))
        index = ",".join(mine) if any(len(x) > 1 for x in mine) else "".join(mine)
        return Node("name", (*node.args[:2], index, node.args[3]), node.pos)
    if node.kind == "isum" and len(node.args) > 3:
        body = _with_indices(node.args[2], parts)
        return Node("isum", (*node.args[:2], body, next(parts)), node.pos)

    def arg(a):
        if isinstance(a, Node):
            return _with_indices(a, parts)
        if isinstance(a, tuple):
            return tuple(arg(b) for b in a)
        return a

    return Node(node.kind, tuple(arg(a) for a in node.args), node.pos)


def value(ev, node: Node) -> sp.Matrix:
    """The written matrix at the evaluator's instance: each entry's value (1×1)."""
    grid = cells(node)
    out = []
    for row in grid:
        vals = []
        for c in row:
            m = ev.value(c)
            if m.shape != (1, 1):
                raise Unpatterned("an entry of a written matrix that is not a number")
            vals.append(m[0, 0])
        out.append(vals)
    return sp.Matrix(out)


def cell_factors(ev, node: Node, r: int, c: int) -> tuple | None:
    """Entry (r, c) of a side that is a written matrix (or its transpose), as the factors its
    cell writes (δ_1 a_4: two factors, so a fault is named at one); None for another side."""
    while node.kind == "paren":
        node = node.args[0]
    if node.kind == "T" and node.args[0].kind == "matrix":
        node, r, c = node.args[0], c, r
    if node.kind != "matrix":
        return None
    cell = cells(node)[r][c]
    while cell.kind == "paren":
        cell = cell.args[0]
    parts = list(cell.args[0]) if cell.kind == "prod" and set(cell.args[1]) == {"dot"} else [cell]
    values = [ev.value(p) for p in parts]
    if any(v.shape != (1, 1) for v in values):
        raise Unpatterned("an entry of a written matrix that is not a number")
    return tuple(v[0, 0] for v in values)
