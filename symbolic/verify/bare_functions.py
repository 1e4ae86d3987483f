r"""A function written without its argument in an identity about it: Wikipedia's
`\frac{\partial\varphi}{\partial z} = \varphi(1-\varphi)`, `\frac{d\sigma}{dx} = \sigma(1-\sigma)`,
Gurney's `\sigma'(a) = \sigma(1 - \sigma)`.

The left side differentiates a bare function name (a letter function g, f, h, \varphi, \phi, or
\sigma) by a one-letter variable, or is its derivative at one (`\sigma'(a)`): every bare use of
that name means it at that variable, and a "call" whose argument holds the bare name itself
(\varphi(1-\varphi)) is a product, \varphi(z) times (1-\varphi(z)). The statement then reads as
the identity `d\varphi(z)/dz = \varphi(z)(1 - \varphi(z))` in a dummy variable (dummies.py).

Elsewhere, where f names a value (Nilsson's f, the output, in `-2(d - f) f (1 - f)`), a "call"
whose argument holds the bare name is the same product, f times (1 - f), never f applied to
1 - f (`self_products`). Anything else is left as written. Pure.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..latex import Partial, Statement

FUNCTIONS = {"g", "f", "h", "varphi", "phi", "sigma"}


def _at(e, name: str, applied: sp.Expr):
    """`e` with bare `name` as `applied`, and name(arg mentioning name) as a product."""
    if not isinstance(e, sp.Basic):
        return e
    bare = sp.Symbol(name)

    def product(call):
        if isinstance(call, AppliedUndef) and type(call).__name__ == name and len(call.args) == 1:
            if call.args[0].has(bare):
                return applied * call.args[0].xreplace({bare: applied})
        return None

    calls = {c: p for c in e.atoms(AppliedUndef) if (p := product(c)) is not None}
    return e.xreplace(calls).xreplace({bare: applied})


def _self_products(e):
    """`e` with every f(arg mentioning a bare f) read as the product f·arg (module doc)."""
    if isinstance(e, Partial):
        return Partial(_self_products(e.num), _self_products(e.den))
    if not isinstance(e, sp.Basic):
        return e
    calls = {
        c: sp.Symbol(type(c).__name__) * c.args[0]
        for c in e.atoms(AppliedUndef)
        if type(c).__name__ in FUNCTIONS and len(c.args) == 1 and c.args[0].has(sp.Symbol(type(c).__name__))
    }
    return e.xreplace(calls) if calls else e


def self_products(stmt):
    """The statement with f(1 - f), where f is bare inside, read as f·(1 - f) (module doc)."""
    if not isinstance(stmt, Statement):
        return stmt
    sides = tuple(
        replace(
            p,
            factors=tuple(_self_products(f) for f in p.factors),
            parts=tuple(_self_products(x) for x in p.parts),
        )
        for p in stmt.sides
    )
    return replace(stmt, sides=sides)


def with_arguments(stmt):
    """The statement with its bare function written at the variable (module doc)."""
    lhs = stmt.lhs if isinstance(stmt, Statement) else None
    primed = _primed(lhs)
    if primed is None and not (
        isinstance(lhs, Partial)
        and isinstance(lhs.num, sp.Symbol)
        and lhs.num.name in FUNCTIONS
        and isinstance(lhs.den, sp.Symbol)
        and len(lhs.den.name) == 1
    ):
        return self_products(stmt)
    name, var = primed or (lhs.num.name, lhs.den)
    applied = sp.Function(name)(var)

    def at(f):
        if isinstance(f, Partial):
            return Partial(_at(f.num, name, applied), f.den)
        return _at(f, name, applied)

    sides = tuple(
        replace(p, factors=tuple(at(f) for f in p.factors), parts=tuple(at(x) for x in p.parts))
        for p in stmt.sides
    )
    return replace(stmt, lhs=lhs if primed else Partial(applied, var), sides=sides)


def _primed(lhs) -> tuple[str, sp.Symbol] | None:
    """(name, variable) of a left side `\\sigma'(a)`, the derivative at a one-letter variable."""
    if not (isinstance(lhs, AppliedUndef) and len(lhs.args) == 1):
        return None
    name, (var,) = type(lhs).__name__, lhs.args
    base = name.removesuffix("_prime")
    if base == name or base not in FUNCTIONS or not (isinstance(var, sp.Symbol) and len(var.name) == 1):
        return None
    return base, var
