"""High-precision numbers for the verifier: a forward pass and expression values in mpmath.

A small tree walker (one method per SymPy class, memoised per point) instead of `lambdify`, so no
generated code is executed and hostile values (exp of a huge number) are cut off, not computed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from functools import partial
from typing import Any

import mpmath
import sympy as sp

from .. import functions as fn
from ..activations import TABLE
from ..check import random_point
from ..derivation import Derivation
from ..memo import kept

DIGITS = 40
HUGE = 10**6  # |argument| of exp beyond which the value is taken as 0 or infinity
NAN = mpmath.mpf("nan")
INF = mpmath.mpf("inf")


class Points:
    """`count` random points of one network: the base values and every forward intermediate."""

    def __init__(
        self,
        d: Derivation,
        count: int = 20,
        seed: int = 0,
        digits: int = DIGITS,
        base: Iterable[dict] | None = None,
    ):
        """Random points, or the given `base` points (inputs, parameters, targets) when set."""
        self.d, self.digits = d, digits
        rng = random.Random(seed)
        self.base = list(base) if base is not None else [random_point(d, rng, digits) for _ in range(count)]
        self.count = len(self.base)
        with mpmath.workdps(digits):
            self.values = [self._forward(p) for p in self.base]
        self._vectors: dict[sp.Expr, list] = {}

    def _forward(self, point: dict) -> dict:
        values = {s: to_mpf(v) for s, v in point.items()}
        memo: dict = {}
        for eq in self.d.of_kind("forward") + self.d.of_kind("delta"):
            values[eq.lhs] = value(eq.rhs, values, memo)
        return values

    def vector(self, expr: sp.Expr) -> list:
        """The values of expr (in forward intermediates) at every point; each expression's are
        kept (a statement's factors recur in its instances, its sides and later statements)."""
        return list(kept(self._vectors, expr, partial(self._at_every_point, expr), VECTORS_KEPT))

    def _at_every_point(self, expr: sp.Expr) -> list:
        with mpmath.workdps(self.digits):
            return [value(expr, vals, {}) for vals in self.values]


VECTORS_KEPT = 50_000  # expressions whose values one set of points keeps


def to_mpf(v: Any) -> Any:
    """A point's value as an mpf at the working precision: a SymPy number from its own binary or
    rational value (printing 100,000 Floats to strings and reading them back was a third of a deep
    network's point draws), anything else read from its decimal text as written."""
    if isinstance(v, sp.Float):
        return mpmath.mpf(v._mpf_)
    if isinstance(v, sp.Rational):
        return mpmath.mpf(v.p) / v.q
    return mpmath.mpf(str(v))


def same(a: list, b: list, digits: int = DIGITS) -> bool:
    """Equal at every point, to all but the last ten of the working digits."""
    with mpmath.workdps(digits):
        return _same(a, b, _tolerance(digits))


def nonzero(values: list, digits: int = DIGITS) -> int:
    """How many of values are a number other than zero (`same` as 0), in one working precision
    (`same` per value was most of a statement's evidence)."""
    with mpmath.workdps(digits):
        tol, zero = _tolerance(digits), [mpmath.mpf(0)]
        return sum(1 for t in values if not mpmath.isnan(t) and not _same([t], zero, tol))


def _tolerance(digits: int) -> Any:
    if digits not in _TOLERANCE:
        with mpmath.workdps(digits):
            _TOLERANCE[digits] = mpmath.mpf(10) ** (10 - digits)
    return _TOLERANCE[digits]


_TOLERANCE: dict[int, Any] = {}


def _same(a: list, b: list, tol: Any) -> bool:
    for x, y in zip(a, b):
        size = max(abs(x), abs(y))  # a NaN difference below fails the test; an infinity is kept out
        if size != INF and abs(x - y) <= tol * (1 + size):
            continue
        if mpmath.isnan(x) or mpmath.isnan(y):
            if not (mpmath.isnan(x) and mpmath.isnan(y)):
                return False
            continue
        if mpmath.isinf(x) or mpmath.isinf(y):
            if x != y:
                return False
            continue
        if abs(x - y) > tol * (1 + max(abs(x), abs(y))):
            return False
    return True


def first_difference(a: list, b: list, digits: int = DIGITS) -> int | None:
    for k, (x, y) in enumerate(zip(a, b)):
        if not same([x], [y], digits):
            return k
    return None


def multiply(vectors: list[list], n: int, digits: int = DIGITS) -> list:
    with mpmath.workdps(digits):
        out = [mpmath.mpf(1)] * n
        for v in vectors:
            out = [x * y for x, y in zip(out, v)]
        return out


def value(expr: sp.Basic, values: dict, memo: dict) -> Any:
    """expr at one point; values maps symbols to mpf. Unknown constructs raise TypeError."""
    hit = memo.get(expr)
    if hit is not None:
        return hit
    try:
        result = _value(expr, values, memo)
    except (ZeroDivisionError, ValueError, OverflowError):
        result = NAN
    if isinstance(result, mpmath.mpc):
        result = result.real if result.imag == 0 else NAN
    memo[expr] = result
    return result


def _exp(x: Any) -> Any:
    if abs(x) > HUGE:
        return mpmath.inf if x > 0 else mpmath.mpf(0)
    return mpmath.exp(x)


_UNARY = {
    sp.exp: _exp,
    sp.log: mpmath.log,
    sp.tanh: mpmath.tanh,
    sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh,
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.Abs: abs,
    sp.sign: mpmath.sign,
    **{rule.func: partial(rule.mpmath, exp=_exp) for rule in TABLE.values() if rule.mpmath},
}


def _value(expr: Any, values: dict, memo: dict) -> Any:
    v = lambda e: value(e, values, memo)  # noqa: E731
    if expr.is_Symbol:
        if expr not in values:
            raise TypeError(f"no value for {expr}")
        return values[expr]
    if expr.is_Integer:
        return mpmath.mpf(int(expr))
    if expr.is_Rational:
        return mpmath.mpf(expr.p) / expr.q
    if expr.is_Float:
        return mpmath.mpf(expr._mpf_)
    if expr is sp.E:
        return mpmath.e
    if expr is sp.pi:
        return mpmath.pi
    if expr.is_Add:
        return mpmath.fsum(v(a) for a in expr.args)
    if expr.is_Mul:
        out = mpmath.mpf(1)
        for a in expr.args:
            out *= v(a)
        return out
    if expr.is_Pow:
        base, exp = v(expr.base), v(expr.exp)
        if expr.base is sp.E:
            return _exp(exp)
        if abs(exp) > 1000 or (abs(base) > HUGE and abs(exp) > 10):
            return NAN
        return mpmath.power(base, exp)
    func = type(expr)
    if func in _UNARY:
        return _UNARY[func](v(expr.args[0]))
    if func is sp.Heaviside:
        x = v(expr.args[0])
        return mpmath.mpf(1) if x > 0 else mpmath.mpf(0) if x < 0 else mpmath.mpf(1) / 2
    if func in (sp.Max, sp.Min):
        xs = [v(a) for a in expr.args]
        return max(xs) if func is sp.Max else min(xs)
    if isinstance(expr, fn.softmax):
        k, zs = int(expr.args[0]), [v(a) for a in expr.args[1:]]
        top = max(zs)
        es = [_exp(z - top) for z in zs]
        return es[k - 1] / mpmath.fsum(es)
    if isinstance(expr, (fn.Activation, fn.Prime)):  # leaky_relu, custom, f'
        return v(expr.definition())
    raise TypeError(f"cannot evaluate {func.__name__}")
