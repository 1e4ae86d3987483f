r"""Definitions for every unit of a layer, written in an index letter (`a_j = \sum_i W_{ji} x_i + b_j`,
`h_j = \max(0, a_j)` in a document that sums over j): never bound to one unit by unification
(binding.Binder._unify_one), which once bound them to unit 1 and called the rows of every other
unit wrong. A letter the document never sums over may name a layer of one unit instead (a chain
of single neurons, L_k = \sigma(net_k)): such rows are left to unification. Pure.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex.statements import SUMMATION
from .binding_stages import LETTER


def summed_letters(defs: list) -> set[str]:
    r"""The letters the document's definitions sum over (\sum_j): index letters, not names."""
    return {
        str(e.args[1])
        for df in defs
        for e in sp.preorder_traversal(df.rhs)
        if getattr(e, "func", None) == SUMMATION and len(e.args) > 1
    }


def numbered_bases(defs: list) -> set[str]:
    """The letters the document's definitions also write with a unit's number (h_1, s_2)."""
    names = {s.name for df in defs for e in (df.lhs, df.rhs) for s in getattr(e, "free_symbols", ())}
    return {m.group(1) for m in map(_NUMBERED.fullmatch, names) if m}


_NUMBERED = re.compile(r"([A-Za-z]+)_[0-9]+")
_INDEX = frozenset("ijkmnpq")  # index letters; o, h name a unit (net_o, the output's; b_h)


def for_every_unit(lhs: str, rhs: sp.Basic, summed: set[str], numbered: frozenset[str] = frozenset()) -> bool:
    r"""a_j = \sum_i w_{ji} x_i + b_j, h_j = \max(0, a_j) beside \sum_j: a definition for every unit
    j (its letter an index on the right too, and summed over in the document, or an index letter
    (i, j, k, ...) of a name written with units' numbers too: h_j = \sigma(s_j) beside h_1, h_2;
    never net_o beside net_1, o the output's label), never one unit's;
    `Binder.generic` reads it in its letter, or nothing does."""
    m = LETTER.fullmatch(lhs)
    index = m is not None and m.group(2) in _INDEX and m.group(1) in numbered  # h_j beside h_1, h_2
    if m is None or m.group(2) not in summed and not index:
        return False
    letter = m.group(2)
    return any(
        letter in s.name.partition("_")[2].split("@")[0] for s in rhs.atoms(sp.Symbol) if s.name != lhs
    )
