"""A written side split into the factors a reader sees, in written order, for naming a wrong one.

The LaTeX reader keeps juxtaposed factors (`a^{l-1}_k \\delta^l_j`) as one SymPy product, whose
order is SymPy's; it also records them in written order (`Product.parts`, ORDERED). `split`
turns a side into `Part`s numbered as written: each juxtaposed factor and each factor of a
`\\sum`'s body counts one. A sum keeps its terms (one per value of its index) so a wrong factor
inside it can be named term by term; a body factor that is the same in every term
(`\\sigma'(z^l_j)` in `\\sum_k w_{kj} \\delta_k \\sigma'(z^l_j)`) is taken out of the sum as a factor
of its own. A minus before the sum (`-\\sum_k (t_k - o_k) ...`) stays on each term's first factor
that varies. Pure: raw expressions in, parts out (values through the given `value` function).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy as sp

from ..latex.statements import ORDERED, Partial

MAX_PARTS = 8  # a side split into more parts is named as written (the matching is combinatorial)


@dataclass(frozen=True)
class Term:
    """One term of a written sum: its factors (position, as written, value)."""

    factors: tuple[tuple[int, sp.Basic, sp.Expr], ...]


@dataclass(frozen=True)
class Part:
    pos: int  # 1-based, in written order (juxtaposed factors and a sum's body counted one by one)
    raw: object  # as written (a Partial for a derivative)
    value: sp.Expr  # in the network's symbols
    terms: tuple[Term, ...] = ()  # a sum: its terms


def split(factors: Sequence, parts: Sequence, value: Callable[[object], sp.Expr]) -> tuple[Part, ...] | None:
    """The side's parts, or None when they are not finer than its factors or cannot be read."""
    if len(parts) != len(factors) or not any(p is not None for p in parts):
        return None
    out: list[Part] = []
    pos = 1
    try:
        for f, p in zip(factors, parts):
            if p is None:
                out.append(Part(pos, f, value(f)))
                pos += 1
                continue
            for item in p.args:
                made, pos = _item(item, pos, value)
                out.extend(made)
    except _Unreadable:
        return None
    if len(out) > MAX_PARTS or len(out) <= 1 and not any(p.terms for p in out):
        return None
    return tuple(out)


class _Unreadable(Exception):
    pass


def _item(item: sp.Basic, pos: int, value: Callable) -> tuple[list[Part], int]:
    """One written item -> its parts and the next position. A sum expanded by instantiation is
    an Add of ORDERED terms."""
    terms = sp.Add.make_args(item)
    sign = -1 if len(terms) > 1 and all(_negated(t) for t in terms) else 1
    if sign < 0:  # -\sum_k (t_k - o_k) ...: the minus kept on each term's first varying factor
        terms = tuple(-t for t in terms)
    if not any(isinstance(t, sp.Function) and t.func == ORDERED for t in terms):
        if item.has(ORDERED) and not _only_in_calls(item):  # a sum in a bracket with more around it
            raise _Unreadable
        return [Part(pos, _raw(item), value(_raw(item)))], pos + 1
    if not all(t.func == ORDERED for t in terms) or len({len(t.args) for t in terms}) != 1:
        raise _Unreadable
    width = len(terms[0].args)
    same = [
        k
        for k in range(width)
        if len(terms) > 1 and len({t.args[k] for t in terms}) == 1 and not terms[0].args[k].is_Number
    ]
    out: list[Part] = []
    varying = [k for k in range(width) if k not in same]
    for k in same:
        out.append(Part(pos + k, _raw(terms[0].args[k]), value(_raw(terms[0].args[k]))))
    if sign < 0 and not varying:
        raise _Unreadable
    if varying:
        first = varying[0]
        rows = tuple(
            Term(tuple(_factor(t.args[k], pos + k, sign if k == first else 1, value) for k in varying))
            for t in terms
        )
        total = sp.Add(*[sp.Mul(*[v for _, _, v in row.factors]) for row in rows])
        raw = sp.Add(*[sp.Mul(*[_expr(r) for _, r, _ in row.factors]) for row in rows])
        out.append(Part(pos + varying[0], raw, total, rows))
    return sorted(out, key=lambda p: p.pos), pos + width


def _negated(t: sp.Basic) -> bool:
    """-ORDERED(...): a term of a sum written with a minus before it."""
    return (
        isinstance(t, sp.Mul)
        and t.args[0] == -1
        and any(isinstance(a, sp.Function) and a.func == ORDERED for a in t.args)
    )


def _factor(x: sp.Basic, pos: int, sign: int, value: Callable) -> tuple[int, object, sp.Expr]:
    """(position, as written, value) of one factor of a sum's term, times the sum's sign."""
    raw = _raw(x)
    if sign > 0:
        return pos, raw, value(raw)
    return pos, -_expr(raw), -value(raw)


def _only_in_calls(item: sp.Basic) -> bool:
    """Is every written sum in the item inside a function's argument (sigmoid(\\sum_j w_{jk} o_j),
    1 - sigmoid(...))? The call is then one factor whatever sums it takes."""
    calls = [
        e
        for e in sp.preorder_traversal(item)
        if isinstance(e, sp.Function) and e.func != ORDERED and e.has(ORDERED)
    ]
    stripped = item.xreplace({c: sp.Symbol(f"_call{k}") for k, c in enumerate(calls)})
    return bool(calls) and not stripped.has(ORDERED)


def _raw(x: sp.Basic) -> object:
    """ORDERED dropped (a sum inside a factor, multiplied out); PARTIAL(num, den) alone -> Partial."""
    x = x.replace(lambda e: isinstance(e, sp.Function) and e.func == ORDERED, lambda e: sp.Mul(*e.args))
    if getattr(x, "func", None) is not None and type(x).__name__ == "Partial" and len(x.args) == 2:
        return Partial(*x.args)
    return x


def _expr(r: object) -> sp.Expr:
    return r.as_expr() if isinstance(r, Partial) else r  # type: ignore[return-value]
