"""Instances of a generic statement dropped for a name the network lacks: outside the network, or
a sign that the statement is wrong?

A statement in j, k, l is checked at the instances whose names all exist (verify/indices.py). A
letter run past its layer's size drops instances harmlessly: at j = 3 of a two-unit layer every
name indexed by j is absent. But w_{lj} written for w_{jl} also drops instances, and in a
different way: the values of j and l name units elsewhere in the same instance (a_j, a_l), only
the weight with its indices in that order is missing. The instances left can then be exactly those
where the slip makes no difference (j = l), and the statement would be called correct on no
evidence (Brilliant's page read as a 2-2-1 network did that). Such a drop is a reason the
statement is not fully checked, and is said.
"""

from __future__ import annotations

import sympy as sp

from ..latex import Statement
from ..latex.statements import SUMMATION
from .ditto import Unchecked
from .hints import shown
from .index_terms import Invalid
from .roles import LAYER
from .symbols import LAYERED, expressions

DROPPED = "those instances are not checked, and the statement is not called correct on the rest"


def unless_wrong(verdicts: list, unchecked: list[Unchecked]) -> list[Unchecked]:
    """The notes of dropped instances, less those on a statement some instance of which is wrong:
    a wrong instance is the verdict; the note only keeps the rest from being called correct."""
    wrong = {(v.line, v.col) for v in verdicts if v.status == "wrong"}
    return [u for u in unchecked if not (u.reason.endswith(DROPPED) and (u.line, u.col) in wrong)]


# a layer written with a letter other than these is a letter of the instance (Brilliant's k)
_TOP = ("L", "nl")


def _letters(inst, s: sp.Basic) -> tuple[set[str], set[str]]:
    """(unit letters, every letter) of a name, or of a sum (its names' letters but its own index),
    as the instance reads it."""
    if getattr(s, "func", None) == SUMMATION:
        var = s.args[1].name
        pairs = [_letters(inst, t) for t in s.args[0].atoms(sp.Symbol)]
        return {c for u, _ in pairs for c in u} - {var}, {c for _, e in pairs for c in e} - {var}
    m = LAYERED.fullmatch(s.name)
    if m:
        units = {c for c in (m.group(2) or "") if c.isalpha()}
        layer = m.group(3).removeprefix("[").removeprefix("=")
        head = layer.rstrip("+-0123456789")
        return units, units | ({head} if head.isalpha() and head not in _TOP else set())
    letters = set(inst._letters({s}))
    return letters - {LAYER}, letters  # λ: the layer a role name's letters range in (roles.py)


def _present(inst, s: sp.Basic, env: dict) -> bool:
    try:
        inst.expr(s, env)
    except Invalid:
        return False
    return True


def _named(stmt: Statement) -> list[sp.Basic]:
    """The names a statement writes, and its sums (a sum with no term in the network is absent)."""
    out: set[sp.Basic] = set()
    for e in expressions(stmt):
        out |= e.atoms(sp.Symbol) | {
            a for a in sp.preorder_traversal(e) if getattr(a, "func", None) == SUMMATION
        }
    return sorted(out, key=sp.default_sort_key)  # one order, so one message, in every run


def _said(inst, s: sp.Basic, env: dict) -> str:
    """An absent name as shown in a message; for a sum, the name in it absent at every term."""
    if getattr(s, "func", None) != SUMMATION:
        return shown(s.name)
    var = s.args[1].name
    span = range(1 - inst.shift, inst.units + 1 - inst.shift)
    for t in sorted(s.args[0].atoms(sp.Symbol), key=lambda t: t.name):
        if var in _letters(inst, t)[1] and not any(_present(inst, t, {**env, var: v}) for v in span):
            return f"{shown(t.name)} (for any {var})"
    return f"\\sum_{{{var}}}"


def partly_absent(inst, stmt: Statement, env: dict) -> tuple[str, list[str]] | None:
    """For an instance that names something the network lacks: (the absent name or sum, present
    names carrying each of its unit letters) when its layer exists and every one of its unit
    letters has a value that names a unit elsewhere in this instance; None when the instance lies
    outside the network (some letter names no unit anywhere in it, or a layer is missing)."""
    names = []
    for s in _named(stmt):
        units, every = _letters(inst, s)
        if units and every <= env.keys():
            names.append((s, units))
    present = {s for s, _ in names if _present(inst, s, env)}
    for s, units in names:
        if s in present:
            continue
        first = {**env, **dict.fromkeys(units, 1 - inst.shift)}
        if not _present(inst, s, first):  # its layer is not in the network: a layer run past the top
            continue
        witnesses = []
        for c in sorted(units):
            others = [t for t, u in names if t in present and c in u and isinstance(t, sp.Symbol)]
            if not others:
                break  # this letter's value names no unit anywhere here: outside the network
            witnesses.append(shown(others[0].name))
        else:
            return _said(inst, s, env), witnesses
    return None


def dropped(stmt: Statement, slips: list[tuple[dict, str, list[str], str]]) -> Unchecked:
    """The note for a statement's instances dropped although their letters name units: (instance,
    the absent name, the names present, the hint on the absent one's layer) for each."""
    env, absent, present, hint = slips[0]
    at = ", ".join(f"{c}={v}" for c, v in env.items())
    more = f" (and {len(slips) - 1} more instance{'s' if len(slips) > 2 else ''})" if len(slips) > 1 else ""
    names = list(dict.fromkeys(present))
    return Unchecked(
        stmt.line,
        stmt.col,
        f"at {at}{more}, {absent} names nothing in the network"
        + (f" ({hint})" if hint else "")
        + f" while {' and '.join(names)} {'does' if len(names) == 1 else 'do'}: {DROPPED}",
        "check the order of the indices against --weights (which unit a weight leaves), or the --net sizes",
    )
