"""Test points chosen, not drawn: every unit of a piecewise statement on at some points, off at others.

At random points most units of a deep ReLU chain are dead and both sides of a wrong statement are
0 everywhere. Here the pre-activation of each unit is set directly: inputs and weights are drawn,
then, layer by layer, each unit's bias is solved so its z lands at a chosen sign and magnitude
(b = z_target − W·a_prev). The patterns: all on, each unit alone off, each alone on, all off,
the patterns an exact comparison named as suspect, then random ones.

`evidence` then says whether equal values at such points mean anything: some point where the
true value is non-zero, not one constant at every point, and each unit both on and off.
Pure functions: (derivation, units, seed) -> points; (vectors) -> evidence.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import mpmath
import sympy as sp

from ..check import random_point
from ..derivation import Derivation
from .numbers import DIGITS, nonzero, same, to_mpf, value

MAGNITUDE = (0.25, 1.5)  # |z| of a unit set on or off: clear of the kink at 0
RANDOM_EXTRA = 8  # random patterns beyond the structured ones
MAX_POINTS = 400
SMALLEST_SLOPE = 1e-6  # a multiplier this small cannot move a pre-activation into place


def patterns(units: tuple, count: int, rng: random.Random, first: Iterable = ()) -> list[dict]:
    """Sign patterns (unit -> +1 on / -1 off) for `units`: structured, then random."""
    out = [dict(p) for p in first]
    if units:
        on = {u: 1 for u in units}
        out += [dict(on) for _ in range(max(2, count // 5))]
        out += [{**on, u: -1} for u in units]
        if len(units) > 1:
            out += [{v: (1 if v == u else -1) for v in units} for u in units]
        out.append({u: -1 for u in units})
    total = min(MAX_POINTS, max(count, len(out) + RANDOM_EXTRA))
    while len(out) < total:
        out.append({u: rng.choice((1, -1)) for u in units})
    return out[:MAX_POINTS]


def controls(d: Derivation) -> dict:
    """Pre-activation symbol -> the parameters that can set it, each with what it multiplies: its
    own bias (times 1). A bias shared by the layer sets only its first unit; each other unit is
    set by one of its weights (times the activation below, the largest at the point is used)."""
    nm, out = d.naming, {}
    rhs = {eq.lhs: eq.rhs for eq in d.of_kind("forward")}
    for layer in d.layers:
        l, m = layer.index, d.spec.sizes[layer.index - 1]
        for i in range(1, layer.size + 1):
            z = nm.z(l, i)
            if layer.shared_bias and i > 1:
                ws = [nm.W(l, i, j) for j in range(1, m + 1)]
                out[z] = tuple((w, sp.diff(rhs[z], w)) for w in ws)
            else:
                out[z] = ((nm.b(l, i), sp.Integer(1)),)
    return out


def choose_points(
    d: Derivation, units: tuple, count: int, seed: int, first: Iterable = (), digits: int = DIGITS
) -> tuple[list[dict], list[dict]]:
    """(points, the sign pattern asked of each): base values of inputs, parameters, targets."""
    rng = random.Random(f"{seed}|{sp.srepr(tuple(units))}")
    control = controls(d)
    free = set(d.inputs) | (set(d.params) - {p for ps in control.values() for p, _ in ps})
    forward = d.of_kind("forward")
    points = []
    asked = patterns(units, count, rng, first)
    for pattern in asked:
        point = random_point(d, rng, digits)
        targets = _targets(pattern, rng)
        for u, t in targets.items():
            if u in free:
                point[u] = sp.Float(t, digits)
        with mpmath.workdps(digits):
            values = {s: to_mpf(v) for s, v in point.items()}
            for eq in forward:
                t = targets.get(eq.lhs)
                if t is not None and eq.lhs in control:
                    # the parameter with the largest multiplier (1 for a bias) moves z to t
                    slopes = [(value(c, values, {}), p) for p, c in control[eq.lhs]]
                    slope, p = max(slopes, key=lambda sp_: abs(sp_[0]))
                    if abs(slope) > SMALLEST_SLOPE:  # else every unit below is off: z is b
                        values[p] += (mpmath.mpf(t) - value(eq.rhs, values, {})) / slope
                        point[p] = sp.Float(mpmath.nstr(values[p], digits + 5), digits)
                values[eq.lhs] = value(eq.rhs, values, {})
        points.append(point)
    return points, asked


def _targets(pattern: dict, rng: random.Random) -> dict:
    """symbol -> value putting each unit of the pattern at its sign: a unit that is a symbol
    directly, a unit a·v + c (one symbol, numbers a, c: z − 10, say) by solving for v. Units
    sharing a symbol are served in a random order, the first one wins."""
    out = {}
    items = list(pattern.items())
    rng.shuffle(items)
    for u, sign in items:
        syms = u.free_symbols
        if len(syms) != 1:
            continue
        (v,) = syms
        a, c = sp.Poly(u, v).all_coeffs() if u.is_polynomial(v) and sp.degree(u, v) == 1 else (None, None)
        if v in out or a is None or c is None or not (a.is_number and c.is_number) or a == 0:
            continue
        out[v] = (sign * rng.uniform(*MAGNITUDE) - float(c)) / float(a)
    return out


@dataclass(frozen=True)
class Evidence:
    points: int  # points at which the sides were compared
    discriminating: int  # of them, where the true value is non-zero (0: all one constant)
    units: tuple = ()  # piecewise units of the statement
    on: tuple = ()  # per unit, points where it is on (> 0)
    off: tuple = ()  # ... and off (< 0)
    understood: bool = True  # every piecewise atom is of one unit (else branches are unknown)

    @property
    def branches_exercised(self) -> bool:
        return self.understood and all(a > 0 and b > 0 for a, b in zip(self.on, self.off))

    @property
    def sufficient(self) -> bool:
        """Equal values at these points are evidence: they would have shown a difference."""
        return self.discriminating > 0 and self.branches_exercised


def evidence(true: list, unit_vectors: dict, understood: bool = True) -> Evidence:
    """What a set of points shows, from the true values and each unit's value at every point."""
    with mpmath.workdps(DIGITS):
        constant = same(true, [true[0]] * len(true)) if true else True
        count = nonzero(true)
        units = tuple(unit_vectors)
        on = tuple(sum(1 for x in unit_vectors[u] if x > 0) for u in units)
        off = tuple(sum(1 for x in unit_vectors[u] if x < 0) for u in units)
    return Evidence(len(true), 0 if constant else count, units, on, off, understood)


def pattern_at(units: tuple, unit_vectors: dict, k: int) -> tuple:
    """(unit, +1 | -1 | 0) at point k: the activation pattern a witness shows, of the units that
    are names (z's) when there are any (a fully expanded formula's units repeat them)."""
    named = tuple(u for u in units if u.is_Symbol) or units
    return tuple((u, int(mpmath.sign(unit_vectors[u][k]))) for u in named)
