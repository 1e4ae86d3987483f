r"""δ's sign when only the form of an update or a gradient says it: every line that says it weighed.

With no definition of δ (δ = -∂E/∂net), verify/signs.py reads δ's sign from the first update or
gradient written with δ (w ← w + η δ x: δ = -∂E/∂net). A slip in that one line then made the
document's right δ lines "sign wrong". So when the sign came from a form and a line that uses δ
is wrong, the document is read under the other sign too, and each line votes:
- an update or a gradient written with δ, for the sign its form says (signs.DeltaSign.votes);
- a δ written as a formula (\delta_k = (d_k - o_k) o_k (1 - o_k)), for the sign under which it
  is correct, when it is correct under one sign and wrong under the other.
The majority's reading is kept. On a tie the document contradicts itself and its text does not say
which side holds the slip: the voting lines are not checked, each naming the lines against it,
and so are the lines that follow the sign (a δ read through the contested one, an update judged
to climb the error with δ as written).
Pure functions on Reports (verify/report.py).
"""

from __future__ import annotations

from dataclasses import replace

from .ditto import Unchecked
from .signs import SignFault

MAJORITY = "most of the lines that use δ read it so"
FIX = "say which sign δ has: define it (δ = ∂E/∂net or δ = -∂E/∂net), or give --delta plus|minus"
_MEANING = {1: "δ = ∂E/∂net", -1: "δ = -∂E/∂net"}


def contested(report) -> bool:
    """Whether to read the other sign: δ's sign came from a form, and a δ line or a line whose
    form said the sign is wrong under it."""
    sign = report.sign
    if sign is None or sign.kind not in ("update", "gradient"):
        return False
    lines = report.delta_lines | {(line, col) for line, col, _ in sign.votes}
    return any(v.status == "wrong" and (v.line, v.col) in lines for v in report.verdicts)


def options(report, conventions: dict | None) -> dict:
    """The conventions that read δ with the other sign, said as the majority's."""
    other = "minus" if report.sign.sign > 0 else "plus"
    return {**(conventions or {}), "delta": other, "delta_why": MAJORITY}


def weigh(report, other):
    """`report` (δ's sign as the first form said) or `other` (the opposite sign), by the votes;
    on a tie, `report` with every voting line not checked."""
    sign = report.sign.sign
    votes = {(line, col): s for line, col, s in report.sign.votes}
    mine, theirs = _statuses(report), _statuses(other)
    for at in report.delta_lines - set(votes):
        if (mine.get(at), theirs.get(at)) == ("correct", "wrong"):
            votes[at] = sign
        elif (mine.get(at), theirs.get(at)) == ("wrong", "correct"):
            votes[at] = -sign
    total = sum(votes.values())
    if total * sign > 0:
        return report
    if total * sign < 0:
        return other
    differ = {at for at in set(mine) | set(theirs) if mine.get(at) != theirs.get(at)}
    faulted = {(v.line, v.col) for v in report.verdicts if isinstance(v.fault, SignFault)}
    return _conflict(report, votes, (differ | faulted) - set(votes))


def _statuses(report) -> dict:
    """(line, col) -> 'wrong' (an instance wrong), 'correct' (every instance correct), or 'other'."""
    out: dict = {}
    for v in report.verdicts:
        at, now = (v.line, v.col), out.get((v.line, v.col), "correct")
        out[at] = "wrong" if "wrong" in (now, v.status) else now if v.status == "correct" else "other"
    return out


def _conflict(report, votes: dict, following: set):
    """The voting lines not checked, each naming the lines against it; so too the lines whose
    verdict `following` the sign (a δ read through the contested one, an update that climbs)."""
    by_sign = {s: sorted(line for (line, _), v in votes.items() if v == s) for s in (1, -1)}
    unchecked = [u for u in report.unchecked if (u.line, u.col) not in set(votes) | following]
    lines = {s: ", ".join(str(n) for n in dict.fromkeys(by_sign[s])) for s in (1, -1)}
    for line, col in following:
        reason = (
            f"δ's sign: it follows δ's, which line{'s' if ',' in lines[1] else ''} {lines[1]} read as "
            f"{_MEANING[1]} and line{'s' if ',' in lines[-1] else ''} {lines[-1]} as {_MEANING[-1]}; "
            "one side holds a slip, and the text does not say which"
        )
        unchecked.append(Unchecked(line, col, reason, FIX))
    for (line, col), s in votes.items():
        against = ", ".join(str(n) for n in dict.fromkeys(by_sign[-s]))
        reason = (
            f"δ's sign: this line reads {_MEANING[s]}, line{'s' if ',' in against else ''} {against} "
            f"reads {_MEANING[-s]}; one side holds a slip, and the text does not say which"
        )
        unchecked.append(Unchecked(line, col, reason, FIX))
    verdicts = [v for v in report.verdicts if (v.line, v.col) not in set(votes) | following]
    return replace(report, verdicts=verdicts, unchecked=sorted(unchecked, key=lambda u: (u.line, u.col)))
