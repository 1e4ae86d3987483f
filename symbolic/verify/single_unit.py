r"""Bare letters on a network of one unit: `\hat{y} = \sigma(wx + b)`, `\frac{\partial L}{\partial w}`
(a logistic-regression neuron, the first page of many tutorials).

A network of one weight layer with one input and one output unit has one weight, one bias and one
input, one net input and one activation: a bare w (or W, \theta), b, x, z and a (each with no
index, no layer) can only be those. They are bound as binding's own aliases, only when nothing
else settles them (not the network's own names, not aliased, not read already). With more inputs
or units, or more layers, a bare w names nothing in particular and is left unknown (said so by
the resolver).
Pure: statements and a Binding in, a Binding out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from .binding import Binding, Source
from .conventions import Conventions
from .definitions import symbols_of
from .names import Resolver

# the document's bare letter -> (the role it can only have, the network's raw name of that role)
_LETTERS = {
    "w": "weight",
    "W": "weight",
    "theta": "weight",
    "b": "bias",
    "x": "input",
    "z": "net input",
    "a": "activation",
}


def one_unit(d) -> bool:
    """One weight layer, one input, one output unit: one weight, one bias, one input."""
    return d.spec.depth == 1 and len(d.inputs) == 1 and len(d.outputs) == 1 and len(d.params) <= 2


def _raw(d, role: str) -> tuple[sp.Symbol, sp.Expr] | None:
    """(the raw name an alias points to, the network's symbol) of the one weight, bias or input."""
    if role == "input":
        return sp.Symbol("x_1"), d.inputs[0]
    if role == "net input":
        return sp.Symbol("z_1,1"), d.symbol("z1_1")  # the network's own symbol, shown z⁽¹⁾₁
    if role == "activation":
        return sp.Symbol("a_1,1"), d.outputs[0]
    weights = [p for p in d.params if str(p).startswith("W")]
    biases = [p for p in d.params if str(p).startswith("b")]
    if role == "weight" and len(weights) == 1:
        return sp.Symbol("W_1,1,1"), weights[0]
    if role == "bias" and len(biases) == 1:
        return sp.Symbol("b_1,1"), biases[0]
    return None


def bind(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with the bare w, b, x of a one-unit network bound to its weight, bias, input."""
    if not one_unit(d):
        return binding
    merged = {**binding.aliases, **dict(explicit or {})}
    taken = {getattr(k, "name", "") for k in merged}
    resolver = Resolver(d, merged, Conventions.of(conventions))
    aliases, sources = dict(binding.aliases), list(binding.sources)
    written = symbols_of(statements)  # name -> the first line it is on
    roles_bound: set[str] = set()
    for name in sorted(written):
        role = _LETTERS.get(name)
        if role is None or name in taken or role in roles_bound:
            continue
        try:
            if resolver.lookup(name) is not None:
                continue
        except SympropError:
            continue
        target = _raw(d, role)
        if target is None:
            continue
        raw, symbol = target
        aliases[sp.Symbol(name)] = raw
        sources.append(Source(name, symbol, written[name], "one unit"))
        roles_bound.add(role)
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)
