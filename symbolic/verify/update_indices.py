r"""An update written for a bare letter whose step names the weight: `w_{nuevo} = w_{viejo} - \eta
\cdot \frac{\partial L}{\partial w_1}` (the new and the old w, the weight's index left to the
gradient), then `w_{nuevo} = 0.3 - (0.1) \cdot (-0.00793)` (its numbers).

The rule's gradient is taken by one name of the letter, w_1: the bare w of the rule stands for it,
and so do the updated w of the lines after it, until a rule names another. Read only when the
rule's step differentiates by exactly one name in the letter; a bare letter the network knows by
itself (the one weight of a one-unit network, `\partial L/\partial w`) names no index here.
Pure: statements in, statements out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import PARTIAL, Statement

_UPDATED = "^+"


def _bare(stmt) -> str | None:
    """The bare letter an update line updates (w of w^+), else None."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol):
        return None
    name = stmt.lhs.name
    base = name[: -len(_UPDATED)] if name.endswith(_UPDATED) else ""
    return base if re.fullmatch(r"[A-Za-z]+", base) else None


def _by(stmt: Statement, base: str) -> set[str]:
    """The names in `base`'s letter the statement's sides differentiate by (w_1 of ∂L/∂w_1)."""
    out: set[str] = set()
    for side in stmt.sides:
        for f in side.factors:
            if isinstance(f, sp.Basic):
                for p in f.atoms(PARTIAL):
                    den = p.args[1]
                    if isinstance(den, sp.Symbol) and re.fullmatch(rf"{base}_\{{?\w+\}}?", den.name):
                        out.add(den.name)
    return out


def _renamed(stmt: Statement, base: str, name: str) -> Statement:
    swap = {sp.Symbol(base): sp.Symbol(name), sp.Symbol(base + _UPDATED): sp.Symbol(name + _UPDATED)}
    sides = tuple(
        replace(
            p,
            factors=tuple(f.xreplace(swap) if isinstance(f, sp.Basic) else f for f in p.factors),
            parts=tuple(q.xreplace(swap) if isinstance(q, sp.Basic) else q for q in p.parts),
        )
        for p in stmt.sides
    )
    return replace(stmt, lhs=sp.Symbol(name + _UPDATED), sides=sides)


def apply(statements: list) -> list:
    """The statements, each bare update read as the update of the weight its rule names."""
    named: dict[str, str] = {}  # letter -> the weight the last rule for it named
    out: list = []
    for stmt in statements:
        base = _bare(stmt)
        if base is None:
            out.append(stmt)
            continue
        by = _by(stmt, base)
        if len(by) == 1:
            named[base] = by.pop()
        elif by:
            named.pop(base, None)  # two weights in one step: no one index
        out.append(_renamed(stmt, base, named[base]) if base in named else stmt)
    return out
