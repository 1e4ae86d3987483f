"""Stage 4, judge: a resolved, evaluated statement -> its `Verdict`.

Differences found -> wrong: the written factors are aligned with the true chain-rule factors
(groups whose products agree match; the rest are wrong, missing or extra factors; a written δ
against a whole prefix ∂L/∂z) and the first mismatch is reported with what it should be, at a
witness point (`explain`); not alignable -> the ratio written/true in simplest form.
No difference -> "correct" when proved exactly or when the points discriminate (a non-zero true
value, not one constant, every unit both on and off); else "not proved", never "correct".
Pure: (Network, Resolved, Evaluation) in, a Verdict out; printing is codegen/verdict.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..derivation import Factor
from ..latex import Partial
from . import glued_factors, linked_factor, update_steps
from .evaluate import Evaluation
from .explain import Explainer, Fault, Witness
from .parts import Part
from .points import Evidence
from .resolve import ETA, ChainNote, Network, Resolved
from .truth import true_factors


@dataclass(frozen=True)
class Verdict:
    kind: str  # 'gradient' or 'local'
    num: sp.Expr  # the statement's partial, in the network's symbols
    den: sp.Expr
    written: Partial  # the left-hand side as written
    line: int
    col: int
    correct: bool  # proved exactly, or equal at discriminating points
    exact: bool | None = None  # True: proved exactly; None: equal at every point only
    fault: Fault | None = None
    witness: Witness | None = None
    status: str = "correct"  # 'correct' | 'wrong' | 'not proved' (equal, but at no telling point)
    evidence: Evidence | None = None  # the points the sides were compared at
    also: tuple = ()  # further wrong right-hand sides: (Fault, Witness) each
    sides: int = 1  # right-hand sides checked
    param: sp.Symbol | None = None
    notes: tuple[ChainNote, ...] = ()
    hand: sp.Expr | None = None  # the checked product (network symbols)
    true: sp.Expr | None = None
    delta: sp.Expr | None = None  # the δ a δ definition defines, as written
    instance: str = ""  # which instance of a statement in generic indices: 'j=2, k=1'
    label: str = ""  # a matrix statement's left side as written (δ^l), shown instead of ∂num/∂den
    remark: str = ""  # what the document's own definitions add: 'at b = 1, as ... fixes'


def judge(net: Network, r: Resolved, e: Evaluation) -> Verdict:
    """The verdict on one statement, the fault and a witness for each differing side."""
    stmt = r.statement
    written, delta = stmt.lhs, None
    if r.definition:  # name = formula
        delta, written = written, Partial(r.num, r.den)
    elif not isinstance(written, Partial):  # a δ definition: δ_j = ∂L/∂z_j = ...
        delta = written
        written = next(
            (s[0] for s in r.sides if len(s) == 1 and isinstance(s[0], Partial)), Partial(r.num, r.den)
        )
    kind = "definition" if r.definition else "gradient" if r.gradient else "local"
    base = dict(
        kind=kind,
        num=r.num,
        den=r.den,
        written=written,
        delta=delta,
        line=stmt.line,
        col=stmt.col,
        param=r.den if r.gradient else None,
        sides=len(r.checked),
        notes=r.notes,
        instance=stmt.instance,
    )
    t_values = r.true_values
    truth = sp.Mul(*t_values)
    if e.differences:
        explain = Explainer(net.d.loss_symbol, net.delta_defs, net.delta_of)
        n = e.points.count
        found = []
        paths = _shared_bias_paths(net, r, e)
        for diff in e.differences:
            k = diff.side
            fault = paths and explain.paths(k + 1, diff.hand_product, paths[0], paths[1], n)
            fault = fault or explain.pinpoint(k + 1, r.sides[k], r.hands[k], diff.hand, r.true, diff.true, n)
            fault = _step_fault(net, r, k, e, explain) or fault  # Δw = η δ x: which of δ, x
            # a whole side against one true factor from the loss (∂L/∂h₂ = 2(ŷ - y) w₂): its parts;
            # one chain link written whole (∂out/∂net = out(1 + out)) stays one factor
            whole = fault.kind == "wrong" and fault.position == 1 and fault.span == len(r.hands[k])
            loss = whole and fault.partial is not None and _of_loss(net, fault.partial[0])
            # or written factors wrong as one group against several true ones (w_6 f'(z) for w_5 σ')
            whole = loss and k in r.parts or whole and len(r.hands[k]) > 1 and len(r.true) > 1
            counted: tuple[Part, ...] | None = None
            several = fault.kind in ("wrong", "missing", "extra") and fault.others > 0 and not r.definition
            if fault.kind == "ratio" or several or whole and (not r.definition or k in r.parts):
                # juxtaposed, input-first, inside a sum, or out of the chain's order: as a multiset
                parts = r.parts.get(k) or tuple(
                    Part(i + 1, w, h) for i, (w, h) in enumerate(zip(r.sides[k], r.hands[k]))
                )
                pv = [e.points.vector(p.value) for p in parts]
                fine = explain.pinpoint_parts(k + 1, parts, pv, r.true, diff.true, n, e.points.vector)
                fine = glued_factors.twin(fine, parts)  # y_j y_j(1 - y_j): the y_j outside the pair
                fault = fine or fault
                counted = parts if fine else None
            if (
                near := _against_side(explain, r, e, k, fault)
            ) is not None:  # Σ_j δ_j w_jk after Σ_j ∂E/∂v_j w_jk
                fault, counted = near, r.parts[k]
            fault = glued_factors.regroup(fault, *_counted(r, k, counted))  # X(1 - X): one factor
            fault = linked_factor.named(net, r, k, fault, e.points.vector, diff.true_product)  # the break
            witness = explain.witness(
                e.points, r.hands[k], t_values, diff.hand_product, diff.true_product, e.units, e.unit_vectors
            )
            found.append((k, fault, witness))
        (k, fault, witness), *rest = found
        return Verdict(
            correct=False,
            exact=False,
            fault=fault,
            witness=witness,
            status="wrong",
            evidence=e.evidence,
            also=tuple((f, w) for _, f, w in rest),
            hand=sp.Mul(*r.hands[k]),
            true=truth,
            **base,
        )
    hand = sp.Mul(*r.hands[r.checked[-1]])
    ok = e.exact or e.evidence.sufficient
    return Verdict(
        correct=ok,
        exact=True if e.exact else None,
        evidence=e.evidence,
        status="correct" if ok else "not proved",
        hand=hand,
        true=truth,
        **base,
    )


def _step_fault(net: Network, r: Resolved, k: int, e: Evaluation, explain: Explainer) -> Fault | None:
    """An update line's wrong factor in its step (verify/update_steps.py); None for any other."""
    if k not in r.steps or r.num not in net.d.params:
        return None
    grad = true_factors(net, net.d.loss_symbol, r.num)
    step, true = r.hands[k][0] - r.num, r.true_values[0] - r.num
    n = e.points.count
    return update_steps.fault(explain, grad, ETA, r.steps[k], step, true, k + 1, e.points.vector, n)


def _against_side(explain: Explainer, r: Resolved, e: Evaluation, k: int, fault: Fault) -> Fault | None:
    """A wrong side that is one sum, not named inside it, after a right side that is a sum of as
    many terms (∂E/∂y_k = Σ_j ∂E/∂v_j ∂v_j/∂y_k = Σ_j δ_j w_{kj}): its terms compared with that
    side's, the author's own step, where the truth is in another form (expanded through the
    outputs); the factor wrong in every term that differs, or None."""
    parts = r.parts.get(k, ())
    if fault.kind not in ("wrong", "ratio") or len(parts) != 1 or not parts[0].terms:
        return None
    if fault.kind == "wrong" and fault.position != parts[0].pos:  # named already, inside it
        return None
    wrong = {d.side for d in e.differences}
    for j in r.checked:
        if j < k and j not in wrong and len(r.hands[j]) == 1:
            side = Factor(r.num, r.den, r.hands[j][0])
            inner = explain.in_sum(k + 1, parts[0], side, e.points.count, e.points.vector)
            if inner is not None:
                return inner
    return None


def _of_loss(net: Network, num: sp.Basic) -> bool:
    """The loss, or a formula of it written out (∂(x - y)²/∂s: LFD's e), not one network quantity."""
    return num == net.d.loss_symbol or not isinstance(num, sp.Symbol) and num not in net.nodes


def _counted(r: Resolved, k: int, parts) -> tuple[list, list, list]:
    """Side k's factors as a fault's position counts them, with their positions: its parts when
    they named it (a sum's body counted factor by factor between them), else its written factors."""
    if parts is None:
        return list(r.sides[k]), list(r.hands[k]), []
    plain = [p for p in parts if not p.terms]
    return [p.raw for p in plain], [p.value for p in plain], [p.pos for p in plain]


def _shared_bias_paths(net: Network, r: Resolved, e: Evaluation):
    """For ∂L/∂b of a shared bias: each path's product at the points, and the unit (its z) it
    goes through; None for anything else."""
    d = net.d
    if not r.gradient or r.den not in d.params:
        return None
    eq = d.gradient(r.den)
    if not eq.paths:
        return None
    vectors = [e.points.vector(sp.Mul(*[f.value for f in path])) for path in eq.paths]
    return vectors, [path[-1].num for path in eq.paths]
