r"""Weights named by global unit numbers: w_{57} is the weight from unit 5 to unit 7, the units
numbered through the whole network (a study note's w_{47} a_1^{[2]} + w_{57} a_2^{[2]} + ... + b_7,
b_7 the bias of unit 7). `numbering.py` settles a flat numbering of the weights (w_1 ... w_8); this
settles a numbering of the units, and reads a weight by its two unit numbers.

A numbering runs unit by unit through the layers, from the inputs (inputs 1..n0, then the first
layer's units, ...) or from the first layer after them (the inputs unnumbered). A letter's names
(w_{47}, w_{4,7}, w_{10,12}; two digits with no comma are two units; a letter also written with
one digit, w_3, is a flat numbering and not read here) are read by a numbering when
every one joins two units of adjacent layers, all in one direction (from-to, or to-from). A
numbering is kept when it agrees with what the document says of the names elsewhere:
- a name `binding` already bound (a definition z_7 = w_{47} a_4 + ...);
- a definition of a unit's net input (z_1^{[3]} = w_{47} a_1^{[2]} + ...: the unit they go into);
- a weight written beside a unit's output (w_{47} a_1^{[2]}: the unit it comes from), or beside a
  derivative by a unit's net input or its δ (w_{57} ∂C/∂z_1^{[3]}: the unit it goes into), and a
  chain's ∂z_1^{[3]}/∂w_{47} (the unit it goes into).
The names are read only when every numbering kept reads them alike and no reading as one layer's
weights (w_{jk} of a layer, either order) also agrees with the document: when both fit and differ,
each such name is left unknown with that reason. A bias b_N is unit N's once the letter's weights
are read and one of them goes into unit N. Never a name something else already gives a meaning.
Pure: a Binding in, a Binding out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from ..latex import Partial, Statement
from ..latex.statements import PARTIAL
from .binding import Binding, Source
from .definitions import symbols_of
from .hints import shown
from .layer_counting import from_input, layer_number, square
from .names import Resolver
from .symbols import LAYERED, expressions

LETTERS = {"w", "W"}
_NAME = re.compile(r"([A-Za-z]+)_(\d+)(?:,(\d+))?")
_BIAS = re.compile(r"(b|bias|delta|y_d),?_?(\d+)")  # a unit's bias, its δ, its desired output y_{d,5}
_UNIT = re.compile(r"(z|a|delta)(\d+)_(\d+)|x(\d+)")
BOUND = ("definition", "derivative")

Unit = tuple[int, int]  # (layer, unit), layer 0 the inputs
Reading = tuple[int, int, int]  # (layer of the weight, unit it goes into, unit it comes from)


def _splits(name: str) -> list[tuple[int, int]]:
    """The unit pairs a name's index can be: w_{4,7} -> (4, 7); w_{47} -> (4, 7); w_{101} ->
    (10, 1) or (1, 1)... only where no part starts with 0."""
    m = _NAME.fullmatch(name)
    if not m:
        return []
    if m.group(3) is not None:
        return [(int(m.group(2)), int(m.group(3)))]
    digits = m.group(2)
    return [
        (int(digits[:k]), int(digits[k:]))
        for k in range(1, len(digits))
        if digits[k] != "0" and digits[0] != "0"
    ]


def _table(sizes, start: int) -> dict[int, Unit]:
    """Global number -> (layer, unit), numbering from layer `start`."""
    out, n = {}, 0
    for layer in range(start, len(sizes)):
        for k in range(1, sizes[layer] + 1):
            n += 1
            out[n] = (layer, k)
    return out


def _global(name: str, table: dict[int, Unit], up: bool) -> Reading | None:
    fits = set()
    for a, b in _splits(name):
        lo, hi = (a, b) if up else (b, a)  # up: from a to b
        if lo in table and hi in table and table[hi][0] == table[lo][0] + 1:
            fits.add((table[hi][0], table[hi][1], table[lo][1]))
    return fits.pop() if len(fits) == 1 else None


def _local(name: str, sizes, layer: int, up: bool) -> Reading | None:
    """One layer's w_{jk}: into j from k (up False), from j into k (up True)."""
    m = _NAME.fullmatch(name)
    if not m:
        return None
    if m.group(3) is not None:
        a, b = int(m.group(2)), int(m.group(3))
    elif len(m.group(2)) == 2:
        a, b = int(m.group(2)[0]), int(m.group(2)[1])
    else:
        return None
    into, of = (b, a) if up else (a, b)
    if 1 <= into <= sizes[layer] and 1 <= of <= sizes[layer - 1]:
        return (layer, into, of)
    return None


class _Units:
    """A written name -> the unit it is a quantity of ((layer, unit), its kind), else None."""

    def __init__(self, d, resolver: Resolver, statements):
        self.resolver = resolver
        self.depth = d.spec.depth
        self.counted = from_input(statements, self.depth)
        self.one = bool(resolver.conventions.bracket_origin)  # a^{[1]} = x: square brackets from 1 too
        self.counted = self.counted or self.one

    def of(self, name: str) -> tuple[str, Unit] | None:
        m = LAYERED.fullmatch(name)
        if m:
            base, idx, layer = m.group(1), m.group(2), m.group(3)
            if not idx or not idx.isdigit() or base not in ("z", "a", "delta", "x"):
                return None
            shift = 1 if self.counted and (self.one or not square(layer)) else 0
            top = self.depth + shift
            value = layer_number(layer, {}, top)
            if value is None or not 0 <= value - shift <= self.depth:
                return None
            return base if base != "x" else "a", (value - shift, int(idx))
        try:
            value = self.resolver.lookup(name)
        except SympropError:
            return None
        u = _UNIT.fullmatch(getattr(value, "name", ""))
        if not u:
            return None
        if u.group(4):
            return "a", (0, int(u.group(4)))
        return u.group(1), (int(u.group(2)), int(u.group(3)))


def _evidence(statements, units: _Units, names: set[str]) -> list[tuple[str, str, Unit]]:
    """(weight name, 'from' | 'into', unit) for each weight the document writes beside a unit."""
    out: list[tuple[str, str, Unit]] = []

    def unit_of(e) -> tuple[str, Unit] | None:
        if isinstance(e, sp.Symbol):
            return units.of(e.name)
        if getattr(e, "func", None) == PARTIAL and isinstance(e.args[1], sp.Symbol):
            u = units.of(e.args[1].name)
            return ("d" + u[0], u[1]) if u else None
        if isinstance(e, AppliedUndef) and len(e.args) == 1 and isinstance(e.args[0], sp.Symbol):  # σ(z)
            u = units.of(e.args[0].name)
            return ("a", u[1]) if u and u[0] == "z" else None
        return None

    def walk(e) -> None:
        if isinstance(e, sp.Mul):
            ws = [a.name for a in e.args if isinstance(a, sp.Symbol) and a.name in names]
            if len(ws) == 1:
                for a in e.args:
                    u = unit_of(a)
                    if u is None:
                        continue
                    kind, unit = u
                    if kind == "a":
                        out.append((ws[0], "from", unit))
                    elif kind in ("delta", "dz"):
                        out.append((ws[0], "into", unit))
        if getattr(e, "func", None) == PARTIAL:
            num, den = e.args
            _chain(num, den)
        for a in getattr(e, "args", ()):
            walk(a)

    def _chain(num, den) -> None:
        if isinstance(den, sp.Symbol) and den.name in names and isinstance(num, sp.Symbol):
            u = units.of(num.name)
            if u and u[0] == "z":
                out.append((den.name, "into", u[1]))

    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
            if isinstance(obj, Partial):
                _chain(obj.num, obj.den)
        defined = units.of(stmt.lhs.name) if isinstance(stmt.lhs, sp.Symbol) else None
        if defined and defined[0] == "z":  # z_7 = w_{47} a_4 + ...: its weights go into unit 7
            for p in stmt.sides:
                for f in p.factors:
                    for s in getattr(f, "free_symbols", ()):
                        if s.name in names:
                            out.append((s.name, "into", defined[1]))
        for e in expressions(stmt):
            walk(e)
    return out


def _agrees(reading: dict[str, Reading], bound: dict, evidence) -> bool:
    for name, value in bound.items():
        r = reading.get(name)
        if r is None or f"W{r[0]}_{r[1]}_{r[2]}" != value:
            return False
    for name, role, (layer, k) in evidence:
        r = reading.get(name)
        if r is None:
            return False
        if role == "from" and (r[0] - 1, r[2]) != (layer, k):
            return False
        if role == "into" and (r[0], r[1]) != (layer, k):
            return False
    return True


def extend(d, binding: Binding, statements, explicit: dict | None = None) -> Binding:
    """`binding` with the weights and biases a document names by global unit numbers."""
    explicit = dict(explicit or {})
    sizes = d.spec.sizes
    written = symbols_of(statements)
    resolver = Resolver(d, {**binding.aliases, **explicit})
    bound_by = {
        s.name: s.value.name for s in binding.sources if s.how in BOUND and isinstance(s.value, sp.Symbol)
    }
    params = {p.name: p for p in d.params}

    def free(name: str) -> bool:
        raw = sp.Symbol(name)
        if raw in binding.aliases or raw in explicit or name in binding.notes:
            return False
        try:
            return resolver.lookup(name) is None
        except SympropError:
            return False

    by_letter: dict[str, list[str]] = {}
    for name in written:
        m = _NAME.fullmatch(name)
        if m and m.group(1) in LETTERS and _splits(name) and (name in bound_by or free(name)):
            by_letter.setdefault(m.group(1), []).append(name)
    flat = {m.group(1) for n in written if (m := re.fullmatch(r"([A-Za-z]+)_\d", n))}
    by_letter = {k: v for k, v in by_letter.items() if k not in flat}  # w_1 ... w_12: a flat numbering
    if not by_letter:
        return binding
    units = _Units(d, resolver, statements)
    aliases, sources, notes = dict(binding.aliases), list(binding.sources), dict(binding.notes)
    into: set[Unit] = set()
    for names in by_letter.values():
        bound = {n: bound_by[n] for n in names if n in bound_by}
        evidence = _evidence(statements, units, set(names))
        starts: dict[tuple, set[int]] = {}  # a reading -> the numberings' first layers giving it
        for start, up in itertools.product((0, 1), (True, False)):
            table = _table(sizes, start)
            reading = {n: _global(n, table, up) for n in names}
            if all(reading.values()) and _agrees(reading, bound, evidence):  # type: ignore[arg-type]
                starts.setdefault(tuple(sorted(reading.items())), set()).add(start)
        readings = set(starts)
        if not readings:
            continue
        free_names = [n for n in names if n not in bound]
        local = set()
        for layer, up in itertools.product(range(1, len(sizes)), (True, False)):
            reading = {n: _local(n, sizes, layer, up) for n in names}
            if all(reading.values()) and _agrees(reading, bound, evidence):  # type: ignore[arg-type]
                local.add(tuple(sorted(reading.items())))
        if len(readings) > 1 or local - readings:
            differ = sorted(n for n in free_names if len({dict(r)[n] for r in readings | local}) > 1)
            for n in differ:
                notes[n] = (
                    f"{shown(n)} is a weight of one layer (w_{{jk}}) or the weight between two units "
                    "numbered through the network, and readings of both kinds fit: the document "
                    "does not say which"
                    if local - readings
                    else f"{shown(n)} numbers units through the network, from the inputs or from "
                    "the first layer after them: the document does not say which",
                    f"define a net input with it (e.g. z_7 = w_{{47}} a_4 + ... + b_7) or declare "
                    f"% symprop: alias {shown(n)} = W_{{l,j,k}}",
                )
            continue
        (chosen,) = readings
        pairs: list[tuple[str, Reading]] = list(chosen)
        for n, (layer, to, of) in pairs:
            into.add((layer, to))
            weight = f"W{layer}_{to}_{of}"
            if n in bound or weight not in params:
                continue
            aliases[sp.Symbol(n)] = sp.Symbol(weight)
            sources.append(Source(n, params[weight], written[n], "global numbering"))
        tables = [_table(sizes, start) for start in starts[chosen]]
        _biases(d, written, free, into, tables, aliases, sources, params)
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources, notes=notes)


def _biases(d, written, free, into: set[Unit], tables, aliases, sources, params) -> None:
    """b_N: the bias of unit N (δ_N its δ), when every numbering that read the weights puts unit N in one
    place and a weight read goes into it."""
    depth, targets = d.spec.depth, list(d.targets)
    for name, line in written.items():
        m = _BIAS.fullmatch(name)
        if not m or not free(name):
            continue
        n = int(m.group(2))
        places = {table.get(n) for table in tables}
        if len(places) != 1:
            continue
        (unit,) = places
        if unit is None or unit not in into:
            continue
        if m.group(1) == "y_d":  # y_{d,5}: the desired output of output unit 5, its target
            if unit[0] == depth and 1 <= unit[1] <= len(targets):
                aliases[sp.Symbol(name)] = targets[unit[1] - 1]
                sources.append(Source(name, targets[unit[1] - 1], line, "global numbering"))
            continue
        if m.group(1) == "delta":  # δ_N: unit N's (its sign as the document's δ lines say)
            aliases[sp.Symbol(name)] = sp.Symbol(f"delta{unit[0]}_{unit[1]}")
            sources.append(Source(name, sp.Symbol(f"delta{unit[0]}_{unit[1]}"), line, "global numbering"))
            continue
        bias = f"b{unit[0]}_{unit[1]}"
        if bias in params:
            aliases[sp.Symbol(name)] = sp.Symbol(bias)
            sources.append(Source(name, params[bias], line, "global numbering"))
