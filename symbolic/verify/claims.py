"""Numeric claims of worked examples (`= 0.74136507 * 0.186815602 = 0.138498562`): checked at the
point the author computed them at, to the precision written.

A side written with decimals is a claim about the statement's value at one point. Without that
point it is never judged (random points would call it wrong): it is "not checked". With a point
(`--at POINT.toml`, names as the document writes them) each claim is compared with the true value
there: within half a unit of each number's last shown digit, carried through the arithmetic, plus
a small relative tolerance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import mpmath
import sympy as sp

from ..derivation import Derivation
from .numbers import Points

RELATIVE = mpmath.mpf("1e-9")
_DECIMAL = re.compile(r"(?<![A-Za-z_^0-9.])([0-9]*)\.([0-9]+)")


@dataclass(frozen=True)
class Claim:
    """One numeric side: where, as written, its exact value, and the true value's expression."""

    line: int
    col: int
    text: str
    written: sp.Expr  # the side's value (exact rationals)
    true: sp.Expr  # the statement's true value, in the network's symbols
    what: str = ""  # the statement's left side, as written


@dataclass(frozen=True)
class Checked:
    """A claim judged at the point: its value, the true value, and whether they agree."""

    claim: Claim
    value: float
    true: float
    tolerance: float
    correct: bool


def tolerance(text: str, value: mpmath.mpf) -> mpmath.mpf:
    """Half a unit in the last digit of every number written, relative, summed; plus RELATIVE."""
    rel = mpmath.mpf(0)
    for m in _DECIMAL.finditer(text):
        number = mpmath.mpf(m.group(0))
        if number:
            rel += mpmath.mpf(10) ** (-len(m.group(2))) / 2 / abs(number)
    return (rel + RELATIVE) * abs(value) + mpmath.mpf(10) ** -12


def check(d: Derivation, claims: list[Claim], point: dict) -> tuple[list[Checked], list[tuple[Claim, str]]]:
    """Each claim at `point` (network symbol -> value): its value against the true value; the
    claims that cannot be checked there, with the reason."""
    needed = set(d.params) | set(d.inputs) | set(d.targets)
    missing = sorted(str(s) for s in needed - set(point))
    if missing:
        why = f"the point (--at) lacks {', '.join(missing[:8])}"
        return [], [(c, why) for c in claims]
    exact = {s: v if isinstance(v, sp.Rational) else sp.Rational(str(v)) for s, v in point.items()}
    eta = {d.eta: exact[d.eta]} if d.eta in exact else {}
    points = Points(d, 1, base=[{s: v for s, v in exact.items() if s != d.eta}])
    out, unchecked = [], []
    for c in claims:
        if c.true.has(d.eta) and not eta:
            unchecked.append((c, 'an update\'s numbers need the learning rate: "eta" = 0.5 in --at'))
            continue
        true = points.vector(c.true.xreplace(eta))[0]
        value = mpmath.mpf(sp.Float(c.written, 40))
        tol = tolerance(c.text, true)
        out.append(Checked(c, float(value), float(true), float(tol), abs(value - true) <= tol))
    return out, unchecked
