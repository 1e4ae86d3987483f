"""The factors of a matrix statement's side: its sign and top-level factors (the operands of its
outermost product, ⊙ segments kept whole), and the factors of one entry (r, c) when the product is
element-wise or an outer product, so that a wrong entry is named at its factor. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from ..latex import PARTIAL, Partial
from ..latex.matrix import Node

if TYPE_CHECKING:
    from .matrix import Evaluator


def top_factors(node: Node) -> tuple[int, list[Node], list[str]]:
    """A side's sign and top-level factors (the operands of its outermost product)."""
    sign = 1
    if node.kind == "sum" and len(node.args) == 1:
        sign, node = node.args[0]
    if node.kind != "prod":
        return sign, [node], []
    nodes, ops = node.args
    if "had" not in ops:
        return sign, list(nodes), list(ops)
    segments: list[list[Node]] = [[nodes[0]]]
    inner: list[list[str]] = [[]]
    for op, nxt in zip(ops, nodes[1:]):
        if op == "had":
            segments.append([nxt])
            inner.append([])
        else:
            segments[-1].append(nxt)
            inner[-1].append(op)
    factors = [
        seg[0] if len(seg) == 1 else Node("prod", (tuple(seg), tuple(o)), seg[0].pos)
        for seg, o in zip(segments, inner)
    ]
    return sign, factors, ["had"] * (len(factors) - 1)


def entry_factors(ev: Evaluator, node: Node, r: int, c: int, whole: sp.Matrix) -> tuple:
    """The factors of entry (r, c) of a side: one per top-level factor when the product is
    element-wise or an outer product (each factor's entry), else the entry itself."""
    from .matrix import ShapeError  # matrix.py imports this module

    sign, factors, ops = top_factors(node)
    try:
        values = [ev.value(f) for f in factors]
    except ShapeError:  # a chain of derivatives of vectors (jacobians.chain_value): the entry whole
        return (_partial_factor(whole[r, c]),)
    out = []
    rows, cols = whole.shape
    for m in values:
        if m.shape == (1, 1):
            out.append(m[0, 0])
        elif m.shape == (rows, cols):
            out.append(m[r, c])
        elif m.shape == (rows, 1) and "had" not in ops:
            out.append(m[r, 0])
        elif m.shape == (1, cols) and "had" not in ops:
            out.append(m[0, c])
        elif ev.dropped and m.shape == (rows + 1, cols):
            out.append(m[r + 1, c])
        else:
            return (_partial_factor(whole[r, c]),)
    if sp.expand(sp.Mul(*out) * sign - whole[r, c]) != 0:
        return (_partial_factor(whole[r, c]),)
    if sign < 0:
        out[0] = -out[0]
    return tuple(_partial_factor(e) for e in out)


def _partial_factor(e: sp.Expr):
    """A lone derivative entry as a `Partial` factor (aligned like a written derivative)."""
    if isinstance(e, sp.Function) and e.func == PARTIAL:
        return Partial(*e.args)
    return e
