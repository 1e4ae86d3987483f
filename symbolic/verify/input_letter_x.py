r"""x in a unit letter as the unit's total input, where the document says so by its use.

Dolhansky ("Artificial Neural Networks: Mathematics of Backpropagation") calls the input to node
k x_k and its output o_k = \sigma(x_k), the network's inputs being the input layer's outputs o_i:
`\frac{\partial E}{\partial w_{jk}} = (o_k - t_k) \frac{\partial}{\partial w_{jk}} \sigma(x_k)`,
`\frac{\partial x_j}{\partial w_{ij}}`. The reader takes x_k for an input, so k could be no output.
Where a statement applies the activation to x in a letter and writes the target in that letter
(\sigma(x_k) beside t_k: k an output unit, whose x_k cannot be an input), x is read as the net
input in that document's letters (letter_readings: x_k as z_k, of no input unit). Never a guess:
a document writing x in a letter anywhere else as an input (\sum_i w_{ij} x_i, x_i alone in a
product with a weight) is left as it is. Pure functions.
"""

from __future__ import annotations

import re

import sympy as sp

from .symbols import expressions

_X = re.compile(r"x_([a-z])")
_ACTIVATIONS = {"sigma", "f", "g", "sigmoid"}
_TARGETS = re.compile(r"[td]_([a-z])")


def net_inputs(statements) -> bool:
    """Does the document write x_k as the total input of unit k (module doc)?"""
    try:
        return _net_inputs(statements)
    except (TypeError, ValueError, AttributeError):  # a statement of another shape: as written
        return False


def _net_inputs(statements) -> bool:
    said = False
    for stmt in statements:
        exprs = list(expressions(stmt)) if hasattr(stmt, "sides") else []
        symbols = {s.name for e in exprs for s in e.atoms(sp.Symbol)}
        targets = {m.group(1) for n in symbols if (m := _TARGETS.fullmatch(n))}
        for e in exprs:
            for f in e.atoms(sp.Function):
                if type(f).__name__ not in _ACTIVATIONS or len(f.args) != 1:
                    continue
                m = _X.fullmatch(getattr(f.args[0], "name", ""))
                if m and m.group(1) in targets:
                    said = True
            for s in sp.preorder_traversal(e):
                if type(s).__name__ == "Summation":
                    var, body = getattr(s.args[1], "name", ""), s.args[0]
                    bare = sp.sympify(body).xreplace({f: sp.S.One for f in body.atoms(sp.Function)})  # σ(x_k)
                    names = {x.name for x in bare.atoms(sp.Symbol)}
                    if f"x_{var}" in names and any(re.fullmatch(rf"w_\w*{var}\w*", n) for n in names):
                        return False  # \sum_i w_{ij} x_i: x the input
    return said
