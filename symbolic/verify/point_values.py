r"""A worked example's value written into a formula: `\frac{\partial L}{\partial a_1} \cdot 1`
(ReLU's derivative where the unit is on), `\frac{\partial L}{\partial a_3} \cdot 0`, `= (\hat{y} -
y) a_3 = 0` (a dead unit's gradient). Such a side is wrong as a formula at random points but
right at the point the author worked at: calling it wrong is a false verdict, calling it correct
says more than it shows. When the document gives its point, a wrong side that holds a number and
equals the true value there is said so, not checked as a formula (`Unchecked`); when the wrong
sides are numbers alone (`= 0`) beside formulas, the formulas' verdict stands, with that said,
and a statement of numbers alone (`\frac{\partial L}{\partial w_{21}} = 0`) is a number there. A
side with no number, or one that differs at the point too, stays wrong. Pure.
"""

from __future__ import annotations

from dataclasses import replace

import mpmath
import sympy as sp

from ..derivation import Derivation
from .claims import Checked, Claim
from .ditto import Unchecked
from .numbers import Points

_SAME = mpmath.mpf(10) ** -20  # relative: equal at the point but for the working precision


def set_apart(
    d: Derivation, resolved: list, verdicts: list, point: dict | None
) -> tuple[list, list, list[Checked]]:
    """(the verdicts kept, the statements said right at the point only, the numbers alone judged
    there); `resolved` and `verdicts` pair one to one."""
    if not point or not set(d.params) | set(d.inputs) | set(d.targets) <= set(point):
        return verdicts, [], []
    at: Points | None = None
    kept, said, valued = [], [], []
    for r, v in zip(resolved, verdicts):
        sides = (
            [v.fault.side - 1, *(f.side - 1 for f, _ in v.also)] if v.status == "wrong" and v.fault else []
        )
        if not sides or not all(0 <= k < len(r.sides) and _has_number(r.sides[k]) for k in sides):
            kept.append(v)
            continue
        at = at or Points(d, 1, base=[{s: _exact(x) for s, x in point.items() if s != d.eta}])
        true = at.vector(sp.Mul(*r.true_values))[0]
        hands = [at.vector(sp.Mul(*r.hands[k]))[0] for k in sides]
        if any(mpmath.isnan(h) or abs(h - true) > _SAME * (1 + abs(true)) for h in hands):
            kept.append(v)
            continue
        if all(len(r.sides[k]) == 1 for k in sides):
            if len(sides) < v.sides:  # = (ŷ - y) h_2 = 0: the formula judged, the 0 said
                kept.append(_held(v, [r.sides[k][0] for k in sides]))
            else:  # ∂L/∂w_{21} = 0 alone: a number at the point, as a decimal's
                valued += [_checked(r, k, true) for k in sides]
            continue
        said.append(
            Unchecked(
                v.line,
                v.col,
                f"right at the given point (true {mpmath.nstr(true, 6)}), with a number written where "
                "the chain rule has a factor that depends on the point (its value there): "
                "a worked value, not checked as a formula",
            )
        )
    return kept, said, valued


def _checked(r, k: int, true) -> Checked:
    """A side that is a number alone, judged at the point as a worked number is."""
    side = r.statement.sides[k]
    what = " ".join(r.statement.source.split("=", 1)[0].replace("&", " ").split())
    claim = Claim(
        side.line or r.statement.line, side.col, side.text, r.sides[k][0], sp.Mul(*r.true_values), what
    )
    return Checked(claim, float(r.sides[k][0]), float(true), 0.0, True)


def _held(v, numbers: list):
    """The verdict of a statement's formulas when its wrong sides are numbers alone, each the
    value at the given point: correct as its other sides are (when the points could tell)."""
    ok = v.evidence is not None and v.evidence.sufficient
    values = ", ".join(str(n) for n in numbers)
    return replace(
        v,
        correct=ok,
        exact=None,
        fault=None,
        witness=None,
        also=(),
        status="correct" if ok else "not proved",
        sides=v.sides - len(numbers),
        remark=f"the side {values} is its value at the given point",
    )


def _has_number(side) -> bool:
    """A side with a bare number among its factors (· 1, · 0, or the number alone)."""
    return any(isinstance(f, sp.Number) for f in side)


def _exact(x) -> sp.Rational:
    return x if isinstance(x, sp.Rational) else sp.Rational(str(x))
