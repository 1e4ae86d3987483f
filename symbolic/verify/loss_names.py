r"""A name of the document's own whose definition is the network's loss, written out:
Abu-Mostafa et al.'s `e(\mathbf{w}) = \left(x^{(L)} - y\right)^2` (the pointwise error, later
differentiated as `\frac{\partial e}{\partial s^{(\ell)}}`), or `err = \frac{1}{2}(t - o)^2`.

A name the network does not have is read as defined and said not checked (dummies.NEW_NAME):
Haykin's `e_j = d_j - y_j` is an error of the author's, not a claim. When the formula the name is
given is the network's loss itself (equal as formulas of the forward pass, exactly), the line
defines the loss: it is checked as a definition of the loss, like `E = \frac{1}{2}\sum_k (t_k -
o_k)^2`, and it is correct. A formula that is not the loss (an error, a residual, a sum of its
own) stays the author's name, not checked, never called wrong: nothing says it was meant as the
loss. Pure.
"""

from __future__ import annotations

import sympy as sp


def is_loss(d, value: sp.Expr) -> bool:
    """Whether `value`, a formula in the network's forward symbols, is the network's loss."""
    loss = d["L"].rhs
    if (
        not isinstance(value, sp.Expr)
        or not value.free_symbols
        or not value.free_symbols <= loss.free_symbols
    ):
        return False
    try:
        return sp.expand(value - loss) == 0
    except (TypeError, ValueError, sp.SympifyError):
        return False
