"""Walking the matrix reader's trees (latex/matrix.py `Node`): every node depth first, map
bottom-up, find nodes of a kind, the names of a statement, equality as written. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from ..latex.matrix import MatrixStatement, Node


def tree_nodes(node) -> Iterator[Node]:
    """Every Node of a matrix statement's tree (or a tuple of trees), depth first."""
    if isinstance(node, tuple):
        for a in node:
            yield from tree_nodes(a)
    elif isinstance(node, Node):
        yield node
        yield from tree_nodes(node.args)


def map_nodes(node: Node, fn: Callable[[Node], Node | None]) -> Node:
    """node with fn applied bottom-up to every Node (None: unchanged)."""

    def arg(a):
        if isinstance(a, Node):
            return map_nodes(a, fn)
        if isinstance(a, tuple):
            return tuple(arg(b) for b in a)
        return a

    new = Node(node.kind, tuple(arg(a) for a in node.args), node.pos)
    out = fn(new)
    return new if out is None else out


def each(m: MatrixStatement, fn: Callable[[Node], Node | None], sides_only: bool = False) -> MatrixStatement:
    sides = tuple(replace(s, node=map_nodes(s.node, fn), alt=s.alt and map_nodes(s.alt, fn)) for s in m.sides)
    return replace(m, lhs=m.lhs if sides_only else map_nodes(m.lhs, fn), sides=sides)


def of_kind(node: Node, kind: str) -> list[Node]:
    found: list[Node] = []
    map_nodes(node, lambda n: found.append(n) if n.kind == kind else None)
    return found


def names(node: Node) -> list[Node]:
    return of_kind(node, "name")


def all_names(m: MatrixStatement) -> list[Node]:
    return [n for root in (m.lhs, *(s.node for s in m.sides)) for n in names(root)]


def same(a, b) -> bool:
    """Equal as written, wherever they stand (positions aside)."""
    if isinstance(a, Node) and isinstance(b, Node):
        return a.kind == b.kind and same(a.args, b.args)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b
