r"""Statements over a batch of m examples (Ng's vectorized form: A^{[1]}, Z^{[2]}, X, Y hold one
column per example).

A batch statement that works column by column (dZ^{[2]} = A^{[2]} - Y,
dZ^{[1]} = W^{[2]T} dZ^{[2]} * g^{[1]\prime}(Z^{[1]})) says the same of every example and is checked
on one (m = 1, each capital read as its one column: matrix.BATCH). One that sums over the examples
(\frac{1}{m} dZ^{[2]} A^{[1]T}, np.sum(dZ^{[2]}, axis=1, keepdims=True)) is found here
(`over_batch`) and checked at m > 1 examples as well (batch_check.py), where a missing or extra
1/m, or a sum over the wrong axis, shows.
"""

from __future__ import annotations

from ..latex.matrix import MatrixStatement, Node

CAPITALS = {"A", "Z", "X", "Y"}


def nodes(node: Node):
    """Every node of a matrix statement's tree, the node first."""
    yield node
    for a in node.args:
        if isinstance(a, Node):
            yield from nodes(a)
        elif isinstance(a, tuple):
            for b in a:
                if isinstance(b, Node):
                    yield from nodes(b)
                elif isinstance(b, tuple):
                    yield from (x for c in b if isinstance(c, Node) for x in nodes(c))


def _batch_name(node: Node) -> bool:
    return node.kind == "name" and node.args[0] in CAPITALS


def over_batch(stmt: MatrixStatement) -> str:
    """How a statement sums over a batch's examples ('' when it is not one, or works column by
    column): it is then checked at m > 1 examples too."""
    every = [n for root in (stmt.lhs, *(s.node for s in stmt.sides)) for n in nodes(root)]
    if not any(_batch_name(n) for n in every):
        return ""
    if any(n.kind == "call" and n.args[0] in ("rowsum", "colsum", "allsum") for n in every):
        return "a sum over a batch's examples (np.sum(..., axis=1)) (checked at m > 1 examples too)"
    if any(n.kind == "name" and n.args[0] == "m" for n in every):
        return "an average over a batch's m examples (1/m) (checked at m > 1 examples too)"
    if any(n.kind == "T" and any(_batch_name(x) for x in nodes(n)) for n in every):
        return "a product over a batch's examples (a batch matrix transposed) (checked at m > 1 examples too)"
    return ""
