r"""Layers written as plain subscripts (`x_i = f_i(W_i x_{i-1})`, `latex/subscript_layers.py`
reads them): what the verdict says of it, and the forward definitions of a network without biases.

- The reading is said with the line of the product that shows it (W_3x_2: W_3 a matrix times
  the vector of the layer below), as the other conventions read off a document are.
- A forward definition x_k = f_k(W_k x_{k-1}) in a document that writes no bias is the
  document's network, not symprop's (one bias per unit): said not checked, as d2l's z = W x is
  (`running.NO_BIAS`); the gradients, the same with or without biases, are checked.
Pure: statements and the document's text in, statements, notes and sources out.
"""

from __future__ import annotations

import sympy as sp

from ..latex import shifted_letters
from ..latex.matrix import MatrixStatement, Node
from ..latex.subscript_layers import Plan, detect
from .binding import Source
from .ditto import Unchecked
from .matrix_nodes import tree_nodes
from .running import NO_BIAS, NO_BIAS_FIX

HOW = "subscript layers"
SHIFTED = "layer offsets"
_ROLES = {"z": "net input", "a": "output", "W": "weights", "b": "bias", "delta": "error (∂L/∂net input)"}


def sources(plan: Plan) -> list[Source]:
    """What the document's subscripts were read as, and the line that says it."""
    means = sp.Symbol(f"{plan.weight}_k into layer k, {plan.vector}_0 the input")
    return [Source(plan.said, means, plan.line, HOW)]


def shifted(text: str) -> list[Source]:
    """What each letter family's subscript was read as (latex/shifted_letters.py): f_k the net
    input of layer k+1, h_k the output of layer k, ..., with the line of the first forward row."""
    shifts = shifted_letters.detect(text)
    if shifts is None:
        return []
    said = []
    for base, (role, off) in sorted(shifts.families.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        layer = f"k{off:+d}" if off else "k"
        said.append(f"{base}_k the {_ROLES[role]} of layer {layer}")
    inputs = ", ".join(sorted(shifts.inputs))
    means = "; ".join(said) + (f"; {inputs} the input" if inputs else "")
    return [Source(means, sp.Symbol(means), shifts.line, SHIFTED)]


def _output(n: Node) -> bool:
    """a^{[k]} (x_k as written): a layer's output."""
    while n.kind == "paren":
        n = n.args[0]
    return n.kind == "name" and n.args[0] == "a" and n.args[1].startswith("[") and not n.args[2]


def _forward(m: MatrixStatement) -> bool:
    """x_k = f_k(W_k x_{k-1}): a layer's output equal to an activation of a weight product."""
    parts = [m.lhs, *(s.node for s in m.sides)]
    if not any(_output(p) for p in parts):
        return False
    calls = [n for p in parts for n in tree_nodes(p) if n.kind == "call" and not n.args[0].endswith("_prime")]
    weighted = any(
        x.kind == "name" and x.args[0] == "W" and x.args[1].startswith("[")
        for c in calls
        for x in tree_nodes(c.args[1])
    )
    return weighted and not any(x.kind == "name" and x.args[0] == "b" for p in parts for x in tree_nodes(p))


def apply(statements: list, text: str, keep: bool = False) -> tuple[list, list[Unchecked], list[Source]]:
    """The statements without the forward definitions of a network without biases (`keep`: with
    them, read as the document's network's: verify/no_bias.py), a note for each, and what the
    subscripts were read as (the module's doc)."""
    plan: Plan | None = detect(text)
    if plan is None:
        return statements, [], []
    found = sources(plan)
    if not plan.biasless:
        return statements, [], found
    out, notes = [], []
    for s in statements:
        if isinstance(s, MatrixStatement) and _forward(s):
            notes.append(Unchecked(s.line, s.col, NO_BIAS, NO_BIAS_FIX))
            if keep:
                out.append(s)
        else:
            out.append(s)
    return out, notes, found
