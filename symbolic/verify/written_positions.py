"""Which written factor an edit of a matrix side is in, counted as the author wrote the side.

A side that mixes ⊙ and the matrix product (`(W^L)^T (ŷ - y) ⊙ ReLU'(z) · (a)^T`) has two
readings (verify/precedence.py): products first, `A ⊙ (B · C)`, and left to right,
`(A ⊙ B) · C`. Its factors are counted the one way whichever reading is checked: the operands
the ⊙ separate, a run of matrix products between two ⊙ one factor (`W^T δ ⊙ σ'(z)`: σ'(z) is
factor 2), as `matrix.top_factors` counts a products-first side. A side without ⊙, or without
a matrix product, keeps its own count. Pure: nodes in, a position out.
"""

from __future__ import annotations

from ..latex.matrix import Node


def edited_at(old: Node, new: Node) -> int | None:
    """The source offset of the one factor an edit changed (a name, a call, a transpose added or
    removed); None when the edit changes a product's shape (an operator, a factor added or
    dropped, factors swapped) or the whole side."""
    if old == new:
        return None
    if old.kind != new.kind:
        if new.kind == "T" and new.args[0] == old or old.kind == "T" and old.args[0] == new:
            return old.pos  # a transpose added or removed
        return old.pos if old.kind in ("name", "call", "num") else None
    if old.kind == "prod":
        (a, ops_a), (b, ops_b) = old.args, new.args
        if ops_a != ops_b or len(a) != len(b):
            return None
        changed = [k for k in range(len(a)) if a[k] != b[k]]
        return edited_at(a[changed[0]], b[changed[0]]) if len(changed) == 1 else None
    if old.kind in ("paren", "T"):
        return edited_at(old.args[0], new.args[0])
    if old.kind == "call":
        if old.args[0] != new.args[0]:
            return old.pos  # σ where σ′ belongs
        return edited_at(old.args[1], new.args[1])
    if old.kind == "sum":
        if len(old.args) != len(new.args):
            return None
        changed = [k for k in range(len(old.args)) if old.args[k] != new.args[k]]
        if len(changed) != 1 or old.args[changed[0]][0] != new.args[changed[0]][0]:
            return None
        return edited_at(old.args[changed[0]][1], new.args[changed[0]][1])
    return old.pos if old.kind in ("name", "num") else None


def _chain(node: Node) -> tuple[list[Node], list[str]]:
    """A side's product flattened through the groups a reading made (not the author's
    parentheses): its operands and the operators between them, in written order."""
    if node.kind == "sum" and len(node.args) == 1:
        node = node.args[0][1]
    if node.kind != "prod":
        return [node], []
    nodes: list[Node] = []
    ops: list[str] = []
    for k, sub in enumerate(node.args[0]):
        if k:
            ops.append(node.args[1][k - 1])
        inner, inner_ops = _chain(sub) if sub.kind == "prod" else ([sub], [])
        nodes.extend(inner)
        ops.extend(inner_ops)
    return nodes, ops


def written_position(side: Node, new: Node) -> int | None:
    """The 1-based factor of `side` (either reading) that the edit `new` changed, counted by the
    ⊙ the author wrote; None when the side does not mix ⊙ and the matrix product or the edit is
    not inside one factor (then the reading's own count stands)."""
    nodes, ops = _chain(side)
    if not ("had" in ops and "dot" in ops):
        return None
    at = edited_at(side, new)
    if at is None:
        return None
    starts = [nodes[0].pos] + [nodes[k + 1].pos for k, op in enumerate(ops) if op == "had"]
    return sum(1 for s in starts if s <= at)
