r"""A function defined by cases on the value of its argument (gauravreddy08's ReLU'):
`\text{ReLU}'(z) = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{otherwise} \end{cases}`.

The reader splits a cases block into one statement per case, each with its condition, and the
verifier reads conditions as conditions on indices; here the condition is on the value of the
function's own argument z. Two such cases -- one comparison of that argument with a number, then
`otherwise` -- are one statement: `f(z) = A 1(z > 0) + B (1 - 1(z > 0))`, the indicator a step
(names.py: 1(z > 0) is H(z)), checked like any identity in its variable (dummies.py). Anything
else (several conditions, an index letter, no `otherwise`) is left as the reader gave it. Pure.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..latex import Statement, product_expr
from ..latex.statements import INDICATOR


def _pair(a, b) -> tuple | None:
    """(argument name, code, number) when a and b are the two cases of one value condition."""
    if not (isinstance(a, Statement) and isinstance(b, Statement)):
        return None
    if a.line != b.line or a.lhs != b.lhs or len(a.sides) != 1 or len(b.sides) != 1:
        return None
    lhs = a.lhs
    if not isinstance(lhs, AppliedUndef) or len(lhs.args) != 1 or not isinstance(lhs.args[0], sp.Symbol):
        return None
    if len(a.condition) != 1 or b.condition != (("none of", (a.condition,)),):
        return None
    clause = a.condition[0]
    if len(clause) != 3 or clause[0] != lhs.args[0].name or not isinstance(clause[2], int):
        return None
    return clause


def merge(statements) -> list:
    """Each pair of cases on the value of a function's argument as one statement."""
    out: list = []
    i = 0
    while i < len(statements):
        a = statements[i]
        b = statements[i + 1] if i + 1 < len(statements) else None
        clause = _pair(a, b)
        if clause is None or b is None:
            out.append(a)
            i += 1
            continue
        name, code, number = clause
        step = INDICATOR(sp.Symbol(name), sp.Integer(number), sp.Integer(code))
        value = product_expr(a.sides[0]) * step + product_expr(b.sides[0]) * (1 - step)
        side = replace(a.sides[0], factors=(value,), parts=(None,), text=b.source.split("=", 1)[1].strip())
        out.append(replace(a, sides=(side,), condition=()))
        i += 2
    return out
