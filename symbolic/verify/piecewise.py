"""Piecewise expressions for the verifier (ReLU, leaky ReLU, step, |z|, max, sign): their units
and an exact comparison.

A piecewise atom of one unit u -- H(u), sign(u), |u|, max or min of multiples c·u -- equals
h·pos(u) + (1 − h)·neg(u) with h = H(u) ∈ {0, 1} (u = 0, the kink where the derivative is not
defined, excluded). With every atom replaced, innermost first, an expression is a polynomial in
the h's. Reduced to multilinear form (h² = h) it vanishes at every on/off pattern if and only if
every coefficient vanishes, so one rational cancellation decides all 2^k branches at once; a
coefficient that does not vanish names a pattern (its units on, the others off) where the two
sides differ. Pure functions of SymPy expressions; no IO.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from ..check import rational_form
from ..functions import expand_definitions

PIECEWISE = (sp.Heaviside, sp.Max, sp.Min, sp.Abs, sp.sign)
UNSUPPORTED = (sp.Piecewise, sp.DiracDelta, sp.floor, sp.ceiling)
_P = sp.Dummy("P", positive=True)


@dataclass(frozen=True)
class Piece:
    unit: sp.Expr  # the argument whose sign decides the branch (a leading minus removed)
    pos: sp.Expr  # the atom where unit > 0
    neg: sp.Expr  # the atom where unit < 0


def piece(atom: sp.Expr) -> Piece | None:
    """The branches of one piecewise atom whose arguments are multiples of one unit, else None."""
    args = atom.args[:1] if isinstance(atom, (sp.Heaviside, sp.Abs, sp.sign)) else atom.args
    base = next((a for a in args if a != 0), None)
    if base is None:
        return None
    unit = base.as_coeff_Mul()[1]
    if unit.could_extract_minus_sign():
        unit = -unit
    coeffs = []
    for a in args:
        c = a / unit if unit.is_Symbol else sp.cancel(a / unit)
        if not (c.is_number and c.is_real):
            return None
        coeffs.append(c)
    branches = []
    for sign in (1, -1):
        value = atom.func(*[sign * c * _P for c in coeffs])
        if value.has(*PIECEWISE, *UNSUPPORTED):
            return None
        branches.append(value.xreplace({_P: sign * unit}))
    return Piece(unit, *branches)


def innermost(expr: sp.Expr) -> list[sp.Expr]:
    """Piecewise atoms of expr with no piecewise atom inside them."""
    return [a for a in expr.atoms(*PIECEWISE) if not any(x.has(*PIECEWISE) for x in a.args)]


def units_of(exprs: Iterable[sp.Expr]) -> tuple[tuple[sp.Expr, ...], bool]:
    """The units of the piecewise atoms in exprs (sorted), and whether every atom was understood.

    exprs are in intermediates (z symbols): atoms are not nested there, so one pass suffices.
    """
    units: set = set()
    understood = True
    for e in exprs:
        found, known = _units(e)
        units |= found
        understood = understood and known
    return tuple(sorted(units, key=sp.default_sort_key)), understood


@lru_cache(maxsize=8192)
def _units(e: sp.Expr) -> tuple[frozenset, bool]:
    """One expression's units and whether each of its atoms was understood (statements share
    their true factors, and a document repeats its own: each is opened once)."""
    e = expand_definitions(e)
    units, understood = set(), not e.has(*UNSUPPORTED)
    for atom in e.atoms(*PIECEWISE):
        p = piece(atom)
        if p is None:
            understood = False
        else:
            units.add(p.unit)
    return frozenset(units), understood


def split(expr: sp.Expr) -> tuple[sp.Expr, dict] | None:
    """expr with each piecewise atom as h·pos + (1 − h)·neg; {unit: h}. None: an atom not
    understood (then nothing can be proved this way)."""
    expr = expand_definitions(expr)
    if expr.has(*UNSUPPORTED):
        return None
    hs: dict = {}
    for _ in range(200):
        atoms = innermost(expr)
        if not atoms:
            return expr, hs
        subs = {}
        for atom in atoms:
            p = piece(atom)
            if p is None:
                return None
            h = hs.setdefault(p.unit, sp.Dummy(f"h{len(hs)}"))
            subs[atom] = h * p.pos + (1 - h) * p.neg
        expr = expr.xreplace(subs)
    return None


@dataclass(frozen=True)
class Comparison:
    zero: bool  # proved zero at every on/off pattern
    patterns: tuple = ()  # ((unit, +1 | -1), ...) per pattern where it may not vanish
    units: int = 0  # units branched on


def piecewise_zero(expr: sp.Expr, max_patterns: int = 4) -> Comparison:
    """Is expr (a difference hand − true) zero at every branch of its piecewise atoms?"""
    parts = split(expr)
    if parts is None:
        return Comparison(False)
    body, hs = parts
    num, den = sp.cancel(sp.together(rational_form(body))).as_numer_denom()
    if num == 0:
        return Comparison(True, (), len(hs))
    symbols = list(hs.values())
    if not symbols or den.has(*symbols):
        return Comparison(False, (), len(hs))
    reduced: dict = defaultdict(lambda: sp.Integer(0))
    for monom, coeff in sp.Poly(num, *symbols).as_dict(native=False).items():
        reduced[tuple(min(e, 1) for e in monom)] += coeff
    alive = sorted((m for m, c in reduced.items() if sp.expand(c) != 0), key=sum)
    if not alive:
        return Comparison(True, (), len(hs))
    # a minimal monomial (no other alive one inside it): there the difference is its coefficient
    alive = [m for m in alive if not any(o != m and all(a <= b for a, b in zip(o, m)) for o in alive)]
    units = list(hs)
    patterns = tuple(tuple((u, 1 if on else -1) for u, on in zip(units, m)) for m in alive[:max_patterns])
    return Comparison(False, patterns, len(hs))
