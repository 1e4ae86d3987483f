r"""A plain-word sum of a vector expression, as code-like notes write the loss:
`J(Y, \hat{Y}) = -sum(Y * \log(\hat{Y}))` (AI Stack Exchange 35741), `sum` adding the entries of
an element-wise expression of whole vectors.

latex/vector_max.py reads `sum(v)` as VECTOR_SUM(v); here it becomes `\sum_k` of v with each name
written at unit k (`Y` -> y_k, `\hat{Y}` -> \hat{y}_k: a capital letter alone is the vector of the
lowercase entries, as such notes write vectors), so the sum is then read like any `\sum_k` (its
range the units the names have; a name with no entries leaves the statement not checked). Only
when every name in v is a bare name (no index, no layer); anything else is left as written. Pure:
statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from ..latex.statements import SUMMATION
from ..latex.vector_max import VECTOR_SUM
from .symbols import _all_symbols, map_expressions

_BARE = re.compile(r"([A-Za-z]+)((?:_(?:hat|bar|tilde))?)")
_LETTERS = "kjimnpq"


def _entry(name: str, letter: str) -> str | None:
    """A bare vector name at unit `letter` (Y -> y_k, Y_hat -> y_hat_k), else None."""
    m = _BARE.fullmatch(name)
    if m is None:
        return None
    base, accent = m.groups()
    base = base.lower() if len(base) == 1 else base
    return f"{base}{accent}_{letter}"


def _opened(e: sp.Basic, letter: str) -> sp.Basic:
    if getattr(e, "func", None) == VECTOR_SUM:
        (body,) = e.args
        swap = {}
        for s in body.free_symbols:
            entry = _entry(s.name, letter) if isinstance(s, sp.Symbol) else None
            if entry is None:
                return e
            swap[s] = sp.Symbol(entry)
        if not swap:
            return e
        return SUMMATION(body.xreplace(swap), sp.Symbol(letter), sp.Integer(0))
    if not e.args:
        return e
    return e.func(*[_opened(a, letter) for a in e.args])


def apply(statements: list) -> list:
    """Each sum(v) of whole vectors written as \\sum_k of their entries."""
    return with_index_letter(statements, VECTOR_SUM, _opened)


def with_index_letter(statements: list, marker, rewrite) -> list:
    """Each statement holding `marker` (a SymPy function) rewritten by `rewrite(expr, letter)`,
    `letter` an index the statement does not use (k, j, i ...); left as it is when it uses all."""
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement) or not any(
            s.has(marker)
            for s in (stmt.lhs, *(f for p in stmt.sides for f in p.factors))
            if isinstance(s, sp.Basic)
        ):
            out.append(stmt)
            continue
        used = {c for s in _all_symbols(stmt) for c in s.name.split("_")[1:] if len(c) == 1}
        letter = next((c for c in _LETTERS if c not in used), None)
        out.append(stmt if letter is None else map_expressions(stmt, lambda e, k=letter: rewrite(e, k)))
    return out
