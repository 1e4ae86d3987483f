r"""A δ named once for several units: `\delta_{ok} = -\frac{\partial E}{\partial (net_k)}` where
the name carries no index the line's instances give it (k=1, k=2 leave `\delta_{ok}` as it is).

Such a line defines one name as a different unit's derivative in each instance: which unit the
name is cannot be settled, so none of its instances is judged, and no later line reads the name
by it (the first instance's meaning would be read into the others: a false verdict). Said not
checked with that reason. Pure: instantiated statements in, their keys out.
"""

from __future__ import annotations

from collections import defaultdict

import sympy as sp

from ..latex import Statement
from .display import shown
from .letter_readings import READING
from .written_numbers import is_delta

REASON = "{} names one unit, but the line defines it for each of {}: which unit it is is not settled"


def _key(stmt: Statement) -> tuple:
    return (stmt.line, stmt.col, stmt.lhs)


def shared(statements: list) -> dict[tuple, str]:
    """{(line, col, δ): reason} of the δ definitions whose instances leave the δ's name unchanged."""
    seen: dict[tuple, set[str]] = defaultdict(set)
    for s in statements:
        if isinstance(s, Statement) and is_delta(s.lhs) and s.instance and not s.instance.startswith(READING):
            seen[_key(s)].add(s.instance)
    return {
        key: REASON.format(shown(key[2].name), ", ".join(sorted(found)))
        for key, found in seen.items()
        if len(found) > 1 and isinstance(key[2], sp.Symbol)
    }


def reason(statements_shared: dict[tuple, str], stmt: object) -> str | None:
    """The reason a statement is one of those, else None."""
    if not isinstance(stmt, Statement) or not is_delta(stmt.lhs):
        return None
    return statements_shared.get(_key(stmt))
