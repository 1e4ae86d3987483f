r"""An index letter a statement gives two layers by its roles: `t_k` (the target letter) makes k an
output unit and `x_k` (the network's input) makes k an input, in one statement.

letter_readings fixes each letter's layer from the names a statement writes; a letter written
both ways has no one layer, and the last name read used to win (in the order of a set), so
`\sum_{k} (o_k - t_k) o_k (1 - o_k) \frac{\partial x_k}{\partial o_j}` (Dolhansky's x_k, the net
input of output k, in a document that never says so) was read with x_k the input x_1 and its
right derivative called 0: a false verdict. Such a letter is given no layer (no reading: the
statement is not checked, its names said unsettled). A document that says x is the net input
(`\sigma(x_k)` beside `t_k`: input_letter_x.py) is read as before. Pure: a statement in,
letters out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from .symbols import expressions

_ONE = re.compile(r"([a-z]+)_([a-z])")


def clashes(stmt: Statement, names: set[str], target: str, net_x: bool) -> set[str]:
    """The letters the statement writes on the target letter (a name not read per layer) and on
    the input x (x not the net input)."""
    targets: set[str] = set()
    inputs: set[str] = set()
    for e in expressions(stmt):
        for s in e.atoms(sp.Symbol):
            t = _ONE.fullmatch(s.name)
            if t and t.group(1) == target and s.name not in names:
                targets.add(t.group(2))
            elif t and t.group(1) == "x" and not net_x:
                inputs.add(t.group(2))
    return targets & inputs
