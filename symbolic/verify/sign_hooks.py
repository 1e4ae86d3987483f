"""Stage 2a and 4a of the pipeline, verify/signs.py's hooks: before resolve, the Network reading
δ with the document's sign and the update lines rewritten (`with_signs`); after judge, the
verdicts of δ and update statements with their sign said (`sign_verdicts`)."""

from __future__ import annotations

import copy
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from ..latex import Partial, Statement
from .display import said
from .ditto import Unchecked
from .resolve import Network, Resolved, is_delta, network
from .sign_faults import assumed_sign, name_sign_fault
from .signs import (
    MOMENTUM,
    DeltaSign,
    is_momentum,
    names_of,
    prepare,
    xreplace_statement,
)


def with_signs(
    d, aliases: dict | None, conventions: dict | None, statements: list
) -> tuple[list, Network, list[Unchecked]]:
    """Statements with update lines rewritten, the Network of `d` reading δ with the
    document's sign (the option `delta`, else what the document's statements say), and the
    updates with momentum, set apart as not checked."""
    net = network(d, aliases, conventions)
    losses = {n for n in names_of(statements) if _is_loss(net, n)}
    conv = net.names.conventions
    statements, sign = prepare(list(statements), conv.delta, losses, conv.delta_why)
    statements = [s for stmt in statements for s in _each_weight(net, stmt)]
    momentum = [s for s in statements if isinstance(s, Statement) and is_momentum(s)]
    statements = [s for s in statements if not any(s is m for m in momentum)]
    names = copy.copy(net.names)
    names.delta_sign = -1 if sign.sign < 0 else 1
    notes = [Unchecked(s.line, s.col, MOMENTUM) for s in momentum]
    return statements, replace(net, names=names, delta_sign=sign), notes


def _is_loss(net: Network, name) -> bool:
    """Whether a name of the document is the loss; a name that needs its index letters' values
    (z_k aliased to a_{2,k}) or that is unknown is not: resolve says what it is, per statement."""
    try:
        return net.names.lookup(name) == net.d.loss_symbol
    except SympropError:
        return False


def _each_weight(net: Network, stmt) -> list:
    """Δw = -ε ∂E/∂w of a bare w (Rumelhart et al. 1986): the update of every weight."""
    lhs = getattr(stmt, "lhs", None)
    if not isinstance(lhs, sp.Symbol) or lhs.name not in ("w^+", "W^+", "theta^+"):
        return [stmt]
    bare = sp.Symbol(lhs.name[:-2])
    out = []
    for code, symbol in sorted(net.names.codes.items()):
        if symbol in net.d.params and code.startswith("W"):
            swap = {bare: sp.Symbol(code), lhs: sp.Symbol(code + "^+")}
            out.append(replace(xreplace_statement(stmt, swap), instance=f"w = {said(net.d, symbol)}"))
    return out or [stmt]


def shown_sign(verdict, r: Resolved, sign: DeltaSign):
    """A δ of a document where δ = -∂E/∂net: its verdict says δ = -∂L/∂z; a δ whose sign the
    document does not say: its verdict says it was read as ∂L/∂z."""
    verdict = assumed_sign(verdict, sign, is_delta(r.statement.lhs))
    if is_delta(r.statement.lhs) and r.true and r.true[0].num.could_extract_minus_sign():
        written = verdict.written
        if isinstance(written, Partial) and (written.num, written.den) == (verdict.num, verdict.den):
            written = Partial(-written.num, written.den)
        return replace(verdict, num=-verdict.num, written=written)
    return verdict


def signed(r: Resolved) -> bool:
    """A δ statement or an update line: where a wrong sign is the fault to name."""
    lhs = r.statement.lhs
    return is_delta(lhs) or isinstance(lhs, sp.Symbol) and lhs.name.endswith("^+")


def formula_deltas(resolved: list[Resolved]) -> frozenset:
    """(line, col) of each δ written as a formula with no δ on its right (δ_k = (t_k - o_k)
    o_k (1 - o_k)): a value that says δ's sign by itself; δ_j = o_j (1 - o_j) Σ_k w_{kj} δ_k
    follows δ_k's, whichever it is (verify/sign_votes.py)."""
    out = set()
    for r in resolved:
        st = r.statement
        right = {
            s for p in st.sides for f in p.factors if isinstance(f, sp.Basic) for s in f.atoms(sp.Symbol)
        }
        if is_delta(st.lhs) and not any(is_delta(s) for s in right):
            out.add((st.line, st.col))
    return frozenset(out)


def sign_verdicts(net: Network, resolved: list[Resolved], verdicts: list) -> list:
    """Each verdict with δ's sign said: a sign fault named, δ = -∂L/∂z shown, an assumed sign noted."""
    sign = net.delta_sign
    return [shown_sign(name_sign_fault(v, sign, signed(r)), r, sign) for r, v in zip(resolved, verdicts)]
