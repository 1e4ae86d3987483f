r"""A statement written for the worked example's target, its value put in for its letter: Zhou's
∂L/∂y_{pred} = -2(1 - y_{pred}) for Alice, whose y_{true} is 1.

With the point given (--at), the targets are the example's data, not variables of the
derivative: a statement that differs from the chain rule as an identity but agrees with it once
every target is set to its value at the point is correct for that example, and its verdict says so
(`remark`: "at the example's target y = 1"). A side that differs there too keeps its verdict, and
without a point nothing changes. Pure: the verdicts and a way to judge again in, verdicts out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from ..derivation import Derivation
from .judge import Verdict


def fixed(d: Derivation, point: dict | None) -> dict:
    """The targets the point gives (network symbol -> value); empty without a point."""
    if not point:
        return {}
    return {t: point[t] for t in d.targets if t in point}


def rejudge(v: Verdict, again: Callable[[], Verdict], targets: dict) -> Verdict:
    """A wrong verdict judged again with the targets at the example's values: correct there, it
    is correct for the example (said); else the first verdict stands."""
    if v.status != "wrong" or not targets:
        return v
    try:
        w = again()
    except (ArithmeticError, TypeError, ValueError, ZeroDivisionError, sp.SympifyError):
        return v
    if w.status != "correct":
        return v
    said = ", ".join(f"{t} = {_number(x)}" for t, x in targets.items())
    note = f"at the example's target{'s' if len(targets) > 1 else ''} {said} (the point given)"
    return replace(w, exact=None, remark=f"{w.remark}; {note}" if w.remark else note)


def _number(x) -> str:
    value = sp.nsimplify(x) if not isinstance(x, sp.Basic) else x
    return str(value)
