"""A definition's side written as several factors, each valued apart, so that a wrong one can be
named (stage 2 for `resolve_definition`; the judge names it).

A statement whose left side is no single derivative (a chain written out, `\\frac{\\partial L}
{\\partial \\phi} \\frac{\\partial \\phi}{\\partial z} \\frac{\\partial z}{\\partial w} = x
[\\phi(w^T x) - y]^T`) is checked as a definition: each side's product against the network's one
value. When a side differs, its factors are matched against that value as the judge does for a
chain (verify/group_split.py): x is a factor of the truth and leaves the rest, so the bracket is the
one named, factor 2, not the side whole. Pure: the sides and a valuation in, `Part`s out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp

from .parts import MAX_PARTS, Part


def split(sides: Sequence[Sequence], value: Callable[[object], sp.Expr]) -> dict[int, tuple[Part, ...]]:
    """Side index -> its written factors as `Part`s (position as written), for sides of 2 to
    MAX_PARTS factors; a side of one factor is named whole, as before."""
    return {
        k: tuple(Part(i + 1, f, value(f)) for i, f in enumerate(side))
        for k, side in enumerate(sides)
        if 1 < len(side) <= MAX_PARTS
    }
