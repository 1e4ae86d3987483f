r"""The loss defined under its name and differentiated under its letter: a worked example's
`\text{Loss} = (y - \hat{y})^2`, then `\frac{\partial l}{\partial \hat{y}} = -2(y - \hat{y})`,
`\frac{\partial l}{\partial z} = ...` (l for Loss, e for Error, c for Cost).

Read only when the document settles it: exactly one loss name (L, Loss, E, C, J, ...) is defined
(`NAME = formula`), and exactly one other name, whose letter is that name's initial in either case,
is written only as what derivatives differentiate (never defined, never a factor, never
differentiated by); that name is then the loss (an alias to the defined name). A letter also
written as a variable, or two such letters, read nothing. Pure: statements and aliases in, aliases
out.
"""

from __future__ import annotations

import sympy as sp

from ..latex import Partial, Statement
from .names import LOSS_NAMES


def _walk(e, tops: set, other: set) -> None:
    """Names differentiated (`tops`), and every other name written (`other`)."""
    if isinstance(e, Partial):
        if isinstance(e.num, sp.Symbol):
            tops.add(e.num.name)
        else:
            _walk(e.num, tops, other)
        _walk(e.den, tops, other)
    elif isinstance(e, sp.Basic):
        other.update(s.name for s in e.free_symbols if isinstance(s, sp.Symbol))


def aliases(statements, given: dict | None) -> dict | None:
    """`given` with the loss's letter aliased to the loss's defined name, when the document
    settles it; else `given` unchanged."""
    known = {getattr(k, "name", str(k)) for k in (given or {})}
    defined: set[str] = set()
    tops: set[str] = set()
    other: set[str] = set()
    for s in statements:
        if not isinstance(s, Statement):
            continue
        if isinstance(s.lhs, sp.Symbol):
            defined.add(s.lhs.name)
        else:
            _walk(s.lhs, tops, other)
        for side in s.sides:
            for f in side.factors:
                _walk(f, tops, other)
    losses = sorted(n for n in defined if n in LOSS_NAMES)
    if len(losses) != 1:
        return given
    loss = losses[0]
    letters = [
        n
        for n in sorted(tops - other - defined - known - LOSS_NAMES)
        if len(n) == 1 and n.lower() == loss[0].lower()
    ]
    if len(letters) != 1:
        return given
    return {**(given or {}), sp.Symbol(letters[0]): sp.Symbol(loss)}
