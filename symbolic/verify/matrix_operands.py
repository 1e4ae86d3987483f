"""What a matrix product's operands are as written, before their values: a number written as one
(-0.404 times a row scales it) and an activation's derivative before a column (its diagonal
Jacobian). Pure predicates on the parsed operands."""

from __future__ import annotations

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
