"""Which written factor of a wrong group is the wrong one, when the truth there is one factor.

The aligner (verify/align.py) matches written factors with the true chain-rule factors; where the
truth is coarser than the writing (∂L/∂h₂ is one true factor, 2(ŷ - y) W₃, written as
`2(ŷ - y) × W₂`), a wrong group holds several written factors against one true one. The factor
named is the one whose companions divide the truth exactly, so that they are a part of it and
what is left is the simplest: 2(ŷ - y) divides 2(ŷ - y) W₃ and leaves W₃, so W₂ is at fault;
W₂ does not divide it. No factor qualifies (or more than one equally) -> None: the group is
named whole. Pure: SymPy expressions in, an index out.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from ..timelimit import bounded

SECONDS = 0.5


def one_wrong(written: Sequence[sp.Expr], truth: sp.Expr) -> tuple[int, sp.Expr] | None:
    """(index in `written`, what it should be) of the one wrong factor among several, or None."""
    if len(written) < 2 or truth == 0:
        return None
    found = []
    for i in range(len(written)):
        rest = sp.Mul(*[w for k, w in enumerate(written) if k != i])
        if rest.is_number or not rest.free_symbols & truth.free_symbols:
            continue  # a constant, or nothing of the truth: no evidence the others are right
        try:
            left = bounded(lambda rest=rest: sp.cancel(truth / rest), SECONDS)
        except (TimeoutError, RuntimeError):
            return None
        if sp.fraction(left)[1].free_symbols or left.free_symbols & rest.free_symbols - truth.free_symbols:
            continue  # the others do not divide the truth
        if sp.cancel(left - written[i]) == 0:
            continue
        found.append((sp.count_ops(left), i, left))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    if len(found) > 1 and found[0][0] == found[1][0] or found[0][0] >= sp.count_ops(truth):
        return None
    return found[0][1], found[0][2]
