"""The token texts of a formula (the reader's token passes applied): for tests of token passes."""

from __future__ import annotations

from symbolic.latex.source import Source
from symbolic.latex.tokens import tokenize


def texts(formula: str) -> list[str]:
    return [t.text for t in tokenize(Source(formula), 0, len(formula))]
