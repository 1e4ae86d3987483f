r"""A unit index the document declares, then writes statements in: "for each hidden neuron $k=1,2$:"
then `\frac{\partial z_2}{\partial h_k} = w_{2k}`, `\frac{\partial h_k}{\partial z_{1k}} =
\sigma_h'(z_{1k})`, where the document's own names h_1, h_2, z_{11}, z_{12}, w_{21}, w_{22} are
written elsewhere (a notebook numbering its units by their layer digit and their own digit).

Each such statement stands for one statement per value of the letter: it is replaced by its
instances (k = 1, k = 2), each name ending in the letter (h_k, z_{1k}, w_{2k}) given the value.
Read only when the document declares the letter's range (`k=1,2`, `k = 1, \ldots, n` written as
its own formula or in prose) and, for every value from 1 up, every name the statement writes in
the letter is a name the document writes with that value (h_1 and h_2 beside h_k); a letter whose
names are not all written stays as it is (the later stages read it or say why not). A statement
also summing over the letter is left as written. Pure: statements and the source in, statements
out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import SUMMATION
from .definitions import symbols_of

_DECLARED = r"(?<![A-Za-z_\\{])LETTER\s*=\s*1\s*,\s*(?:2|\\[lc]?dots|\.\.\.)"
_LAST = 9  # the values tried: 1 ... 9


def _exprs(stmt: Statement) -> list[sp.Basic]:
    """Every expression the statement writes (a derivative's top and bottom apart)."""
    out: list[sp.Basic] = []
    for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
        if isinstance(obj, Partial):
            out += [obj.num, obj.den]
        elif isinstance(obj, sp.Basic):
            out.append(obj)
    return out


def _names(stmt: Statement) -> set[sp.Symbol]:
    return {s for e in _exprs(stmt) for s in e.atoms(sp.Symbol)}


def _in_letter(name: str, letter: str) -> str | None:
    """The name with the letter as a placeholder when it ends its subscript (h_k, z_1k), else None."""
    m = re.fullmatch(rf"([A-Za-z]+)_(\d*){letter}", name)
    return f"{m.group(1)}_{m.group(2)}{{}}" if m else None


def _swap(obj, mapping: dict):
    if isinstance(obj, Partial):
        return Partial(obj.num.xreplace(mapping), obj.den.xreplace(mapping))
    return obj.xreplace(mapping) if isinstance(obj, sp.Basic) else obj


def _instance(stmt: Statement, mapping: dict, letter: str, value: int) -> Statement:
    sides = tuple(
        replace(
            p,
            factors=tuple(_swap(f, mapping) for f in p.factors),
            parts=tuple(_swap(q, mapping) if q is not None else None for q in p.parts),
        )
        for p in stmt.sides
    )
    said = f"{letter}={value}"
    return replace(stmt, lhs=_swap(stmt.lhs, mapping), sides=sides, instance=said)


def _summed(stmt: Statement, letter: str) -> bool:
    return any(getattr(s.args[1], "name", "") == letter for e in _exprs(stmt) for s in e.atoms(SUMMATION))


def expand(statements: list, source: str) -> list:
    """The statements, each one in a declared unit letter replaced by its instances."""
    letters = [c for c in "ijklmnpq" if re.search(_DECLARED.replace("LETTER", c), source)]
    if not letters:
        return statements
    written = set(symbols_of(statements))
    out: list = []
    for stmt in statements:
        out += _expanded(stmt, letters, written)
    return out


def _expanded(stmt, letters: list[str], written: set[str]) -> list:
    if not isinstance(stmt, Statement) or stmt.instance:
        return [stmt]
    names = _names(stmt)
    for letter in letters:
        generic = {s: f for s in names if (f := _in_letter(s.name, letter)) is not None}
        if not generic or _summed(stmt, letter):
            continue
        values = []
        for v in range(1, _LAST + 1):
            if not all(f.format(v) in written for f in generic.values()):
                break
            values.append(v)
        if len(values) < 2:
            continue
        named = [{s: sp.Symbol(f.format(v)) for s, f in generic.items()} for v in values]
        return [_instance(stmt, mapping, letter, v) for mapping, v in zip(named, values)]
    return [stmt]
