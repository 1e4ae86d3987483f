r"""How far a worked number may be from the true value because its author rounded: half a unit in
the last digit of each number written, carried through the side's own arithmetic.

`claims.tolerance` sums the numbers' relative errors: right for a product of numbers, too tight
where a side subtracts or raises to a power (`1 - 0.712667^2` may be off by 2 · 0.712667 · 5e-7 =
7.1e-7, where it allowed 3.4e-7, so a right tanh' was called wrong), and far too loose where a
number of few digits is added to a larger one (`0.40 - 0.1 \times 0.0823` was allowed 0.18, half
the value, so an update with the wrong rate passed). Here each number written is set one
half-unit up and down in turn, the side evaluated again, and the largest changes summed (numbers
apart: the same number written twice counts twice, an upper bound), or, when larger, the change
with every number moved at once the way that raises (or lowers) the side (`0.1 \times 0.2`: the
product of the two errors too). The side is read again with a placeholder for each number (the
project's own reader, never an eval); when that reading does not give the side's value back,
nothing is said (None) and the relative sum stands alone. Pure.
"""

from __future__ import annotations

import re

import mpmath
import sympy as sp

from ..derivation import Derivation
from ..latex import LatexParseError, parse_formula
from ..latex import Partial as LatexPartial

# a decimal numeral, not glued to a name or another number (claims.tolerance reads them too)
DECIMAL = re.compile(r"(?<![A-Za-z_^0-9.])([0-9]*)\.([0-9]+)")
_SAME = mpmath.mpf(10) ** -25  # the placeholders' reading gives the side's value back to this


def carried(
    text: str,
    written: sp.Expr,
    d: Derivation,
    scientific: re.Pattern,
    exact: frozenset = frozenset(),
    earlier: dict | None = None,
) -> mpmath.mpf | None:
    """Σ over the numbers written in `text` of the largest change of the side's value when that
    number moves half a unit in its last digit; None when the side cannot be read so. Numbers
    whose value is in `exact` (the point's given values: a weight 1.2, an input 0.1) are taken as
    exact; a number in `earlier` (an earlier line's result, right there: -6.407 for -6.40646)
    moves by its distance from its truth where that is more than half a unit."""
    from .claims import written_value  # claims imports this module

    values: list[sp.Rational] = []
    halves: list[sp.Rational] = []

    def scientific_number(m: re.Match) -> str:
        number = parse_formula(m.group(0))
        mantissa = sp.Rational(m.group(1) + "." + (m.group(2) or "0"))
        if not isinstance(number, sp.Rational) or mantissa == 0:
            raise ValueError(m.group(0))
        unit = sp.Rational(1, 10 ** len(m.group(2) or ""))
        return _placeholder(values, halves, number, abs(number) * unit / 2 / mantissa)

    def decimal(m: re.Match) -> str:
        half = sp.Rational(1, 2 * 10 ** len(m.group(2)))
        number = sp.Rational(m.group(0))
        half = max(half, (earlier or {}).get(number, half))
        return _placeholder(values, halves, number, sp.S.Zero if number in exact else half)

    try:
        swapped = DECIMAL.sub(decimal, scientific.sub(scientific_number, text))
        if not values:
            return None
        form = parse_formula(swapped)
    except (LatexParseError, ValueError, TypeError):
        return None
    if isinstance(form, LatexPartial) or not isinstance(form, sp.Expr):
        return None
    names = [sp.Symbol(f"nu_{k}") for k in range(len(values))]
    at = dict(zip(names, values))
    here, there = _value(form, at, d, written_value), written_value(written, d)
    if here is None or there is None or abs(here - there) > _SAME * (1 + abs(there)):
        return None
    total, up, down = mpmath.mpf(0), dict(at), dict(at)
    for name, value, half in zip(names, values, halves):
        moved = [_value(form, {**at, name: value + s * half}, d, written_value) for s in (1, -1)]
        if any(v is None or not mpmath.isfinite(v) for v in moved):
            return None
        total += max(abs(v - here) for v in moved if v is not None)
        rises = moved[0] is not None and moved[1] is not None and moved[0] >= moved[1]
        up[name], down[name] = (value + half, value - half) if rises else (value - half, value + half)
    corners = [_value(form, c, d, written_value) for c in (up, down)]  # every number moved at once
    if any(v is None or not mpmath.isfinite(v) for v in corners):
        return None
    return max([total, *(abs(v - here) for v in corners if v is not None)])


def _placeholder(values: list, halves: list, value: sp.Rational, half: sp.Rational) -> str:
    values.append(value)
    halves.append(half)
    return rf"{{\nu_{{{len(values) - 1}}}}}"


def _value(form: sp.Expr, at: dict, d: Derivation, written_value) -> mpmath.mpf | None:
    if not (form.free_symbols <= set(at)):
        return None
    return written_value(form.xreplace(at), d)
