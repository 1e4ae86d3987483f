"""Matrix statements whose shapes differ from symprop's only by a layout convention: said not
checked with the reason, never wrong.

- A derivative of a vector by a vector or a matrix (a Jacobian: ∂a/∂z written as ReLU'(z), ∂z/∂W
  as a) has no fixed layout in published notes (numerator or denominator layout, or its diagonal
  for an element-wise map); symprop does not evaluate it.
- A derivative of a scalar whose whole side is the transpose of symprop's (denominator layout: the
  shape of what it is taken by) is right in numerator layout: which one the document uses it does
  not say.
Pure: a folded matrix group in, a reason (or '') out.
"""

from __future__ import annotations

from ..latex.matrix import Node
from .jacobians import as_rows
from .one_example import BATCH_FIX, batch_written

JACOBIAN = (
    "a derivative of a vector by a vector or matrix (a Jacobian), written in a shorthand whose "
    "layout varies (numerator, denominator, its diagonal): symprop does not evaluate it"
)
JACOBIAN_FIX = r"write it per entry (\frac{\partial a_j}{\partial z_j} = ...) or as the gradient of the loss"
LAYOUT = (
    "the transpose of symprop's {what} (denominator layout, the shape of what it is taken by): "
    "right in numerator layout, which the document does not say it uses"
)
LAYOUT_FIX = "write the gradient in the shape of the quantity it is taken by, or say the layout"


def question(namer, g, side_node: Node | None) -> tuple[str, str]:
    """(reason, fix) when group `g`'s shape error is a layout question, else ('', '')."""
    if g.shape_error is None:
        return "", ""
    k, err = g.shape_error
    if err.what == "the derivative of a vector":
        return JACOBIAN, JACOBIAN_FIX
    lhs = g.statement.lhs
    batch = batch_written(lhs, side_node, err.left, err.right) if err.what == "the two sides" else ""
    if batch:  # X = [1 0; -1 1; 2 0]: two examples written out (one_example.py)
        return batch, BATCH_FIX
    if k < 0 or side_node is None or lhs.kind not in ("partial", "nabla") or g.lhs is None:
        return "", ""
    truth = namer.truth(g)
    rows = as_rows(side_node)  # ∂C/∂z W: the gradient by z a row, as numerator layout has it
    for node in (side_node, rows) if rows != side_node else (side_node,):
        if truth is not None and namer.fits(g, Node("T", (node,), node.pos), truth):
            return LAYOUT.format(what="gradient" if lhs.kind == "nabla" else "derivative"), LAYOUT_FIX
    return "", ""
