r"""A vector times the derivative of a vector by a matrix, the chain rule's shorthand in a middle
step (Sudeep Raja: `(x_3 - t)\frac{\partial x_3}{\partial W_3}`,
`[(x_3-t)\circ f_3'(W_3x_2)]\frac{\partial W_3x_2}{\partial W_3}`, `W_3^T\delta_3\frac{\partial
x_2}{\partial W_2}`), read as the contraction it stands for: entry (i, j) is
Σ_k v_k ∂u_k/∂M_ij, in the shape of M (or of Mᵀ, as the statement's left side is).

Only a side whose last factor is ∂u/∂M (u a vector of n entries) after a juxtaposed vector of the
same n entries is read; any other shape gives None, and the side stays set apart as a shorthand
(matrix_entries). Pure: the evaluator's matrices in, a matrix out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from ..latex import PARTIAL
from ..latex.matrix import Node

if TYPE_CHECKING:
    from .matrix import Evaluator


def contracted(ev: Evaluator, node: Node, shape: tuple[int, int]) -> sp.Matrix | None:
    """Σ_k v_k ∂u_k/∂M_ij for a side `v ∂u/∂M` (v, u vectors of one length), as a matrix of the
    left side's `shape` (M's, or its transpose's); None when the side is not of that form."""
    from .matrix import ShapeError  # matrix.py imports this module's callers

    while node.kind == "paren":
        node = node.args[0]
    if node.kind != "prod":
        return None
    nodes, ops = node.args
    last = nodes[-1]
    while last.kind == "paren":
        last = last.args[0]
    if last.kind != "partial" or ops[-1] != "dot" or len(nodes) < 2:
        return None
    head = nodes[0] if len(nodes) == 2 else Node("prod", (nodes[:-1], ops[:-1]), nodes[0].pos)
    try:
        v = ev.value(head)
        u, m = (ev.value(a) for a in last.args)
    except ShapeError:
        return None
    n = len(u)
    if 1 not in u.shape or n < 2 or 1 not in v.shape or len(v) != n or 1 in m.shape:
        return None
    if any(e.has(PARTIAL) for e in u) or not all(isinstance(e, sp.Symbol) for e in m):
        return None
    value = m.applyfunc(lambda e: sp.Add(*[v[k] * PARTIAL(u[k], e) for k in range(n)]))
    if value.shape == shape:
        return value
    if value.T.shape == shape:
        return value.T
    return None
