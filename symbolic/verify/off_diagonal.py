r"""The off-diagonal entry after the diagonal one: a derivative in two index letters, written after
the same derivative in one letter, is the case of two different units.

Kyle Lo's appendix gives `\frac{\partial \phi(z)_i}{\partial z_i} = ... = \phi(z)_i (1 - \phi(z)_i)`
and then `\frac{\partial \phi(z)_i}{\partial z_j} = ... = - \phi(z)_i \phi(z)_j`, the condition
i \neq j said in the prose between them. Textbooks write the softmax's Jacobian this way: the
diagonal i = j first, then the other entries. The second statement is checked for i \neq j only,
as if it ended in `, i \neq j` (its instances say which units were checked).

Only when an earlier statement's left side is that very derivative with one letter in both places
(the same names, the letters aside), the later one has no condition of its own, and its two letters
are different single letters. Pure: statements in, statements out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement

_NOT_EQUAL = 1  # COMPARISONS[1] is '≠'
_INDEX = re.compile(r"[A-Za-z]+(?:_(?:hat|tilde|bar))?_([a-z])(?:@.*)?")


def _letters(e: sp.Basic) -> set[str]:
    """The single index letters of the names in e (z_i, a_j@2)."""
    return {m.group(1) for s in e.atoms(sp.Symbol) if (m := _INDEX.fullmatch(s.name))}


def _renamed(e: sp.Basic, old: str, new: str) -> sp.Basic:
    swap = {
        s: sp.Symbol(re.sub(rf"(?<=_){old}(?![A-Za-z0-9])", new, s.name))
        for s in e.atoms(sp.Symbol)
        if _INDEX.fullmatch(s.name)
    }
    return e.xreplace(swap)


def _one_letter(lhs: object) -> tuple[sp.Basic, sp.Basic, str] | None:
    """(num, den, x) of ∂N_x/∂D_x, both in the one letter x; else None."""
    if not isinstance(lhs, Partial) or not isinstance(lhs.num, sp.Basic) or not isinstance(lhs.den, sp.Basic):
        return None
    a, b = _letters(lhs.num), _letters(lhs.den)
    if len(a) == 1 and a == b:
        return lhs.num, lhs.den, next(iter(a))
    return None


def apply(statements: list) -> list:
    """Each ∂N_i/∂D_j after ∂N_x/∂D_x given the condition i ≠ j."""
    diagonals: list[tuple[sp.Basic, sp.Basic, str]] = []
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, Partial):
            out.append(stmt)
            continue
        one = _one_letter(stmt.lhs)
        if one is not None:
            diagonals.append(one)
            out.append(stmt)
            continue
        num, den = stmt.lhs.num, stmt.lhs.den
        a = _letters(num) if isinstance(num, sp.Basic) else set()
        b = _letters(den) if isinstance(den, sp.Basic) else set()
        if stmt.condition or len(a) != 1 or len(b) != 1 or a == b:
            out.append(stmt)
            continue
        p, q = next(iter(a)), next(iter(b))
        if q in {s.name for s in num.atoms(sp.Symbol)} | {s.name for s in den.atoms(sp.Symbol)}:
            out.append(stmt)
            continue
        after = any(_renamed(num, p, x) == n and _renamed(den, q, x) == d for n, d, x in diagonals)
        out.append(replace(stmt, condition=((p, _NOT_EQUAL, q),)) if after else stmt)
    return out
