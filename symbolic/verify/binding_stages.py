"""Two stages of binding a document's names (mixed into verify/binding.py's Binder): a free weight
named by a derivative ∂z/∂w of a known z, and letters as consecutive layers (h, i, j, k) in a
chain of one-unit layers once one of its names is bound. Pure: statements in, bindings out."""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from ..latex import Partial, Statement
from .names import Resolver
from .unify import Layers, choose, kind_of_name

LETTER = re.compile(r"([A-Za-z]+)_([a-z])")
_LETTER_PAIR = re.compile(r"([wW])_([a-z])([a-z])")


class ChainStages:
    """The derivative and letter stages; the Binder supplies its state and `known`/`free`/`bind`."""

    d: Any
    statements: list
    names: dict[str, int]
    layers: Layers
    resolver: Resolver
    held: set
    bound: dict[str, sp.Expr]

    def known(self, name: str) -> sp.Expr | None:
        """The network symbol `name` stands for, if settled (the Binder's)."""
        raise NotImplementedError  # pragma: no cover

    def free(self, name: str) -> bool:
        """May `name` still be bound (the Binder's)?"""
        raise NotImplementedError  # pragma: no cover

    def bind(self, name: str, value: sp.Expr, line: int, how: str) -> None:
        """Bind `name` to `value`, from `line` (the Binder's)."""
        raise NotImplementedError  # pragma: no cover

    def derivatives(self) -> None:
        """∂z/∂w with z known and w a free weight (or bias) name: w is one of z's own; bound when
        they all differ only in the numbering of a layer the document names nowhere."""
        for stmt in self.statements:
            if not isinstance(stmt, Statement):
                continue
            objs = [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]
            for p in objs:
                if (
                    not isinstance(p, Partial)
                    or not isinstance(p.den, sp.Symbol)
                    or not isinstance(p.num, sp.Symbol)
                ):
                    continue
                name = p.den.name
                z = self.known(p.num.name)
                if not self.free(name) or z not in self.layers.z_def:
                    continue
                kind, taken = kind_of_name(name), self.held | set(self.bound.values())
                options = [
                    {name: s}
                    for s in self.layers.z_def[z].free_symbols
                    if self.layers.kind(s) == kind and s not in taken
                ]
                chosen = choose(options, self.layers)
                if chosen is not None:
                    self.bind(name, chosen[name], stmt.line, "derivative")

    def letters(self) -> None:
        """Letters as consecutive layers (h, i, j, k; k the output) in a chain of one-unit layers,
        anchored by a bound name X_k: then X_j is the unit below, w_{jk} the weight between."""
        sizes, depth = self.d.spec.sizes, self.d.spec.depth
        anchor: dict[str, int] = {}  # letter -> layer
        kinds: dict[str, str] = {}  # base -> 'a' | 'z'
        for name in self.names:
            m = LETTER.fullmatch(name)
            value = self.known(name)
            if not m or value is None or name.startswith("delta"):
                continue
            layer, base = self.layers.unit_layer(value)
            if layer is None:
                continue
            if anchor.setdefault(m.group(2), layer) != layer:
                return
            kinds[m.group(1)] = base
        if not anchor:
            return
        letter, layer = next(iter(anchor.items()))
        offset = layer - ord(letter)
        if any(ord(c) + offset != n for c, n in anchor.items()):
            return
        loss = self.d.loss_symbol
        for name, line in self.names.items():
            m, w = LETTER.fullmatch(name), _LETTER_PAIR.fullmatch(name)
            # L_i beside units L_j, L_k: one of them (not the loss of example i, as in CS231n)
            family = m is not None and m.group(1) in kinds and self.known(name) == loss
            if not self.free(name) and not family:
                continue
            if w:
                a, b = ord(w.group(2)) + offset, ord(w.group(3)) + offset
                lo, hi = min(a, b), max(a, b)
                if hi == lo + 1 and 0 <= lo and hi <= depth and sizes[lo] == 1 and sizes[hi] == 1:
                    value = self.resolver.lookup(f"W_{hi},1,1", conventions=False)
                    if value is not None:
                        self.bind(name, value, line, "letters")
                continue
            if m and m.group(1) in kinds:
                n = ord(m.group(2)) + offset
                if not 0 <= n <= depth or sizes[n] != 1:
                    continue
                raw = "x_1" if n == 0 else f"{kinds[m.group(1)]}_{n},1"
                if kinds[m.group(1)] == "z" and n == 0:
                    continue
                value = self.resolver.lookup(raw, conventions=False)
                if value is not None:
                    self.bind(name, value, line, "letters")
