r"""Hinton's letters for a unit, read by what a statement does with them (Coursera's and Buduma's
'Fundamentals of Deep Learning': y_j the activity, z_j the logit, w_{ij} from i below to j above).

Two uses say the roles where no line defines the letters:
- a unit's activation differentiated by its own z (dy_j/dz_j = y_j(1 - y_j)): z is the net input
  that feeds it, as Nielsen's a and z (Bishop's z_j, an activation, is differentiated the other
  way, \\partial z_j/\\partial a_j);
- a sum whose body carries the loss's derivative by a unit of the summed letter (\\sum_j w_{ij}
  y_j (1 - y_j) \\partial E/\\partial y_j, \\sum_j w_{ij} \\partial E/\\partial z_j) runs backwards,
  from the layer above, whatever activation stands beside the derivative.
Used by letter_readings.py. Pure functions.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import PARTIAL
from .names import LOSS_NAMES
from .symbols import expressions


def activation_by_z(stmt) -> bool:
    """A unit's activation differentiated by its own z, dy_j/dz_j or \\partial a_j/\\partial z_j
    (Hinton's and Nielsen's letters): z is the net input that feeds it. Bishop's z_j is the
    activation and is differentiated the other way, \\partial z_j/\\partial a_j."""
    if not isinstance(stmt, Statement):
        return False
    partials = [
        obj for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)] if isinstance(obj, Partial)
    ]
    partials += [
        p
        for e in expressions(stmt)
        for p in sp.preorder_traversal(e)
        if getattr(p, "func", None) == PARTIAL and len(p.args) == 2
    ]
    for p in partials:
        num, den = (p.num, p.den) if isinstance(p, Partial) else p.args
        top = re.fullmatch(r"[ayo]_([a-z])", getattr(num, "name", ""))
        if top and getattr(den, "name", "") == f"z_{top.group(1)}":
            return True
    return False


def backward(body: sp.Basic, var: str) -> bool:
    """Does a summed body carry the loss's derivative by a unit of the summed letter (∂E/∂z_j,
    ∂E/∂y_j)? Then the sum runs backwards, from the layer above, whatever activation stands beside
    it: \\sum_j w_{ij} y_j (1 - y_j) ∂E/∂y_j (Hinton's letters) is not a forward sum of y_j."""
    return any(
        getattr(p, "func", None) == PARTIAL
        and len(p.args) == 2
        and getattr(p.args[0], "name", None) in LOSS_NAMES
        and re.fullmatch(rf"[A-Za-z]+_{var}", getattr(p.args[1], "name", ""))
        for p in sp.preorder_traversal(body)
    )
