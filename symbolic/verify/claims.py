"""Numeric claims of worked examples (`= 0.74136507 * 0.186815602 = 0.138498562`): checked at the
point the author computed them at, to the precision written.

A side written with decimals is a claim about the statement's value at one point. Without that
point it is never judged (random points would call it wrong): it is "not checked". With a point
(`--at POINT.toml`, names as the document writes them) each claim is compared with the true value
there: within half a unit of each number's last shown digit, carried through the arithmetic, plus
a small relative tolerance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from ..activations import named
from ..derivation import Derivation
from . import batch_means
from .display import listed
from .layer_calls import GENERIC
from .matrix_cells import cell
from .numbers import Points
from .rounding import DECIMAL, carried

RELATIVE = mpmath.mpf("1e-9")
# one number in scientific notation: 8.2e-2, 1.5E-3 (no space inside), 3\times10^{-2}, 3 \cdot 10^{-2}
SCIENTIFIC = re.compile(
    r"(?<![A-Za-z_^0-9.])([0-9]+)(?:\.([0-9]+))?"
    r"(?:[eE][-+]?[0-9]+(?![0-9.])|\s*\\(?:times|cdot)\s*10\s*\^\s*(?:\{\s*[-+]?\s*[0-9]+\s*\}|[0-9]))"
)


@dataclass(frozen=True)
class Claim:
    """One numeric side: where, as written, its exact value, and the true value's expression."""

    line: int
    col: int
    text: str
    written: sp.Expr  # the side's value (exact rationals)
    true: sp.Expr  # the statement's true value, in the network's symbols
    what: str = ""  # the statement's left side, as written
    factors: tuple = ()  # the side's numbers, when it is a product of numbers only
    parts: tuple = ()  # the derivative's true chain-rule factors (derivation.Factor)
    statement: str = ""  # the whole statement as written
    before: tuple = ()  # the side just before, when numeric too: (its text, its exact value)


@dataclass(frozen=True)
class FactorFault:
    """A number of a written product that is not its chain-rule factor's value at the point."""

    position: int  # 1-based, in written order
    part: object  # the derivation.Factor it stands for
    written: float
    true: float


@dataclass(frozen=True)
class Checked:
    """A claim judged at the point: its value, the true value, and whether they agree; for a
    product of as many numbers as the chain rule has factors, the numbers that are wrong."""

    claim: Claim
    value: float
    true: float
    tolerance: float
    correct: bool
    faults: tuple[FactorFault, ...] = ()


def tolerance(text: str, value: mpmath.mpf) -> mpmath.mpf:
    """Half a unit in the last digit of every number written, relative, summed; plus RELATIVE."""
    rel = mpmath.mpf(0)
    for m in SCIENTIFIC.finditer(text):  # relative: half a unit of the mantissa's last digit
        mantissa = mpmath.mpf(m.group(1) + "." + (m.group(2) or "0"))
        if mantissa:
            rel += mpmath.mpf(10) ** (-len(m.group(2) or "")) / 2 / mantissa
    for m in DECIMAL.finditer(SCIENTIFIC.sub(" ", text)):
        number = mpmath.mpf(m.group(0))
        if number:
            rel += mpmath.mpf(10) ** (-len(m.group(2))) / 2 / abs(number)
    return (rel + RELATIVE) * abs(value) + mpmath.mpf(10) ** -12


def given_numbers(point: dict | None) -> frozenset:
    """The values --at gives, whatever names it gives them under (a name no statement binds, as
    w_{34} of a table's label, still says -0.5 is a given number): exact wherever written."""
    values = (point or {}).values()
    return frozenset(abs(sp.Rational(str(v))) for v in values if isinstance(v, (int, float, sp.Number)))


def check(
    d: Derivation,
    claims: list[Claim],
    point: dict,
    filled: frozenset = frozenset(),
    spoken: frozenset = frozenset(),
) -> tuple[list[Checked], list[tuple[Claim, str]]]:
    """Each claim at `point` (network symbol -> value): its value against the true value; the
    claims that cannot be checked there, with the reason. `spoken`: the values --at gives, bound
    to a name of the network or not (given_numbers), held exact as the point's own."""
    needed = set(d.params) | set(d.inputs) | set(d.targets)
    missing = needed - set(point)
    if missing:  # a claim needing none of them (net_h1 of a partial point; 2 x .11 = .22) is checked
        needs = _Needs(d)
        lacking = [(c, (needed if (n := needs.of(c)) is None else n) & missing) for c in claims]
        ready = [c for c, lack in lacking if not lack]
        out, unchecked = check(d, ready, {**_filler(missing), **point}, frozenset(missing), spoken)
        for c, lack in lacking:
            if lack:
                unchecked.append((c, f"the point (--at) lacks {listed(d, sorted(lack, key=str), 8)}"))
        return out, unchecked
    exact = {s: v if isinstance(v, sp.Rational) else sp.Rational(str(v)) for s, v in point.items()}
    eta = {d.eta: exact[d.eta]} if d.eta in exact else {}
    points = Points(d, 1, base=[{s: v for s, v in exact.items() if s != d.eta}])
    out, unchecked = [], []
    given = (
        frozenset(abs(v) for s, v in exact.items() if s not in filled) | spoken
    )  # held exact: the author's
    # a number an earlier line claimed (-6.407 for -6.40646): how far from what it stands for, as
    # an operand of later arithmetic (its slip was judged where it was made); `right`: those right
    carried_on: dict = {}
    right: dict = {}
    for c in sorted(claims, key=lambda c: (c.line, c.col)):
        examples = batch_means.size(c.statement, len(d.outputs))
        if examples:  # MSE = \\frac{1}{4}(1 + 0 + 0 + 1): four examples' loss, not the point's
            unchecked.append((c, batch_means.REASON.format(n=examples)))
            continue
        if c.true.has(d.eta) and not eta:
            unchecked.append((c, 'an update\'s numbers need the learning rate: "eta" = 0.5 in --at'))
            continue
        value = written_value(c.written, d)  # a number, even one written with e, pi or \sigma(0.2)
        if value is None:
            unchecked.append((c, "a number written with a function symprop does not evaluate"))
            continue
        true = points.vector(c.true.xreplace(eta))[0]
        text = cell(c.text, c.written, d)  # one entry of a matrix of numbers: its own cell's
        tol = tolerance(text, true)
        lone = bool(_ONE_NUMBER.fullmatch(c.text.strip()))  # = -6.407: the claim itself, its own half unit
        spread = carried(text, c.written, d, SCIENTIFIC, given, {} if lone else carried_on)  # 1 - 0.7127^2
        if spread is not None:  # the rounding carried through the side's own arithmetic
            tol = spread + RELATIVE * abs(true) + mpmath.mpf(10) ** -12
        if not c.true.free_symbols and (worked := _arithmetic(c, d, given, carried_on)) is not None:
            if isinstance(worked, str):  # right only if a number no line gave was rounded
                unchecked.append((c, worked))
                continue
            out.append(worked)
            if lone and isinstance(c.written, sp.Rational) and _exactly(c, d, given):
                given = given | {abs(c.written)}  # 0.2 + 0 - 0.5 - 0.4 = -0.7, of givens: 0.7 exact
            continue
        faults = _faults(c, points, right)
        ok = abs(value - true) <= tol and not faults or _worked_out(c, value, true, d, given, right)
        out.append(Checked(c, float(value), float(true), float(tol), ok, () if ok else faults))
        if lone and isinstance(c.written, sp.Rational):
            distance = {abs(c.written): sp.Rational(mpmath.nstr(abs(value - true), 20))}
            carried_on.update(distance)
            right.update(distance if ok else {})
    return out, unchecked


class _Needs:
    """The inputs, parameters and targets a claim's true value depends on, through the forward and
    δ definitions; None when it names anything else (then it needs them all)."""

    def __init__(self, d: Derivation):
        self.defs = {eq.lhs: eq.rhs for eq in d.of_kind("forward") + d.of_kind("delta")}
        self.base = set(d.params) | set(d.inputs) | set(d.targets) | {d.eta}

    def of(self, c: Claim) -> set | None:
        todo = [*c.true.free_symbols, *(s for p in c.parts for s in p.value.free_symbols)]
        out: set = set()
        seen: set = set()
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            if s in self.base:
                out.add(s)
            elif s in self.defs:
                todo += self.defs[s].free_symbols
            else:
                return None
        return out


def _filler(missing: set) -> dict:
    """Values for the point's missing names, which no claim checked with them depends on (a half:
    finite in every activation and loss)."""
    return {s: sp.Rational(1, 2) for s in missing}


def _worked_out(
    c: Claim, value: mpmath.mpf, true: mpmath.mpf, d: Derivation, given: frozenset, right: dict
) -> bool:
    """A single number that is the side just before it worked out, to its own last digit
    (-2(1 - 0.524) = -0.952, where the true value is -0.9513): right as a step when that side is
    right to the rounding of its own numbers, the point's given values (a weight 1.2) held exact
    and a number an earlier line claimed rightly carrying its distance from its truth (`right`).
    A number carried from a wrong one (1.2 × 0.4139 + 0.3 = 0.7967 after tanh(0.4404) = 0.4139,
    true 0.41397) is not: that side is off by more than 0.4139's half unit, and 0.7967 stays
    wrong, as the side before it does."""
    if not c.before or not _ONE_NUMBER.fullmatch(c.text.strip()):
        return False
    text, written = c.before
    if _MATRIX.search(text) or not (DECIMAL.search(text) or SCIENTIFIC.search(text)):
        return False
    previous = written_value(written, d)
    if previous is None or abs(value - previous) > tolerance(c.text, previous):
        return False
    spread = carried(text, written, d, SCIENTIFIC, given, right)
    return spread is not None and abs(previous - true) <= spread + RELATIVE * abs(true)


_ONE_NUMBER = re.compile(r"(?:\\boxed\s*)?\{?\s*[-+−]?\s*[0-9]*\.?[0-9]+\s*\}?")
_MATRIX = re.compile(r"\[|\\begin|,|\\\\")


def _arithmetic(
    c: Claim, d: Derivation, given: frozenset = frozenset(), earlier: dict | None = None
) -> Checked | str | None:
    """A claim about a formula of numbers alone (.92 x .17 + .56 x .17 = .26): both sides
    rounded, each side's rounding carried, the point's given values (a weight -0.5) held exact;
    None when its value is not a number. Right with the formula's numbers as written (an earlier
    line's result moving by its own distance from its truth): correct. Right only when a number
    that no line gave nor computed is taken as rounded (0.7 for 0.65 to 0.75: -0.5 + 0.9 (-0.0087)
    = -0.492, true -0.5078): not proved, said why (the str returned), never correct."""
    value = written_value(c.written, d)
    true = written_value(c.true, d)
    if value is None or true is None:
        return None
    mine = carried(c.text, c.written, d, SCIENTIFIC)
    theirs = carried(c.what, c.true, d, SCIENTIFIC, given)
    own = mine if mine is not None else tolerance(c.text, value)
    tol = own + (theirs if theirs is not None else tolerance(c.what, true))
    if abs(value - true) > tol:
        return Checked(c, float(value), float(true), float(tol), False)
    seen = {abs(n) for n in (earlier or {})}
    unseen = frozenset(n for n in _numbers(c.what) if n not in seen)
    strict = carried(c.what, c.true, d, SCIENTIFIC, given | unseen, earlier)
    if strict is None or abs(value - true) <= own + strict + RELATIVE * abs(true) + mpmath.mpf(10) ** -12:
        return Checked(c, float(value), float(true), float(tol), True)
    shown = ", ".join(mpmath.nstr(mpmath.mpf(str(n)), 12) for n in sorted(unseen)[:4])
    return (
        f"right only if its numbers are rounded ({shown} taken as written, the value is "
        f"{mpmath.nstr(true, 6)}, not {mpmath.nstr(value, 6)}); no line computes them: not proved"
    )


def _numbers(text: str) -> list[sp.Rational]:
    """The decimals written in a formula (a side of numbers alone)."""
    return [abs(sp.Rational(m.group(0))) for m in DECIMAL.finditer(text)]


def _exactly(c: Claim, d: Derivation, given: frozenset) -> bool:
    """Is a claim of numbers alone exactly its formula's value, every number of the formula held
    exact (the point's given values, or earlier such results)? Its number is then exact too."""
    return (c.true - c.written).is_zero is True and carried(c.what, c.true, d, SCIENTIFIC, given) == 0


def written_value(written: sp.Expr, d: Derivation) -> mpmath.mpf | None:
    r"""A numeric side's value: its activations (\sigma(0.2), \tanh(1.5), ReLU(-3)) and their
    derivatives (\sigma'(0.2), f'(0.0948)) evaluated by the registry's rules, and g, f, h as the
    one activation of a network whose layers share it;
    None when another function (f of a network with two activations) or a name is left."""
    rules = {rule.name: rule for rule in d.spec.activations}
    shared = next(iter(rules.values())) if len(rules) == 1 else None

    def call(e: sp.Basic) -> sp.Basic:
        name = type(e).__name__
        if name.endswith("_prime"):  # f'(0.0948), \sigma'(0.2): the activation's derivative there
            rule = next((r for r in named() if name == r.prime_word), None)
            rule = shared if rule is None and name.removesuffix("_prime") in GENERIC else rule
            return rule.prime(*e.args) if rule is not None and len(e.args) == 1 else e
        rule = next((r for r in named() if name in r.spellings), None)
        rule = shared if rule is None and name in GENERIC else rule
        return rule(*e.args) if rule is not None and len(e.args) == 1 else e

    value = sp.N(written.replace(lambda e: isinstance(e, AppliedUndef), call), 40)
    if not value.is_number or value.has(AppliedUndef) or not value.is_real:
        return None
    return mpmath.mpf(value)


_NUMERAL = re.compile(SCIENTIFIC.pattern + r"|(?<![A-Za-z_^0-9.])[0-9]*\.?[0-9]+")


def _faults(c: Claim, points: Points, right: dict | None = None) -> tuple[FactorFault, ...]:
    """The numbers of a product written with one number per chain-rule factor that are not that
    factor's value (each to half a unit in its last digit, or as far as an earlier line that
    claimed it right was: NBIS's 0.2379 = 0.61(1 - 0.61), of a₂ = 0.6089 rounded, is no fault
    later); in another order, the numbers that match no factor. Nothing when the product has
    another shape (it is judged as a whole)."""
    texts = [m.group(0) for m in _NUMERAL.finditer(c.text)]
    if not c.parts or len(c.factors) != len(c.parts) or len(texts) != len(c.factors):
        return ()
    written = [mpmath.mpf(sp.N(f, 40)) for f in c.factors]
    true = [points.vector(p.value)[0] for p in c.parts]
    near = right or {}
    ok = [
        [abs(w - t) <= tolerance(x, t) + mpmath.mpf(str(near.get(abs(f), 0))) * (1 + RELATIVE) for t in true]
        for w, x, f in zip(written, texts, c.factors)
    ]
    bad = [k for k in range(len(written)) if not ok[k][k]]
    if len(bad) > 1:  # the same factors in another order are right
        free = set(range(len(true)))
        unmatched = []
        for k in range(len(written)):
            hit = next((j for j in sorted(free) if ok[k][j]), None)
            if hit is None:
                unmatched.append(k)
            else:
                free.discard(hit)
        if not unmatched:
            return ()
        if len(unmatched) < len(bad):  # some numbers are factors written in another order
            pair = _paired(written, true, ok)
            return tuple(
                FactorFault(k + 1, c.parts[pair[k]], float(written[k]), float(true[pair[k]]))
                for k in range(len(written))
                if not ok[k][pair[k]]
            )
    return tuple(FactorFault(k + 1, c.parts[k], float(written[k]), float(true[k])) for k in bad)


def _paired(written: list, true: list, ok: list) -> list[int]:
    """Each written number's factor when the product is written in another order than the chain
    rule's (NBIS: ∂z₂/∂w₂ × ∂a₂/∂z₂ × ∂L/∂a₂ = 0.48 × 0.2379 × 0.51): the numbers that are a
    factor's value first, the rest each to the nearest factor left (0.51 is ∂L/∂a₂, never the 0.48
    that is ∂z₂/∂w₂'s right value)."""
    free, pair = set(range(len(true))), {}
    for k in range(len(written)):
        hit = next((j for j in sorted(free) if ok[k][j]), None)
        if hit is not None:
            pair[k] = hit
            free.discard(hit)
    for k in range(len(written)):
        if k not in pair:
            pair[k] = min(sorted(free), key=lambda j: abs(written[k] - true[j]) / max(abs(true[j]), 1e-12))
            free.discard(pair[k])
    return [pair[k] for k in range(len(written))]
