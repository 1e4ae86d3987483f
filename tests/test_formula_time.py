"""A formula whose exact arithmetic grinds is refused in bounded time, never a hang.

A random formula (test_formula_property) once kept a CI worker busy for minutes inside SymPy's
integer powers: parse_formula had bounds on each number and exponent, none on the work. The build
now runs under a wall-time limit (formula.BUILD_SECONDS) and past it the formula is refused with
one line saying so.
"""

from __future__ import annotations

import sympy as sp
from pytest import raises

from symbolic import formula
from symbolic.errors import SympropError
from symbolic.formula import parse_formula

Z = sp.Symbol("z")
BIG = " + ".join(f"exp({k} * z) * tanh(z / {k + 1})" for k in range(1, 40))


def test_a_formula_that_takes_too_long_is_refused(monkeypatch):
    monkeypatch.setattr(formula, "BUILD_SECONDS", 0.0002)
    with raises(SympropError, match="to build") as err:
        parse_formula(BIG, {"z": Z})
    assert "\n" not in str(err.value)


def test_the_same_formula_builds_within_the_limit():
    assert parse_formula(BIG, {"z": Z}).has(Z)
