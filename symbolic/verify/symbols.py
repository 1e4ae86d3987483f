"""The names a statement writes: its expressions (a derivative's numerator and denominator),
its layered names (w_kj@l+1), all its symbols, whether it holds a \\sum. Pure functions."""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import SUMMATION
from ..latex.vector_max import BINDERS


def _parts(obj) -> list:
    if isinstance(obj, Partial):
        return [obj.num, obj.den]
    return [obj] if isinstance(obj, sp.Basic) else []


def map_expressions(stmt: Statement, fn) -> Statement:
    """The statement with every sympy expression e replaced by fn(e)."""

    def one(obj):
        if isinstance(obj, Partial):
            return replace(obj, num=fn(obj.num), den=fn(obj.den))
        return fn(obj) if isinstance(obj, sp.Basic) else obj

    sides = tuple(
        replace(
            p,
            factors=tuple(one(f) for f in p.factors),
            parts=tuple(one(x) for x in p.parts) if p.parts else p.parts,
        )
        for p in stmt.sides
    )
    return replace(stmt, lhs=one(stmt.lhs), sides=sides)


def map_factors(stmt: Statement, factor, part) -> Statement:
    """The statement with `factor` applied to its left side and to every side's factors (a whole
    object: a name may become a Partial), and `part` to each written part (None stays None)."""
    sides = tuple(
        replace(
            p,
            factors=tuple(factor(f) for f in p.factors),
            parts=tuple(None if x is None else part(x) for x in p.parts),
        )
        for p in stmt.sides
    )
    return replace(stmt, lhs=factor(stmt.lhs), sides=sides)


# the reader's layered names: w_kj@l+1 -> (base w, indices kj, layer l+1, ^+ after an update)
LAYERED = re.compile(r"([A-Za-z]+)(?:_([A-Za-z0-9,]+))?@(.+?)(\^\+)?")


def expressions(stmt: Statement) -> list[sp.Basic]:
    """The expressions a statement writes: its left side's, then every factor's (a derivative's
    numerator and denominator apart)."""
    return [e for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)] for e in _parts(obj)]


def _symbols(stmt: Statement) -> set[sp.Symbol]:
    out: set[sp.Symbol] = set()
    for e in expressions(stmt):
        out |= {s for s in e.atoms(sp.Symbol) if "@" in s.name}
    return out


def _all_symbols(stmt: Statement) -> set[sp.Symbol]:
    out: set[sp.Symbol] = set()
    for e in expressions(stmt):
        out |= e.atoms(sp.Symbol)
    return out


def _has_sum(stmt: Statement) -> bool:
    return any(e.has(SUMMATION) for e in expressions(stmt))


def _outside_sums(stmt: Statement) -> set[sp.Symbol]:
    """The names of a statement that no \\sum binds."""
    out: set[sp.Symbol] = set()

    def walk(e: sp.Basic) -> None:
        if isinstance(e, sp.Symbol):
            out.add(e)
        elif getattr(e, "func", None) != SUMMATION and type(e).__name__ not in BINDERS:
            for a in e.args:
                walk(a)

    for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
        for e in _parts(obj):
            walk(e)
    return out
