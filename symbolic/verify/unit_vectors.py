r"""A unit's weight vector beside its layer's input vector, read entry by entry: Theodoridis and
Koutroumbas write `\frac{\partial v_j^r}{\partial w_j^r} = y^{r-1}` and `\Delta w_j^r = -\mu
\delta_j^r y^{r-1}`, w_j^r the weights into neuron j of layer r, y^{r-1} the outputs of layer r-1.

A weight with one unit letter and a layer (w_j@l, once the layer letters are symprop's) names the
weights into unit j; a layered value with no unit index in the same statement at the layer those
weights read (a@l-1 for weights into layer l) names that layer's vector. Each statement holding
both, or the weight vector alone under a derivative, is read at the entry q of that vector (a
fresh letter): w_{jq} (w_{qj} in a document whose weights are input-by-output) and a_q@l-1; and,
where the document folds the bias into its weights (w_{j0}, or a sum from 0: its vectors carry a
constant 1), at that entry too: w_{j0} is the bias b_j and the value's entry the 1. Never
a guess: a statement is left as written when its vectors are of two units or two layers, when it
also names one entry of the weight vector (\frac{\partial E}{\partial w_{ki}} = ...
\frac{\partial z_k}{\partial w_k}: w_k a slip for w_{ki}, or a vector beside a scalar), when a
value vector is at another layer than the one the weights read (the entries would not pair), or
when a weight vector and a value vector multiply each other (a dot product, not entries). Pure:
statements and the source in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from .symbols import LAYERED, _all_symbols, expressions, map_expressions

_WEIGHTS = {"w", "W"}
_FRESH = "qpnmvus"


def _layer_below(layer: str) -> str | None:
    """'l' -> 'l-1', 'l+1' -> 'l', 'L' -> 'L-1'; None for a number (read already)."""
    m = re.fullmatch(r"([A-Za-z]+)([+-]\d+)?", layer)
    if not m:
        return None
    shift = int(m.group(2) or 0) - 1
    return m.group(1) + (f"{shift:+d}" if shift else "")


def _vectors(stmt: Statement, below: dict) -> tuple[set, set] | None:
    """(weight vectors, value vectors) of a statement, or None when it is not read (module doc)."""
    weights, values, units, entries = set(), set(), set(), set()
    for s in _all_symbols(stmt):
        m = LAYERED.fullmatch(s.name)
        if not m or m.group(4):
            continue
        base, sub, layer = m.group(1), m.group(2), m.group(3)
        if base in _WEIGHTS and sub and len(sub) == 1 and sub.isalpha():
            weights.add((s, sub, layer))
        elif base in _WEIGHTS and sub:
            entries.add((sub, layer))
        elif not sub and base not in _WEIGHTS and base not in ("b", "delta", "z"):
            values.add((s, layer))
        elif sub and base not in _WEIGHTS:
            units |= {(c, layer) for c in sub}
    if not weights or len({(u, lay) for _, u, lay in weights}) != 1:
        return None
    _, unit, layer = next(iter(weights))
    if any(lay == layer and unit in sub for sub, lay in entries):
        return None  # w_k beside w_{ki}, one of its entries: a slip for w_{ki} or a vector, not read
    if any(lay != below.get(layer) for _, lay in values):
        return None
    # the unit letter on a value of another layer (a_j^{(1)} beside w_j^{(2)}: the weight from
    # unit j below into a one-unit layer), or on nothing of the weights' own layer: not read
    placed = {lay for u, lay in units if u == unit}
    if placed - {layer} or not placed and not values:
        return None
    return weights, values


def _multiplied(stmt: Statement, weights: set, values: set) -> bool:
    """Does a product hold a weight vector and a value vector together (a dot product)?"""
    w = {s for s, *_ in weights}
    v = {s for s, _ in values}
    for e in expressions(stmt):
        for term in sp.preorder_traversal(e):
            if isinstance(term, sp.Mul) and term.free_symbols & w and term.free_symbols & v:
                return True
    return False


# the bias folded into the weights: w_{j0}, w_{0j}, or a sum from 0 (\sum_{k=0})
_FOLDED = re.compile(
    r"(?<![A-Za-z\\])[wW]_\{\s*(?:[a-z]\s*,?\s*0|0\s*,?\s*[a-z])\s*\}|\\sum_\{\s*[a-z]\s*=\s*0\s*\}"
)


def _bias(stmt: Statement, weights: set, values: set) -> Statement:
    """The statement at the entry on the constant 1: each weight vector its unit's bias."""
    rename: dict = {s: sp.Symbol(f"b_{unit}@{layer}") for s, unit, layer in weights}
    rename.update({s: sp.Integer(1) for s, _ in values})
    return map_expressions(stmt, lambda e: e.xreplace(rename))


def _entry(stmt: Statement, weights: set, values: set, into_first: bool) -> Statement:
    taken = {c for s in _all_symbols(stmt) for c in s.name}
    q = next((c for c in _FRESH if c not in taken), None)
    if q is None:
        return stmt
    rename = {}
    for s, unit, layer in weights:
        base = LAYERED.fullmatch(s.name).group(1)  # type: ignore[union-attr]
        rename[s] = sp.Symbol(f"{base}_{unit + q if into_first else q + unit}@{layer}")
    for s, layer in values:
        base = LAYERED.fullmatch(s.name).group(1)  # type: ignore[union-attr]
        rename[s] = sp.Symbol(f"{base}_{q}@{layer}")
    return map_expressions(stmt, lambda e: e.xreplace(rename))


def apply(statements: list, conventions: dict, source: str) -> list:
    """Each statement in a unit's weight vector read at its entries (module doc); the conventions'
    weight_layers 'into' (W^l feeds layer l) or 'out-of', and weights the orientation."""
    weight_layers, weights = conventions["weight_layers"], conventions.get("weights", "")
    folded = bool(_FOLDED.search(source))
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement):
            out.append(stmt)
            continue
        named = [LAYERED.fullmatch(s.name) for s in _all_symbols(stmt)]
        layers = {m.group(3) for m in named if m and m.group(1) in _WEIGHTS}
        below = {lay: (_layer_below(lay) if weight_layers != "out-of" else lay) for lay in layers}
        found = _vectors(stmt, below)
        if found is None or _multiplied(stmt, *found):
            out.append(stmt)
            continue
        out.append(_entry(stmt, *found, into_first=weights != "input-by-output"))
        if folded:
            out.append(_bias(stmt, *found))
    return out
