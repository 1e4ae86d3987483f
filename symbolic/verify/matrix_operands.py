"""What a matrix product's operands are as written, before their values: a number written as one
(-0.404 times a row scales it) and an activation's derivative before a column (its diagonal
Jacobian). Pure predicates on the parsed operands."""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from ..latex.matrix import Node


def written_number(node: Node | None) -> bool:
    """Is the operand a number as written (0.5, (0.5), 2 \\cdot 0.5), no name in it?"""
    if node is None:
        return False
    if node.kind == "num":
        return True
    if node.kind == "paren":
        return written_number(node.args[0])
    return node.kind == "prod" and all(written_number(n) for n in node.args[0])


def jacobian_diagonal(left: Node | None, a: sp.Matrix, b: sp.Matrix) -> bool:
    """An element-wise activation's derivative at a column, f'(Z), written before a column of the
    same length with no operator: the Jacobian of the activation, diag(f'(Z)), as notes in
    denominator layout write it (MIT 6.390: {f^l}'(Z^l) \\in R^{d_l x d_l}); the product is then
    f'(Z) ⊙ the column, whatever the notation."""
    return (
        left is not None
        and left.kind == "call"
        and str(left.args[0]).endswith("_prime")
        and a.shape == b.shape
        and a.shape[1] == 1
        and a.shape[0] > 1
    )


def diagonal_product(value: Callable[[Node], sp.Matrix], node: Node) -> sp.Matrix | None:
    """A product whose first factor (after written numbers) is an activation's derivative at a
    column, before a product that gives a column of its length: Hagan's `\\dot{F}^m(n^m)
    (W^{m+1})^T s^{m+1}`, `-2 \\dot{F}^M(n^M)(t - a)`. The derivative is the diagonal matrix
    diag(f'(n)) (jacobian_diagonal), so the product is the numbers times f'(n) ⊙ the rest. None
    when the shape is another: read left to right then, as every product is."""
    nodes, ops = node.args
    p = next((k for k, n in enumerate(nodes) if not written_number(n)), len(nodes))
    if p + 2 > len(nodes) or any(op != "dot" for op in ops) or nodes[p].kind != "call":
        return None
    d = value(nodes[p])
    if d.shape[1] != 1 or value(nodes[p + 1]).shape[0] == 1:
        return None  # f'(z) aᵀ: an outer product, as written
    rest = Node("prod", (nodes[p + 1 :], ops[p + 1 :]), nodes[p + 1].pos)
    r = value(nodes[p + 1] if p + 2 == len(nodes) else rest)
    if not jacobian_diagonal(nodes[p], d, r):
        return None
    scale = sp.Mul(*[value(n)[0, 0] for n in nodes[:p]])
    return d.multiply_elementwise(r) * scale
