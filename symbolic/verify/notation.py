r"""Notations a document shows by itself, read off its text before anything is resolved.

- unit indices counted from 0: a sum over a layer's units that starts at 0 (3Blue1Brown's
  `\sum_{j=0}^{n_L-1}`, its bound a layer's size n_L), or a definition writing a_0 beside a bias
  b_j (z_j = w_{j0} a_0 + ... + b_j), says
  the units of a layer are 0 .. n-1; then a_0, w_{j0} name the first unit and its weight, never
  the constant input of a bias (which a sum from 1, or no sum, leaves as it was).
- a name without unit indices in a chain of one-unit layers (3Blue1Brown's a^{(L-1)}, w^{(L)}):
  the one unit (`lone_unit`);
- a sum over training examples (3Blue1Brown's \frac{1}{n}\sum_k \partial C_k/\partial w): said
  not checked, by name (symprop checks one example).
Pure: text in, conventions out (`Conventions.of` reads them; options given by the user win).
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex.statements import SUMMATION
from .weight_layers import layer_of

# \sum_{j=0}^{n_L - 1}: over a layer's units (n_L, n_{L}, n^{[l]}), not over examples (\sum_{k=0}^{n-1})
_SUM_FROM_ZERO = re.compile(
    r"\\sum(?:\\limits|\\nolimits)?\s*_\s*\{\s*\\?[A-Za-z]+\s*=\s*0\s*\}\s*\^\s*\{?\s*n\s*[_^]"
)


# a^{(L-1)}_0 beside a bias b^{(L)}_j on one line: unit 0 is a unit (its bias is written apart)
_UNIT_ZERO = re.compile(r"(?<![A-Za-z\\])a(?:\^\{[^{}]*\})?_\{?0\}?(?![0-9])")
_BIAS = re.compile(r"(?<![A-Za-z\\])b(?:\^\{[^{}]*\})?_")


def detected(text: str) -> dict:
    """The conventions `text` shows: {"first_unit": 0} when a sum over units starts at 0, or a
    definition writes an activation a_0 beside a bias b_j."""
    zero = _SUM_FROM_ZERO.search(text) or any(
        _UNIT_ZERO.search(line) and _BIAS.search(line) for line in text.split("\n")
    )
    return {"first_unit": 0} if zero else {}


def with_detected(text: str, conventions: dict | None) -> dict:
    """The user's conventions over those the document shows."""
    given = {k: v for k, v in (conventions or {}).items() if v is not None}
    return {**detected(text), **given}


EXAMPLES = "an average over training examples ({})"
EXAMPLES_FIX = "symprop checks one example's cost (C_0, L); write the derivative of that"


def over_examples(exprs: list) -> str:
    r"""The per-example cost a sum runs over (C_k in \frac{1}{n}\sum_{k=0}^{n-1} \frac{\partial
    C_k}{\partial w}), as written, or '' when no sum is over training examples."""
    for e in exprs:
        for s in sp.preorder_traversal(e):
            if getattr(s, "func", None) != SUMMATION:
                continue
            var = s.args[1].name
            for x in s.args[0].atoms(sp.Symbol):
                if re.fullmatch(rf"(?:C|L|E|J)_{re.escape(var)}", x.name):
                    return x.name
    return ""


def lone_unit(
    base: str,
    written: int,
    sizes: tuple,
    off: int,
    out_of: bool,
    shared_bias: bool,
    direction: str | tuple = "",
) -> list[int]:
    """The indices of a name written without them (3Blue1Brown's a^{(L)}, w^{(L)}) when its layers
    have one unit each: [1] (a, z, δ, b), [1, 1] (a weight between two one-unit layers); else []
    (a shared bias b^{(l)}, or a name that needs its indices). `written`: the layer as counted by
    the document (`off` 1: from the input as 1; lowercase w goes into its layer, W comes out of it)."""
    weights = ("w", "W", "Theta")
    if base == "b" and shared_bias:
        return []
    n = layer_of(base, written, off, direction, out_of) if base in (*weights, "b") else written - off
    depth = len(sizes) - 1
    if not 0 <= n <= depth or sizes[n] != 1:
        return []
    if base in weights:
        return [1, 1] if n >= 1 and sizes[n - 1] == 1 else []
    return [1]
