"""Explaining a wrong statement: the factor at fault, what it should be, and a witness point.

`Explainer.pinpoint` aligns the written factors with the true chain-rule factors by their values
at the test points (`align.align`) and names the first mismatch, a δ as the δ; `witness`
picks a point where the sides differ, one with a non-zero true value when there is one, with the
activation pattern of a piecewise statement. Pure: vectors of values in, dataclasses out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

import mpmath
import sympy as sp

from ..derivation import Factor
from ..timelimit import bounded, small, time_limit
from .align import align, constant_ratio, extra_subset, match_multiset, tidy
from .group_split import one_wrong
from .numbers import DIGITS, Points, multiply, same
from .parts import Part
from .points import pattern_at
from .written_numbers import is_delta

RATIO_SECONDS = 0.5
MAX_PATH_UNITS = 10  # a shared bias's paths: subsets tried up to this many units
MAX_ONE_OF = 6  # written factors left over, of which one is named wrong (the others divide the truth)


@functools.lru_cache(maxsize=1024)
def cancelled(expr: sp.Expr) -> sp.Expr | None:
    """expr cancelled, with the activations kept as opaque quantities; None when that takes more
    than RATIO_SECONDS. Kept per expression: a document's statements (a generic one's instances,
    one factor written wrong in several lines) ask for the same ratio many times."""
    gens: dict[sp.Basic, sp.Dummy] = {}
    for f in sorted(expr.atoms(sp.Function), key=sp.default_sort_key):
        gens[f] = sp.Dummy(f"F{len(gens)}")
    back = {v: k for k, v in gens.items()}
    plain = expr.xreplace(gens)  # symbols and dummies only: picklable across the fork

    def simplest() -> sp.Expr:
        num, den = sp.cancel(sp.together(plain)).as_numer_denom()
        (sn, num), (sd, den) = tidy(sp.factor(num)), tidy(sp.factor(den))
        return sn * sd * num / den

    try:
        if not small(plain):  # long: a child process that can be killed mid-operation
            return bounded(simplest, RATIO_SECONDS).xreplace(back)
        with time_limit(RATIO_SECONDS):
            return simplest().xreplace(back)
    except (TimeoutError, RuntimeError):
        return None
    except Exception:  # noqa: BLE001 - as the child's failure: no ratio to tell
        return None


@dataclass(frozen=True)
class Fault:
    kind: str  # 'wrong' | 'missing' | 'extra' | 'ratio' | 'paths' (a shared bias's sum, in part)
    side: int  # which right-hand side (1-based)
    position: int | None = None  # 1-based position in the written product (after // expansion)
    wrote: sp.Basic | None = None  # as written (raw names; a Partial for a derivative)
    read_as: sp.Expr | None = None  # in the network's symbols
    expected: sp.Expr | None = None  # the true factor
    partial: tuple | None = None  # (num, den) of the true factor
    ratio: sp.Expr | None = None  # written/true: of the factor, or of the product
    others: int = 0  # further mismatches after this one
    span: int = 1  # written factors at fault (wrote is a tuple when > 1)
    # 'paths': the units (their z) whose paths a shared bias's gradient sums but the hand left out
    missing_paths: tuple = ()
    step: bool = False  # a factor of an update's step, w ← w - η δ x (verify/update_steps.py)


@dataclass(frozen=True)
class Witness:
    index: int  # which test point
    values: dict  # symbol -> mpf: what the two formulas use, from one forward pass
    point: dict  # symbol -> Float: the whole point (inputs, parameters, targets)
    hand: object  # mpf
    true: object
    pattern: tuple = ()  # (unit, +1 on | -1 off) at the point, for a piecewise statement


class Explainer:
    def __init__(self, loss_symbol: sp.Symbol, delta_defs: dict, delta_of: dict):
        self.loss = loss_symbol
        self.delta_defs = delta_defs  # δ symbol -> its definition
        self.delta_of = delta_of  # z -> its δ symbol

    def pinpoint(
        self,
        side: int,
        written: Sequence,
        hand: Sequence[sp.Expr],
        hv: list[list],
        true: Sequence[Factor],
        tv: list[list],
        n: int,
    ) -> Fault:
        if len(true) == 1 and len(hand) > 1:  # ∂L/∂h₂, one true factor, written as several
            one = one_wrong(hand, true[0].value)
            if one is not None:
                k, should = one
                ratio = self.ratio(hand[k], should, hv[k], None)
                return Fault("wrong", side, k + 1, written[k], hand[k], should, None, ratio, 0)
        groups = self._delta_groups(hand, true, written)
        ops = align(hv, tv, n, groups)
        errors = [op for op in ops if op[0] != "match"]
        if len(hand) == 1 and len(true) > 1 or len(errors) > max(1, len(true) // 2):
            ratio = self.ratio(
                sp.Mul(*hand), sp.Mul(*[f.value for f in true]), multiply(hv, n), multiply(tv, n)
            )
            # y - a for a - y: the one factor written, its sign (not a product read as one item,
            # o_k(1 - o_k)(o_k - t_k): its factors are matched one by one by the caller)
            if len(hand) == 1 and ratio == -1 and sum(not a.is_number for a in sp.Mul.make_args(hand[0])) < 2:
                partial = (true[0].num, true[-1].den)
                return Fault("wrong", side, 1, written[0], hand[0], -hand[0], partial, ratio, 0)
            return Fault("ratio", side, ratio=ratio)
        op = errors[0]
        others = len(errors) - 1
        if op[0] == "wrong":
            i, i2, j, j2 = op[1:]
            written_part, hand_part = written[i:i2], sp.Mul(*hand[i:i2])
            expected = sp.Mul(*[f.value for f in true[j:j2]])
            partial = (true[j].num, true[j2 - 1].den)
            wrote = written_part[0] if len(written_part) == 1 else tuple(written_part)
            if (i, i2, j, j2) in groups:  # a δ written for another δ: name the δ
                return Fault(
                    "wrong",
                    side,
                    i + 1,
                    wrote,
                    hand_part,
                    self.delta_of[true[j2 - 1].den],
                    partial,
                    None,
                    others,
                )
            one = one_wrong(hand[i:i2], expected) if i2 - i > 1 and j2 - j == 1 else None
            if one is not None:  # the truth is one factor here: the written one that does not divide it
                k, should = one
                ratio = self.ratio(hand[i + k], should, hv[i + k], None)
                wrote_k, read_k = written[i + k], hand[i + k]
                return Fault("wrong", side, i + k + 1, wrote_k, read_k, should, None, ratio, others)
            ratio = self.ratio(hand_part, expected, multiply(hv[i:i2], n), multiply(tv[j:j2], n))
            return Fault(
                "wrong", side, i + 1, wrote, hand_part, expected, partial, ratio, others, span=i2 - i
            )
        if op[0] == "missing":
            i, j = op[1], op[2]
            f = true[j]
            return Fault(
                "missing",
                side,
                i + 1,
                None,
                None,
                f.value,
                (f.num, f.den),
                self.ratio(sp.Integer(1), f.value),
                others,
            )
        i = op[1]
        return Fault("extra", side, i + 1, written[i], hand[i], None, None, hand[i], others)

    def pinpoint_parts(
        self,
        side: int,
        parts: Sequence[Part],
        pv: list[list],
        true: Sequence[Factor],
        tv: list[list],
        n: int,
        vector: Callable[[sp.Expr], list],
    ) -> Fault | None:
        """The wrong factor among the written parts matched to the true factors as a multiset
        (written input-first, juxtaposed, inside a sum): None when no single place is at fault."""
        groups, left_h, left_t = match_multiset(pv, tv, n)
        if not left_h and not left_t:
            return None
        if left_h:
            excess = extra_subset(pv, multiply(tv, n), n)
            if excess is not None:
                hs = [parts[i] for i in excess]
                wrote = hs[0].raw if len(hs) == 1 else tuple(p.raw for p in hs)
                value = sp.Mul(*[p.value for p in hs])
                return Fault("extra", side, hs[0].pos, wrote, value, None, None, value, 0, span=len(hs))
        if len(left_h) == 1 and left_t and (groups or len(left_t) == 1):  # else: the ratio says more
            p = parts[left_h[0]]
            if p.terms and len(left_t) == 1:
                inner = self.in_sum(side, p, true[left_t[0]], n, vector)
                if inner is not None:
                    return inner
            expected = sp.Mul(*[true[j].value for j in left_t])
            partial = (true[left_t[0]].num, true[left_t[-1]].den)
            if (
                left_t == list(range(left_t[-1] + 1))
                and partial[0] == self.loss
                and partial[1] in self.delta_of
            ):
                expected = self.delta_of[partial[1]]  # a δ written for another δ: name the δ
            ratio = self.ratio(
                p.value,
                sp.Mul(*[true[j].value for j in left_t]),
                pv[left_h[0]],
                multiply([tv[j] for j in left_t], n),
            )
            return Fault("wrong", side, p.pos, p.raw, p.value, expected, partial, ratio, 0)
        if 1 < len(left_h) <= MAX_ONE_OF and left_t:
            guess = self._one_of(parts, left_h, [true[j] for j in left_t])
            if guess is not None:
                return Fault("wrong", side, *guess)
        if not left_h:
            shorter = self._shorter_delta(side, parts, groups, left_t, true)
            if shorter is not None:  # δ^{(2)} x where δ^{(1)} x belongs: the δ named, not the gap
                return shorter
            j = left_t[0]
            before = [parts[i].pos for hs, ts in groups for i in hs if min(ts) < j]
            f = true[j]
            return Fault(
                "missing",
                side,
                max(before, default=0) + 1,
                None,
                None,
                f.value,
                (f.num, f.den),
                self.ratio(sp.Integer(1), f.value),
                len(left_t) - 1,
            )
        return None

    def _shorter_delta(
        self, side: int, parts: Sequence[Part], groups: list, left_t: list[int], true: Sequence[Factor]
    ) -> Fault | None:
        """A written δ matched with the chain's prefix ∂L/∂z of a later layer, the true factors
        left over running on from it to an earlier z: the δ is the wrong one (a δ of another
        layer), the gap its consequence."""
        for hs, ts in groups:
            if len(hs) != 1 or list(ts) != list(range(len(ts))) or true[len(ts) - 1].den not in self.delta_of:
                continue  # a δ matches a prefix ending at a z (∂E/∂a written, its σ' missing: not this)
            p = parts[hs[0]]
            if not (is_delta(p.raw) or p.value.free_symbols & set(self.delta_defs)):
                continue
            end = len(ts) + len(left_t)
            if list(left_t) != list(range(len(ts), end)) or true[0].num != self.loss:
                continue
            if true[end - 1].den not in self.delta_of:
                continue
            expected = self.delta_of[true[end - 1].den]
            return Fault("wrong", side, p.pos, p.raw, p.value, expected, (true[0].num, true[end - 1].den))
        return None

    def _one_of(self, parts: Sequence[Part], left: list[int], true: list[Factor]) -> tuple | None:
        """Of several written factors left over against true ones (a(1 + a) for a(1 - a)), the
        one wrong: the others are then among the truth's factors and what remains is simplest.
        (position, wrote, read as, expected, partial, None, 0) or None."""
        want = sp.Mul(*[f.value for f in true])
        one = one_wrong([parts[k].value for k in left], want)  # the others among the truth's factors
        if one is None:
            return None
        p = parts[left[one[0]]]
        others = [parts[k].value for k in left if k != left[one[0]]]
        # the truth's number written apart (-2 (t_k + o_k) for 2(o_k - t_k)): what is left of the
        # true factor is expected, not the derivative itself
        partial = None if all(o.is_number for o in others) else (true[0].num, true[-1].den)
        return (p.pos, p.raw, p.value, one[1], partial, None, 0)

    def in_sum(self, side: int, p: Part, t: Factor, n: int, vector: Callable) -> Fault | None:
        """A written sum against a true sum, term by term: the factor at the same place wrong in
        every term that differs."""
        true_terms = [sp.Mul.make_args(x) for x in sp.Add.make_args(t.value)]
        if len(true_terms) != len(p.terms):
            return None
        t_vecs = [[vector(x) for x in term] for term in true_terms]
        t_prods = [multiply(v, n) for v in t_vecs]
        used: set[int] = set()
        bad: list[tuple] = []
        for term in p.terms:
            h_vecs = [vector(v) for _, _, v in term.factors]
            h_prod = multiply(h_vecs, n)
            k = next((k for k in range(len(t_prods)) if k not in used and same(h_prod, t_prods[k])), None)
            if k is not None:
                used.add(k)
                continue
            best = None
            for k in range(len(t_vecs)):
                if k in used:
                    continue
                _, lh, lt = match_multiset(h_vecs, t_vecs[k], n)
                if len(lh) == 1 and (best is None or len(lt) < len(best[2])):
                    best = (k, lh, lt)
            if best is None:
                return None
            used.add(best[0])
            pos, raw, value = term.factors[best[1][0]]
            bad.append((pos, raw, value, sp.Mul(*[true_terms[best[0]][j] for j in best[2]])))
        if not bad or len({b[0] for b in bad}) != 1:
            return None
        pos, raw, value, expected = bad[0]
        return Fault("wrong", side, pos, raw, value, expected, None, None, 0)  # a term's factor

    def paths(self, side: int, hand_product: list, path_vectors: list[list], units: Sequence, n: int):
        """A shared bias's gradient is Σ over the units it feeds of each path's product: when the
        written side equals the sum over only some of them (e.g. one δ), the Fault naming the
        units left out; else None. Small layers only (every subset is tried)."""
        k = len(path_vectors)
        if k < 2 or k > MAX_PATH_UNITS:
            return None
        with mpmath.workdps(DIGITS):
            for size in range(1, k):
                for kept in combinations(range(k), size):
                    total = [mpmath.fsum(path_vectors[i][p] for i in kept) for p in range(n)]
                    if same(total, hand_product):
                        left = tuple(units[i] for i in range(k) if i not in kept)
                        deltas = [self.delta_of[z] for z in left if z in self.delta_of]
                        missing = sp.Add(*deltas) if len(deltas) == len(left) else None
                        return Fault("paths", side, expected=missing, missing_paths=left)
        return None

    def _delta_groups(self, hand: Sequence[sp.Expr], true: Sequence[Factor], written: Sequence = ()) -> tuple:
        """(i, i+1, 0, j2): a written factor holding a δ against the true prefix ∂L/∂z (any
        length), so a δ written for another δ is named as the δ; also a δ the document defines
        (read as its formula: δ^{(2)}_1 x_1 where δ^{(1)}_1 x_1 belongs)."""
        deltas = set(self.delta_defs)
        named = [is_delta(w) for w in written] if len(written) == len(hand) else [False] * len(hand)
        ends = [
            j2
            for j2 in range(1, len(true) + 1)
            if true[0].num == self.loss and true[j2 - 1].den in self.delta_of
        ]
        held = [i for i, h in enumerate(hand) if h.free_symbols & deltas or named[i]]
        return tuple((i, i + 1, 0, j2) for i in held for j2 in ends)

    def ratio(
        self, hand: sp.Expr, true: sp.Expr, hv: list | None = None, tv: list | None = None
    ) -> sp.Expr | None:
        """hand/true in simplest form: a constant if it is one at every point, else cancelled
        with the activations kept as opaque quantities."""
        constant = constant_ratio(hv, tv) if hv is not None and tv is not None else None
        if constant is not None:
            return constant
        return cancelled(hand / true)

    def witness(
        self,
        points: Points,
        hand: Sequence[sp.Expr],
        t_values: list[sp.Expr],
        h_product: list,
        t_product: list,
        units: tuple,
        unit_vectors: dict,
    ) -> Witness:
        """A point where the sides differ: one with a non-zero true value when there is one."""
        differ = [k for k in range(points.count) if not same([h_product[k]], [t_product[k]])]
        with mpmath.workdps(DIGITS):
            telling = [k for k in differ if not same([t_product[k]], [0]) and not mpmath.isnan(h_product[k])]
        k = (telling or differ)[0]
        used = set().union(*(e.free_symbols for e in list(hand) + list(t_values)))
        values = points.values[k]
        shown = {s: values[s] for s in sorted(used, key=sp.default_sort_key) if s in values}
        return Witness(
            k, shown, points.base[k], h_product[k], t_product[k], pattern_at(units, unit_vectors, k)
        )
