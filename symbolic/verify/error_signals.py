r"""Grosse's error signals: a bar over a name is the loss's derivative by it.

Roger Grosse's lectures (CSC321/CSC421, Toronto) write \bar{y} for \partial\mathcal{L}/\partial y,
the "error signal" of y: `\bar{\mathcal{L}} = 1, \bar{y} = y - t, \bar{z} = \bar{y}\sigma'(z),
\bar{w} = \bar{z}x` (and \bar{h}_i = \sum_k \bar{y}_k w_{ki} for a layer). A bar means other
things elsewhere (a mean \bar{x}, a complement), so the reading is taken only where the document
says it:
- it seeds the backward pass with the loss's own bar, \bar{L} = 1 (L a name of the loss), or
- two bars or more are each defined from another bar (\bar{z} = \bar{y}\sigma'(z), \bar{w} =
  \bar{z}x): error signals passed backwards, which no mean is.
Then every barred name N (read as N_bar, \bar{w}_{ij} as w_bar_ij) is `Partial(L, N)`, L the loss
the document names (its \bar{L}, else the left side of its loss definition, else L), on a left
side, as a factor and inside expressions, as \frac{\partial L}{\partial N} would be.
Pure: statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Partial, Statement
from .names import LOSS_NAMES
from .symbols import map_factors

_BAR = re.compile(r"(?P<base>[^_@]+)_bar(?:_(?P<sub>[^@]+))?")


def plain(name: str) -> str | None:
    """The name under a bar (w_bar_ij -> w_ij, z_bar -> z), or None for a name without one."""
    m = _BAR.fullmatch(name)
    if not m:
        return None
    return m.group("base") + (f"_{m.group('sub')}" if m.group("sub") else "")


def _bars(e) -> set[sp.Symbol]:
    if not isinstance(e, sp.Basic):
        return set()
    return {s for s in e.atoms(sp.Symbol) if plain(s.name)}


def _right(stmt: Statement) -> list:
    return [f for side in stmt.sides for f in side.factors]


def loss_of(statements) -> str | None:
    """The loss whose error signals the bars are, when the document says bars are error
    signals (module docstring), else None."""
    lefts = [(s, s.lhs.name) for s in statements if isinstance(s, Statement) and isinstance(s.lhs, sp.Symbol)]
    for s, name in lefts:  # \bar{L} = 1: the backward pass seeded
        under = plain(name)
        if under in LOSS_NAMES and len(s.sides) == 1 and _right(s) and all(f == 1 for f in _right(s)):
            return under
    chained = [s for s, name in lefts if plain(name) and any(_bars(f) for f in _right(s))]
    if len(chained) < 2:
        return None
    named = [name for _, name in lefts if name in LOSS_NAMES]
    return named[0] if named else "L"


def read(statements) -> list:
    """Every barred name as the loss's derivative by it, where the document says its bars are
    error signals; the statements as they are otherwise."""
    loss = loss_of(statements)
    if loss is None:
        return list(statements)
    L = sp.Symbol(loss)

    def partial(s: sp.Symbol) -> Partial:
        return Partial(L, sp.Symbol(plain(s.name)))

    def inner(e):
        bars = _bars(e)
        return e.xreplace({s: partial(s).as_expr() for s in bars}) if bars else e

    def factor(f):
        if isinstance(f, sp.Symbol) and plain(f.name):
            return partial(f)
        return inner(f) if isinstance(f, sp.Basic) else f

    return [map_factors(s, factor, inner) if isinstance(s, Statement) else s for s in statements]
