"""A value a worked example gives (`w_1 = 0.15`, `x = [1; 2]`): part of the point its numbers are
checked at (verify/given_point.py reads the point), and what may be given: an input, a parameter,
a target or the learning rate. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class Given:
    """A value the document gives (w_1 = 0.15): part of the point its numbers are checked at."""

    line: int
    col: int
    symbol: sp.Expr
    value: sp.Expr


def givable(d) -> set:
    """The network's symbols a document may give a value: its inputs, parameters, targets and η."""
    return set(d.params) | set(d.inputs) | set(d.targets) | {d.eta}
