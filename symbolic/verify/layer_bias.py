"""One bias per layer, read off the document: a bias indexed by its LAYER where a per-unit
numbering would contradict it (Mazur: net_{h1} = w_1 i_1 + w_2 i_2 + b_1 * 1 and net_{o1} =
w_5 out_{h1} + w_6 out_{h2} + b_2 * 1: b_2 in the first output's definition is no bias of a
second unit, it is the output layer's).

The document shows it when every bias b_N (one index) that its definitions of pre-activations
write is b_<that unit's layer>, and at least one could not be a per-unit bias: b_N in the
definition of a unit other than the N-th of its layer, or one b_N in the definitions of two
units of a layer. The Derivation stays the one source of truth: the network is derived again
with one bias per layer (`spec.shared_bias`), and the report says so (an inferred name per
bias, how 'layer bias'). A network already built that way, or a document showing nothing of
the kind, is left as it is. Pure apart from deriving the network again.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from .binding import FAULTS, Source, bind
from .definitions import definitions
from .names import Resolver

_BIAS = re.compile(r"b_?(\d+)")
_Z = re.compile(r"z(\d+)_(\d+)")


def evidence(d, statements, aliases: dict | None = None, conventions: dict | None = None):
    """[(bias name, layer, line)] when the document shows one bias per layer, else []."""
    try:
        defs = [df for df in definitions(statements) if not df.implied and isinstance(df.lhs, sp.Symbol)]
    except FAULTS:
        return []
    written = [(df, [s for s in df.rhs.atoms(sp.Symbol) if _BIAS.fullmatch(s.name)]) for df in defs]
    written = [(df, biases) for df, biases in written if biases]
    if not written or d.spec.shared_bias:
        return []
    binding = bind(d, statements, aliases, conventions)
    resolver = Resolver(d, dict(aliases or {}))
    found: list[tuple[str, int, int, int, int]] = []  # name, its index, layer, unit, line
    for df, biases in written:
        where = _unit(df.lhs.name, binding.aliases, resolver)
        if where is None:
            continue
        for b in biases:
            index = int(_BIAS.fullmatch(b.name).group(1))  # type: ignore[union-attr]
            found.append((b.name, index, where[0], where[1], df.line))
    if not found or any(index != layer for _, index, layer, _, _ in found):
        return []  # a bias not indexed by its layer: one per unit (or nothing said)
    units_of: dict[str, set[int]] = {}
    for name, _, _, unit, _ in found:
        units_of.setdefault(name, set()).add(unit)
    per_unit = all(index == unit for _, index, _, unit, _ in found)
    if per_unit and all(len(units) == 1 for units in units_of.values()):
        return []  # b_1 in net_{h1} only: per unit as well as per layer
    first: dict[str, tuple[str, int, int]] = {}
    for name, _, layer, _, line in found:
        first.setdefault(name, (name, layer, line))
    return sorted(first.values(), key=lambda t: t[2])


def _unit(name: str, bound: dict, resolver: Resolver) -> tuple[int, int] | None:
    """The (layer, unit) of a pre-activation the document names, else None."""
    value = bound.get(sp.Symbol(name))
    given = resolver.user.get(sp.Symbol(name))  # an explicit alias (or y_k as the net input)
    try:
        if isinstance(given, sp.Symbol):
            value = resolver.lookup(given.name, conventions=False)
        elif value is None:
            value = resolver.lookup(name)
    except SympropError:
        return None
    m = _Z.fullmatch(getattr(value, "name", ""))
    return (int(m.group(1)), int(m.group(2))) if m else None


def apply(d, statements, aliases: dict | None = None, conventions: dict | None = None):
    """(the Derivation to judge against, the inferred names saying why): `d` derived again with
    one bias per layer when the document shows it, else `d` and []."""
    if all(n == 1 for n in d.spec.sizes[1:]):  # one unit per layer: nothing to share
        return d, []
    shown = evidence(d, statements, aliases, conventions)
    if not shown:
        return d, []
    from ..backprop import derive

    shared = derive(replace(d.spec, shared_bias=True))
    resolver = Resolver(shared)
    sources = []
    for name, layer, line in shown:
        value = resolver.lookup(f"b_{layer}")
        if value is not None:
            sources.append(Source(name, value, line, "layer bias"))
    return shared, sources
