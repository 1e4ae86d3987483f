r"""Units a statement names one by one: by role label (out_{h1}), or by letters it enumerates.

- `unit_labels`: the unit labels (h, i, o) of which a statement names exactly one unit.
- `distinct`: letters written as the terms of one sum, each term the same but for its letter
  (Cross Validated's e^{z_a} + e^{z_b} + e^{z_c}, the classes a, b, c), name different units:
  the statement's instances with two of them equal are not what it says (there e^{z_a} +
  e^{z_a} + e^{z_c} would be a softmax denominator missing a unit), so they are left out, as a
  condition a \ne b on the statement (latex/conditions.py) would leave them.
Pure functions on statements.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import sympy as sp

from ..latex import Statement
from ..latex.statements import COMPARISONS
from .symbols import _all_symbols, expressions

_ONE_LETTER = re.compile(r"([A-Za-z]+)_([a-z])(@.*)?")
_NOT_EQUAL = COMPARISONS.index("≠")


def unit_labels(stmt: Statement) -> dict[str, int]:
    """The unit labels (h, i, o) of which a statement names exactly one unit (out_{h1}: h -> 1)."""
    seen: dict[str, set[int]] = {}
    for s in _all_symbols(stmt):
        for label, k in re.findall(r"_([iho])_?(\d+)$", s.name):
            seen.setdefault(label, set()).add(int(k))
    return {label: next(iter(ks)) for label, ks in seen.items() if len(ks) == 1}


def _shape(term: sp.Basic, letters: set[str]) -> tuple[sp.Basic, str] | None:
    """The term with its one index letter blanked, and that letter; None when it has not
    exactly one of `letters` (on names indexed by one letter only)."""
    found = {}
    for s in term.atoms(sp.Symbol):
        m = _ONE_LETTER.fullmatch(s.name)
        if m and m.group(2) in letters:
            found[s] = m
    used = {m.group(2) for m in found.values()}
    if len(used) != 1:
        return None
    blank = {s: sp.Symbol(f"{m.group(1)}_?{m.group(3) or ''}") for s, m in found.items()}
    return term.xreplace(blank), used.pop()


def groups(stmt: Statement, letters: list[str]) -> list[set[str]]:
    """The sets of free `letters` a statement enumerates (e^{z_a} + e^{z_b} + e^{z_c}: {a, b, c})."""
    free = set(letters)
    out: list[set[str]] = []
    for e in expressions(stmt):
        for add in (a for a in sp.preorder_traversal(e) if isinstance(a, sp.Add)):
            shapes = [_shape(t, free) for t in add.args]
            if any(s is None for s in shapes):
                continue
            forms = {s[0] for s in shapes if s is not None}
            named = [s[1] for s in shapes if s is not None]
            if len(forms) == 1 and len(set(named)) == len(named) > 1 and set(named) not in out:
                out.append(set(named))
    return out


def distinct(stmt: Statement, letters: list[str]) -> Statement:
    """The statement with a \\ne b for every two letters it enumerates (module doc)."""
    clauses = tuple(
        (a, _NOT_EQUAL, b)
        for group in groups(stmt, letters)
        for a, b in itertools.combinations(sorted(group), 2)
    )
    return replace(stmt, condition=(*stmt.condition, *clauses)) if clauses else stmt
