r"""An unlayered name beside layered ones, in a document that writes its base in every layer but one:
the unit of that layer (Rojas: o^{(1)}_j the hidden outputs, o^{(2)}_j the outputs, and o_i, in
\partial E / \partial w^{(1)}_{ij} = o_i \delta^{(1)}_j, an input).

The document keeps a superscript on its base wherever it means a layer it writes; the one layer it
never writes is the one it leaves bare. This holds only in a statement that itself writes layered
names: a statement all in bare letters (\partial E / \partial w_{ij} = o_i \delta_j) is a rule for
every layer (`letter_readings` reads it each way). Layers are counted as
`indices.Instantiator.code` counts them (`off` 1 when the document counts from the input); a
letter two bases would put in two layers is left unsettled. Pure: statements in, layers out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from .layer_counting import from_input
from .symbols import LAYERED, expressions

_FIRST = {"delta": 1, "z": 1, "net": 1, "a": 0, "o": 0, "h": 0}  # the lowest layer each base has
_BARE = re.compile(r"([A-Za-z]+)_([a-z])")


def _layered(stmt: Statement, off: int) -> list[tuple[str, int]]:
    """(base, layer) of each unit name the statement writes with a layer number."""
    out = []
    for e in expressions(stmt):
        for s in e.atoms(sp.Symbol):
            m = LAYERED.fullmatch(s.name)
            if m and m.group(2) and re.fullmatch(r"\d+", m.group(3)):
                out.append((m.group(1), int(m.group(3)) - off))
    return out


def bare_layers(statements: list, depth: int) -> dict[str, int]:
    """base -> the one layer the document never writes it in, for the bases it writes in every
    other layer of the network."""
    off = 1 if from_input(statements, depth) else 0  # a^{(1)} = x
    written: dict[str, set[int]] = {}
    for stmt in statements:
        if isinstance(stmt, Statement):
            for base, n in _layered(stmt, off):
                written.setdefault(base, set()).add(n)
    out = {}
    for base, first in _FIRST.items():
        left = set(range(first, depth + 1)) - written.get(base, set())
        if written.get(base) and len(left) == 1 and written[base] <= set(range(first, depth + 1)):
            out[base] = next(iter(left))
    return out


def settled(stmt: Statement, unlayered: set[str], bare: dict[str, int]) -> dict[str, int]:
    """The letters of the statement's `unlayered` names (o_i) whose base the document leaves bare
    in one layer (`bare_layers`), each with that layer, when the statement writes layered names."""
    if not bare or not _layered(stmt, 0):
        return {}
    found: dict[str, set[int]] = {}
    for name in unlayered:
        m = _BARE.fullmatch(name)
        if m and m.group(1) in bare:
            found.setdefault(m.group(2), set()).add(bare[m.group(1)])
    return {x: next(iter(ns)) for x, ns in found.items() if len(ns) == 1}
