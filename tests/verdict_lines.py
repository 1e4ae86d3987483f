"""The statuses a verify report gives each line: the shape most verifier tests assert on."""

from __future__ import annotations


def by_line(report) -> dict[int, set[str]]:
    """line -> the statuses of its verdicts, with 'not checked' for each unchecked statement."""
    out: dict[int, set[str]] = {}
    for v in report.verdicts:
        out.setdefault(v.line, set()).add(v.status)
    for u in report.unchecked:
        out.setdefault(u.line, set()).add("not checked")
    return out
