"""Aligning a written product with the true chain-rule factors, numerically, for the verifier.

`align` is an edit distance over factor groups whose products agree at every test point; a
written δ may stand for a whole prefix of the chain (∂L/∂z, any length). `match_multiset` pairs
groups whatever their order (factors written input-first or juxtaposed), `extra_subset` finds
factors written in excess. `constant_ratio` and
`tidy` put a ratio written/true in the form a hand derivation writes. Pure functions.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from .numbers import DIGITS, multiply, same

MAX_GROUP = 5  # factors on both sides of one matched group


def constant_ratio(hv: list, tv: list) -> sp.Rational | None:
    """hv/tv when it is the same small fraction at every point (2, -1, 1/2), else None."""
    with mpmath.workdps(DIGITS):
        if any(t == 0 and not same([h], [0]) for h, t in zip(hv, tv)):
            return None  # non-zero where the truth is 0 (a dead unit): no constant
        ratios = [h / t for h, t in zip(hv, tv) if t != 0 and not mpmath.isnan(h / t)]
        if not ratios or not same(ratios, [ratios[0]] * len(ratios)):
            return None
        c = Fraction(mpmath.nstr(ratios[0], 30, min_fixed=-40, max_fixed=40)).limit_denominator(1000)
        if not same([mpmath.mpf(c.numerator) / c.denominator], [ratios[0]]):
            return None
        return sp.Rational(c.numerator, c.denominator)


def tidy(expr: sp.Expr) -> tuple[int, sp.Expr]:
    """Flip factors like (s - 1) to (1 - s), so ratios read as hand derivations write them."""
    sign, out = 1, []
    for f in sp.Mul.make_args(expr):
        base, exp = f.as_base_exp()
        if base.is_Add and base.as_coeff_Add()[0].is_negative:
            base = -base
            sign *= (-1) ** exp if exp.is_Integer else 1
            out.append(sp.Pow(base, exp, evaluate=False) if exp != 1 else base)
        else:
            out.append(f)
    return sign, sp.Mul(*out)


def align(hv: list, tv: list, n: int, groups: Iterable[tuple] = ()) -> list[tuple]:
    """Edit-distance alignment of written factors with true ones (numeric vectors).

    Operations, in written order: ('match', i, i2, j, j2) written factors i..i2-1 whose product
    equals that of true factors j..j2-1 (cost 0); ('wrong', i, i2, j, j2) the same groups, unequal
    (cost 1, a little more for groups); ('missing', i, j) true factor j not written; ('extra', i)
    written factor i with no true one (cost 1; 0 for a factor that is the constant 1).
    `groups`: further (i, i2, j, j2) offered whatever their size (a written δ for a chain prefix).
    """
    H, T = len(hv), len(tv)
    ones = [1] * n
    h_one = [same(v, ones) for v in hv]
    t_one = [same(v, ones) for v in tv]
    INF = float("inf")
    best: dict[tuple[int, int], tuple[float, Any, Any]] = {(0, 0): (0.0, None, None)}
    memo: dict = {}

    def prod(side: int, a: int, b: int) -> list:
        # the product of hv[a:b] (side 0) or tv[a:b] (side 1), once each
        key = (side, a, b)
        if key not in memo:
            memo[key] = multiply((hv, tv)[side][a:b], n)
        return memo[key]

    agree: dict = {}

    def equal(i: int, i2: int, j: int, j2: int) -> bool:
        key = (i, i2, j, j2)
        if key not in agree:
            agree[key] = same(prod(0, i, i2), prod(1, j, j2))
        return agree[key]

    for total in range(H + T + 1):
        for i in range(max(0, total - T), min(H, total) + 1):
            j = total - i
            if (i, j) not in best:
                continue
            cost = best[(i, j)][0]

            def offer(state: tuple[int, int], c: float, op: tuple, prev: tuple[int, int] = (i, j)) -> None:
                if c < best.get(state, (INF,))[0] - 1e-9:
                    best[state] = (c, prev, op)

            for i2 in range(i + 1, H + 1):
                for j2 in range(j + 1, T + 1):
                    if (i2 - i) + (j2 - j) > MAX_GROUP:
                        break
                    group = ("match", i, i2, j, j2)
                    if equal(i, i2, j, j2):
                        offer((i2, j2), cost, group)
                    elif (i2 - i) + (j2 - j) <= 4:
                        offer((i2, j2), cost + 1 + 0.01 * ((i2 - i) + (j2 - j) - 2), ("wrong", i, i2, j, j2))
            for g in groups:
                if g[0] == i and g[2] == j:
                    kind = "match" if equal(*g) else "wrong"
                    offer((g[1], g[3]), cost + (kind == "wrong"), (kind, *g))
            if j < T:
                offer((i, j + 1), cost + (0 if t_one[j] else 1), ("missing", i, j))
            if i < H:
                offer((i + 1, j), cost + (0 if h_one[i] else 1), ("extra", i))
    ops: list[tuple] = []
    state = (H, T)
    while state != (0, 0):
        _, prev, op = best[state]
        ops.append(op)
        state = prev
    return [op for op in ops[::-1] if not _free(op, h_one, t_one)]


def _free(op: tuple, h_one: list[bool], t_one: list[bool]) -> bool:
    """A written [1] with no true factor, or a true 1 left unwritten: not a mistake."""
    return op[0] == "extra" and h_one[op[1]] or op[0] == "missing" and t_one[op[2]]


MAX_SUBSET = 3  # written or true factors in one group of the multiset matching


def match_multiset(hv: list, tv: list, n: int) -> tuple[list[tuple[tuple, tuple]], list[int], list[int]]:
    """Written factors matched with true ones whatever their order: groups (written indices, true
    indices) whose products agree at every point, smallest groups first; then the written
    factors left over and the true ones left over. A written factor that is the constant 1 and a
    true factor 1 are never left over."""
    ones = [1] * n
    left_h = [i for i, v in enumerate(hv) if not same(v, ones)]
    left_t = [j for j, v in enumerate(tv) if not same(v, ones)]
    groups: list[tuple[tuple, tuple]] = []
    sizes = sorted(
        ((a, b) for a in range(1, MAX_SUBSET + 1) for b in range(1, MAX_SUBSET + 1)),
        key=lambda ab: (ab[0] + ab[1], ab),
    )
    found = True
    while found and left_h and left_t:
        found = False
        for a, b in sizes:
            for hs in itertools.combinations(left_h, a):
                h_prod = multiply([hv[i] for i in hs], n)
                for ts in itertools.combinations(left_t, b):
                    if same(h_prod, multiply([tv[j] for j in ts], n)):
                        groups.append((hs, ts))
                        left_h = [i for i in left_h if i not in hs]
                        left_t = [j for j in left_t if j not in ts]
                        found = True
                        break
                if found:
                    break
            if found:
                break
        if not found:  # one written factor for a longer run of the chain (a δ for ∂L/∂z)
            for i in left_h:
                for a in range(len(left_t)):
                    for b in range(a + MAX_SUBSET + 1, len(left_t) + 1):
                        ts = tuple(left_t[a:b])
                        if same(hv[i], multiply([tv[j] for j in ts], n)):
                            groups.append(((i,), ts))
                            left_h = [k for k in left_h if k != i]
                            left_t = [j for j in left_t if j not in ts]
                            found = True
                            break
                    if found:
                        break
                if found:
                    break
    return groups, left_h, left_t


def extra_subset(hv: list, t_product: list, n: int) -> tuple | None:
    """The smallest set of written factors (up to two) whose removal leaves the true product:
    factors written in excess (σ' written where the loss already cancels it)."""
    for a in (1, 2):
        for hs in itertools.combinations(range(len(hv)), a):
            rest = [v for i, v in enumerate(hv) if i not in hs]
            if len(rest) and same(multiply(rest, n), t_product):
                return hs
    return None
