r"""An increment used where it was defined with its numbers: a worked example defines
`\Delta w_{13} = \alpha \times x_1 \times \delta_3 = 0.1 \times 1 \times 0.0381 = 0.0038` and later
writes the new weight `w_{13} = w_{13} + \Delta w_{13} = 0.5 + 0.0038 = 0.5038` (Negnevitsky;
Fausett's `w_{jk}(new) = w_{jk}(old) + \Delta w_{jk}` likewise). The update is judged as
w - η ∂E/∂w, so its Δw must be read as the formula that defines it, not as the number worked out
there (that number is a claim of its own line, checked there): each Δw on an update's side
(w^{+} = w ± Δw ...) is replaced by the last side of its definition that is not numbers alone.
An increment defined twice (two formulas that differ) is left as written. Pure: statements in,
statements out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from ..latex import Partial, Statement

DELTA = sp.Symbol("Delta")


def _changed(lhs) -> sp.Symbol | None:
    """Δw_{13} (Delta*w_13) -> w_13."""
    if isinstance(lhs, sp.Mul) and len(lhs.args) == 2 and DELTA in lhs.args:
        (w,) = [a for a in lhs.args if a != DELTA]
        return w if isinstance(w, sp.Symbol) else None
    return None


def _formula(stmt: Statement) -> sp.Expr | None:
    """The last side of a definition that is not numbers alone, as one expression."""
    for p in reversed(stmt.sides):
        if not all(isinstance(f, sp.Basic) and not isinstance(f, Partial) for f in p.factors):
            return None  # a derivative on it: not an increment's formula
        value = sp.Mul(*p.factors)
        if value.free_symbols:
            return None if value.has(DELTA) else value
    return None


def apply(statements: list) -> list:
    """Each update w^{+} = w + Δw (...) with Δw read as the formula defining it, where that
    definition ends in numbers alone (verify/signs.py reads Δw by its last side: a number there).
    An update that subtracts Δw (w - Δw) is left to signs.py, which reads Δw's direction from it."""
    formulas: dict[sp.Symbol, sp.Expr | None] = {}
    for st in statements:
        if isinstance(st, Statement) and st.sides and (w := _changed(st.lhs)) is not None:
            value = _formula(st)
            if value is not None and _numbers_last(st):
                formulas[w] = value if formulas.get(w, value) == value else None
    swap = {DELTA * w: v for w, v in formulas.items() if v is not None}
    if not swap:
        return statements
    out = []
    for st in statements:
        lhs = st.lhs if isinstance(st, Statement) else None
        if isinstance(lhs, sp.Symbol) and lhs.name.endswith("^+") and _adds(st, sp.Symbol(lhs.name[:-2])):
            sides = tuple(replace(p, factors=tuple(_swapped(f, swap) for f in p.factors)) for p in st.sides)
            st = replace(st, sides=sides)
        out.append(st)
    return out


def _numbers_last(stmt: Statement) -> bool:
    """The definition's last side is numbers alone (= 0.1 \times 1 \times 0.0381 = 0.0038)."""
    last = stmt.sides[-1].factors
    return all(isinstance(f, sp.Basic) and not isinstance(f, Partial) for f in last) and not any(
        f.free_symbols for f in last
    )


def _adds(stmt: Statement, w: sp.Symbol) -> bool:
    """w^{+} = w + Δw on every side that names Δw: the increment added."""
    sides = [sp.Mul(*p.factors) for p in stmt.sides if all(isinstance(f, sp.Basic) for f in p.factors)]
    with_change = [v for v in sides if v.has(DELTA)]
    return bool(with_change) and all(sp.expand(v - w) == DELTA * w for v in with_change)


def _swapped(f, swap: dict):
    return f.xreplace(swap) if isinstance(f, sp.Basic) else f


def numbers(net, mixed: list) -> tuple[list, list]:
    """The numbers of an increment, `\\Delta w_{35} = ... = 0.1 \times 0.5250 \times (-0.1274)`:
    read as the update w^{+} = w + Δw, each such side is w + (numbers); those numbers are a claim
    about Δw = w^{+} - w, checked so (the side is the parameter, coefficient 1, plus numbers
    alone). Returns (claims to check, claims still mixing numbers and names)."""
    checked, left = [], []
    for c in mixed:
        names = c.written.free_symbols
        (s,) = names if len(names) == 1 else (None,)
        rest = sp.expand(c.written - s) if s is not None else None
        param = _resolved(net, s)
        if rest is None or rest.free_symbols or param is None:
            left.append(c)
            continue
        if param not in net.d.params and -param not in net.d.params:
            left.append(c)
            continue
        checked.append(replace(c, written=rest, true=c.true - param))
    return checked, left


def _resolved(net, s: sp.Symbol | None) -> sp.Expr | None:
    if s is None:
        return None
    try:
        return net.names.resolve(s, "")
    except (SympropError, TypeError, ValueError, AttributeError, KeyError, IndexError):
        return None
