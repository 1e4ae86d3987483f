r"""A \sum written without its index over indexed names, `a_j = \sum \alpha_{ji} x_i`,
`b = \sum \beta_j z_j` (a learner's notes on Gormley's computation-graph slides): the index is the
one letter the summand's subscripts write and the left side does not (a derivative's numerator
nor its denominator: in dE/dw_i = \sum (t - o) x_i the sum is over something else, unread).

Read only when the left side is known (a statement's row, not a lone formula) and exactly one such
letter is left; every lowercase letter of a subscript counts (w_{ji}, w_{k,j}, W_{1j}; net_{h1}
writes h), so a doubtful subscript leaves more than one letter. Otherwise the sum stays unread
("\sum without its index"), as before.
A sum without an index over names without one (\sum e^{z}) is another reading (verify/bare_sums.py).
Pure: SymPy values in, a letter or None out.
"""

from __future__ import annotations

import re

import sympy

_LETTERS = re.compile(r"[a-z0-9,]+")  # w_{ji}, x_i, w_{k,j}, W_{1j}: its letters


def _letters(value) -> set[str]:
    out: set[str] = set()
    if not isinstance(value, sympy.Basic):
        return out
    for s in value.atoms(sympy.Symbol):
        sub = s.name.partition("@")[0].partition("_")[2]
        if _LETTERS.fullmatch(sub):
            out |= {c for c in sub if c.isalpha()}
    return out


def summed_letter(body, lhs) -> sympy.Symbol | None:
    """The one index letter of body's names that lhs does not write, else None."""
    if lhs is None:
        return None
    written = _letters(getattr(lhs, "num", lhs)) | _letters(getattr(lhs, "den", None))  # dE/dw_i: i fixed
    free = _letters(body) - written
    return sympy.Symbol(free.pop()) if len(free) == 1 else None
