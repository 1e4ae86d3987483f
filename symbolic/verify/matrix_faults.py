"""Matrix statements: the entry verdicts folded into one verdict per layer, and the fault named.

A group (one matrix statement at one layer) is correct when every entry is (each proved, or
equal at telling points), not proved when some entry is only equal, not checked when an entry
could not be read, wrong when an entry differs or the shapes do not fit. A wrong one is named
by the one edit of the written side that makes every entry right at the test points: a missing
or extra transpose, ⊙ where a matrix product belongs (or the reverse), a missing f'(z) factor,
an extra factor, factors in the wrong order, a wrong layer. With no such edit, a shape fault
names both shapes for this network ("(W^{(3)})ᵀ is 3×2 and δ^{(2)} is 3×1"), and a value fault
is the first wrong entry's own fault.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from ..latex import Partial
from ..latex.matrix import Node
from . import chain_repairs, glued_factors, layout_votes, layouts
from .ditto import Unchecked
from .explain import Fault
from .hand_values import hand
from .judge import Verdict
from .matrix import TAG, Evaluator, Layout, Missing, ShapeError
from .matrix_edits import bare as _bare
from .matrix_edits import counted, render, side_edits
from .matrix_factors import top_factors
from .matrix_groups import Group
from .numbers import same
from .resolve import Network
from .rows_faults import name_in_rows
from .written_positions import written_position

MAX_EDITS = 80  # candidate edits tried per wrong group


@dataclass(frozen=True)
class MatrixFault(Fault):
    """A fault of a matrix statement, said in words (`text`)."""

    text: str = ""


# ------------------------------------------------------------------------------ naming


class Namer:
    def __init__(self, net: Network, points, lay: Layout):
        self.net, self.points, self.lay = net, points, lay

    def vector(self, entry) -> list | None:
        try:
            if isinstance(entry, Partial):
                entry = sp.Function("Partial")(entry.num, entry.den)
            return self.points.vector(hand(self.net, entry, ""))
        except Exception:  # a name this instance cannot resolve: the edit does not fit
            return None

    def truth(self, g: Group) -> list | None:
        assert g.lhs is not None
        out = []
        for e in g.lhs:
            v = self.vector(e)
            if v is None:
                return None
            out.append(v)
        return out

    def fits(self, g: Group, node: Node, truth: list) -> bool:
        ev = Evaluator(self.lay, g.env)
        try:
            m = ev.value(node)
        except (ShapeError, Missing):
            return False
        if g.lhs is None or m.shape != g.lhs.shape:
            return False
        for e, t in zip(m, truth):
            v = self.vector(e)
            if v is None or not same(v, t):
                return False
        return True

    def prime(self, g: Group) -> Node | None:
        """f'(z) of the left side's layer, when the left side is a δ."""
        lhs = g.statement.lhs
        if lhs.kind != "name" or lhs.args[0] != "delta":
            return None
        return Node("call", (self.lay.prime, Node("name", ("z", lhs.args[1], lhs.args[2], lhs.args[3]))))

    def name(self, g: Group, side: int, node: Node, shapes: bool = True) -> MatrixFault | None:
        """The one edit that makes every entry right, said in words (with the shapes that did not
        fit, when `shapes` and they are this reading's)."""
        if g.lhs is None:
            return None
        truth = self.truth(g)
        if truth is None:
            return None
        if linked := chain_repairs.repair(self, g, node):  # a chain of derivatives that does not link
            return MatrixFault("matrix", side + 1, linked[0], text=linked[1])
        tried = 0
        for new, position, why, wrote, expected in side_edits(node, self.prime(g)):
            tried += 1
            if tried > MAX_EDITS:
                break
            if not self.fits(g, new, truth):
                continue
            position = written_position(node, new) or position
            position = glued_factors.node_position(node, position)  # X(1 - X): one factor
            shape = self.shape(g) if shapes else ""
            wrote, expected = _bare(wrote), _bare(expected)
            if why == "missing":
                added = expected.args[0][-1] if expected.kind == "prod" else expected
                text = f"{render(added)} factor missing: wrote {render(wrote)}, expected {render(expected)}"
            elif why == "extra" and counted(wrote)[0]:  # \sum_{i=1}^{N_{out}} X, no i in X
                count, i = counted(wrote)
                text = f"extra factor {count}: the sum over {i} of a term without {i} is {count} times it"
            elif why == "extra":
                text = f"extra factor {render(wrote)}"
            else:
                text = f"{why}: wrote {render(wrote)}, expected {render(expected)}"
            return MatrixFault("matrix", side + 1, position, text=text + shape)
        return None

    def shape(self, g: Group) -> str:
        if g.shape_error is None:
            return ""
        err = g.shape_error[1]
        return " (" + shape_words(err, g.env, self.lay) + ")"


def shape_words(err: ShapeError, env: dict, lay: Layout) -> str:
    a, b = err.operands
    left = render(_bare(a), env, lay) if a is not None else "the left side"
    right = render(_bare(b), env, lay) if b is not None else "the right side"
    if err.what == "the two sides":
        left, right = "the left side " + left, "the right side " + right
    la = "×".join(map(str, err.left))
    rb = "×".join(map(str, err.right))
    return f"{left} is {la} and {right} is {rb}"


ENTRY_MISSED = "an entry could not be checked"


def unread_groups(groups: list[Group]) -> list[Unchecked]:
    """Why each group with no entry is not checked (unknown R in R's matrix statement), for a
    document where nothing is judged and `collect` never runs: no statement is left silent."""
    return [
        Unchecked(
            g.statement.line, g.statement.col, f"for {g.label}: {g.unchecked}" if g.label else g.unchecked
        )
        for g in groups
        if g.unchecked and not g.entries
    ]


def collect(
    net: Network, points, lay: Layout | None, groups: list[Group], verdicts: list[Verdict], unchecked: list
) -> tuple[list[Verdict], list[Unchecked]]:
    """Entry verdicts -> one verdict per group; entries not checked -> the group not checked."""
    if not groups:
        return verdicts, unchecked
    assert lay is not None
    by_gid: dict[int, list[Verdict]] = {}
    kept: list[Verdict | None] = []
    for v in verdicts:
        if v.instance.startswith(TAG):
            by_gid.setdefault(int(v.instance[len(TAG) :]), []).append(v)
        else:
            kept.append(v)
    places = {(g.statement.line, g.statement.col) for g in groups}
    reasons: dict[tuple, list[Unchecked]] = {}
    rest = []
    for u in unchecked:
        if (u.line, u.col) in places:
            reasons.setdefault((u.line, u.col), []).append(u)
        else:
            rest.append(u)
    namer = Namer(net, points, lay)
    pending: list = []  # whose layout is the question: judged once every group has voted
    folded: dict[int, Verdict] = {}
    for g in groups:
        m = g.statement
        entries = by_gid.get(g.gid, [])
        missed = reasons.get((m.line, m.col), [])
        if g.unchecked or (len(entries) < len(g.entries) and not g.shape_error):
            why = g.unchecked or (missed[0].reason if missed else ENTRY_MISSED)
            fix = missed[0].fix if missed and not g.unchecked else ""
            rest.append(Unchecked(m.line, m.col, f"for {g.label}: {why}" if g.label else why, fix))
            continue
        node = _checked(m, g.shape_error[0]) if g.shape_error and g.shape_error[0] >= 0 else None
        why, fix = layouts.question(namer, g, node)
        if why == layouts.JACOBIAN and chain_repairs.repair(namer, g, node):  # a chain that does not link
            why, fix = "", ""
        if why or g.jacobian in layout_votes.LAYOUTS:  # its layout is the question: after the votes
            last = g.sides_used[-1] if g.sides_used else -1
            node = node or (_checked(m, last) if last >= 0 else None)
            pending.append((len(kept), g, entries, why, fix, node))
            kept.append(None)
            continue
        folded[g.gid] = fold(net, namer, g, entries)
        kept.append(folded[g.gid])
    decided = layout_votes.decide(
        namer, groups, folded, pending, lambda g, e: fold(net, namer, g, e), net.d.loss_symbol
    )
    rest += [u for u in decided.values() if isinstance(u, Unchecked)]
    final = [decided.get(k) if v is None else v for k, v in enumerate(kept)]
    return [v for v in final if isinstance(v, Verdict)], rest


def fold(net: Network, namer: Namer, g: Group, entries: list[Verdict]) -> Verdict:
    m = g.statement
    label = render(m.lhs)
    n = len(g.entries)
    base: dict[str, Any] = dict(
        kind="matrix",
        line=m.line,
        col=m.col,
        instance=g.label,
        label=label,
        sides=len([k for k in g.sides_used if k >= 0]) or len(m.sides),
    )
    if g.shape_error is not None:
        k, err = g.shape_error
        side = max(k, 0)
        node = err.node if k < 0 else _checked(m, k)
        fault = namer.name(g, side, node) if k >= 0 else None
        alt = m.sides[side].alt if k >= 0 else None
        if fault is None and alt is not None:  # neither reading fits: an edit of A ⊙ B · C left to right
            fault = namer.name(g, side, _checked(m, side, alt=True), shapes=False)
        if fault is None and k >= 0:  # a document of rows: the edit looked for in rows (rows_faults)
            fault = name_in_rows(namer, g, side, node)
        if g.batch is not None and g.batch.text:  # np.sum over the wrong axis (batch_check)
            fault = MatrixFault("matrix", g.batch.side, g.batch.position, text=g.batch.text)
        if fault is None:
            _, factors, ops = top_factors(node)
            position = next((i + 1 for i, f in enumerate(factors) if _contains(f, err.operands[1])), 1)
            position = _outer_fault(err, factors, ops) or position
            text = f"shapes do not fit in {err.what}: {shape_words(err, g.env, namer.lay)}"
            fault = MatrixFault("matrix", side + 1, position, text=text)
        loss = net.d.loss_symbol
        return Verdict(
            num=loss,
            den=sp.Symbol(label),
            written=Partial(loss, sp.Symbol(label)),
            correct=False,
            exact=False,
            fault=fault,
            status="wrong",
            **base,
        )
    first = entries[0]
    common = dict(num=first.num, den=first.den, written=first.written, delta=first.delta, **base)
    wrong = [v for v in entries if v.status == "wrong"]
    if wrong:
        v = wrong[0]
        assert v.fault is not None
        side = g.sides_used[v.fault.side - 1]  # the entries' sides: ∂L/∂z first for a δ
        named = namer.name(g, side, _checked(m, side))
        if named is None and len(entries) > 1 and g.lhs is not None:  # which entry the fault is in
            k, cols = entries.index(v), g.lhs.shape[1]
            at = f"{k + 1}" if cols == 1 else f"({k // cols + 1},{k % cols + 1})"
            common["label"] = f"{label}, entry {at}"
        return Verdict(
            correct=False,
            exact=False,
            fault=named or replace(v.fault, side=side + 1),
            witness=v.witness,
            status="wrong",
            evidence=v.evidence,
            hand=v.hand,
            true=v.true,
            **{**common, "num": v.num, "den": v.den, "written": v.written},
        )
    if g.batch is not None and g.batch.text:  # right on one example, not over a batch (batch_check)
        fault = MatrixFault("matrix", g.batch.side, g.batch.position, text=g.batch.text)
        return Verdict(
            correct=False, exact=False, fault=fault, status="wrong", evidence=first.evidence, **common
        )
    ok = all(v.correct for v in entries)
    exact = all(v.exact for v in entries)
    n = len(entries)
    common["label"] = (
        f"{label} ({'every entry, ' + str(n) if n > 2 else 'both entries' if n == 2 else 'its entry'})"
    )
    if g.dropped:
        common["label"] += " (row 0 of Θᵀδ, the bias unit's, dropped as ex4 says)"
    if g.batch is not None:
        common["label"] += f" (and over a batch of m examples: {g.batch.note})"
    if g.schematic:  # ∂x_3/∂W_3 in a chain's middle step: not evaluated, said
        steps = ", ".join(str(k + 1) for k in sorted(g.schematic))
        common["label"] += f" (right-hand side {steps}, a Jacobian shorthand, set apart)"
    return Verdict(
        correct=ok,
        exact=True if exact else None,
        evidence=first.evidence,
        status="correct" if ok else "not proved",
        hand=first.hand,
        true=first.true,
        **common,
    )


def _checked(m, k: int, alt: bool = False) -> Node:
    from .matrix_entries import _increment

    node = m.sides[k].alt if alt else m.sides[k].node
    return _increment(m.lhs, node) or node


def _outer_fault(err: ShapeError, factors: list[Node], ops: list[str]) -> int | None:
    """A matrix product A ⋯ Z of another shape than the left side: its rows are A's, its columns
    Z's, so the one of them that differs names its factor (δ_i x_iᵀ for ∂E/∂W_i: xᵀ); None when
    both differ, or the product is not a plain matrix product."""
    if err.what != "the two sides" or len(factors) < 2 or "had" in ops:
        return None
    (rows, cols), (r, c) = err.left, err.right
    if rows == r and cols != c:
        return len(factors)
    if cols == c and rows != r:  # the first factor that is not a number (½, 1/m)
        return next((i + 1 for i, f in enumerate(factors) if f.kind not in ("num", "call")), None)
    return None


def _contains(node: Node, sub: Node | None) -> bool:
    if sub is None:
        return False
    if node == sub:
        return True
    for a in node.args:
        if isinstance(a, Node) and _contains(a, sub):
            return True
        if isinstance(a, tuple):
            for b in a:
                if isinstance(b, Node) and _contains(b, sub):
                    return True
                if isinstance(b, tuple) and any(isinstance(c, Node) and _contains(c, sub) for c in b):
                    return True
    return False
