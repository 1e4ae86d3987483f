r"""The weights' orientation said by one line alone, checked against the rest of the document.

A document says which way its weights run by its forward sums (`net_j = \sum_i w_{ji} x_i`,
verify/orientation.py). When a single line says it, a slip of that line's indices (w_{ij} for
w_{ji}) turns the whole document around: the slipped line is read as right, and the lines written
the document's real way are read as wrong, or not at all. So when one line alone says the
orientation and some statement is wrong, the document is read again the other way, and that
reading is kept when it is better on the evidence of the other lines: no more statements wrong,
more correct, and the lone line no longer correct. Otherwise the first reading stands (a
document written input-by-output reads worse the other way on every line that uses a weight).
Pure functions on statements and Reports (verify/report.py).
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from . import matrix_orientation, orientation, use_roles
from .binding import Source
from .ditto import Unchecked, VerifyInputError
from .hints import shown
from .judge import Verdict
from .matrix_faults import MatrixFault
from .sign_votes import _statuses
from .symbols import map_expressions

OTHER = {"output-by-input": "input-by-output", "input-by-output": "output-by-input"}
MAX_SLIPS = 3  # lines against the document's way tried (a reading each)
HOW = "orientation, most lines"


def lone(statements, conventions: dict | None) -> tuple | None:
    """(the lines saying the way read first, the other way, the lines saying the other way or
    None) when one line alone says the orientation (then None), or the lines say both ways
    equally, and the user gave none; else None."""
    if (conventions or {}).get("weights"):
        return None
    found = [
        *orientation.votes(statements),
        *use_roles.change_votes(statements),
        *matrix_orientation.votes(statements),
    ]
    ways = {v for _, v in found}
    if len({n for n, _ in found}) == 1 and len(ways) == 1:
        line, said = found[0]
        return ((line,), OTHER[said], None) if said in OTHER else None
    if ways == set(OTHER) and orientation.majority(sorted(set(found))) is None:  # a tie
        by = {w: tuple(sorted({n for n, v in found if v == w})) for w in OTHER}
        return by["output-by-input"], "input-by-output", by["input-by-output"]
    return None


def settle(report, run, conventions: dict | None, flip: tuple) -> tuple:
    """(the report, its conventions, the way its weights are read, None when not settled), the
    document read the other way too (`run(conventions)` reads it). One line alone: the other
    reading is kept when `better`. A tie: the document is read each way, and a way kept only when
    some line that is no vote reads right that way and not the other, and none the other way
    round (Zurada's derivative by w_{kj} beside a swapped w_{jk} sum); else the voting lines are
    not checked, the reason said."""
    lines, other_way, others = flip
    given = dict(conventions or {})
    try:
        first = run({**given, "weights": OTHER[other_way]}) if others is not None else report
        other = run({**given, "weights": other_way})
    except VerifyInputError:  # nothing at all reads one of the ways: the first reading stands
        return report, conventions, None
    if others is None:
        if better(first, other, lines):
            return said(other, lines, other_way), {**given, "weights": other_way}, other_way
        return report, conventions, None
    votes = set(lines) | set(others)  # a tie: the lines using the weights, not the votes, decide
    for_other, for_first = _decides(other, first, votes), _decides(first, other, votes)
    if for_other and not for_first:
        return said(other, lines, other_way), {**given, "weights": other_way}, other_way
    if for_first and not for_other:
        way = OTHER[other_way]
        return said(first, others, way), {**given, "weights": way}, way
    return undecided(report, lines, others), conventions, None


def undecided(report, lines: tuple[int, ...], others: tuple[int, ...]):
    """`report` with its verdicts on the voting lines of a tie not given: the document writes its
    weights both ways and no other line says which, so neither line's verdict stands."""
    votes = set(lines) | set(others)
    ways = (
        f"lines {', '.join(map(str, lines))} output-by-input, {', '.join(map(str, others))} input-by-output"
    )
    reason = f"the document writes its weights two ways ({ways}), and no other line says which"
    fix = "give --weights input-by-output or output-by-input (how the document indexes a weight)"
    at = sorted({(v.line, v.col) for v in report.verdicts if v.line in votes})
    verdicts = [v for v in report.verdicts if v.line not in votes]
    unchecked = [*report.unchecked, *(Unchecked(n, c, reason, fix) for n, c in at)]
    return replace(report, verdicts=verdicts, unchecked=sorted(unchecked, key=lambda u: (u.line, u.col)))


def _decides(report, other, votes: set[int]) -> bool:
    """Whether a line that is no vote is correct in `report` and not in `other` (wrong, or its
    weight names nothing read that way)."""
    mine, theirs = _statuses(report), _statuses(other)
    return any(
        n not in votes and s == "correct" and theirs.get((n, c)) != "correct" for (n, c), s in mine.items()
    )


def better(report, other, lines: tuple[int, ...]) -> bool:
    """Whether `other` (read the other way) holds up better than `report`: some statement of
    `report` wrong or not checked (a slip may leave the lines written the document's way unread
    rather than wrong), no statement correct in `report` wrong in `other`, two or more of the
    other lines more correct in `other`, and more than newly wrong (one line alone, a backward sum
    written the other way, would settle the way it is itself judged in: Hjorth-Jensen's slip), and
    none of `lines` (the ones saying the way `report` reads) correct in it (wrong, or not checked
    where a sum names no connection read that way)."""
    mine, theirs = _statuses(report), _statuses(other)
    slipped = not any(s == "correct" for (n, _), s in theirs.items() if n in lines)
    mine, theirs = ({at: s for at, s in x.items() if at[0] not in lines} for x in (mine, theirs))
    wrong = [sum(s == "wrong" for s in x.values()) for x in (mine, theirs)]
    right = [sum(s == "correct" for s in x.values()) for x in (mine, theirs)]
    doubt = wrong[0] > 0 or bool(report.unchecked)
    gained = right[1] - right[0]  # two lines or more: one alone would settle the way it is judged in
    return (
        doubt
        and not broken(report, other)
        and gained >= 2
        and gained > max(0, wrong[1] - wrong[0])
        and slipped
    )


def broken(report, other) -> bool:
    """Whether some statement correct in `report` is wrong in `other`: the lines `report` reads
    right say its orientation against the other."""
    mine, theirs = _statuses(report), _statuses(other)
    return any(s == "correct" and theirs.get(at) == "wrong" for at, s in mine.items())


def said(other, lines: tuple[int, ...], orientation_: str):
    """`other` with a note: the orientation most lines read, against the line (the first of the
    lines) saying the other way."""
    note = Source(orientation_, sp.Symbol(orientation_), lines[0], HOW)
    return replace(other, inferred=[note, *other.inferred])


def read_way(statements, conventions: dict | None) -> str | None:
    """The way the document's weights are read: the user's (or the other way, kept by `better`),
    else what most of its lines say; None when nothing says it, or its lines say both ways
    equally (then no line is the slip, unless the other reading broke right lines)."""
    return (conventions or {}).get("weights") or orientation.detected(statements).get("weights")


def against(statements, read: str) -> list[int]:
    return orientation.against(statements, read)


def open_line(report, line: int) -> bool:
    """Whether no verdict on `line` is correct (a line read right stays as it is)."""
    return not any(v.line == line and v.status == "correct" for v in report.verdicts)


def _swapped_name(name: str) -> str | None:
    """w_ij -> w_ji (w_i,j -> w_j,i; a layer mark after @ kept), None for any other name."""
    m = orientation._WEIGHT.fullmatch(name)
    if m is None or m.group(1) == m.group(2):
        return None
    comma = "," if "," in name.split("@")[0] else ""
    at = name[len(name.split("@")[0]) :]
    return f"{name.split('_')[0]}_{m.group(2)}{comma}{m.group(1)}{at}"


def swapped(statements: list, lines: set[int]) -> tuple[list, dict[int, list[tuple[str, str]]]]:
    """The statements with each weight's two indices swapped on `lines`, and per line the names
    (as written, swapped)."""
    pairs: dict[int, dict[str, str]] = {n: {} for n in lines}

    def swap(e: sp.Basic, line: int) -> sp.Basic:
        subs = {s: sp.Symbol(n) for s in e.atoms(sp.Symbol) if (n := _swapped_name(s.name))}
        pairs[line].update({s.name: v.name for s, v in subs.items()})
        return e.xreplace(subs) if subs else e

    out = [
        map_expressions(s, lambda e, n=s.line: swap(e, n))
        if isinstance(s, Statement) and s.line in lines
        else s
        for s in statements
    ]
    return out, {n: sorted(p.items()) for n, p in pairs.items()}


def named(report, fixed, statements: list, line: int, pairs: list[tuple[str, str]], orientation_: str):
    """`report` with the lone line wrong, its indices named, when the document read the same way
    with that line's indices swapped (`fixed`) reads the line and finds nothing wrong on it: every
    verdict correct, or a definition of a name of the document's own (nothing to check); else
    `report` as it is."""
    mine = [v for v in fixed.verdicts if v.line == line]
    defines = [u for u in fixed.unchecked if u.line == line]
    if not pairs or not (mine or defines) or any(v.status != "correct" for v in mine):
        return report
    if any(not u.reason.startswith("defines ") for u in defines):
        return report
    wrote = ", ".join(shown(a) for a, _ in pairs)
    meant = ", ".join(shown(b) for _, b in pairs)
    text = f"wrote {wrote}, did you mean {meant}? (the other lines index the weights {orientation_})"
    names = {a for a, _ in pairs}
    lhs = [s.lhs for s in statements if isinstance(s, Statement) and s.line == line]
    sides = [s.sides for s in statements if isinstance(s, Statement) and s.line == line]
    fault = MatrixFault("wrong", 1, _position(sides[0] if sides else (), names), text=text)
    wrong = [_wrong(v, fault) for v in mine]
    if not mine and lhs and isinstance(lhs[0], sp.Symbol):
        one, written = sp.Integer(1), Partial(lhs[0], sp.Integer(1))
        wrong = [
            _wrong(Verdict("definition", lhs[0], one, written, line, u.col, True, delta=lhs[0]), fault)
            for u in defines
        ]
    if not wrong:
        return report
    kept = [v for v in report.verdicts if v.line != line]
    unchecked = [u for u in report.unchecked if u.line != line]
    verdicts = sorted([*kept, *wrong], key=lambda v: (v.line, v.col))
    return replace(report, verdicts=verdicts, unchecked=unchecked)


def _wrong(v: Verdict, fault: MatrixFault) -> Verdict:
    """`v` said wrong for `fault`, with nothing of the reading that found it right."""
    return replace(
        v,
        correct=False,
        status="wrong",
        exact=None,
        evidence=None,
        witness=None,
        hand=None,
        true=None,
        fault=fault,
    )


def _position(sides, names: set[str]) -> int | None:
    """The written factor (1-based, first side) holding one of `names`; None when only the left
    side writes them (∂E/∂w_{mn} with its indices swapped)."""
    for k, f in enumerate(sides[0].factors if sides else ()):
        if isinstance(f, sp.Basic) and {s.name for s in f.atoms(sp.Symbol)} & names:
            return k + 1
    return None
