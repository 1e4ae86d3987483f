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

from . import matrix_orientation, orientation, use_roles
from .binding import Source
from .sign_votes import _statuses

OTHER = {"output-by-input": "input-by-output", "input-by-output": "output-by-input"}
HOW = "orientation, most lines"


def lone(statements, conventions: dict | None) -> tuple[int, str] | None:
    """(the line, the other orientation) when one line alone says the orientation and the user
    gave none; else None."""
    if (conventions or {}).get("weights"):
        return None
    found = [
        *orientation.votes(statements),
        *use_roles.change_votes(statements),
        *matrix_orientation.votes(statements),
    ]
    if len({n for n, _ in found}) != 1 or len({v for _, v in found}) != 1:
        return None
    line, said = found[0]
    return (line, OTHER[said]) if said in OTHER else None


def better(report, other, line: int) -> bool:
    """Whether `other` (read the other way) holds up better than `report`: some statement of
    `report` wrong, no more wrong in `other`, more correct, and the lone line not correct in it
    (wrong, or not checked where its sum names no connection read that way)."""
    mine, theirs = _statuses(report), _statuses(other)
    wrong = [sum(s == "wrong" for s in x.values()) for x in (mine, theirs)]
    right = [sum(s == "correct" for s in x.values()) for x in (mine, theirs)]
    slipped = not any(s == "correct" for (n, _), s in theirs.items() if n == line)
    return wrong[0] > 0 and wrong[1] <= wrong[0] and right[1] > right[0] and slipped


def said(other, line: int, orientation_: str):
    """`other` with a note: the orientation most lines read, against the lone line."""
    note = Source(orientation_, sp.Symbol(orientation_), line, HOW)
    return replace(other, inferred=[note, *other.inferred])
