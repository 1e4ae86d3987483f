"""Stage 3, evaluate: a resolved statement's sides against the truth, in numbers and exactly.

Points: 20 random ones (40 digits, every intermediate from one forward pass) for a smooth
statement; for a piecewise one (ReLU, leaky ReLU, step, |z|, max), points chosen so that each
unit it involves is on at some and off at others (`points`). A checked side differing anywhere
is recorded as a `Difference` (its values at every point). Equal everywhere -> `prove`; patterns
the proof could not clear are tried as points; neither proved nor telling (`Evidence.sufficient`)
-> up to SEARCH_ROUNDS further point sets. Pure: a `Resolved` in, an `Evaluation` out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from ..check import substitute_intermediates
from ..derivation import Derivation
from ..memo import kept
from .numbers import Points, multiply, same
from .piecewise import units_of
from .points import Evidence, choose_points, evidence
from .prove import Pattern, prove
from .resolve import Network, Resolved

SEARCH_ROUNDS = 3  # further point sets tried before "not proved"


@dataclass(frozen=True, eq=False)
class Sampling:
    """The shared random points (statements without piecewise units) and how to draw more."""

    points: Points
    count: int
    seed: int
    fixed: dict = field(default_factory=dict)  # symbol -> the constant a document fixes (b = 1)
    # the point sets drawn for it, by (derivation, units, patterns, attempt): statements with the
    # same piecewise units share them (a deterministic function of that key, drawn once)
    drawn: dict = field(default_factory=dict, repr=False)


def sampling(d: Derivation, count: int = 20, seed: int = 0, fixed: dict | None = None) -> Sampling:
    """The points of a network: a deterministic function of its arguments, drawn once per process
    (with the point sets drawn for it later and the values computed at them, see Points.vector)."""
    key = (d.spec, count, seed, frozenset((fixed or {}).items()))
    return kept(
        _SAMPLED,
        key,
        lambda: Sampling(_fix(Points(d, count, seed), fixed or {}), count, seed, dict(fixed or {})),
        SAMPLED_KEPT,
    )


SAMPLED_KEPT = 64
_SAMPLED: dict[tuple, Sampling] = {}


def _fixed(d: Derivation, fixed: dict):
    """An expression at the document's constants (intermediates opened to reach them). Opening
    a deep network's intermediates is most of a statement's cost, so each result is kept per
    process (a planted variant of the document, or the same one without its aliases, asks again)."""
    if not fixed:
        return lambda e: e
    known = (d.spec, frozenset(fixed.items()))

    def at(e: sp.Expr) -> sp.Expr:
        return kept(_OPENED, (known, e), lambda: substitute_intermediates(d, e).xreplace(fixed), OPENED_KEPT)

    return at


OPENED_KEPT = 2048
_OPENED: dict[tuple, sp.Expr] = {}


def _fix(points: Points, fixed: dict) -> Points:
    """The same points with the document's constants in place (every bias 1)."""
    return Points(points.d, base=[{**p, **fixed} for p in points.base]) if fixed else points


@dataclass(frozen=True, eq=False)
class Difference:
    """A checked side whose product differs from the truth at some point."""

    side: int  # index of the side in Resolved.sides
    hand: list[list]  # each written factor's values at the points
    true: list[list]  # each true factor's values
    hand_product: list
    true_product: list


@dataclass(frozen=True, eq=False)
class Evaluation:
    """What the points and the proof show. `differences` and the points, units and unit values
    they were found at are those of the last point set."""

    differences: tuple[Difference, ...]  # empty: every checked side equal at every point
    evidence: Evidence  # every point set compared, together
    exact: bool  # proved equal exactly
    points: Points
    units: tuple[sp.Expr, ...]  # the statement's piecewise units
    unit_vectors: dict[sp.Expr, list]  # unit -> its values at `points`


def evaluate(net: Network, sampled: Sampling, r: Resolved) -> Evaluation:
    """choose points -> compare -> prove -> (patterns the proof named, further point sets)."""
    t_values = r.true_values
    truth = sp.Mul(*t_values)
    units, understood = units_of([net.open(e) for e in t_values + [h for k in r.checked for h in r.hands[k]]])
    points = _points(net.d, sampled, units)
    found, ev, unit_vectors = _compare(points, r, units, understood)
    fixed = _fixed(net.d, sampled.fixed)
    proofs = [] if found else [prove(net, fixed(sp.Mul(*r.hands[k])), fixed(truth)) for k in r.checked]
    exact = bool(proofs) and all(p[0] for p in proofs)
    suspects = tuple(q for p in proofs for q in p[1])
    if not found and not exact and suspects:  # patterns the proof could not clear
        points = _points(net.d, sampled, units, suspects)
        found, more, unit_vectors = _compare(points, r, units, understood)
        ev = _merge(ev, more)
    rounds = 0
    while not found and not exact and not ev.sufficient and rounds < SEARCH_ROUNDS:
        rounds += 1
        points = _points(net.d, sampled, units, attempt=rounds)
        found, more, unit_vectors = _compare(points, r, units, understood)
        ev = _merge(ev, more)
    return Evaluation(tuple(found), ev, exact, points, units, unit_vectors)


def _points(
    d: Derivation, sampled: Sampling, units: tuple, first: tuple[Pattern, ...] = (), attempt: int = 0
) -> Points:
    """The shared random points for a statement without piecewise units; else chosen ones.
    A later attempt draws a fresh set (twice as many random points). Drawn once per key: the
    points depend on nothing else."""
    if not units and not attempt:
        return sampled.points
    # srepr: the spelling choose_points seeds with (1 and 1.0 are one dict key, not one srepr);
    # d stays alive in the Points kept, so its id is not reused
    key = (id(d), sp.srepr(units), sp.srepr(first), attempt)
    if key not in sampled.drawn:
        sampled.drawn[key] = _draw(d, sampled, units, first, attempt)
    return sampled.drawn[key]


def _draw(d: Derivation, sampled: Sampling, units: tuple, first: tuple[Pattern, ...], attempt: int) -> Points:
    if not units:
        return _fix(Points(d, sampled.count * 2, sampled.seed + 7919 * attempt), sampled.fixed)
    base, _ = choose_points(d, units, sampled.count, sampled.seed + 7919 * attempt, first)
    return _fix(Points(d, base=base), sampled.fixed)


def _compare(
    points: Points, r: Resolved, units: tuple, understood: bool
) -> tuple[list[Difference], Evidence, dict]:
    """Every checked side against the truth at `points`: the sides that differ, what the points
    show, and each unit's values."""
    n = points.count
    t_vectors = [points.vector(v) for v in r.true_values]
    t_product = multiply(t_vectors, n)
    unit_vectors = {u: points.vector(u) for u in units}
    found = []
    for k in r.checked:
        h_vectors = [points.vector(h) for h in r.hands[k]]
        h_product = multiply(h_vectors, n)
        if not same(h_product, t_product):
            found.append(Difference(k, h_vectors, t_vectors, h_product, t_product))
    return found, evidence(t_product, unit_vectors, understood), unit_vectors


def _merge(a: Evidence, b: Evidence) -> Evidence:
    """The evidence of two point sets together."""
    return Evidence(
        a.points + b.points,
        a.discriminating + b.discriminating,
        a.units,
        tuple(x + y for x, y in zip(a.on, b.on)),
        tuple(x + y for x, y in zip(a.off, b.off)),
        a.understood and b.understood,
    )
