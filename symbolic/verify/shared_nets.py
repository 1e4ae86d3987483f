r"""One letter for a quantity of two layers, told apart by the unit's index letter (Hertz, Krogh &
Palmer's `h_j = \sum_k w_{jk} \xi_k` into hidden unit j and `h_i = \sum_j W_{ij} V_j` into output
unit i, with `V_j = g(h_j)` and `O_i = g(h_i)`), and an input letter of the document's own (ξ_k).

Helpers of layer_names.py's letter-per-layer reading: a base may name the net input (or the
output) of two layers only when each layer's definition writes its own unit letter (j in one, i
in the other); then h_j is the hidden unit's and h_i the output's, and h with any other index
(h_1, h_m) says no layer: it names nothing (not checked, never guessed). The first layer's input
may be a letter other than x when no statement defines it (ξ is only ever summed over). A side
that inlines the forward pass (`g(\sum_j W_{ij} g(\sum_k w_{jk} \xi_k))`) is passed over as a
definition's form. Pure.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef


def nested(e: sp.Basic) -> bool:
    """Whether a side holds a sum whose body applies a function (the forward pass inlined)."""
    if not isinstance(e, sp.Basic):
        return False
    for x in sp.preorder_traversal(e):
        if (
            type(x).__name__ == "Summation"
            and x.args
            and any(isinstance(a, AppliedUndef) for a in sp.preorder_traversal(x.args[0]))
        ):
            return True
    return False


def first(statements: list, found: list) -> list:
    """The first layer's definitions in an input letter of the document's own: those (of the
    definitions `found` with any input letter) whose input no statement defines."""
    defined = {
        s.lhs.name.partition("_")[0] for s in statements if isinstance(getattr(s, "lhs", None), sp.Symbol)
    }
    return [f for f in found if f is not None and f[0].source and f[0].source not in defined]


def one_activation(found: set[tuple[str, str]], letter: str) -> str:
    """The one activation base X of X_u = f(N_u) found, those in the layer's unit letter first."""
    mine = {base for base, u in found if u == letter}
    bases = mine or {base for base, _ in found}
    return bases.pop() if len(bases) == 1 else ""


def repeated(layers: list, bases: list[str]) -> bool:
    """Whether a base names two things: not when only the outputs of layers with distinct unit
    letters share it (h_j, h_i), or their activations do."""
    seen: dict[str, list] = {}
    for layer in layers:
        for kind in ("out", "weight", "bias", "summed", "act"):
            b = getattr(layer, kind)
            if b:
                seen.setdefault(b, []).append((kind, layer.letter))
    for uses in seen.values():
        if len(uses) < 2:
            continue
        kinds, letters = {k for k, _ in uses}, [u for _, u in uses]
        if len(kinds) != 1 or kinds - {"out", "act"} or "" in letters or len(set(letters)) != len(letters):
            return True
    return len(bases) != sum(len(u) for u in seen.values())


def pick(layers: list, base: str, unit: str):
    """(kind, layer) of a unit name in a base two layers share, the layer by its unit letter
    ((kind, None) when the index is no layer's letter); None when the base is not shared."""
    for kind in ("out", "act"):
        owners = [layer for layer in layers if getattr(layer, kind) == base]
        if len(owners) > 1:
            mine = [layer for layer in owners if layer.letter == unit]
            return (kind, mine[0] if len(mine) == 1 else None)
    return None
