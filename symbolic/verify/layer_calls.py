r"""A generic activation letter applied to a whole layer in a matrix statement: `A[l] = g(Z[l])`,
Ng's `A^{[l]} = g^{[l]}(Z^{[l]})`, where l runs up to a softmax output. g of a layer is that
layer's activation; for an element-wise one the entries say it (g(z_j) each), but a softmax
layer's is a function of the whole column: g(Z^{[L]}) is then softmax(Z^{[L]}), entry k the
output k. Only g, f, h, φ with no prime, and only when the column is exactly the layer's
pre-activations in order, or its weighted sums written out (Kyle Lo's \phi(w^T x)); anything
else is left as written (one unit's g(z_k) of a softmax layer stays refused by names.py). A
word that names one of the reader's own functions (\log, \ln, \exp, \sin ...; not tanh, an
activation read as the network's rule) is that function entry by entry, never an unknown
function of the same name.
"""

from __future__ import annotations

import sympy as sp

from ..latex.vocabulary import FUNCTIONS

GENERIC = frozenset({"g", "f", "h", "varphi", "phi"})
# the reader's own functions of one number, applied entry by entry (max, min: over the entries;
# tanh, an activation's spelling, is read as the network's rule by names.py like sigma and ReLU)
ENTRYWISE = frozenset({"exp", "log", "ln", "sinh", "cosh", "sech", "sin", "cos", "abs"})


def whole_layers(activations) -> frozenset[int]:
    """The layers (1-based) whose activation is not element-wise (softmax)."""
    return frozenset(n for n, rule in enumerate(activations, start=1) if not rule.elementwise)


def word_for(word: str, column: sp.Matrix, layers: frozenset[int]) -> str:
    """'softmax' for a generic letter applied to a softmax layer's whole z column, else word."""
    if word not in GENERIC or not layers or column.shape[1] != 1:
        return word
    for n in layers:
        if list(column) == [sp.Symbol(f"z_{n},{j}") for j in range(1, column.shape[0] + 1)]:
            return "softmax"
        if all(_weighted_sum(e, n) for e in column):  # \phi(w^T x): each entry a sum into layer n
            return "softmax"
    return word


def _weighted_sum(e: sp.Expr, n: int) -> bool:
    """Is e a sum of products of layer n's weights and the layer below's outputs (a bias of layer
    n beside them or not)? Which unit's it is, is the reading's to check (names.py: a sum that is
    no net input is refused)."""
    below = ("x_",) if n == 1 else (f"a_{n - 1},",)
    names = [s.name for s in e.free_symbols if isinstance(s, sp.Symbol)]
    weights = [m for m in names if m.startswith(f"W_{n},")]
    rest = [m for m in names if not m.startswith((f"W_{n},", f"b_{n},", *below))]
    return isinstance(e, sp.Add) and bool(weights) and not rest


def function_for(word: str, column: sp.Matrix, layers: frozenset[int]):
    """What a call applies to each entry of `column`: the reader's own function for a word it
    knows (ln(a^{[2]}) is the logarithm of every entry), else the named function word_for says."""
    if word in ENTRYWISE:
        return FUNCTIONS[word]
    return sp.Function(word_for(word, column, layers))
