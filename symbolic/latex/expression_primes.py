r"""A prime on a parenthesised expression: `\left( \frac{1}{1 + e^{-z}} \right)'`, the derivative of
the expression by its one variable (Lagrange's notation on a formula, as calculus texts write it).

With exactly one name in the expression the prime can only be the derivative by that name: it is
read as `\frac{\partial}{\partial z}(...)`, a `Partial` like the operator form. With none (a number)
or several ((wx + b)': by w, x or b?) it says nothing definite and stays an error.
Pure: a SymPy expression in, a `Partial` or None out.
"""

from __future__ import annotations

import sympy

from .statements import Partial


def prime_of(value: object) -> Partial | None:
    """The derivative a prime after `value` writes, or None when it is not one variable's."""
    if not isinstance(value, sympy.Expr):
        return None
    names = value.free_symbols
    if len(names) != 1:
        return None
    (name,) = names
    return Partial(value, name)
