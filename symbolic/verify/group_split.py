"""Which written factor of a wrong group is the wrong one, when the truth there is one factor.

The aligner (verify/align.py) matches written factors with the true chain-rule factors; where the
truth is coarser than the writing (∂L/∂h₂ is one true factor, 2(ŷ - y) W₃, written as
`2(ŷ - y) × W₂`), a wrong group holds several written factors against one true one. The factor
named is the one whose companions are among the truth's factors as written products (no
polynomial division), what is left the simplest: 2(ŷ - y) is a factor of 2(ŷ - y) W₃ and leaves
W₃, so W₂ is at fault; W₂ is none. No factor qualifies (or more than one equally) -> None: the group is
named whole. Pure: SymPy expressions in, an index out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import sympy as sp


def one_wrong(written: Sequence[sp.Expr], truth: sp.Expr) -> tuple[int, sp.Expr] | None:
    """(index in `written`, what it should be) of the one wrong factor among several, or None."""
    if len(written) < 2 or truth == 0:
        return None
    found = []
    for i in range(len(written)):
        rest = sp.Mul(*[w for k, w in enumerate(written) if k != i])
        if (
            rest.is_number
            and not _shown_constant(rest, truth)
            or not rest.is_number
            and not (rest.free_symbols & truth.free_symbols)
        ):
            continue  # a constant, or nothing of the truth: no evidence the others are right
        left = _divide(truth, rest)
        if left is None or sp.expand(left - written[i]) == 0:
            continue
        found.append((sp.count_ops(left), i, left))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    if len(found) > 1 and found[0][0] == found[1][0] or found[0][0] >= sp.count_ops(truth):
        return None
    return found[0][1], found[0][2]


def _shown_constant(rest: sp.Expr, truth: sp.Expr) -> bool:
    """Is the constant the truth's own number, up to its sign (the -2 of -2 (t_k + o_k) against
    2(a - y))? Then it is evidence: the other written factor carries what is left. Not 1."""
    coeff, _ = sp.factor_terms(truth).as_coeff_Mul()
    return abs(coeff) != 1 and abs(rest) == abs(coeff)


def _divide(truth: sp.Expr, rest: sp.Expr) -> sp.Expr | None:
    """truth / rest when rest's factors, as written products (a common number taken out of a
    sum, a sign), are among the truth's; None otherwise. No polynomial division: 1 - tanh
    does not divide 1 - tanh² here (a σ' form written for tanh' is no tanh' with a factor
    wrong)."""
    t_coeff, t_args = _factors(truth)
    r_coeff, r_args = _factors(rest)
    left = Counter(t_args)
    for arg, count in r_args.items():
        for _ in range(count):
            if left[arg]:
                left[arg] -= 1
            elif left[-arg]:
                left[-arg] -= 1
                r_coeff = -r_coeff
            else:
                return None
    return sp.Mul(t_coeff / r_coeff, *[a for a, c in left.items() for _ in range(c)])


def _factors(e: sp.Expr) -> tuple[sp.Expr, Counter]:
    coeff, body = sp.factor_terms(e).as_coeff_Mul()
    args: Counter = Counter()
    for a in sp.Mul.make_args(body):
        if a == 1:  # a bare number: its coefficient only
            continue
        base, exp = a.as_base_exp()
        if exp.is_Integer and exp > 0:
            args[base] += int(exp)
        else:
            args[a] += 1
    return coeff, args
