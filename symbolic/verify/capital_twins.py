r"""A capital letter written for the lowercase weight of the same number: hmkcode's worked example
defines `h_1 = i_1 w_1 + i_2 w_2`, `prediction = (h_1) w_5 + (h_2) w_6` and then differentiates
by `W_6`, `W_1` (`\frac{\partial Error}{\partial W_6} = \Delta h_2`): the same weights, the case
changed. A name X_N (a capital letter, a subscript of digits) that nothing settles is read as
x_N when the document writes x_N and settles it as a weight or a bias of the network. Never where
the capital letter is itself settled anywhere (a matrix W_1 of a layer, beside w_1), and never
for a name the document defines or an alias names. Pure: a Binding in, a Binding out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from .binding import Binding, Source
from .definitions import symbols_of
from .names import Resolver

_CAPITAL = re.compile(r"([A-Z])_(\d+)")


def read(d, bound: Binding, statements, explicit: dict | None) -> Binding:
    """`bound` with each unsettled X_N aliased to its settled lowercase twin x_N."""
    written = symbols_of(statements)
    resolver = Resolver(d, {**(explicit or {}), **bound.aliases})
    params = set(d.params)

    def settled(name: str):
        try:
            return resolver.resolve(sp.Symbol(name), "")
        except (SympropError, TypeError, ValueError, AttributeError, KeyError, IndexError):
            return None

    capitals = {m.group(1) for n in written if (m := _CAPITAL.fullmatch(n))}
    aliases, sources = dict(bound.aliases), list(bound.sources)
    for letter in sorted(capitals):
        names = [n for n in written if re.fullmatch(rf"{letter}(?:_.*)?", n)]
        if any(settled(n) is not None for n in names) or any(sp.Symbol(n) in (explicit or {}) for n in names):
            continue  # the capital letter is a name of its own somewhere: never its twin
        for name in names:
            m = _CAPITAL.fullmatch(name)
            twin = f"{letter.lower()}_{m.group(2)}" if m else None
            if twin is None or twin not in written or name in bound.notes:
                continue
            value = settled(twin)
            if value is None or value not in params:
                continue
            aliases[sp.Symbol(name)] = aliases.get(sp.Symbol(twin), value)
            sources.append(Source(name, value, written[name], "lowercase twin"))
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(bound, aliases=aliases, sources=sources)
