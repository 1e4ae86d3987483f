r"""A scalar chain of derivatives that breaks at one link, the fault named at the factor whose
replacement links it, not at its neighbour read as an extra factor.

∂C/∂w_{L-1} = ∂z_{L-1}/∂w_{L-1} ∂a_{L-1}/∂w_{L-1} ∂z_L/∂a_{L-1} ∂a_L/∂z_L ∂C/∂a_L (the chain
written from the input side, ∂a_{L-1}/∂w_{L-1} where ∂a_{L-1}/∂z_{L-1} belongs) has the value
of the truth times ∂z_{L-1}/∂w_{L-1}: it reads as well as "extra factor ∂z_{L-1}/∂w_{L-1}", the
factor before it then standing for two links. The chain itself says which: it breaks only
between ∂a_{L-1}/∂w_{L-1} and ∂z_{L-1}/∂w_{L-1} (w where z belongs), and of the two factors
beside the break only ∂a_{L-1}/∂w_{L-1} can be replaced by a derivative that links it
(∂a_{L-1}/∂z_{L-1}); the other would become ∂w/∂w, no derivative at all. Likewise
Σ_j ∂E/∂z_j ∂a_j/∂z_j ∂z_j/∂a_k (∂E/∂z_j where ∂E/∂a_j belongs): factor 1, not an extra
∂a_j/∂z_j. The replacement is kept only when it makes the side equal to the truth at every
point (each term of a written sum replaced alike) and it is the one such factor; a fault of
another kind (a missing link, a wrong factor whose chain links) is left as the aligner named it.
Pure: the side's written factors, their values and the points in, a Fault or None out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import sympy as sp

from ..latex import Partial
from .explain import Fault
from .hand_values import hand
from .numbers import same
from .resolve import Network, Resolved

Factor3 = tuple[int, object, sp.Expr]  # (position as written, as written, value)


def _break(names: list[tuple], forward: bool) -> list[int]:
    """The junctions i (between factors i and i+1) where the chain does not link."""
    if forward:  # ∂L/∂a ∂a/∂z: each denominator the next numerator
        return [i for i in range(len(names) - 1) if names[i][1] != names[i + 1][0]]
    return [i for i in range(len(names) - 1) if names[i][0] != names[i + 1][1]]


def link(factors: Sequence[Factor3], key: Callable[[sp.Basic], object]) -> tuple[int, Partial] | None:
    """(index of the one factor whose replacement links the chain, the linking derivative), when
    the factors are all derivatives that break at exactly one junction in the direction the
    chain is written (the other direction breaking more often) and only one of the two factors
    beside it can link it with a derivative of two different quantities; else None."""
    raws = [f[1] for f in factors if isinstance(f[1], Partial)]
    if len(raws) < 3 or len(raws) != len(factors):
        return None
    names = [(key(p.num), key(p.den)) for p in raws]
    ahead, back = _break(names, True), _break(names, False)
    if len(ahead) == 1 and len(back) > 1:
        i, forward = ahead[0], True
    elif len(back) == 1 and len(ahead) > 1:
        i, forward = back[0], False
    else:
        return None
    a, b = raws[i], raws[i + 1]
    if forward:  # a = ∂A/∂X, b = ∂Y/∂B: a as ∂A/∂Y, or b as ∂X/∂B
        options = [(i, Partial(a.num, b.num), names[i][0] != names[i + 1][0])]
        options.append((i + 1, Partial(a.den, b.den), names[i][1] != names[i + 1][1]))
    else:  # a = ∂Y/∂B, b = ∂A/∂X (written right to left): a as ∂X/∂B, or b as ∂A/∂Y
        options = [(i, Partial(b.den, a.den), names[i + 1][1] != names[i][1])]
        options.append((i + 1, Partial(b.num, a.num), names[i + 1][0] != names[i][0]))
    real = [(k, p) for k, p, ok in options if ok]
    return real[0] if len(real) == 1 else None


def preferred(
    fault: Fault,
    terms: Sequence[Sequence[Factor3]],
    value: Callable[[Partial], sp.Expr | None],
    key: Callable[[sp.Basic], object],
    vector: Callable[[sp.Expr], list],
    true_product: list,
) -> Fault:
    """The fault at the factor whose replacement links each term's chain (`terms`: a product
    is one term, a written sum several), instead of an extra factor (or one whose expected
    value is 1) beside it; `fault` when no such replacement makes the side right."""
    extra = fault.kind == "extra" or fault.kind == "wrong" and fault.expected == 1
    if not extra or not terms:
        return fault
    found = [link(term, key) for term in terms]
    if any(f is None for f in found):
        return fault
    places = {terms[t][f[0]][0] for t, f in enumerate(found) if f is not None}
    if len(places) != 1:
        return fault
    total, first = sp.Integer(0), None
    for term, f in zip(terms, found):
        assert f is not None
        k, partial = f
        expected = value(partial)
        if expected is None:
            return fault
        first = first or (term[k], partial, expected)
        total += sp.Mul(*[expected if j == k else v for j, (_, _, v) in enumerate(term)])
    if first is None or not same(vector(total), true_product):
        return fault
    (pos, raw, read), partial, expected = first
    return replace(
        fault,
        kind="wrong",
        position=pos,
        wrote=raw,
        read_as=read,
        expected=expected,
        partial=(key(partial.num), key(partial.den)),
        ratio=None,
        others=0,
        span=1,
    )


def named(
    net: Network, r: Resolved, k: int, fault: Fault | None, vector: Callable, true_product: list
) -> Fault | None:
    """`preferred` on side k of a resolved statement: its parts (a sum's terms, or factors
    counted as written), else its written factors."""
    parts = r.parts.get(k)
    if parts and len(parts) == 1 and parts[0].terms:
        terms: list = [t.factors for t in parts[0].terms]
    elif parts:
        terms = [[(p.pos, p.raw, p.value) for p in parts]] if not any(p.terms for p in parts) else []
    else:
        terms = [[(i + 1, w, h) for i, (w, h) in enumerate(zip(r.sides[k], r.hands[k]))]]

    def value(p: Partial) -> sp.Expr | None:
        try:
            return hand(net, p, "")
        except Exception:  # a derivative of names the network cannot resolve: no replacement
            return None

    def key(name: sp.Basic) -> object:
        try:
            return net.names.resolve(name, "")
        except Exception:  # a name not resolved: compared as written
            return name

    return fault and preferred(fault, terms, value, key, vector, true_product)
