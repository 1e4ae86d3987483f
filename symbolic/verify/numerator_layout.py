r"""A gradient side that is right when every gradient in it is a row (numerator layout): `\frac{\partial
C}{\partial A^{(1)}} = \frac{\partial C}{\partial Z^{(2)}} \cdot W^{(2)}` with two outputs.

symprop reads the derivative of a scalar by a vector as a column (denominator layout). A document
in numerator layout writes it as a row, so its product dC/dZ^{(2)} W^{(2)} (a row times the
output-by-input matrix) does not fit symprop's shapes, though every entry is the chain rule's.
`layouts.py` sets apart a side whose whole is the transpose of symprop's; this is the same
question one level in: each derivative of a scalar inside the side read as a row too. When that
reading fits and every entry is right, the side is right in numerator layout, which the document
does not say it uses: not checked with the layout's reason, never wrong. A side that fits in no
layout (a column times a column: the transpose missing) is left to be named.
Pure: a side's node in, a node (or None) out.
"""

from __future__ import annotations

from ..latex.matrix import Node


def as_rows(node: Node) -> Node | None:
    """The side with each derivative of a scalar read as a row (∂C/∂v -> (∂C/∂v)ᵀ) and the whole
    transposed back to symprop's layout; None when it holds no derivative."""
    rows, changed = _rows(node)
    return Node("T", (rows,), node.pos) if changed else None


def _rows(node: Node) -> tuple[Node, bool]:
    k = node.kind
    if k == "partial":
        return Node("T", (node,), node.pos), True
    if k in ("T", "paren"):
        inner, changed = _rows(node.args[0])
        return Node(k, (inner, *node.args[1:]), node.pos), changed
    if k == "prod":
        nodes, ops = node.args
        parts = [_rows(n) for n in nodes]
        return Node(k, (tuple(p for p, _ in parts), ops), node.pos), any(c for _, c in parts)
    if k == "sum":
        terms = [(sign, _rows(term)) for sign, term in node.args]
        return Node(k, tuple((sign, t) for sign, (t, _) in terms), node.pos), any(c for _, (_, c) in terms)
    return node, False
