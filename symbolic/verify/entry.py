"""The verifier's entry points: read a document, run the pipeline's stages once
(`pipeline.verify_once`), and run them a second time where one reading cannot settle the
document: numbered layers only the letter default counts, read again counted from 0
(`layer_origin`), and δ's sign said only by an update's form with a line using δ wrong, read
again with the other sign and the lines weighed (`sign_votes`). Pure: text in, a Report out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..derivation import Derivation
from ..latex import Statement
from ..latex.matrix import MatrixStatement
from . import layer_origin, orientation_votes, sign_votes
from .ditto import VerifyInputError
from .pipeline import verify_once
from .read import read
from .report import Report


def verify_text(d: Derivation, text: str, fmt: str = "tex", **kw: Any) -> Report:
    """Read a document (tex, txt or toml) and check it against `d`."""
    doc = read(text, fmt)
    return verify_statements(d, doc.statements, doc.aliases, source=text, unread=doc.unread, **kw)


def verify_statements(
    d: Derivation, statements: Sequence[Statement | MatrixStatement], aliases: dict | None = None, **kw: Any
) -> Report:
    """`pipeline.verify_once`; a document whose numbered layers only the letter default counts is
    read again counted from 0, and a numbered statement judged differently is not checked
    (verify/layer_origin.py)."""
    report = _weighed(d, statements, aliases, **kw)
    if not report.unanchored:
        return report
    other = _weighed(d, [*statements, layer_origin.zero_statement()], aliases, **kw)
    return layer_origin.fold(report, other)


def _weighed(d: Derivation, statements: Sequence, aliases: dict | None, **kw: Any) -> Report:
    """`pipeline.verify_once`; where only an update's form said δ's sign and a line using δ is
    wrong, read again with the other sign, and the lines weighed (verify/sign_votes.py)."""
    conventions = kw.pop("conventions", None)

    def run(conventions: dict | None, statements: Sequence = statements) -> Report:  # a run fills them in
        return verify_once(
            d,
            statements,
            dict(aliases) if aliases else aliases,
            conventions=conventions and dict(conventions),
            **kw,
        )

    report = run(conventions)
    read = orientation_votes.read_way(statements, conventions)
    flip = orientation_votes.lone(statements, conventions)  # w_{ij} for w_{ji} on the one line saying it
    if flip is not None and (report.unchecked or any(v.status == "wrong" for v in report.verdicts)):
        report, conventions, settled = orientation_votes.settle(report, run, conventions, flip)
        read = settled or read
    report = _slips_named(report, list(statements), conventions, run, read)
    if not sign_votes.contested(report):
        return report
    return sign_votes.weigh(report, run(sign_votes.options(report, conventions)))


def _slips_named(report: Report, statements: list, conventions: dict | None, run, read: str | None) -> Report:
    """The lines whose forward sum or weight change says the other way than the document is read
    (the user's --weights, else what most lines say), each named wrong when swapping its
    weights' indices makes it right (verify/orientation_votes.py)."""
    if read is None:
        return report
    lines = [n for n in orientation_votes.against(statements, read) if orientation_votes.open_line(report, n)]
    if not lines or len(lines) > orientation_votes.MAX_SLIPS:  # more are no slips
        return report
    swapped, pairs = orientation_votes.swapped(statements, set(lines))
    try:
        fixed = run(conventions, swapped)  # one reading with every such line swapped
    except VerifyInputError:
        return report
    for line in lines:
        report = orientation_votes.named(report, fixed, statements, line, pairs[line], read)
    return report
