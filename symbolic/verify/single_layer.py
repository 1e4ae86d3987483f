r"""Names in index letters on a network of one weight layer: `\frac{\partial \phi(z)_i}{\partial
z_j}` (Kyle Lo's softmax regression: z = w^T x, one layer, no other).

With one layer there is one net input, one activation and one δ per unit: z_i, a_i, \delta_i
with no layer can only be that layer's (the several-layer case is unlayered.py's: said not
checked there). They are bound in their index letter, as binding's own letter aliases (z_i ->
z^{(1)}_i, any letter reading them). Only names of those bases that nothing else settles (not
the network's, not aliased, not read in a letter already); weights and biases in letters are
left alone (their orientation is not settled by this). Pure: statements and a Binding in.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from .binding import Binding, Source
from .conventions import Conventions
from .definitions import symbols_of
from .names import Resolver

_LETTERED = re.compile(r"(z|a|delta|net)_([a-z])")
_SHOWN = {"z": "z⁽¹⁾", "a": "a⁽¹⁾", "delta": "δ⁽¹⁾", "net": "z⁽¹⁾"}


def bind(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with the one layer's names in letters bound (a network of depth 1 only)."""
    if d.spec.depth != 1:
        return binding
    merged = {**binding.aliases, **dict(explicit or {})}
    resolver = Resolver(d, merged, Conventions.of(conventions))
    taken = {getattr(k, "name", "") for k in merged}
    aliases, sources = dict(binding.aliases), list(binding.sources)
    for name in sorted(symbols_of(statements)):
        m = _LETTERED.fullmatch(name)
        if m is None or name in taken or any(n.startswith(f"{m.group(1)}_") for n in taken):
            continue
        try:
            if resolver.lookup(name) is not None or resolver.generic_letter(name) is not None:
                continue
        except SympropError:
            continue
        base = "z" if m.group(1) == "net" else m.group(1)
        aliases[sp.Symbol(name)] = sp.Symbol(f"{base}_1,{m.group(2)}")
        sources.append(Source(name, sp.Symbol(f"{_SHOWN[m.group(1)]}_{m.group(2)}"), 0, "letters"))
        taken.add(name)
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)
