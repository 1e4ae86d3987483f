r"""A wrong matrix statement in a document of row vectors, named in rows.

A document whose weights are input-by-output (vectors as rows, `Z1 = X @ W1`: orientation.py,
matrix_orientation.py) has its matrix statements read as symprop's columns first and as rows when
only rows fit (matrix_entries). A statement whose shapes fit in neither reading (a course's
`\partial L/\partial W^{[1]} = x^T \delta^{[2]}`, the output layer's δ where the hidden one's
belongs) is wrong; the one edit that makes it right is looked for in the columns, where the
document's correct line does not fit either (`x^T \delta^{[1]}` is right only as rows), so no edit
was found and the whole side was blamed. Here the edits are tried again in rows, and the fault is
said with the shapes of the rows reading (`wrong layer: wrote δ^{[2]}, expected δ^{[1]}`, factor 2).

Never for a document in columns, in Ng's Θ (a bias column first), or already read in rows. Pure.
"""

from __future__ import annotations

from dataclasses import replace

from .matrix import Evaluator, Missing, ShapeError
from .matrix_groups import Group


def name_in_rows(namer, g: Group, side: int, node):
    """The fault `namer` names with the statement read as rows (vectors as rows, W input-by-
    output), or None: `namer` is a matrix_faults.Namer in the columns' layout."""
    from .matrix_faults import Namer, shape_words

    lay = namer.lay
    if lay.rows or lay.bias_first or lay.weights != "input-by-output" or g.lhs is None:
        return None
    rows = replace(lay, rows=True)
    ev = Evaluator(rows, g.env)
    try:
        lhs = ev.value(g.statement.lhs)
    except (ShapeError, Missing):
        return None
    if lhs.shape != g.lhs.T.shape or lhs != g.lhs.T:  # the same entries, in rows
        return None
    fault = Namer(namer.net, namer.points, rows).name(replace(g, lhs=lhs, shape_error=None), side, node)
    if fault is None:
        return None
    try:
        value = ev.value(node)
        err = (
            None
            if value.shape == lhs.shape
            else ShapeError("the two sides", node, lhs.shape, value.shape, (g.statement.lhs, node))
        )
    except ShapeError as e:
        err = e
    except Missing:
        return fault
    if err is None:
        return fault
    return replace(fault, text=f"{fault.text} ({shape_words(err, g.env, rows)})")
