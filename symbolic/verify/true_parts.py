r"""One true factor that is itself a product, against a side written as that many parts:
`\frac{\partial \phi(z)_i}{\partial z_i} = \phi(z)_i (1 + \phi(z)_i)` where the truth is the one
local factor a_i (1 - a_i). Matched part by part with the truth's own factors (a_i, 1 - a_i), the
wrong part is named (the second, 1 + a_i), not the whole side. Only when exactly one written part
and exactly one of the truth's factors are left unmatched; else None (the side named as a whole).
Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp

from .align import match_multiset


def split_truth(
    parts: Sequence, pv: list[list], true_value: sp.Expr, n: int, vector: Callable[[sp.Expr], list]
) -> tuple[int, sp.Expr] | None:
    """(index of the wrong written part, the true factor it should be), else None."""
    factors = sp.Mul.make_args(true_value)
    if len(factors) < 2 or len(factors) != len(parts):
        return None
    tv = [vector(f) for f in factors]
    _, left_h, left_t = match_multiset(pv, tv, n)
    if len(left_h) != 1 or len(left_t) != 1:
        return None
    return left_h[0], factors[left_t[0]]


def finer_fault(explain, side: int, parts: Sequence, true, points):
    """A Fault at the one wrong written part of a side whose truth is one factor that is a product
    (`true`: that derivation Factor), or None."""
    from .explain import Fault

    n = points.count
    pv = [points.vector(p.value) for p in parts]
    found = split_truth(parts, pv, true.value, n, points.vector)
    if found is None:
        return None
    p, expected = parts[found[0]], found[1]
    ratio = explain.ratio(p.value, expected, pv[found[0]], points.vector(expected))
    return Fault("wrong", side, p.pos, p.raw, p.value, expected, (true.num, true.den), ratio, 0)
