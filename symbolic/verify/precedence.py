"""Which reading of a product mixing ⊙ (∘, *) and the matrix product a matrix statement means.

Published derivations write both: Wikipedia's f' ∘ Wᵀ δ means f' ∘ (Wᵀ δ) (products first), and
Wᵀ(ŷ - y) ⊙ ReLU'(z) · aᵀ means (Wᵀ(ŷ - y) ⊙ ReLU'(z)) · aᵀ (left to right). The reader gives a
side both readings when they differ in grouping (`MatrixSide.node`, products first, and
`MatrixSide.alt`, left to right); here, at one layer instance, the reading whose shapes fit is
kept. When both fit and give different matrices the statement is not checked (`Ambiguous`):
symprop never guesses which one the author meant.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex.matrix import MatrixSide, MatrixStatement, Node
from .matrix import Evaluator, ShapeError

AMBIGUOUS = "ambiguous precedence of ⊙ and the matrix product"
AMBIGUOUS_FIX = r"add parentheses: (A \odot B) C or A \odot (B C)"


class Ambiguous(Exception):
    """Both readings of a side fit their shapes and differ."""


def reading(ev: Evaluator, side: MatrixSide, node: Node, lhs_shape: tuple) -> tuple[Node, sp.Matrix]:
    """(the node to check, its value) at the evaluator's instance. `node` is the side's node as
    checked (products first); its left-to-right reading replaces it when only that one fits its
    shapes (the two sides' shapes included). When neither fits, the products-first reading (its
    ShapeError raised, or its value of another shape than the left side's); `Ambiguous` when
    both fit and differ."""
    if side.alt is None or node is not side.node:
        return node, ev.value(node)
    first = _fitting(ev, node, lhs_shape)
    second = _fitting(ev, side.alt, lhs_shape)
    if isinstance(first, ShapeError):
        if isinstance(second, ShapeError):  # neither fits: the products-first reading's fault
            return node, ev.value(node)
        return side.alt, second
    if isinstance(second, ShapeError):
        return node, first
    if any(sp.expand(a - b) != 0 for a, b in zip(first, second)):
        raise Ambiguous(AMBIGUOUS)
    return node, first


def _fitting(ev: Evaluator, node: Node, lhs_shape: tuple) -> sp.Matrix | ShapeError:
    try:
        value = ev.value(node)
    except ShapeError as err:
        return err
    if value.shape != lhs_shape:
        return ShapeError("the two sides", node, lhs_shape, value.shape)
    return value


def with_side(m: MatrixStatement, k: int, node: Node) -> MatrixStatement:
    """m with its side k read as `node` (the reading kept), one reading only."""
    sides = list(m.sides)
    sides[k] = replace(sides[k], node=node, alt=None)
    return replace(m, sides=tuple(sides))
