r"""A worked example in batch capitals whose batch is one example: `X = A^{[0]} = \begin{bmatrix} 0.5
\\ -0.2 \end{bmatrix}`, then \frac{\partial J}{\partial W^{[2]}} = \delta^{[2]} (A^{[1]})^T.

Ng's capitals (X, Y, A^{[l]}, Z^{[l]}) hold one column per example, and a statement that sums over
the examples (a batch matrix transposed, 1/m, np.sum) is checked at m > 1 examples as well
(batch.py, batch_check.py). A document that writes its input or target as a column of numbers
says its batch has one example: its capitals are that example's vectors, δ^{[2]} beside A^{[1]}
mixes nothing, and m = 1 is the only case it claims. Its statements are judged on that one
example, as every batch statement is (matrix.BATCH), without the m > 1 half.
Pure: the document's matrix statements in, a yes or no out.
"""

from __future__ import annotations

from ..latex.matrix import MatrixStatement, Node
from .batch import nodes
from .symbols import _symbols

_GIVEN = {"X", "Y"}  # the batch's input and target; A^{[0]} is X


def _given_name(node: Node) -> bool:
    if node.kind != "name":
        return False
    base, layer = node.args[0], str(node.args[1]).strip("[(){}]")
    return base in _GIVEN or (base == "A" and layer == "0")


def _column(node: Node) -> bool:
    """A matrix written out with one column (and more than one row)."""
    if node.kind != "matrix":
        return False
    rows = node.args[0]
    return len(rows) > 1 and all(len(row) == 1 for row in rows)


def _width(node: Node) -> int:
    return len(node.args[0][0]) if node.kind == "matrix" and node.args[0] else 0


def _given_shapes(matrices: list[MatrixStatement]) -> tuple[bool, bool]:
    """(X, Y or A^{[0]} written as one column of numbers somewhere, as several columns somewhere)."""
    columns = wide = False
    for s in matrices:
        names = [s.lhs, *(side.node for side in s.sides)]
        if not any(_given_name(n) for n in names):
            continue
        for side in s.sides:
            columns |= _column(side.node)
            wide |= _width(side.node) > 1
    return columns, wide


def one_example(matrices: list[MatrixStatement]) -> bool:
    """Whether the document writes X, Y or A^{[0]} as one column of numbers, and never as a
    matrix of several columns."""
    columns, wide = _given_shapes(matrices)
    return columns and not wide


def batch_given(matrices: list[MatrixStatement]) -> bool:
    """Whether the document gives X, Y or A^{[0]} as a matrix of several columns: a batch, whatever
    else it writes (never read as one example by `unbatched`)."""
    return _given_shapes(matrices)[1]


_SUMS = {"rowsum", "colsum", "allsum"}  # np.sum(..., axis=1): a sum over the examples


def unbatched(statements) -> bool:
    """Whether the document writes nothing that runs over examples: no m (their count, 1/m), no
    sum over a batch's columns (np.sum(..., axis=1)). Its capitals are then one example's vectors
    (MIT 6.390's A^l, Z^l \\in R^{d_l x 1}, with dL/dW^l = A^{l-1} (dL/dZ^l)^T): a product with a
    capital transposed is an outer product, not a sum over examples."""
    for s in statements:
        if isinstance(s, MatrixStatement):
            every = [n for root in (s.lhs, *(side.node for side in s.sides)) for n in nodes(root)]
            if any(n.kind == "name" and n.args[0] == "m" for n in every):
                return False
            if any(n.kind == "call" and n.args[0] in _SUMS for n in every):
                return False
        elif any(x.name == "m" for x in _symbols(s)):
            return False
    return True


BATCH_GIVEN = (
    "a batch of {n} examples written out (one column each): symprop reads these capitals as one "
    "example's column and checks numbers on one example"
)
BATCH_FIX = "give one example's values as a column (X = [0.5; -0.2])"
_CAPITALS = {"A", "Z", "X", "Y"}


def batch_written(lhs: Node, side: Node | None, left: tuple, right: tuple) -> str:
    """Why `X = [1 0; -1 1; 2 0]` (a batch capital equal to a written matrix of several columns,
    its rows the column's) is not checked, or '' when it is not that."""
    if side is None or side.kind != "matrix" or lhs.kind != "name" or lhs.args[0] not in _CAPITALS:
        return ""
    if lhs.args[2] or len(left) != 2 or len(right) != 2:
        return ""
    if left[1] == 1 and right[1] > 1 and left[0] == right[0]:
        return BATCH_GIVEN.format(n=right[1])
    return ""
