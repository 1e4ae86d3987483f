r"""A second name in a chain of equalities: Zhou's `y_{pred} = o_1 = f(w_5h_1 + w_6h_2 + b_3)`
writes o_1, a name nothing else settles, between y_pred (the output the document settles) and its
formula. The equality says o_1 is the same quantity as y_pred: o_1 is read as y_pred's, so a
later `o_1 = f(0.0474 + 0.0474 + 0) = 0.524` is a claim about the output. Only a side that is one
bare name that nothing settles (its own definitions, if any, did not), beside a left side the
document settles (o_1's own line is then judged as the output's definition); never a name that
is already an alias or noted as unknown for a reason. Pure: a Binding in, a Binding out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from ..latex import Statement
from .binding import Binding, Source
from .names import Resolver


def bind(d, bound: Binding, statements, explicit: dict | None) -> Binding:
    """`bound` with each bare unsettled name written as a side of a settled name's definition
    read as that name's quantity."""
    resolver = Resolver(d, {**(explicit or {}), **bound.aliases})

    def settled(s: sp.Symbol):
        try:
            return resolver.resolve(s, "")
        except (SympropError, TypeError, ValueError, AttributeError, KeyError, IndexError):
            return None

    aliases, sources = dict(bound.aliases), list(bound.sources)
    found: dict[sp.Symbol, tuple[sp.Expr, int]] = {}
    for st in statements:
        if not isinstance(st, Statement) or not isinstance(st.lhs, sp.Symbol) or len(st.sides) < 2:
            continue
        value = settled(st.lhs)
        if value is None or not isinstance(value, sp.Symbol):
            continue
        for p in st.sides[:-1]:
            if len(p.factors) != 1 or not isinstance(p.factors[0], sp.Symbol):
                continue
            name = p.factors[0]
            if name in aliases or name in (explicit or {}) or name.name in bound.notes:
                continue
            if settled(name) is not None:
                continue
            if found.get(name, (value, 0))[0] != value:
                found[name] = (sp.nan, 0)  # two quantities: neither
                continue
            found.setdefault(name, (value, st.line))
    for name, (value, line) in found.items():
        if value is sp.nan:
            continue
        aliases[name] = value
        sources.append(Source(name.name, value, line, "second name"))
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(bound, aliases=aliases, sources=sources)
