r"""A value given under two names: `X = A^{[0]} = \begin{bmatrix} 0.5 \\ -0.2 \end{bmatrix}` (the input,
written as X and as the layer-0 activation, then its numbers).

`w_1 = 0.15` gives a value of the point its numbers are checked at (resolve.py). A worked example
often names the value twice first (X = A^{[0]} = ..., \hat{y} = a^{[2]} = ... for an output is
not a given: only inputs, parameters and targets are). When every side between the name and the
numbers is a bare name standing for the same input, parameter or target, the line is that value
given, not a statement to judge: the names' agreement is the network's (nothing to check) and its
numbers are the point. A side that names anything else (X = W x = ...) keeps the line a claim.
Pure: a statement and the network's names in, a yes or no out.
"""

from __future__ import annotations

import sympy as sp

from ..errors import SympropError
from ..latex import Statement


def names_only(names, stmt: Statement, lhs: sp.Expr, where: str = "") -> bool:
    """Whether each side left of the numbers is a bare name resolving to `lhs` (none at all: yes)."""
    for side in stmt.sides:
        if len(side.factors) != 1 or not isinstance(side.factors[0], sp.Symbol):
            return False
        try:
            if names.resolve(side.factors[0], where) != lhs:
                return False
        except SympropError:
            return False
    return True
