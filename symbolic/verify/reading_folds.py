"""After judging, one verdict per statement read several ways (verify/letter_readings.py reads a
statement's letters by their roles, once per surviving assignment of layers): judged where every
reading agrees, else not checked with the readings named; a δ whose sign only the document's other
statements say is not checked. Pure: verdicts in, verdicts out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from ..latex import Statement
from . import letter_defaults, word_roles
from .ditto import Unchecked
from .signs import DELTA_NAME, SignFault, symbols_of

READING = "read with "  # a reading's instance label: 'read with j an output unit; j=2'


def _status(verdicts: list) -> str:
    statuses = {v.status for v in verdicts}
    return "wrong" if "wrong" in statuses else "not proved" if "not proved" in statuses else "correct"


def spoken_for(sign, written: dict, deltas: dict | None = None, read: frozenset = frozenset()) -> frozenset:
    """The statements whose δ is written as the one a definition gives its sign (Kriesel's
    δ_h = -∂Err/∂net_h, then δ_h = f'_act(net_h)(t_h - y_h)): that definition says their sign.
    Without a definition, the δ formulas read by their roles (`read`) whose δs the document uses
    in two or more updates or gradients, all for the sign kept and none against it (Dolhansky's
    δ_k = o_k(1 - o_k)(o_k - t_k) and δ_j = o_j(1 - o_j) Σ_k δ_k w_{jk}, then ∂E/∂w_{jk} = o_j δ_k
    and ∂E/∂w_{ij} = o_i δ_j): those uses say their sign. A δ written otherwise (an answer's δ^L
    beside a question's δ_j) is no use of theirs. `written`: (line, col) -> the left side as
    written, before its letters were read by roles; `deltas`: (line, col) -> the δ names a
    statement writes."""
    kind = getattr(sign, "kind", "")
    if kind == "definition" and sign.at and sign.at in written:
        return frozenset(at for at, lhs in written.items() if lhs == written[sign.at])
    votes = getattr(sign, "votes", ()) if kind != "definition" else ()
    formulas = {
        at: lhs.name
        for at, lhs in written.items()
        if at in read and DELTA_NAME.fullmatch(getattr(lhs, "name", ""))
    }
    if not votes or not deltas or not formulas:
        return frozenset()
    family = set(formulas.values())
    uses = [s for line, col, s in votes if family & deltas.get((line, col), frozenset())]
    if len(uses) < 2 or any(s != sign.sign for s in uses):
        return frozenset()
    return frozenset(formulas)


def written_deltas(statements: list) -> dict:
    """(line, col) -> the δ names a statement writes anywhere (signs' own symbols)."""
    return {
        (st.line, st.col): frozenset(n for n in (x.name for x in symbols_of(st)) if DELTA_NAME.fullmatch(n))
        for st in statements
        if isinstance(st, Statement)
    }


def fold(
    verdicts: list, unchecked: list[Unchecked], readings: dict, spoken: frozenset = frozenset()
) -> tuple[list, list[Unchecked]]:
    """One verdict per statement read several ways: judged where every reading agrees, else not
    checked with the readings named; a statement with one reading keeps its verdicts. `spoken`:
    statements whose δ's sign a definition of the same δ says (`spoken_for`), judged with it."""
    if not readings:
        return verdicts, unchecked
    unchecked = [_plain(u) if (u.line, u.col) in readings else u for u in unchecked]
    verdicts = _sign_unsaid(verdicts, unchecked, readings, spoken)
    verdicts = [  # ∂C/∂w = a_in δ_out: its letters said as its words (word_roles.py)
        replace(v, instance=word_roles.as_words(v.instance)) if " out " in v.instance[:60] else v
        for v in verdicts
    ]
    kept = []
    by: dict[tuple[int, int], dict[str, list]] = {}
    for v in verdicts:
        at = (v.line, v.col)
        if at in readings and len(readings[at]) > 1 and v.instance.startswith(READING):
            reading = v.instance[len(READING) :].partition("; ")[0]
            by.setdefault(at, {}).setdefault(reading, []).append(v)
        else:
            kept.append(v)
    for at, per in by.items():
        blocked = any((u.line, u.col) == at for u in unchecked)
        statuses = {r: _status(vs) for r, vs in per.items()}
        if blocked or len(per) < len(readings[at]):
            if not blocked:
                missing = [r for r in readings[at] if r not in per]
                unchecked.append(Unchecked(*at, f"read with {missing[0]}, it names nothing the network has"))
            continue
        if len(set(statuses.values())) == 1:
            kept += [v for vs in per.values() for v in vs]
            continue
        (r1, s1), (r2, s2) = next(
            (a, b) for a, b in itertools.combinations(statuses.items(), 2) if a[1] != b[1]
        )
        unchecked.append(
            Unchecked(
                *at,
                f"its letters carry no layer and {letter_defaults.settles(readings, at)}: {s1} read with "
                f"{r1}; {s2} read with {r2}",
                "write the layer (\\delta^{(l)}_j, w^{(l)}_{jk}); give --weights if a weight's way differs",
            )
        )
    return kept, unchecked


def _plain(u: Unchecked) -> Unchecked:
    """A reason about a reading's names in the network's spelling: \\delta^{(2)}_{j}, not the
    reading's internal \\delta^{=2}_{j} (a weight it reads as no connection: as written)."""
    reason = re.sub(r"\^\{=(\d+)\}", r"^{(\1)}", u.reason).replace("^{=none}", "")
    return replace(u, reason=reason) if reason != u.reason else u


def _sign_unsaid(verdicts: list, unchecked: list[Unchecked], readings: dict, spoken: frozenset) -> list:
    """A δ read by its roles that is the true δ negated, where only the document's other
    statements say δ's sign (a question's δ = -∂J/∂net beside an answer's δ^L = ∂C/∂z): not
    checked, the two signs named (`unchecked` gets the note); the option --delta still judges it,
    and so does a definition of the same written δ (`spoken`)."""
    doubtful = {
        (v.line, v.col): "δ = -∂E/∂net" in v.fault.text
        for v in verdicts
        if (v.line, v.col) in readings
        and (v.line, v.col) not in spoken
        and isinstance(v.fault, SignFault)
        and "the option" not in v.fault.text
        and "update" not in v.fault.text
    }
    for at, minus in sorted(doubtful.items()):
        this, theirs = ("∂E/∂net", "-∂E/∂net") if minus else ("-∂E/∂net", "∂E/∂net")
        unchecked.append(
            Unchecked(
                *at,
                f"this δ, its letters read by their roles, is {this}, and the document's other "
                f"statements read δ as {theirs}: not checked (a document may quote both signs)",
                f"give --delta {'plus' if minus else 'minus'} if this δ is {this}, or write its layer "
                "(\\delta^{(l)}_j)",
            )
        )
    return [v for v in verdicts if (v.line, v.col) not in doubtful]
