"""The truth a statement is judged against: the chain-rule factors of d num / d den in the
network, from the Derivation where it has them (a gradient's factors, a δ, a local factor),
else differentiated through the graph of forward definitions. Pure: no numbers, no IO."""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from ..derivation import Factor
from ..errors import SympropError
from ..memo import kept
from .display import said

if TYPE_CHECKING:
    from .resolve import Network


TRUTHS_KEPT = 4096  # truths remembered per process (one key: the network, num and den)

# A truth depends only on the network (its Derivation, a function of the spec) and the partial:
# the names, values and δ sign a document brings never enter it. The statements of a document's
# instances, its other options and its planted variants ask for the same few hundred partials
# thousands of times (the published corpus: 5878 asks, 523 distinct).
_TRUTHS: dict[tuple, tuple[Factor, ...]] = {}


def true_factors(net: Network, num: sp.Expr, den: sp.Expr, where: str = "") -> tuple[Factor, ...]:
    """The chain-rule factors of d num / d den, from the Derivation where it has them. A partial
    of no quantity raises each time it is asked (its message names the statement), never kept."""
    return kept(_TRUTHS, (net.d.spec, num, den), lambda: _true_factors(net, num, den, where), TRUTHS_KEPT)


def _true_factors(net: Network, num: sp.Expr, den: sp.Expr, where: str) -> tuple[Factor, ...]:
    d = net.d
    for x in (num, den):
        quantity = x in net.nodes or x == d.loss_symbol
        # the numerator may be a formula of the network's quantities: ∂((T - L_k)^2/2)/∂L_k
        # and the denominator one the document defined: ∂E/∂e_j with e_j = d_j - y_j (Haykin)
        formula = x.free_symbols and x.free_symbols <= net.nodes | {d.loss_symbol}
        formula = formula and (x is num or _solvable(d, x) is not None or affine(net, x) is not None)
        if not quantity and not formula:
            what = f"the number {x}" if x.is_number else said(d, x)
            raise SympropError(
                f"{where}∂{_atom(d, num)}/∂{_atom(d, den)}: {what} is not a quantity of the network",
                "differentiate the loss, an output, a z, an activation f(z), a parameter or an input",
            )
    if num == d.loss_symbol and den in d.params:
        return d.gradient(den).factors
    if num == d.loss_symbol and den in net.deltas:
        return net.deltas[den]
    if (num, den) in net.locals:
        return (net.locals[(num, den)],)
    if den not in net.nodes and den != d.loss_symbol and _solvable(d, den) is None:
        q, c = affine(net, den) or (den, sp.Integer(1))  # ∂L/∂(-b): a threshold; ∂ŷ/∂(z - b)
        through = d.gradient(q).factors if num == d.loss_symbol and q in d.params else None
        value = sp.Mul(*[f.value for f in through]) if through else _partial(net, num, q)
        return (Factor(num, den, value / c),)
    if den not in net.nodes and den != d.loss_symbol:
        return (Factor(num, den, _by_formula(net, num, den)),)
    z = next((z for z, out in net.names.top.items() if out == num), None)
    if z is not None and den != z and (num, z) in net.locals:  # ∂O/∂w = ∂O/∂z_O · ∂z_O/∂w
        return (net.locals[(num, z)], Factor(z, den, _partial(net, z, den)))
    layer = net.names.z_layer
    if num in layer and den in layer and layer[num] == layer[den] + 1:  # ∂z_k/∂z_j = w_kj · f'(z_j)
        a = next((a for a in net.names.hidden_a.values() if (a, den) in net.locals), None)
        if a is not None:
            return (Factor(num, a, _partial(net, num, a)), net.locals[(a, den)])
    return (Factor(num, den, _partial(net, num, den)),)


def quantity(net: Network, lhs: sp.Expr, where: str) -> sp.Expr:
    """The value of a defined quantity (z, a, an output, the loss, one output's error) in the
    forward intermediates; anything else is not a quantity of the network."""
    if lhs == net.d.loss_symbol:
        return net.d["L"].rhs
    if lhs in net.nodes or lhs.free_symbols and lhs.free_symbols <= net.nodes:
        return net.d.definitions().get(lhs, lhs) if lhs in net.names.z_layer else lhs
    raise SympropError(
        f"{where}{said(net.d, lhs)} is not a quantity of the network",
        "define a z, an activation, an output or the loss",
    )


def _atom(d, x: sp.Expr) -> str:
    """x in a derivative ∂x/∂y: in parentheses when it is a formula."""
    return f"({said(d, x)})" if x.is_Add or x.is_Mul or x.is_Pow else said(d, x)


def _solvable(d, den: sp.Expr) -> sp.Symbol | None:
    """The output a defined quantity is linear in (e_j = d_j - y_j: y_j), to differentiate by it."""
    for q in sorted(den.free_symbols & set(d.outputs), key=str):
        c = sp.diff(den, q)
        if c != 0 and not c.free_symbols:
            return q
    return None


def affine(net: Network, den: sp.Expr) -> tuple[sp.Basic, sp.Expr] | None:
    """(q, c) when a denominator is c·q + k, q one quantity of the network and k made of the
    parameters, inputs and targets only (held fixed as one differentiates): -b, a threshold
    (θ = -b); z - b, the weighted sum without its bias (Zhou's β_j = Σ_h w_{hj} b_h). A formula in
    two quantities that move (z_1 + z_2) is none."""
    d = net.d
    fixed = set(d.params) | set(d.inputs) | set(d.targets)
    free = den.free_symbols
    moving = [s for s in free if s not in fixed]
    if len(moving) > 1 or not moving and len(free) != 1:
        return None
    q = moving[0] if moving else next(iter(free))
    c = sp.diff(den, q)
    if c == 0 or c.free_symbols or sp.diff(den - c * q, q) != 0:
        return None
    return q, c


def _by_formula(net: Network, num: sp.Expr, den: sp.Expr) -> sp.Expr:
    """d num / d u for a quantity u the document defined in terms of an output q: num written
    in u (q solved from u = den), differentiated, and u written back."""
    d = net.d
    q = _solvable(d, den)
    assert q is not None
    c = sp.diff(den, q)
    D = sp.Dummy("D")
    expr = d["L"].rhs if num == d.loss_symbol else num
    value = sp.diff(sp.expand(expr.xreplace({q: (D - (den - c * q)) / c})), D)
    return _fold(net, sp.factor(value.xreplace({D: den})))


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
