"""The conventions a document's definitions say (orientation.py, target_letters.py; a^{[1]} = x,
square brackets counted from the input as 1: zero_origin.py), put under the options the user gave
(those always win), and reported with the line that says each, so the verdict shows why w_{ij}
was read from i to j, or d as the target. Pure.
"""

from __future__ import annotations

import sympy as sp

from . import orientation, target_letters, use_roles
from .binding import Source
from .zero_origin import counts_from_one

DEFAULTS = {"weights": "output-by-input", "targets": "y"}


def _target_how(value: str, statements) -> str:
    """'target letter o' where d was read against Zurada's output o (d_k - o_k), no y beside it."""
    pairs = target_letters.differences(statements)
    return (
        "target letter o"
        if value == "d" and ("d", "o") in pairs and ("d", "y") not in pairs
        else "target letter"
    )


def detect(statements, given: dict, written: list | None = None) -> tuple[dict, list[Source]]:
    """(`given` over what the document says, a Source for each convention read off it that
    differs from symprop's default). `written`: the statements in the document's own letters,
    when a letter per layer rewrote them (layer_names.py): Alpaydin's r - y says r is the target
    before y is rewritten as the output's a^{[2]}."""
    targets = target_letters.detected(statements)
    if not targets and written:
        targets, statements_said = target_letters.detected(written), written
    else:
        statements_said = statements
    found = {**orientation.detected(statements), **targets}
    sources = []
    for key, value in found.items():
        if key in given or value == DEFAULTS[key]:
            continue
        line = orientation.line(statements) if key == "weights" else target_letters.line(statements_said)
        how = (
            _target_how(value, statements_said)
            if key != "weights"
            else "orientation"
            if orientation.votes(statements)
            else "weight change"
            if use_roles.change_votes(statements)
            else "rows"
        )
        name, means = (
            ("\\hat{y}" if value == "hat" else value, "target") if key == "targets" else ("w", value)
        )
        sources.append(Source(name, sp.Symbol(means), line, how))
    if counts_from_one(statements):  # a^{[1]} = x: square brackets count the input as 1
        found["bracket_origin"] = 1
    return {**found, **given}, sources
