r"""A \sum written without its index over indexed names, `a_j = \sum \alpha_{ji} x_i`,
`b = \sum \beta_j z_j` (a learner's notes on Gormley's computation-graph slides): the index is the
one letter the summand's subscripts write and the left side does not.

Read only when the left side is known (a statement's row, not a lone formula) and exactly one such
letter is left; subscripts of single lowercase letters only (w_{ji}, x_i, w_{k,j}), so a name such
as net_{h1} says nothing. Otherwise the sum stays unread ("\sum without its index"), as before.
A sum without an index over names without one (\sum e^{z}) is another reading (verify/bare_sums.py).
Pure: SymPy values in, a letter or None out.
"""

from __future__ import annotations

import re

import sympy

_LETTERS = re.compile(r"[a-z](?:,?[a-z])*")


def _letters(value) -> set[str]:
    out: set[str] = set()
    if not isinstance(value, sympy.Basic):
        return out
    for s in value.atoms(sympy.Symbol):
        sub = s.name.partition("@")[0].partition("_")[2]
        if _LETTERS.fullmatch(sub):
            out |= set(sub.replace(",", ""))
    return out


def summed_letter(body, lhs) -> sympy.Symbol | None:
    """The one index letter of body's names that lhs does not write, else None."""
    if lhs is None:
        return None
    free = _letters(body) - _letters(getattr(lhs, "num", lhs))
    return sympy.Symbol(free.pop()) if len(free) == 1 else None
