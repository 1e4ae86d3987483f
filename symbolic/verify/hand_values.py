"""The value of a factor as the hand wrote it, in the network's symbols (resolve.py, and the
namers of a fault: matrix_faults.py, linked_factor.py): `\frac{\\partial E}{\\partial out_{h1}}`
its true product, `(out_{o1} - target_{o1})` its names resolved, `∂E_{o1}/∂out_{h1} +
∂E_{o2}/∂out_{h1}` each derivative inside standing for its true value. Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from ..latex import PARTIAL, Partial
from .truth import true_factors

if TYPE_CHECKING:
    from .resolve import Network


def hand(net: Network, f: object, where: str) -> sp.Expr:
    """The value of one written factor in the network's symbols: a derivative its true product,
    a formula its names resolved, derivatives inside it standing for their true values."""
    if isinstance(f, Partial):
        num = net.names.resolve(f.num, where)
        den = net.names.resolve(f.den, where)
        return sp.Mul(*[t.value for t in true_factors(net, num, den, where)])
    expr = cast(sp.Expr, f)
    # derivatives inside a formula (∂E_o1/∂out_h1 + ∂E_o2/∂out_h1) stand for their true values
    inner = {p: sp.Dummy() for p in expr.atoms(AppliedUndef) if p.func == PARTIAL}
    if not inner:
        value = net.names.resolve(expr, where)
        if net.d.loss_symbol in value.free_symbols:  # σ'(z L): the loss has no value at a point
            raise SympropError(
                f"{where}the loss {net.d.loss_symbol} inside a factor", "write its derivative, not the loss"
            )
        return value
    values = {dummy: hand(net, Partial(*p.args), where) for p, dummy in inner.items()}
    names = net.names.with_values({**net.names.values, **values})
    return names.resolve(expr.xreplace(inner), where)
