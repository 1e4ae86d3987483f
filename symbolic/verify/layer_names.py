r"""A letter per layer: units, weights and thresholds named by other letters in each layer, read
off the document's own forward definitions (Zhou Zhihua's 'Machine Learning', sec. 5.3):

    b_h = f(\sum_i v_{ih} x_i - \gamma_h) = f(\alpha_h - \gamma_h)
    \hat{y}_j = f(\sum_h w_{hj} b_h - \theta_j) = f(\beta_j - \theta_j)

Each definition X_u = f(\sum_m V_{mu} Y_m ± T_u) names one layer: its input Y is the input x (the
first layer) or the output of the layer it defines before; then X is that layer's output, V its
weight (from unit m into unit u, whichever order its indices are written in), T its bias, or,
subtracted, its threshold (the bias negated), and A in a second side f(A_u ± T_u) the weighted
sum without the bias (z - b). The names are rewritten in Ng's bracket layers (a^{[1]}_h,
W^{[1]}_{hi}, b^{[1]}_h, z^{[1]}_h - b^{[1]}_h), which the rest of the verifier reads; a
derivative by a threshold or by such a sum is the derivative by the bias or the net input over
its coefficient (truth.affine). Read only when the chain of definitions covers every layer of the
network once and no letter names two things; otherwise the statements are left as they are.
Pure: statements in, statements and the names read out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..latex import Statement
from ..latex.statements import SUMMATION
from .binding import Source
from .symbols import map_expressions

_UNIT = re.compile(r"([A-Za-z]+(?:_hat)?)_([a-z])")
_WEIGHT = re.compile(r"([A-Za-z]+)_([a-z])([a-z])")


@dataclass(frozen=True)
class Layer:
    n: int
    line: int
    out: str  # the output's base: b (Zhou's hidden output), y_hat
    weight: str  # v, w
    input_first: bool  # V_{mu}: from m into u
    bias: str  # gamma, theta ('' when none is written)
    sign: int  # +1: added (a bias), -1: subtracted (a threshold)
    summed: str  # alpha, beta: the weighted sum without the bias ('' when not written)


def _definition(stmt: Statement, inputs: str) -> tuple[Layer, str] | None:
    """(the layer one definition names, its output's base) when the statement is
    X_u = f(\\sum_m V Y_m ± T_u) [= f(A_u ± T_u)] with Y_m of base `inputs`."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol) or not stmt.sides:
        return None
    head = _UNIT.fullmatch(stmt.lhs.name)
    if head is None:
        return None
    u = head.group(2)
    summed, weight, input_first, bias, sign = "", "", False, "", 1
    lone: list[tuple[str, int]] = []  # (base, sign) of f(A_u ± T_u)'s terms, the side without a sum
    for side in stmt.sides:
        if len(side.factors) != 1 or not isinstance(side.factors[0], AppliedUndef):
            return None
        call = side.factors[0]
        if len(call.args) != 1:
            return None
        terms = sp.Add.make_args(call.args[0])
        has_sum = any(getattr(t.as_coeff_Mul()[1], "func", None) == SUMMATION for t in terms)
        for term in terms:
            coeff, rest = term.as_coeff_Mul()
            if getattr(rest, "func", None) == SUMMATION and coeff == 1:
                body, var = rest.args[0], rest.args[1]
                names = [s.name for s in body.atoms(sp.Symbol)] if isinstance(body, sp.Mul) else []
                ws = [
                    m
                    for n in names
                    if (m := _WEIGHT.fullmatch(n)) and {m.group(2), m.group(3)} == {u, var.name}
                ]
                ys = [n for n in names if n == f"{inputs}_{var.name}"]
                if len(names) != 2 or len(ws) != 1 or len(ys) != 1 or weight:
                    return None
                weight, input_first = ws[0].group(1), ws[0].group(2) == var.name
            elif isinstance(rest, sp.Symbol) and abs(coeff) == 1 and (m := _UNIT.fullmatch(rest.name)):
                if m.group(2) != u:
                    return None
                if not has_sum:
                    lone.append((m.group(1), int(coeff)))
                    continue
                if bias and (bias, sign) != (m.group(1), int(coeff)):
                    return None
                bias, sign = m.group(1), int(coeff)
            else:
                return None
    if lone:  # f(A_u - T_u): T the bias the sum side has, A the weighted sum without it
        others = [(b, c) for b, c in lone if b != bias]
        if len(lone) != 2 or len(others) != 1 or others[0][1] != 1 or (bias, sign) not in lone:
            return None
        summed = others[0][0]
    if not weight:
        return None
    layer = Layer(0, stmt.line, head.group(1), weight, input_first, bias, sign, summed)
    return layer, head.group(1)


def read(statements: list, depth: int) -> list[Layer]:
    """The layers the document's definitions name, in order from the input; [] unless they cover
    every layer once, with no base naming two things."""
    layers: list[Layer] = []
    inputs = "x"
    for _ in range(depth):
        found = [f for s in statements if (f := _definition(s, inputs)) is not None]
        if len({f[0] for f in found}) != 1:  # none, or two definitions of one layer that differ
            return []
        layer, out = found[0]
        layers.append(replace(layer, n=len(layers) + 1))
        inputs = out
    bases = [b for layer in layers for b in (layer.out, layer.weight, layer.bias, layer.summed) if b]
    if len(bases) != len(set(bases)) or {"x", "y", "t", "z", "a", "W", "delta"} & set(bases):
        return []
    return layers


def _mapping(layers: list[Layer]):
    """name -> its value in bracket layers, for every name of the layers' bases."""
    by_base: dict[str, tuple[str, Layer]] = {}
    for layer in layers:
        by_base[layer.out] = ("out", layer)
        by_base[layer.weight] = ("weight", layer)
        if layer.bias:
            by_base[layer.bias] = ("bias", layer)
        if layer.summed:
            by_base[layer.summed] = ("summed", layer)

    def value(name: str) -> sp.Expr | None:
        w = re.fullmatch(r"([A-Za-z]+)_([a-z0-9])([a-z0-9])", name)  # w_{hj}, and w_{q1} of a sum written out
        if w and by_base.get(w.group(1), ("",))[0] == "weight":
            layer = by_base[w.group(1)][1]
            into, source = (w.group(3), w.group(2)) if layer.input_first else (w.group(2), w.group(3))
            return sp.Symbol(f"W_{into}{source}@[{layer.n}")
        m = re.fullmatch(r"([A-Za-z]+(?:_hat)?)_([a-z0-9]+)", name)
        if not m or m.group(1) not in by_base:
            return None
        kind, layer = by_base[m.group(1)]
        unit, n = m.group(2), layer.n
        if kind == "out":
            return sp.Symbol(f"a_{unit}@[{n}")
        b = sp.Symbol(f"b_{unit}@[{n}")
        if kind == "bias":
            return layer.sign * b
        if kind == "summed":  # X = f(A ± T): z = A + b, so A = z - b
            return sp.Symbol(f"z_{unit}@[{n}") - b
        return None

    return value


def apply(statements: list, depth: int) -> tuple[list, list[Source]]:
    """The statements in bracket layers when the document names a letter per layer, and what
    each of its names was read as."""
    layers = read(statements, depth)
    if not layers:
        return statements, []
    value = _mapping(layers)

    def swap(e: sp.Basic) -> sp.Basic:
        subs = {s: v for s in e.atoms(sp.Symbol) if (v := value(s.name)) is not None}
        return e.xreplace(subs) if subs else e

    out = [map_expressions(s, swap) if isinstance(s, Statement) else s for s in statements]
    sources = []
    for layer in layers:
        n = layer.n
        bias = f"b^{{[{n}]}}" if layer.sign > 0 else f"-b^{{[{n}]}}"  # a threshold: the bias negated
        shown = {layer.out: f"a^{{[{n}]}}", layer.weight: f"W^{{[{n}]}}", layer.bias: bias}
        shown[layer.summed] = f"z^{{[{n}]}} - b^{{[{n}]}}"
        for base, what in shown.items():
            if base:
                sources.append(Source(base, sp.Symbol(what), layer.line, "layer names"))
    return out, sources
