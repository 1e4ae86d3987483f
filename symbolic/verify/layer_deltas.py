r"""Error signals named by their layer's letter: Zurada's `\delta_{ok}` and `\delta_{yj}`.

Zurada ("Introduction to Artificial Neural Systems", ch. 4) names a unit's outputs by a letter
per layer (`o_k = f(net_k)` the output layer, `y_j = f(net_j)` the hidden one) and writes the
error signal of unit k of the layer whose outputs are o as `\delta_{ok}`, of unit j of y's as
`\delta_{yj}`: the layer's letter, then the unit's index letter. Read so only where the document
shows it: the letter X of `\delta_{Xk}` is a letter the document defines unit by unit (a left side
`X_k = ...`, k an index letter), and k is an index letter other than X. Then `\delta_{Xk}` is the
δ of unit k (`\delta_k`, whose layer the statement's roles give, as for any unlayered δ), and
never Kronecker's delta of a class label X (X_k is a unit's quantity, not a label), nor one name
for every unit. A δ of two index letters that no definition makes a layer's letter (`\delta_{ij}`,
`\delta_{im}`) is left as it was. Pure: statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from ..latex.statements import INDICATOR
from .symbols import map_expressions

_UNIT = re.compile(r"([A-Za-z])_([a-z])")  # o_k, y_j: a letter defined unit by unit
_DELTA = re.compile(r"delta_([A-Za-z])([a-z])")  # delta_ok: the layer's letter, the unit's


def layer_letters(statements: list) -> set[str]:
    """The letters X the document defines unit by unit in an index letter (X_k = ...)."""
    out = set()
    for stmt in statements:
        if isinstance(stmt, Statement) and stmt.sides and isinstance(stmt.lhs, sp.Symbol):
            m = _UNIT.fullmatch(stmt.lhs.name)
            if m and m.group(1) != m.group(2):
                out.add(m.group(1))
    return out


def apply(statements: list) -> list:
    """Every `\\delta_{Xk}` of a layer letter X read as `\\delta_k` (see the module's doc)."""
    letters = layer_letters(statements)
    if not letters:
        return statements

    def one(e: sp.Basic) -> sp.Basic:
        swap: dict = {}
        for s in e.atoms(sp.Symbol):
            m = _DELTA.fullmatch(s.name)
            if m and m.group(1) in letters and m.group(1) != m.group(2):
                swap[s] = sp.Symbol(f"delta_{m.group(2)}")
        for f in e.atoms(sp.Function):
            if getattr(f, "func", None) != INDICATOR or len(f.args) != 3 or f.args[2] != 0:
                continue
            a, b = f.args[:2]
            if isinstance(a, sp.Symbol) and isinstance(b, sp.Symbol) and a.name in letters:
                if re.fullmatch(r"[a-z]", b.name) and a.name != b.name:
                    swap[f] = sp.Symbol(f"delta_{b.name}")
        return e.xreplace(swap) if swap else e

    return [map_expressions(s, one) if isinstance(s, Statement) else s for s in statements]
