r"""An update line's step, factor by factor: which written factor of an update is wrong.

`signs.py` rewrites an update (`\Delta v_{ij} = \alpha \delta_j x_i`, `w \leftarrow w + \eta \delta
x`, `\Delta w_{35} = \alpha \times y_3 \times \delta_5`) as w⁺ = w ± step, and the line is judged
whole against w - η ∂E/∂w. When it is wrong, the step's own factors, in written order and the
learning rate left out (the corpus's count, as for `\eta \delta_j x_{ji}`: δ_j factor 1, x_{ji}
factor 2), are matched with the chain-rule factors of ∂E/∂w as a gradient's are, so
`\Delta v_h = \eta (r - y) x_h` is named at factor 2, x_h where z_h belongs; X(1 - X) counts
one factor (`glued_factors`). A step that is the descent step negated keeps its sign fault, said
whole (`sign_faults.name_sign_fault`); a step whose rate is missing or doubled, or whose factors do not
single one out, keeps the whole-line fault.

Pure: `ordered` and `parts` read the written steps (before resolve, and with its reading of
names); `fault` names one at judge time from values at the test points.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import sympy as sp

from ..derivation import Factor
from ..errors import SympropError
from ..latex import PARTIAL, Partial
from ..latex.statements import ORDERED, Statement
from . import glued_factors
from .align import constant_ratio, match_multiset
from .explain import Explainer, Fault
from .numbers import multiply
from .parts import Part, Term
from .parts import split as split_parts


def _updated(stmt: object) -> bool:
    return isinstance(stmt, Statement) and isinstance(stmt.lhs, sp.Symbol) and stmt.lhs.name.endswith("^+")


def ordered(before: Sequence, rewritten: tuple[list, Any, list]) -> tuple[list, Any, list]:
    """`with_signs`' result with each update side written as separate factors
    (`\\alpha \\times y_3 \\times \\delta_5`, collapsed by the rewrite into one w + α y_3 δ_5) given
    its factors in written order, as a juxtaposed side keeps them (Product.parts)."""
    statements, net, momentum = rewritten
    written = {(s.line, s.col): s for s in before if isinstance(s, Statement) and not _updated(s)}
    out = []
    for st in statements:
        old = written.get((st.line, st.col)) if _updated(st) else None
        if old is not None and len(old.sides) == len(st.sides):
            st = replace(st, sides=tuple(_side(o, p, st.lhs) for o, p in zip(old.sides, st.sides)))
        out.append(st)
    return out, net, momentum


def _side(old, new, lhs: sp.Symbol):
    """The rewritten side with the old side's factors as one ORDERED, when it is w ± their product."""
    if len(new.factors) != 1 or len(old.factors) < 2 or len(old.parts) != len(old.factors):
        return new
    if not all(isinstance(f, (sp.Basic, Partial)) for f in old.factors):
        return new  # '//' marks
    w = sp.Symbol(lhs.name[:-2])
    factors = [PARTIAL(f.num, f.den) if isinstance(f, Partial) else f for f in old.factors]
    step = sp.Mul(*factors)
    if new.factors[0] not in (w + step, w - step):
        return new
    flat = [a for f, p in zip(factors, old.parts) for a in (p.args if _is_ordered(p) else (f,))]
    return replace(new, parts=(ORDERED(*flat),))


def _is_ordered(p: object) -> bool:
    return isinstance(p, sp.Basic) and getattr(p, "func", None) == ORDERED


def parts(stmt: Statement, value: Callable[[object], sp.Expr]) -> dict[int, tuple[Part, ...]]:
    """side -> an update's step in written order (its Parts, valued by `value`), for the sides
    written as one product; {} for any other statement."""
    if not _updated(stmt):
        return {}
    out = {}
    for k, p in enumerate(stmt.sides):
        if len(p.factors) != 1 or len(p.parts) != 1 or not _is_ordered(p.parts[0]):
            continue
        try:
            made = split_parts(p.factors, p.parts, value)
        except (SympropError, TypeError, ValueError):
            continue
        if made:
            out[k] = made
    return out


def fault(
    explain: Explainer,
    grad: tuple[Factor, ...],
    rate: sp.Expr,
    step: tuple[Part, ...],
    written: sp.Expr,
    true: sp.Expr,
    side: int,
    vector: Callable[[sp.Expr], list],
    n: int,
) -> Fault | None:
    """The wrong factor of an update's step (`step`: its Parts in written order), or None.
    `written`/`true`: the step as read and the true step -rate·∂L/∂w, against the true
    chain-rule factors of ∂L/∂w, `grad`; `rate`: the value a written rate is read as."""
    hand_v, true_v = vector(written), vector(true)
    if constant_ratio(hand_v, true_v) == -1:  # the descent step negated: a sign fault, said whole
        return None
    prod_v = multiply([vector(p.value) for p in step], n)
    sign = constant_ratio(hand_v, prod_v)  # w + step or w - step
    rates = [p for p in step if p.value.is_number and p.value != 0 and abs(p.value / rate) == 1]
    if sign not in (1, -1) or len(rates) != 1:
        return None
    kept = _renumbered([p for p in step if p not in rates], rates[0].pos)
    if not grad or not kept:
        return None
    c = -rate / (sign * rates[0].value)  # the written factors' product should be c·∂L/∂w
    if c not in (1, -1):
        return None
    hv = [vector(p.value) for p in kept]
    best = None
    for j in range(len(grad) if c == -1 else 1):  # the minus on the true factor that leaves least over
        signed = [replace(f, value=c * f.value) if i == j else f for i, f in enumerate(grad)]
        tv = [vector(f.value) for f in signed]
        _, left_h, left_t = match_multiset(hv, tv, n)
        if best is None or len(left_h) + len(left_t) < best[0]:
            best = (len(left_h) + len(left_t), signed, tv)
    if best is None or best[0] == 0:
        return None
    _, signed, tv = best
    raws, values = [p.raw for p in kept], [p.value for p in kept]
    first = explain.pinpoint(side, raws, values, hv, signed, tv, n)  # as a gradient's factors are
    if first.position is not None:  # its place in the list -> as written (a sum's body counts each)
        first = replace(first, position=_written_at(kept, first.position))
    whole = first.kind == "wrong" and first.span == len(kept) and len(kept) > 1
    summed = first.kind == "wrong" and any(p.terms and p.pos == first.position for p in kept)
    several = first.kind in ("wrong", "missing", "extra") and first.others > 0
    found: Fault | None = first
    if first.kind == "ratio" or whole or summed or several:  # input-first, in a sum: as a multiset
        finer = glued_factors.twin(explain.pinpoint_parts(side, kept, hv, signed, tv, n, vector), kept)
        found = finer if finer is not None or first.kind == "ratio" or whole else first
    if found is None or found.kind not in ("wrong", "missing", "extra"):
        return None
    plain = [p for p in kept if not p.terms]
    found = glued_factors.regroup(
        found, [p.raw for p in plain], [p.value for p in plain], [p.pos for p in plain]
    )
    return replace(found, step=True) if found is not None else None


def _written_at(parts: Sequence[Part], index: int) -> int:
    """The written position of the index-th part (1-based); one past the last for index n + 1."""
    if index <= len(parts):
        return parts[index - 1].pos
    last = parts[-1]
    return last.pos + (len(last.terms[0].factors) if last.terms else 1)


def _renumbered(parts: list[Part], gone: int) -> tuple[Part, ...]:
    """The parts with the rate's position taken out of the count."""

    def at(pos: int) -> int:
        return pos - 1 if pos > gone else pos

    return tuple(
        replace(
            p,
            pos=at(p.pos),
            terms=tuple(Term(tuple((at(q), raw, v) for q, raw, v in t.factors)) for t in p.terms),
        )
        for p in parts
    )
