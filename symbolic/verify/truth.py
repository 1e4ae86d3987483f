"""The truth a statement is judged against: the chain-rule factors of d num / d den in the
network, from the Derivation where it has them (a gradient's factors, a δ, a local factor),
else differentiated through the graph of forward definitions. Pure: no numbers, no IO."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from ..derivation import Factor
from ..errors import SympropError

if TYPE_CHECKING:
    from .resolve import Network


def true_factors(net: Network, num: sp.Expr, den: sp.Expr, where: str = "") -> tuple[Factor, ...]:
    """The chain-rule factors of d num / d den, from the Derivation where it has them."""
    d = net.d
    for x in (num, den):
        quantity = x in net.nodes or x == d.loss_symbol
        # the numerator may be a formula of the network's quantities: ∂((T - L_k)^2/2)/∂L_k
        formula = x is num and x.free_symbols and x.free_symbols <= net.nodes | {d.loss_symbol}
        if not quantity and not formula:
            raise SympropError(
                f"{where}∂{num}/∂{den}: {x} is not a quantity of the network",
                "differentiate the loss, an output, a z, an activation f(z), a parameter or an input",
            )
    if num == d.loss_symbol and den in d.params:
        return d.gradient(den).factors
    if num == d.loss_symbol and den in net.deltas:
        return net.deltas[den]
    if (num, den) in net.locals:
        return (net.locals[(num, den)],)
    z = next((z for z, out in net.names.top.items() if out == num), None)
    if z is not None and den != z and (num, z) in net.locals:  # ∂O/∂w = ∂O/∂z_O · ∂z_O/∂w
        return (net.locals[(num, z)], Factor(z, den, _partial(net, z, den)))
    return (Factor(num, den, _partial(net, num, den)),)


def _partial(net: Network, num: sp.Expr, den: sp.Expr) -> sp.Expr:
    """d num / d den through the graph: intermediates substituted until den is reached."""
    if num == den:
        return sp.Integer(1)
    d = net.d
    defs = d.definitions()
    forward = {s: e for s, e in defs.items() if s not in net.delta_defs}
    if num == d.loss_symbol:
        num = d["L"].rhs
    D = sp.Dummy("D")
    expr = num
    for _ in range(4 * d.spec.depth + 4):
        expr = expr.xreplace({den: D})
        subs = {s: forward[s] for s in expr.free_symbols if s in forward}
        if not subs:
            break
        expr = expr.xreplace(subs)
    value = sp.diff(expr, D).xreplace({D: den})
    return _fold(net, value)


def _fold(net: Network, expr: sp.Expr) -> sp.Expr:
    """Write substituted definitions back as their names (z_o, out) for printing."""
    for eq in net.d.of_kind("forward"):
        if eq.lhs in net.names.z_layer:
            expr = expr.xreplace({eq.rhs: eq.lhs})
        expr = net.names.forward_form(expr)
    return expr
