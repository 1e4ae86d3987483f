r"""Names in index letters on a network of one weight layer: `\frac{\partial \phi(z)_i}{\partial
z_j}` (Kyle Lo's softmax regression: z = w^T x, one layer, no other).

With one layer there is one net input, one activation and one δ per unit: z_i, a_i, \delta_i
with no layer can only be that layer's (the several-layer case is unlayered.py's: said not
checked there), and so is the argument of its activation written with a generic letter (u_i of
\phi(u_i), \phi(u)_i, softmax(u_i): u is the document's letter for the net input). They are
bound in their index letter, as binding's own letter aliases (z_i -> z^{(1)}_i, any letter
reading them). Only names that nothing else settles (not the network's, not aliased, not read in
a letter already); weights and biases in letters are left alone (their orientation is not
settled by this). Pure: statements and a Binding in, a Binding out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from ..latex import Statement
from .binding import Binding, Source
from .conventions import Conventions
from .definitions import symbols_of
from .names import Resolver
from .symbols import expressions

_LETTERED = re.compile(r"(z|a|delta|net)_([a-z])")
_ANY = re.compile(r"([A-Za-z]+)_([a-z])")
_CALLS: tuple[str, ...] = (
    "phi",
    "varphi",
    "g",
    "f",
    "h",
    "softmax",
)  # the layer's activation, by a generic letter
_CALLS += tuple(f"{c}_entry" for c in _CALLS)  # \phi(u)_i (latex/entries.py)
_SHOWN = {"z": "z⁽¹⁾", "a": "a⁽¹⁾", "delta": "δ⁽¹⁾", "net": "z⁽¹⁾"}


def _activated(statements) -> set[str]:
    """Bases X of the document's phi(X_i), g(X_i), softmax(X_i): the layer's net input."""
    out: set[str] = set()
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for e in expressions(stmt):
            for call in e.atoms(AppliedUndef):
                arg = call.args[0] if len(call.args) == 1 else None
                m = _ANY.fullmatch(arg.name) if isinstance(arg, sp.Symbol) else None
                if m and type(call).__name__ in _CALLS and m.group(1) not in ("x", "y", "t", "w", "W", "b"):
                    out.add(m.group(1))
    return out


def bind(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with the one layer's names in letters bound (a network of depth 1 only)."""
    if d.spec.depth != 1:
        return binding
    merged = {**binding.aliases, **dict(explicit or {})}
    resolver = Resolver(d, merged, Conventions.of(conventions))
    taken = {getattr(k, "name", "") for k in merged}
    aliases, sources = dict(binding.aliases), list(binding.sources)
    inputs = _activated(statements)  # u of phi(u_i): the net input, in the document's letter
    written = symbols_of(statements)  # name -> the first line it is on
    for name in sorted(written):
        m = _LETTERED.fullmatch(name) or _ANY.fullmatch(name)
        if m is None or m.group(1) not in (*_SHOWN, *inputs):
            continue
        if name in taken or any(n.startswith(f"{m.group(1)}_") for n in taken):
            continue
        try:
            if resolver.lookup(name) is not None or resolver.generic_letter(name) is not None:
                continue
        except SympropError:
            continue
        base = "z" if m.group(1) in ("net", *inputs) else m.group(1)
        aliases[sp.Symbol(name)] = sp.Symbol(f"{base}_1,{m.group(2)}")
        sources.append(Source(name, sp.Symbol(f"{_SHOWN[base]}_{m.group(2)}"), written[name], "letters"))
        taken.add(name)
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)
