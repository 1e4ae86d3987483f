r"""A document's own names for the errors δ = ∂L/∂z (ML Glossary's "layer errors" E_o, E_h).

`C'(Z_o) = (\hat{y} - y) \cdot R'(Z_o)` followed by `E_o = (\hat{y} - y) \cdot R'(Z_o)`: the
document names ∂C/∂Z_o E_o (the same right side, written to equal the loss's derivative by a net
input). E_o is then that unit's δ: defined and checked like `\delta_o = ...`, and read as δ where
it is used. A name of the same letter with the subscript of another bound net input (E_h beside
Z_h) is that unit's δ too. Never a guess: only a name nothing else binds, only a right side
written identically under ∂(loss)/∂(net input), only net inputs already bound; a name that two
lines make two δ's is left alone. The names are rewritten to the network's δ (δ⁽²⁾₁). Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from .binding import Binding, Source
from .chain_names import known
from .names import Resolver
from .symbols import map_expressions

_NAME = re.compile(r"([A-Za-z]+)_([A-Za-z0-9]+)")
_Z = re.compile(r"z(\d+)_(\d+)")


def _lookup(resolver: Resolver, name: str):
    return known(resolver, name, resolver.user)


def _net_input(resolver: Resolver, e) -> tuple[str, str] | None:
    value = _lookup(resolver, e.name) if isinstance(e, sp.Symbol) else None
    m = _Z.fullmatch(getattr(value, "name", ""))
    return (m.group(1), m.group(2)) if m else None


def found(d, statements, aliases: dict) -> dict[str, tuple[str, int]]:
    """name -> (the network's raw δ name, the line that says so)."""
    resolver = Resolver(d, aliases)
    stmts = [s for s in statements if isinstance(s, Statement)]
    loss = d.loss_symbol
    said: dict[tuple, tuple[sp.Symbol, tuple[str, str]]] = {}  # a side's factors -> (its z name, unit)
    for s in stmts:
        if isinstance(s.lhs, Partial) and isinstance(s.lhs.num, sp.Symbol):
            unit = _net_input(resolver, s.lhs.den)
            if unit is not None and _lookup(resolver, s.lhs.num.name) == loss:
                for side in s.sides:
                    said.setdefault(side.factors, (s.lhs.den, unit))
    out: dict[str, tuple[str, int]] = {}
    twice: set[str] = set()
    for s in stmts:
        lhs = s.lhs
        if (
            not isinstance(lhs, sp.Symbol)
            or lhs.name.startswith("delta")
            or _lookup(resolver, lhs.name) is not None
        ):
            continue
        for side in s.sides:
            if side.factors in said:
                z, (layer, k) = said[side.factors]
                value = (f"delta_{layer},{k}", s.line)
                if out.setdefault(lhs.name, value)[0] != value[0]:
                    twice.add(lhs.name)
                _siblings(resolver, stmts, lhs.name, z.name, s.line, out)
    return {n: v for n, v in out.items() if n not in twice}


def _siblings(resolver, stmts, name: str, z: str, line: int, out: dict) -> None:
    """E_h beside Z_h, once E_o names the δ of Z_o."""
    m, mz = _NAME.fullmatch(name), _NAME.fullmatch(z)
    if not m or not mz or m.group(2) != mz.group(2):
        return
    names = {x.name for s in stmts for x in _symbols(s)}
    for other in sorted(names):
        mo = _NAME.fullmatch(other)
        if not mo or mo.group(1) != m.group(1) or other == name or _lookup(resolver, other) is not None:
            continue
        unit = _net_input(resolver, sp.Symbol(f"{mz.group(1)}_{mo.group(2)}"))
        if unit is not None:
            out.setdefault(other, (f"delta_{unit[0]},{unit[1]}", line))


def _symbols(s: Statement) -> set:
    objs = [s.lhs, *(f for p in s.sides for f in p.factors)]
    return {
        x
        for o in objs
        for e in ([o.num, o.den] if isinstance(o, Partial) else [o] if isinstance(o, sp.Basic) else [])
        for x in e.free_symbols
    }


def apply(d, statements, bound: Binding, aliases: dict) -> tuple[list, Binding]:
    """The statements with the document's δ names as the network's δ, and the binding saying so."""
    names = found(d, statements, aliases)
    if not names:
        return list(statements), bound
    mapping = {sp.Symbol(n): sp.Symbol(v) for n, (v, _) in names.items()}

    out = [
        map_expressions(s, lambda e: e.xreplace(mapping)) if isinstance(s, Statement) else s
        for s in statements
    ]
    resolver = Resolver(d, aliases)
    sources = [*bound.sources]
    for n, (v, line) in names.items():
        value = _lookup(resolver, v)
        if value is not None:
            sources.append(Source(n, value, line, "error name"))
    return out, replace(bound, sources=sorted(sources, key=lambda s: (s.line, s.name)))
