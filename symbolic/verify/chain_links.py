"""A written chain of derivatives should link: each denominator is the next numerator (the
left side's numerator first, its denominator last). `chain_notes` says where a chain does not
link, read left to right or, as 3Blue1Brown writes it, right to left. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import sympy as sp

from ..latex import Partial

if TYPE_CHECKING:
    from .resolve import Network


@dataclass(frozen=True)
class ChainNote:
    """A written chain of derivatives that does not link: `have` stands where `want` should."""

    have: sp.Expr
    want: sp.Expr
    before: Partial | None  # the derivative ending in `have` (None: the left-hand side)
    after: Partial | None  # the derivative starting with `want` (None: the left-hand side)


def chain_notes(
    net: Network, sides: list[list], num: sp.Expr, den: sp.Expr, where: str
) -> tuple[ChainNote, ...]:
    """A chain of written derivatives should link: each denominator is the next numerator."""
    notes = []
    for side in sides:
        if not side or not all(isinstance(f, Partial) for f in side):
            continue
        parts = [
            (_as_loss(net, net.names.resolve(f.num, where)), net.names.resolve(f.den, where), f) for f in side
        ]
        defs = _forward(net)
        broken = _broken_link(parts, num, den, defs)
        if broken and not _broken_link(parts[::-1], num, den, defs):  # written right to left (3Blue1Brown)
            continue
        if broken:
            notes.append(ChainNote(*broken))
    return tuple(notes)


def compared_sides(
    net: Network, sides: list[list], num: sp.Expr, den: sp.Expr, where: str, unlinked: bool
) -> tuple[list[int], list[int]]:
    """(the sides always compared with the truth: the last and every formula without a derivative;
    the middle sides compared where the reader can value them). A middle side is compared like a
    formula, its derivatives standing for their true values, when it writes a formula beside
    derivatives of names, is a chain of derivatives that does not link at a formula, or is a chain
    that links: (a + y) ∂a/∂z, ∂(a + y)²/∂z for ∂L/∂z, or one path of two, is never passed over.
    A number times such a chain (-∂[½(a - y)²]/∂a) is compared as the chain is, the number in it.
    Left as steps: names that do not link (a slip of notation, noted) and a derivative of a formula
    beside a factor (f'(u) ∂/∂w Σ_i w_i y_i, worked out in the next side).
    `unlinked`: some side's chain does not link (chain_notes said so)."""
    last = len(sides) - 1
    always = [k for k, s in enumerate(sides) if k == last or not any(isinstance(f, Partial) for f in s)]
    steps = [k for k in range(last) if k not in always]
    return always, [
        k
        for k in steps
        if _beside_formula(sides[k])
        or unlinked
        and _misstated(net, sides[k], num, den, where)
        or _linked(net, sides[k], num, den, where)
        or _scaled(sides[k])
        and _compared_bare(net, [f for f in sides[k] if not _number(f)], num, den, where)
    ]


def _compared_bare(net: Network, bare: list, num: sp.Expr, den: sp.Expr, where: str) -> bool:
    """Would the side's derivatives alone be compared: a chain that links, or one that misstates
    the quantity (-∂(Σ_k h_k W_kj + b_j)/∂W_ij, its own chain's note saying so)?"""
    return _linked(net, bare, num, den, where) or _misstated(net, bare, num, den, where)


def _number(f: object) -> bool:
    return isinstance(f, sp.Basic) and f.is_number is True


def _scaled(side: list) -> bool:
    """A number times derivatives (-∂[½(a - y)²]/∂a, 2 ∂E/∂a): the number is no working, so the
    side is compared like its derivatives alone would be, the number included."""
    return any(_number(f) for f in side) and any(isinstance(f, Partial) for f in side)


def _linked(net: Network, side: list, num: sp.Expr, den: sp.Expr, where: str) -> bool:
    """A chain of derivatives of names that links (∂L/∂a ∂a/∂z ∂z/∂w for ∂L/∂w): compared, each
    derivative standing for its true value, so a chain along one path where the left side sums
    over several (∂L/∂a⁽²⁾₁ ∂a⁽²⁾₁/∂z⁽²⁾₁ ∂z⁽²⁾₁/∂a⁽¹⁾₁ ... for a first-layer weight of a net with two
    outputs) is named, not passed over. Its value is the truth's wherever it is a chain rule."""
    return all(isinstance(f, Partial) for f in side) and not chain_notes(net, [side], num, den, where)


def _misstated(net: Network, side: list, num: sp.Expr, den: sp.Expr, where: str) -> bool:
    """A chain of derivatives that does not link where a formula is written: ∂(a + y)²/∂z for
    ∂L/∂z states another quantity. Names that do not link (the seed's ∂ẑ/∂z_h1 before
    ∂σ(z_h1)/∂z_h1) are a slip of notation in the chain: noted, the step not compared."""
    notes = chain_notes(net, [side], num, den, where)
    return any(not (_quantity(n.have) and _quantity(n.want)) for n in notes)


def _quantity(e: sp.Expr) -> bool:
    """A name, or an activation of names (σ(z_h1)): no formula."""
    return (
        isinstance(e, sp.Symbol)
        or isinstance(e, sp.Function)
        and all(isinstance(a, sp.Symbol) for a in e.args)
    )


def _beside_formula(side: list) -> bool:
    """A formula beside derivatives of names ((a + y) ∂a/∂z). A derivative of a formula there
    (f'(u) ∂/∂w Σ_i w_i y_i, a sum worked out in the next step) is working, left as a step."""
    partials = [f for f in side if isinstance(f, Partial)]
    return len(partials) < len(side) and all(isinstance(p.num, sp.Symbol) for p in partials)


def _as_loss(net: Network, value: sp.Expr) -> sp.Expr:
    """A numerator that writes the loss out ((y_1 - t_1)^2 + ...) is the loss L."""
    d = net.d
    if isinstance(value, sp.Symbol) or not value.free_symbols <= {*d.outputs, *d.targets}:
        return value
    return d.loss_symbol if sp.expand(value - d.spec.loss(list(d.outputs), list(d.targets))) == 0 else value


def _forward(net: Network) -> dict:
    """Each quantity's forward definition (z⁽²⁾₁ -> W⁽²⁾₁₁·σ(z⁽¹⁾₁) + b⁽²⁾₁)."""
    return {eq.lhs: eq.rhs for eq in net.d.of_kind("forward")}


def _same(a: sp.Expr, b: sp.Expr, defs: dict) -> bool:
    """One quantity, by name or written out as its forward definition: ∂(w_2 a_1 + b_2)/∂w_2
    after ∂z_2 (NBIS's exercise differentiates the formula of z_2 itself) links."""
    if a == b:
        return True
    return sp.expand(defs.get(a, a) - defs.get(b, b)) == 0 and (a in defs or b in defs)


def _broken_link(parts: list, num: sp.Expr, den: sp.Expr, defs: dict) -> tuple | None:
    """The first link of a chain (num, den, written) of derivatives that does not hold, or None."""
    links = [(num, parts[0][0], None, parts[0][2])]
    links += [(a[1], b[0], a[2], b[2]) for a, b in zip(parts, parts[1:])]
    links += [(parts[-1][1], den, parts[-1][2], None)]
    return next((link for link in links if not _same(link[0], link[1], defs)), None)
