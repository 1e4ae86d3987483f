r"""A matrix statement whose shapes do not fit only because a bare name's shape was guessed.

The matrix evaluator (matrix.py) gives a bare name the network does not know (h, z, a letter the
document never defines in a form symprop reads) the shape 1×1, so that λ, η or α scale a matrix.
When such a statement's shapes then fail to fit, the misfit says nothing about the author: h in
`h = \sigma(W^{(1)} x + b^{(1)})` is a vector the document defines, not a number. Such a statement
is not checked, with the name, rather than called wrong (Cross Validated 201914 was called wrong
three times so).

A name with a subscript and no layer (\\delta_1, U_2) is guessed as much as the bare name: its
subscript is not read as a unit's index without the layer it belongs to.
Known shapes: the network's own bare names (x, y, a, \hat y: matrix._whole), the number of
examples m (and n, N), the losses, the accumulators, and the names the document defines in a
form that is read (`Layout.vectors`); and the scalars authors write as such: a learning rate,
a regularization weight, a small constant (Greek letters), a number. Pure.
"""

from __future__ import annotations

from ..latex.matrix import ACCUMULATORS, MatrixStatement
from .names import LOSS_NAMES

KNOWN = {"x", "y", "a", "y_hat", "m", "n", "N", "X", "Y", "A", "Z"}
SCALARS = {
    "eta",
    "alpha",
    "lambda",
    "epsilon",
    "varepsilon",
    "gamma",
    "beta",
    "mu",
    "rho",
    "tau",
    "kappa",
    "theta",
    "nu",
    "e",  # Euler's number
}


def guessed(lay, m: MatrixStatement) -> str:
    """The first bare name of `m` whose shape the evaluator guessed (1×1), or ''."""
    from .matrix import GREEK, _names

    for node in _names(m):
        base, layer, index = node.args[0], node.args[1], node.args[2]
        if layer:
            continue
        if base in KNOWN or base in SCALARS or base in LOSS_NAMES or base in ACCUMULATORS:
            continue
        if base in lay.vectors or base in lay.roles or (base, index) in lay.gradients:
            continue
        # an entry of a guessed name is guessed too: Clark's \delta_1 = \partial J/\partial \theta,
        # a vector the document numbers, is no unit's error
        return GREEK.get(base, base) + (f"_{index}" if index else "")
    return ""


def reason(name: str) -> str:
    return (
        f"unknown name {name}: the shapes do not fit with {name} taken as a number, "
        "and no line defines it in a form symprop reads"
    )
