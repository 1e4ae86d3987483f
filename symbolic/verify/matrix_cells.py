r"""The cell of a written matrix of numbers that a claim about one of its entries stands for.

A side `\begin{bmatrix} \sigma(0.2) \\ \sigma(0.4) \end{bmatrix}` is one claim per entry, each
about its entry's value; the precision it is held to is that of the numbers written in its own
cell (`\sigma(0.2)`: 0.2 to half a unit, carried through σ), not of every number in the matrix
(0.2 and 0.4 summed as relative errors allowed ±29% of the value, so `\sigma(0.3)` passed for
σ(0.2)). Read only for an entry that applies a function (σ, tanh: flat, so the relative sum
is far too loose), when the side is one matrix and exactly one cell has the entry's value;
otherwise the side's whole text stands, as before (its products and sums of rounded numbers keep
the slack of the numbers around them: Díaz's 0.4 × 0.5847 = 0.23388 from a rounded δ).
Pure: a side's text and value in, a text out.
"""

from __future__ import annotations

import re

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from ..derivation import Derivation
from ..latex import LatexParseError, parse_formula

_MATRIX = re.compile(r"\s*\\begin\{([pbvBV]?matrix)\}(.*?)\\end\{\1\}\s*", re.S)
_SAME = mpmath.mpf(10) ** -25


def cell(text: str, written: sp.Expr, d: Derivation) -> str:
    """The text of the one cell of the matrix `text` whose value is `written`, else `text`."""
    from .claims import written_value  # claims imports this module

    m = _MATRIX.fullmatch(text) if written.has(AppliedUndef) else None
    want = written_value(written, d) if m else None
    if m is None or want is None:
        return text
    hits = set()
    for row in m.group(2).split(r"\\"):
        for entry in row.split("&"):
            try:
                value = parse_formula(entry.strip()) if entry.strip() else None
            except (LatexParseError, ValueError, TypeError):
                continue
            got = written_value(value, d) if isinstance(value, sp.Expr) else None
            if got is not None and abs(got - want) <= _SAME * (1 + abs(want)):
                hits.add(entry.strip())
    return hits.pop() if len(hits) == 1 else text
