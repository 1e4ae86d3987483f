"""A flat numbering of the weights, settled by the numbers the document bound and extended to
the numbers it never defines (Mazur's w_1 ... w_8: the post defines net_{h1} = w_1 i_1 + w_2 i_2
+ b_1 and net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2; w_3, w_4, w_7, w_8 are only in its figure).

A flat numbering runs through the weights layer by layer, in one order within a layer: row by
row (unit by unit: w_1 = W⁽¹⁾₁₁, w_2 = W⁽¹⁾₁₂, w_3 = W⁽¹⁾₂₁, ..., Mazur's) or column by column
(input by input: w_1 = W⁽¹⁾₁₁, w_2 = W⁽¹⁾₂₁, ...). Once `binding` has bound some numbered names of
one letter (w_1, w_2, w_5, w_6), the orders that put every bound number where it was bound are
kept; exactly one (as a list of weights) settles the numbering, and the letter's other numbers
within the network's weights are bound by it (reported as inferred names, how 'numbering' or
'numbering by columns'). No order
fitting, or several differing: nothing is guessed. A name the document or an explicit alias
already gives a meaning, or one `binding` found defined two ways, is never bound here.
Pure: a Binding in, a Binding out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from .binding import Binding, Source
from .definitions import symbols_of
from .names import Resolver

_NUMBERED = re.compile(r"([A-Za-z]+)_(\d+)")
_WEIGHT = re.compile(r"W(\d+)_(\d+)_(\d+)")
BOUND = ("definition", "derivative")  # how a number is bound by what the document writes


def orders(d) -> list[list[sp.Symbol]]:
    """The network's weights in each flat order: row by row, then column by column, layer by
    layer (layered names W<l>_<i>_<j> only; another naming has no flat order here)."""
    weights: dict[tuple[int, int, int], sp.Symbol] = {}
    for p in d.params:
        m = _WEIGHT.fullmatch(p.name)
        if m:
            weights[tuple(int(g) for g in m.groups())] = p  # type: ignore[index]
    sizes = d.spec.sizes
    if len(weights) != sum(a * b for a, b in zip(sizes, sizes[1:])):
        return []
    row, col = [], []
    for layer in range(1, len(sizes)):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        row += [weights[(layer, i, j)] for i in range(1, n_out + 1) for j in range(1, n_in + 1)]
        col += [weights[(layer, i, j)] for j in range(1, n_in + 1) for i in range(1, n_out + 1)]
    return [row, col]


def extend(d, binding: Binding, explicit: dict | None = None) -> Binding:
    """`binding` with each letter's flat numbering of the weights, when exactly one order fits
    every number the document bound, extended to that letter's unbound numbers."""
    flat = orders(d)
    if not flat:
        return binding
    by_letter: dict[str, dict[int, tuple[sp.Symbol, int]]] = {}
    for s in binding.sources:
        m = _NUMBERED.fullmatch(s.name)
        if m and s.how in BOUND and isinstance(s.value, sp.Symbol):
            by_letter.setdefault(m.group(1), {})[int(m.group(2))] = (s.value, s.line)
    if not by_letter:
        return binding
    resolver = Resolver(d, dict(explicit or {}))
    aliases, sources = dict(binding.aliases), list(binding.sources)
    for letter, numbers in by_letter.items():
        fits = {
            tuple(order)
            for order in flat
            if all(1 <= n <= len(order) and order[n - 1] == v for n, (v, _) in numbers.items())
        }
        if len(fits) != 1:
            continue  # no order, or several: the numbering is not settled
        (order,) = fits
        how = "numbering" if list(order) == flat[0] else "numbering by columns"
        line = max(line for _, line in numbers.values())
        for n, weight in enumerate(order, start=1):
            name = f"{letter}_{n}"
            raw = sp.Symbol(name)
            taken = raw in aliases or raw in (explicit or {}) or name in binding.notes  # two ways: neither
            if n in numbers or taken or weight in _held(binding):
                continue
            try:
                known = resolver.lookup(name)
            except SympropError:
                known = None
            if known is not None:
                continue
            aliases[raw] = sp.Symbol(weight.name)
            sources.append(Source(name, weight, line, how))
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)


def _held(binding: Binding) -> set:
    return {s.value for s in binding.sources if isinstance(s.value, sp.Symbol)}


_UNIT = re.compile(r"([az])(\d+)_(\d+)")


def siblings(d, binding: Binding, statements, explicit: dict | None = None) -> Binding:
    """Units numbered by one letter: when every bound X_n of a letter X is unit n of one layer
    (h_1 = a⁽¹⁾₁, defined), the letter's other numbers the document writes (h_2) are that
    layer's units by their number, unless something else already gives them a meaning."""
    by_letter: dict[str, list[tuple[int, str, int, int]]] = {}  # n, kind, layer, unit
    for s in binding.sources:
        m, u = _NUMBERED.fullmatch(s.name), _UNIT.fullmatch(getattr(s.value, "name", ""))
        if m and u and s.how in BOUND:
            n = int(m.group(2))
            by_letter.setdefault(m.group(1), []).append((n, u.group(1), int(u.group(2)), int(u.group(3))))
    if not by_letter:
        return binding
    written = symbols_of(statements)
    resolver = Resolver(d, dict(explicit or {}))
    aliases, sources = dict(binding.aliases), list(binding.sources)
    held = _held(binding)
    for letter, bound in by_letter.items():
        kinds = {(kind, layer) for _, kind, layer, _ in bound}
        if len(kinds) != 1 or any(n != unit for n, _, _, unit in bound):
            continue
        ((kind, layer),) = kinds
        numbers = {n for n, *_ in bound}
        for name, line in written.items():
            m = _NUMBERED.fullmatch(name)
            if not m or m.group(1) != letter or int(m.group(2)) in numbers:
                continue
            raw = sp.Symbol(name)
            if raw in aliases or raw in (explicit or {}) or name in binding.notes:
                continue
            try:
                if resolver.lookup(name) is not None:
                    continue
                unit = resolver.lookup(f"{kind}_{layer},{m.group(2)}", conventions=False)
            except SympropError:
                continue
            if unit is None or unit in held:
                continue
            aliases[raw] = sp.Symbol(unit.name)
            sources.append(Source(name, unit, line, "sibling"))
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)


def siblings_defined(
    d, binding: Binding, statements, explicit: dict | None, conventions: dict | None
) -> Binding:
    """`siblings`, then the definitions unified again with the names it numbered (net_2 = w_{21}
    x_1 + ... once net_2 is unit 2: sibling_definitions.py)."""
    from .sibling_definitions import again

    return again(d, statements, siblings(d, binding, statements, explicit), explicit, conventions)
