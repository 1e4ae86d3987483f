"""Stage 2, resolve: written statements -> the network's symbols and the true chain-rule factors.

`network` gathers once, from the Derivation, what every statement is resolved against (`Network`);
`resolve_all` expands the '//' marks (`ditto`) and resolves each derivative statement;
`resolve` turns one statement (its sides with '//' expanded) into a `Resolved`: the partial
on the left in the network's symbols, the true factors (from the Derivation where it has them,
else differentiated through the graph), each checked side's factors as values (a written partial
factor stands for its true value), and notes where a written chain of derivatives does not link.
Unknown names and quantities raise `SympropError`. Pure: no numbers, no IO.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import cast

import sympy as sp
from sympy.core.function import AppliedUndef

from ..derivation import Derivation, Factor
from ..errors import SympropError
from ..functions import expand_definitions
from ..latex import PARTIAL, Partial, Statement, product_expr
from . import definition_parts, loss_names, per_index, shared_deltas, update_steps
from .chain_links import ChainNote, chain_notes, compared_sides
from .claims import Claim
from .conventions import Conventions
from .display import said, shown
from .ditto import Unchecked, expand_each
from .dummies import (
    NEW_NAME,
    at_network_z,
    dummies,
    is_function_of_dummy,
    new_name,
    pre_activation,
)
from .given_aliases import names_only
from .given_values import Given, givable
from .hand_values import hand
from .indices import instantiate
from .letter_readings import READING
from .names import Resolver
from .parts import split as split_parts
from .per_index import Key, known_at
from .piecewise import PIECEWISE
from .signs import RATES, DeltaSign
from .truth import quantity, true_factors
from .update_numbers import formula, is_update, updated
from .written_numbers import claims_of, is_delta, without_numbers


@dataclass(frozen=True, eq=False)
class Network:
    """What statements are resolved against: the Derivation and maps drawn from it."""

    d: Derivation
    names: Resolver
    locals: dict[tuple[sp.Basic, sp.Basic], Factor]  # (num, den) -> the local factor
    deltas: dict[sp.Basic, tuple[Factor, ...]]  # z -> the factors of dL/dz
    delta_defs: dict[sp.Basic, sp.Expr]  # δ symbol -> its definition
    delta_of: dict[sp.Basic, sp.Basic]  # z -> its δ symbol
    piecewise_outputs: dict[sp.Basic, sp.Expr]  # output -> its piecewise definition
    nodes: frozenset[sp.Basic]  # the quantities one may differentiate
    delta_sign: DeltaSign = DeltaSign(1)  # the document's δ: ±∂E/∂net, or unsaid (verify/signs.py)

    def open(self, expr: sp.Expr) -> sp.Expr:
        """Deltas by their definitions, and outputs too when the output activation is piecewise:
        every piecewise unit of the statement in sight."""
        for _ in range(self.d.spec.depth + 1):
            expr = expr.xreplace(self.delta_defs)
        return expr.xreplace(self.piecewise_outputs)


def network(d: Derivation, aliases: dict | None = None, conventions: dict | None = None) -> Network:
    """The Network of `d`, with the user's aliases (raw name -> raw expression) and the
    document's conventions (transposed weights, t for the target)."""
    if not d.scalar:
        raise SympropError(
            f"{d.spec.arch} has {d.spec.n_params} parameters",
            "the verifier needs per-parameter factor lists (nets up to 5000)",
        )
    names = Resolver(d, aliases, Conventions.of(conventions))
    locals_ = {}
    for eq in d.of_kind("local"):
        f = eq.factors[0]
        locals_[(f.num, f.den)] = f
    piecewise_outputs = {
        eq.lhs: eq.rhs
        for eq in d.of_kind("forward")
        if eq.lhs in d.outputs and expand_definitions(eq.rhs).has(*PIECEWISE)
    }
    nodes = set(d.params) | set(d.inputs) | set(d.targets) | set(d.outputs)
    nodes |= set(names.z_layer) | set(names.hidden_a.values())
    return Network(
        d=d,
        names=names,
        locals=locals_,
        deltas={eq.factors[-1].den: eq.factors for eq in d.of_kind("delta")},
        delta_defs={eq.lhs: eq.rhs for eq in d.of_kind("delta")},
        delta_of={eq.factors[-1].den: eq.lhs for eq in d.of_kind("delta")},
        piecewise_outputs=piecewise_outputs,
        nodes=frozenset(nodes),
    )


@dataclass(frozen=True)
class Resolved:
    """One derivative statement in the network's symbols, with the truth it is checked against."""

    statement: Statement
    sides: tuple[tuple, ...]  # each side's written factors ('//' expanded)
    num: sp.Expr  # the partial on the left, in the network's symbols
    den: sp.Expr
    gradient: bool  # dL/dθ of a parameter θ (else a local factor)
    true: tuple[Factor, ...]  # the true chain-rule factors
    checked: tuple[int, ...]  # the sides compared with the truth (value sides, last)
    hands: dict[int, tuple[sp.Expr, ...]]  # side -> its factors' values
    notes: tuple[ChainNote, ...] = ()
    definition: bool = False  # name = formula, checked against the forward pass
    parts: dict = field(default_factory=dict)  # side -> its Parts in written order (parts.split)
    steps: dict = field(default_factory=dict)  # side -> an update's step, in written order (update_steps)

    @property
    def true_values(self) -> list[sp.Expr]:
        return [f.value for f in self.true]


def resolve_all(
    net: Network, statements: list[Statement]
) -> tuple[list[Resolved], list[Unchecked], list[Claim], list[Given]]:
    """Every statement resolved, '//' expanded first: (resolved, the statements that get no
    verdict, each with its position and reason, the numeric claims with their truth, the values
    the document gives). One bad statement never stops the others.

    A δ definition (δ_j = ∂L/∂z_j = ...) is a statement: checked as ∂L/∂z_j, and later
    statements read that δ as its author wrote it (its last side), right or wrong.
    """
    resolved: list[Resolved] = []
    claims: list[Claim] = []
    given: list[Given] = []
    author: dict[sp.Basic, sp.Expr] = {}
    meaning: dict[sp.Basic, tuple[sp.Expr, sp.Expr]] = {}  # δ -> the derivative it was said to be
    each: dict[Key, sp.Expr] = {}  # J_{ki} defined for each k, i: by its letters' values (per_index)
    statements, unchecked = instantiate(net, statements)  # generic indices: one per instance
    one_for_many = shared_deltas.shared(statements)  # \delta_{ok} for each k: not settled
    for stmt, sides in zip(statements, expand_each(statements)):
        if (why := shared_deltas.reason(one_for_many, stmt)) is not None:
            unchecked.append(Unchecked(stmt.line, stmt.col, why))
            continue
        if isinstance(sides, SympropError):
            unchecked.append(Unchecked.of(sides, stmt.line, stmt.col))
            continue
        author_here = {**author, **known_at(each, stmt)}
        here = replace(net, names=net.names.with_values({**net.names.values, **author_here}))
        whole = stmt
        stmt, sides, numeric = without_numbers(stmt, sides)
        found = dummies(stmt, lambda name, names=here.names: names.lookup(name) is not None)
        if found:  # an identity in a dummy variable: checked at a z of the network
            z_layer, rules = net.names.z_layer, net.d.spec.activations
            at = {s: pre_activation(z_layer, rules, f) for s, f in found.items()}
            here = replace(here, names=here.names.with_values({**author_here, **at}))
        try:
            if not isinstance(stmt.lhs, Partial) and not is_delta(stmt.lhs):
                identity = found and is_function_of_dummy(stmt.lhs)  # h(a) \equiv \tanh(a)
                if stmt.sides and (identity or at_network_z(here.names, stmt.lhs, "")):  # ReLU(Z) = max(0, Z)
                    lhs = here.names.resolve(stmt.lhs, _where(stmt))
                    resolved.append(resolve_definition(here, stmt, sides, lhs, lhs))
                    continue
                if _of_derivatives(stmt.lhs) and stmt.sides:  # -∂E_p/∂w_{ji} = δ_{pj} o_{pi} (PDP)
                    value = hand(here, stmt.lhs, _where(stmt))
                    resolved.append(resolve_definition(here, stmt, sides, value, value))
                    continue
                if not isinstance(stmt.lhs, sp.Symbol):
                    value = None if stmt.sides or not numeric else formula(here, stmt.lhs, _where(stmt))
                    if value is None:
                        unchecked.append(Unchecked(stmt.line, stmt.col, DEFINITION))
                    else:  # 2(ŷ - y) = -6.407: claims about the formula's value (update_numbers.py)
                        claims += claims_of(stmt, whole, numeric, value)
                    continue
                if stmt.lhs.name.endswith("^+"):  # w_5^{+} = w_5 - η ∂E/∂w_5
                    lhs, truth, here = _update(here, stmt)
                    fixed = truth.xreplace({net.d.eta: ETA})
                else:
                    if stmt.sides and numeric and new_name(here, stmt.lhs):  # e = y_d - y = 0 - 0.51 = -0.51
                        author[stmt.lhs] = value = sp.Mul(*[hand(here, f, _where(stmt)) for f in sides[-1]])
                        claims += claims_of(stmt, whole, numeric, value)  # its numbers, at its definition
                        unchecked.append(
                            Unchecked(stmt.line, stmt.col, NEW_NAME.format(shown(stmt.lhs.name)))
                        )
                        continue
                    if stmt.sides and not numeric and new_name(here, stmt.lhs):  # Delta = Out - Y
                        done = per_index.read(  # J_{ki} = ...: kept by its letters' values
                            stmt,
                            each,
                            lambda side, n=here, s=stmt: sp.Mul(*[hand(n, f, _where(s)) for f in side]),
                            lambda v, n=here, s=stmt, x=sides: resolve_definition(n, s, x, v, v),
                            sides,
                        )
                        if done is not None:
                            (unchecked if isinstance(done, Unchecked) else resolved).append(done)  # type: ignore[arg-type]
                            continue
                        author[stmt.lhs] = sp.Mul(*[hand(here, f, _where(stmt)) for f in sides[-1]])
                        if loss_names.is_loss(net.d, author[stmt.lhs]):  # e(w) = (x^{(L)} - y)^2: the loss
                            resolved.append(
                                resolve_definition(here, stmt, sides, net.d.loss_symbol, net.d["L"].rhs)
                            )
                            continue
                        unchecked.append(
                            Unchecked(stmt.line, stmt.col, NEW_NAME.format(shown(stmt.lhs.name)))
                        )
                        continue
                    lhs = (
                        net.d.eta
                        if stmt.lhs.name in ("eta", net.names.rate) and numeric and not stmt.sides
                        else here.names.resolve(stmt.lhs, _where(stmt))
                    )
                    if not stmt.sides and lhs in net.d.params and is_update(numeric):  # W = 1.2 - 0.01(-2.6)
                        claims += claims_of(stmt, whole, numeric, updated(here, lhs, _where(stmt)))
                        continue
                    if (
                        numeric and lhs in givable(net.d) and names_only(here.names, stmt, lhs, _where(stmt))
                    ):  # w_1 = 0.15, X = A^{[0]} = 0.5
                        given.append(Given(whole.line, whole.col, lhs, product_expr(numeric[-1])))
                        continue
                    truth = fixed = quantity(here, lhs, _where(stmt))
                if stmt.sides:
                    resolved.append(resolve_definition(here, stmt, sides, lhs, fixed))
                claims += claims_of(stmt, whole, numeric, truth)
                continue
            if not stmt.sides:  # numbers only: the truth of the left side alone
                num, den = _left(here, whole, meaning.get(stmt.lhs))
                parts = tuple(true_factors(here, num, den, _where(stmt)))
                truth = sp.Mul(*[f.value for f in parts])
            elif isinstance(stmt.lhs, Partial):
                r = resolve(here, stmt, sides)
                resolved.append(r)
                truth, parts = sp.Mul(*r.true_values), r.true
            else:
                r = resolve_delta(here, stmt, sides, meaning.get(stmt.lhs))
                resolved.append(r)
                truth, parts = sp.Mul(*r.true_values), r.true
                if not stmt.instance.startswith(READING):  # a letter's layer read for its line only
                    author[stmt.lhs] = sp.Mul(*r.hands[len(sides) - 1])
                    meaning[stmt.lhs] = (r.num, r.den)
            claims += claims_of(stmt, whole, numeric, truth, parts)
        except SympropError as err:
            unchecked.append(Unchecked.of(err, stmt.line, stmt.col))
    return resolved, unchecked, claims, given


def _of_derivatives(lhs: object) -> bool:
    """A left side that is a formula of derivatives (-∂E/∂w, Σ_k ∂E/∂net_k ∂net_k/∂o_j): judged
    by its true value."""
    return isinstance(lhs, sp.Expr) and any(a.func == PARTIAL for a in lhs.atoms(AppliedUndef))


ETA = sp.Rational(1, 7)  # η in an update line checked symbolically (both sides are linear in η)


def _update(net: Network, stmt: Statement) -> tuple[sp.Expr, sp.Expr, Network]:
    """w^{+} = w - η ∂L/∂w: the parameter, the true updated value (with the network's η), and
    the network reading the written η as ETA."""
    where = _where(stmt)
    param = net.names.resolve(sp.Symbol(cast(sp.Symbol, stmt.lhs).name[:-2]), where)
    eta = {sp.Symbol(rate): ETA for rate in (*RATES, net.names.rate)}  # η, α, ε; a (rate_names.py)
    if -param in net.d.params:  # a threshold θ = -b: θ - η ∂L/∂θ = -(b - η ∂L/∂b)
        grad = sp.Mul(*[f.value for f in true_factors(net, net.d.loss_symbol, -param, where)])
        return (
            param,
            param + net.d.eta * grad,
            replace(net, names=net.names.with_values({**net.names.values, **eta})),
        )
    if param not in net.d.params:
        raise SympropError(
            f"{where}{said(net.d, param)} is updated but is not a weight or a bias",
            "write the update of a parameter: w^{+} = w - \\eta ...",
        )
    grad = sp.Mul(*[f.value for f in true_factors(net, net.d.loss_symbol, param, where)])
    return (
        param,
        param - net.d.eta * grad,
        replace(net, names=net.names.with_values({**net.names.values, **eta})),
    )


def resolve_definition(
    net: Network, stmt: Statement, sides: list[list], lhs: sp.Expr, truth: sp.Expr
) -> Resolved:
    """name = formula (net_{o1} = w_5 out_{h1} + ...): each side against the network's own
    value of that quantity."""
    where = _where(stmt)
    checked = tuple(range(len(sides)))
    hands = {k: (sp.Mul(*[hand(net, f, where) for f in sides[k]]),) for k in checked}
    true = (Factor(lhs, sp.Integer(1), truth),)
    return Resolved(
        stmt,
        tuple(tuple(s) for s in sides),
        lhs,
        sp.Integer(1),
        False,
        true,
        checked,
        hands,
        (),
        definition=True,
        steps=update_steps.parts(stmt, lambda f: hand(net, f, where)),  # w⁺ = w + η δ x: η, δ, x
        parts=definition_parts.split(sides, lambda f: hand(net, f, where)),  # x [φ - y]: which
    )


def _where(stmt: Statement) -> str:
    return f"line {stmt.line}, col {stmt.col}: " if stmt.line else ""


def _left(net: Network, stmt: Statement, meaning: tuple | None) -> tuple[sp.Expr, sp.Expr]:
    """The derivative a statement's left side stands for, in the network's symbols."""
    where = _where(stmt)
    if isinstance(stmt.lhs, Partial):
        return net.names.resolve(stmt.lhs.num, where), net.names.resolve(stmt.lhs.den, where)
    if meaning is not None:
        return meaning
    r = resolve_delta(net, stmt, [[sp.Integer(0)]])
    return r.num, r.den


DEFINITION = "a definition of something other than a name: not checked"


def resolve_delta(
    net: Network, stmt: Statement, sides: list[list], meaning: tuple[sp.Expr, sp.Expr] | None = None
) -> Resolved:
    """δ = ∂L/∂z = ...: which z from a side that is that one derivative, else from what an earlier
    definition of the same δ said (`meaning`), else from the name."""
    where = f"line {stmt.line}, col {stmt.col}: " if stmt.line else ""
    sign = net.delta_sign.sign
    if meaning is not None:  # defined before (δ^l_j ≡ ∂C/∂z^l_j): a later side is a claim about it
        return _signed(_resolved(net, stmt, sides, *meaning, where), sign or 1)
    for side in sides:
        said = side[-1] if len(side) in (1, 2) and (len(side) == 1 or side[0] == -1) else None
        if isinstance(said, Partial):  # δ = ∂L/∂z, or δ = -∂L/∂z (Mitchell): that derivative
            num = net.names.resolve(said.num, where)
            den = net.names.resolve(said.den, where)
            return _signed(_resolved(net, stmt, sides, num, den, where), -1 if len(side) == 2 else 1)
    name = net.names.resolve(cast(sp.Expr, stmt.lhs), where)
    z = next((z for z, delta in net.delta_of.items() if name in (delta, -delta)), None)
    if z is None:
        raise SympropError(
            f"{where}cannot tell which derivative {shown(getattr(stmt.lhs, 'name', ''))} stands for",
            "write it with the derivative: \\delta_j = \\frac{\\partial L}{\\partial z_j} = ...",
        )
    # its sign unsaid: read as ∂L/∂z, the verdict says so (verify/sign_faults.py, assumed_sign)
    return _signed(_resolved(net, stmt, sides, net.d.loss_symbol, z, where), sign or 1)


def _signed(r: Resolved, sign: int) -> Resolved:
    """A δ of a document where δ = -∂E/∂net: the truth is the chain-rule product negated."""
    if sign > 0:
        return r
    first, *rest = r.true  # ∂L/∂a -> ∂(-L)/∂a: the sign on the factor a written δ negates
    return replace(r, true=(Factor(-first.num, first.den, -first.value, first.kind), *rest))


def resolve(net: Network, stmt: Statement, sides: list[list]) -> Resolved:
    """One statement (a Partial on the left) with its expanded sides -> `Resolved`."""
    assert isinstance(stmt.lhs, Partial)
    where = f"line {stmt.line}, col {stmt.col}: " if stmt.line else ""
    num = net.names.resolve(stmt.lhs.num, where)
    den = net.names.resolve(stmt.lhs.den, where)
    return _resolved(net, stmt, sides, num, den, where)


def _resolved(
    net: Network, stmt: Statement, sides: list[list], num: sp.Expr, den: sp.Expr, where: str
) -> Resolved:
    true = true_factors(net, num, den, where)
    grad = num == net.d.loss_symbol and den in net.d.params
    notes = chain_notes(net, sides, num, den, where)
    always, if_read = compared_sides(net, sides, num, den, where, bool(notes))
    hands = {k: tuple(hand(net, f, where) for f in sides[k]) for k in always}
    for k in if_read:
        try:
            hands[k] = tuple(hand(net, f, where) for f in sides[k])
        except SympropError:
            continue  # a side the reader cannot value: left as a step (a chain's note says why)
    checked = sorted(hands)
    parts = {}
    for k in checked:
        written = stmt.sides[k] if k < len(stmt.sides) else None
        if written is not None and tuple(written.factors) == tuple(sides[k]):
            split = split_parts(sides[k], written.parts, lambda f: hand(net, f, where))
            if split:
                parts[k] = split
    return Resolved(
        stmt, tuple(tuple(s) for s in sides), num, den, grad, true, tuple(checked), hands, notes, parts=parts
    )
