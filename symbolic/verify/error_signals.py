r"""Error signals written with a bar, as Roger Grosse's lectures write backpropagation:
`\bar{y} = y - t`, `\bar{z} = \bar{y} \sigma'(z)`, `\bar{w} = \bar{z} x`, where \bar{v} stands for
the derivative of the loss by v.

A bar alone says nothing (\bar{x} is a mean as often): a document uses this notation when it
defines one barred name through another (\bar{z} = \bar{y} \sigma'(z): a backward chain of
signals). Then each barred name is read as the loss's derivative by the name under the bar (its
subscript kept: \bar{h}_i is dL/dh_i), on the left of a definition and inside the factors, so
\bar{w} = \bar{z} x is checked as dL/dw = (dL/dz) x. The loss is the one the document defines
(\mathcal{L} = ..., E = ...), else L. Pure: statements in, statements out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import PARTIAL
from .names import LOSS_NAMES

_BAR = "_bar"


def _under(sym: sp.Symbol) -> sp.Symbol | None:
    """y_bar -> y, h_bar_i -> h_i; None when the name carries no bar."""
    base, bar, rest = sym.name.partition(_BAR)
    if not bar or not base or (rest and not rest.startswith("_")):
        return None
    return sp.Symbol(base + rest)


def _barred(expr) -> set[sp.Symbol]:
    if isinstance(expr, Partial):
        return _barred(expr.num) | _barred(expr.den)
    if not isinstance(expr, sp.Basic):
        return set()
    return {s for s in expr.free_symbols if isinstance(s, sp.Symbol) and _under(s) is not None}


def _chained(statements: list) -> bool:
    """Whether some barred name is defined through another (\\bar{z} = \\bar{y} \\sigma'(z))."""
    for s in statements:
        if not isinstance(s, Statement) or not isinstance(s.lhs, sp.Symbol) or _under(s.lhs) is None:
            continue
        if any(_barred(f) - {s.lhs} for side in s.sides for f in side.factors):
            return True
    return False


def _loss(statements: list) -> sp.Symbol:
    for s in statements:
        if isinstance(s, Statement) and isinstance(s.lhs, sp.Symbol) and s.lhs.name in LOSS_NAMES:
            return s.lhs
    return sp.Symbol("L")


def _factor(f, subs: dict, loss: sp.Symbol):
    if isinstance(f, sp.Symbol) and f in subs:
        return Partial(loss, _under(f))
    if isinstance(f, sp.Basic):
        return f.xreplace(subs)
    return f


def apply(statements: list) -> list:
    """Each barred name read as the loss's derivative by the name under it, when the document
    chains its barred names; the statements unchanged otherwise."""
    if not _chained(statements):
        return statements
    loss = _loss(statements)
    out = []
    for s in statements:
        if not isinstance(s, Statement):
            out.append(s)
            continue
        names = set().union(*(_barred(f) for side in s.sides for f in side.factors))
        lhs = s.lhs if not isinstance(s.lhs, sp.Symbol) or _under(s.lhs) is None else None
        if not names and lhs is not None:
            out.append(s)
            continue
        subs = {n: PARTIAL(loss, _under(n)) for n in names}
        sides = tuple(
            replace(
                side,
                factors=tuple(_factor(f, subs, loss) for f in side.factors),
                parts=tuple(p.xreplace(subs) if isinstance(p, sp.Basic) else p for p in side.parts),
            )
            for side in s.sides
        )
        new_lhs = lhs if lhs is not None else Partial(loss, _under(s.lhs))
        out.append(replace(s, lhs=new_lhs, sides=sides))
    return out
