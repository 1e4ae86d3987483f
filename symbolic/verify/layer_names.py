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
from . import layer_orientation, shared_nets
from .binding import Source
from .signs import symbols_of
from .symbols import map_expressions

_UNIT = re.compile(r"([A-Za-z]+(?:_hat)?)_([a-z])")
_WEIGHT = re.compile(r"([A-Za-z]+)_([a-z])([a-z])")
_ZERO = re.compile(r"([A-Za-z]+)_(?:0([a-z])|([a-z])0|0)")  # w_{h0}, \alpha_{0m}, v_0: a weight's index 0
_BARE = re.compile(r"[A-Za-z]+(?:_hat)?")


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
    zero_bias: bool = False  # the bias is the weight's index 0 (Alpaydin's w_{h0}, v_0; ESL's \alpha_{0m})
    net: bool = False  # X_u = \sum_m V Y_m + T_u, no function: X is the net input (a linear output)
    single: bool = False  # the layer's one unit, its index left out (Alpaydin's y, v_h, v_0)
    source: str = ""  # the input's base: x, or the layer before's output
    act: str = ""  # X of X_u = f(N_u), N this linear row's letter: the layer's output (Fausett's z of z_in)
    letter: str = ""  # u, the unit's index letter: a letter one base names in two layers (h_j, h_i)


def _sides(stmt: Statement) -> list[tuple[tuple, bool]] | None:
    """(the terms, whether no function is applied) of each side written f(...) or as a sum
    \\sum_m V Y_m + T (a linear unit); a side of another form (Alpaydin's 1/(1 + \\exp[...]) beside
    sigmoid(w_h^T x)) is passed over, None when no side is of either form."""
    out = []
    for side in stmt.sides:
        if len(side.factors) != 1:
            continue
        e = side.factors[0]
        if shared_nets.nested(e):  # g(\sum_j W_{ij} g(\sum_k ...)): the forward pass inlined, passed over
            continue
        if getattr(e, "func", None) == SUMMATION:  # h_i = \sum_j W_{ij} V_j: a sum with no bias
            out.append(((e,), True))
        elif isinstance(e, AppliedUndef) and len(e.args) == 1:
            out.append((sp.Add.make_args(e.args[0]), False))
        elif isinstance(e, sp.Add) and any(getattr(t, "func", None) == SUMMATION for t in e.args):
            out.append((e.args, True))
    return out if out and len({net for _, net in out}) == 1 else None


def _weight_of(names: list[str], u: str, var: str, inputs: str) -> tuple[str, bool] | None:
    """(V, whether it runs from m into u) of the weight among a sum's names: V_{um} or V_{mu}, or
    V_m of a layer of one unit (u ''), beside the input Y_m."""
    if not u:
        bases = [b for n in names if (b := n.partition("_")[0]) != inputs and n.partition("_")[2] == var]
        return (bases[0], True) if len(bases) == 1 else None
    ws = [m for n in names if (m := _WEIGHT.fullmatch(n)) and {m.group(2), m.group(3)} == {u, var}]
    return (ws[0].group(1), ws[0].group(2) == var) if len(ws) == 1 else None


def _definition(stmt: Statement, inputs: str, single: bool = False) -> tuple[Layer, str] | None:
    """(the layer one definition names, its output's base) when the statement is
    X_u = f(\\sum_m V Y_m ± T_u) [= f(A_u ± T_u)] with Y_m of base `inputs`; T_u may be the
    weight's index 0 (V_{u0}), f may be left out (X the net input), and on a layer of one unit
    (`single`) the unit's index too (y = \\sum_h v_h z_h + v_0)."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol) or not stmt.sides:
        return None
    head = _UNIT.fullmatch(stmt.lhs.name)
    if head is None and not (single and _BARE.fullmatch(stmt.lhs.name)):
        return None
    base, u = (head.group(1), head.group(2)) if head else (stmt.lhs.name, "")
    summed, weight, input_first, bias, sign = "", "", False, "", 1
    zero: set[str] = set()  # the bases written with index 0 at this unit (w_{h0})
    lone: list[tuple[str, int]] = []  # (base, sign) of f(A_u ± T_u)'s terms, the side without a sum
    sides = _sides(stmt)
    if sides is None:
        return None
    for terms, _ in sides:
        has_sum = any(getattr(t.as_coeff_Mul()[1], "func", None) == SUMMATION for t in terms)
        for term in terms:
            coeff, rest = term.as_coeff_Mul()
            if getattr(rest, "func", None) == SUMMATION and coeff == 1:
                body, var = rest.args[0], rest.args[1]
                names = [s.name for s in body.atoms(sp.Symbol)] if isinstance(body, sp.Mul) else []
                found = _weight_of(names, u, var.name, inputs)
                ys = [n for n in names if n == f"{inputs}_{var.name}"] if inputs else []
                if not inputs and found is not None and len(names) == 2:  # any input letter: the other
                    ys = [n for n in names if n.partition("_") == (n.partition("_")[0], "_", var.name)]
                    ys = [n for n in ys if n.partition("_")[0] != found[0]]
                if len(names) != 2 or found is None or len(ys) != 1 or weight and weight != found[0]:
                    return None
                weight, input_first = found
                inputs = ys[0].partition("_")[0]
            elif isinstance(rest, sp.Symbol) and coeff == 1 and (z := _ZERO.fullmatch(rest.name)):
                if (z.group(2) or z.group(3) or "") != u or not has_sum:
                    return None
                zero.add(z.group(1))
            elif not u:
                return None
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
    if not weight or zero - {weight} or zero and (bias or summed):
        return None
    net = sides[0][1]
    layer = Layer(0, stmt.line, base, weight, input_first, bias, sign, summed, bool(zero), net, not u, inputs)
    layer = replace(layer, letter=u)
    return layer, base


def read(statements: list, depth: int, sizes: tuple = ()) -> list[Layer]:
    """The layers the document's definitions name, in order from the input; [] unless they cover
    every layer once, with no base naming two things. `sizes`: the network's layer widths, when
    known (a layer of one unit may leave its index out)."""
    layers: list[Layer] = []
    inputs = "x"
    for n in range(depth):
        single = len(sizes) > n + 1 and sizes[n + 1] == 1
        found = [f for s in statements if (f := _definition(s, inputs, single)) is not None]
        if not found and n == 0 and depth == 2 and (rows := _from_output(statements, sizes)):
            return rows  # the hidden layer not defined: from the output's row
        if not found and n == 0:  # \xi_k: an input letter no statement defines (shared_nets.py)
            found = shared_nets.first(statements, [_definition(s, "", single) for s in statements])
        if len({f[0] for f in found}) != 1:  # none, or two definitions of one layer that differ
            return []
        layer, out = found[0]
        act = _activation_of(statements, out, layer.letter) if layer.net and not layer.single else ""
        layers.append(replace(layer, n=len(layers) + 1, act=act))
        inputs = act or out
    return _checked(layers)


def _activation_of(statements: list, net: str, letter: str = "") -> str:
    """X of the one definition X_u = f(N_u) applying a function to the net input N a linear row
    names (Fausett's z_j = f(z_in_j) after z_in_j = v_{0j} + \\sum_i x_i v_{ij}), else ''."""
    found = set()
    for stmt in statements:
        if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol) or not stmt.sides:
            continue
        head = _UNIT.fullmatch(stmt.lhs.name)
        side = stmt.sides[0].factors  # V_j = g(h_j) = g(\sum_k ...): the first side names N
        if head is None or len(side) != 1 or not isinstance(side[0], AppliedUndef) or len(side[0].args) != 1:
            continue
        arg = side[0].args[0]
        if isinstance(arg, sp.Symbol) and arg.name == f"{net}_{head.group(2)}":
            found.add((head.group(1), head.group(2)))
    return shared_nets.one_activation(found, letter)


def _from_output(statements: list, sizes: tuple) -> list[Layer]:
    """A network of two layers whose document defines only its output, y_i = \\sum_h v_{ih} z_h +
    v_{i0} (Alpaydin's multiple outputs): the letter summed over is the hidden layer's output, the
    hidden layer's own weights unread."""
    single = len(sizes) > 2 and sizes[2] == 1
    found = [f for s in statements if (f := _definition(s, "", single)) is not None]
    # only where the bias is the weight's index 0, a convention the readers of the network's own
    # letters do not read (u_m = \\sum_r w_{mr} g_r + b_m is theirs: letter_sums.py)
    if len({f[0] for f in found}) != 1 or found[0][0].source == "x" or not found[0][0].zero_bias:
        return []
    out = found[0][0]
    if _defined_from(statements, out.source, out.out):  # o_j in the sum, o_k = f(net_k): o in every layer
        return []
    hidden = Layer(1, out.line, out.source, "", False, "", 1, "", out.zero_bias, False, False, "x")
    return _checked([hidden, replace(out, n=2)])


def _defined_from(statements: list, letter: str, net: str) -> bool:
    """Whether a statement defines a `letter` unit from the output's net input `net` (Wikipedia's
    o_k = f(net_k) beside net_k = \\sum_j w_{jk} o_j: o names the units of every layer, not the
    hidden layer's alone)."""
    for stmt in statements:
        if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol):
            continue
        if stmt.lhs.name.partition("_")[0] != letter:
            continue
        for side in stmt.sides:
            for f in side.factors:
                if isinstance(f, sp.Basic) and any(
                    x.name.partition("_")[0] == net for x in f.atoms(sp.Symbol)
                ):
                    return True
    return False


def _checked(layers: list[Layer]) -> list[Layer]:
    """The layers, or [] when a base names two things or is one of the network's own letters."""
    bases = [
        b for layer in layers for b in (layer.out, layer.weight, layer.bias, layer.summed, layer.act) if b
    ]
    # the network's own letters are left to the readers that know them; a unit's output may be
    # y or z where the biases are the weights' index 0, which those readers do not read (Alpaydin)
    own = [b for layer in layers for b in (layer.weight, layer.bias, layer.summed) if b]
    own += [
        n
        for layer in layers
        for n in (layer.out, layer.act)
        if n and (not layer.zero_bias or n not in ("y", "z"))
    ]
    weights = {layer.weight for layer in layers}
    mine = {"x", "y", "t", "z", "a", "delta"} | ({"W"} - _split_case(weights))  # W beside w (Mehlig)
    if shared_nets.repeated(layers, bases) or mine & set(own):
        return []
    return layers


def _split_case(weights: set[str]) -> set[str]:
    """{'W'} when the layers' weights are w in one layer and W in another (Mehlig's, Hertz et al.'s
    w_{jk} into the hidden layer, W_{ij} into the output): W is then one layer's letter."""
    return {"W"} if {"w", "W"} <= weights else set()


def _mapping(layers: list[Layer]):
    """name -> its value in bracket layers, for every name of the layers' bases."""
    by_base: dict[str, tuple[str, Layer]] = {}
    for layer in layers:
        by_base[layer.out] = ("out", layer)
        if layer.weight:
            by_base[layer.weight] = ("weight", layer)
        if layer.bias:
            by_base[layer.bias] = ("bias", layer)
        if layer.summed:
            by_base[layer.summed] = ("summed", layer)
        if layer.act:
            by_base[layer.act] = ("act", layer)

    def value(name: str) -> sp.Expr | None:
        if name.endswith("^+"):  # w_{jk}(new), w^{+}_{jk}: the weight after the update
            before = value(name[:-2])
            return sp.Symbol(before.name + "^+") if isinstance(before, sp.Symbol) else None
        w = re.fullmatch(r"([A-Za-z]+)_([a-z0-9])([a-z0-9])", name)  # w_{hj}, and w_{q1} of a sum written out
        if w and by_base.get(w.group(1), ("",))[0] == "weight":
            layer = by_base[w.group(1)][1]
            into, source = (w.group(3), w.group(2)) if layer.input_first else (w.group(2), w.group(3))
            if layer.zero_bias and "0" in (into, source):  # w_{h0}, \alpha_{0m}: unit h's bias
                return sp.Symbol(f"b_{into if source == '0' else source}@[{layer.n}")
            return sp.Symbol(f"W_{into}{source}@[{layer.n}")
        if name in by_base and by_base[name][1].single and by_base[name][0] == "out":  # y of one unit
            return sp.Symbol(f"{'z' if by_base[name][1].net else 'a'}_1@[{by_base[name][1].n}")
        m = re.fullmatch(r"([A-Za-z]+(?:_hat)?)_([a-z0-9]+)", name)
        if m and m.group(1) == layers[0].source != "x":  # \xi_k: the input
            return sp.Symbol(f"x_{m.group(2)}")
        if not m or m.group(1) not in by_base:
            return None
        kind, layer = shared_nets.pick(layers, m.group(1), m.group(2)) or by_base[m.group(1)]
        if layer is None:  # h_1 of a letter two layers share: which one is not said
            return None
        unit, n = m.group(2), layer.n
        if kind == "weight" and layer.single:  # v_h into the one unit, v_0 its bias
            return sp.Symbol(f"b_1@[{n}" if unit == "0" else f"W_1{unit}@[{n}")
        if kind == "out":
            return sp.Symbol(f"{'z' if layer.net else 'a'}_{unit}@[{n}")
        if kind == "act":  # X_u = f(N_u): the layer's activation
            return sp.Symbol(f"a_{unit}@[{n}")
        b = sp.Symbol(f"b_{unit}@[{n}")
        if kind == "bias":
            return layer.sign * b
        if kind == "summed":  # X = f(A ± T): z = A + b, so A = z - b
            return sp.Symbol(f"z_{unit}@[{n}") - b
        return None

    return value


def apply(statements: list, depth: int, sizes: tuple = (), weights: str = "") -> tuple[list, list[Source]]:
    """The statements in bracket layers when the document names a letter per layer, and what
    each of its names was read as; `weights`: the orientation the user gave, if any
    (layer_orientation.py)."""
    layers = layer_orientation.agreed(read(statements, depth, sizes), statements, weights)
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
        unit = f"z^{{[{n}]}}" if layer.net else f"a^{{[{n}]}}"  # a linear unit's letter: its net input
        shown = {layer.out: unit, layer.weight: f"W^{{[{n}]}}", layer.bias: bias, layer.act: f"a^{{[{n}]}}"}
        shown[layer.summed] = f"z^{{[{n}]}} - b^{{[{n}]}}"
        for base, what in shown.items():
            if base:
                sources.append(Source(base, sp.Symbol(what), layer.line, "layer names"))
    return out, sources


def note(statements: list, depth: int, bound, weights: str = ""):
    """`bound` (binding.Binding) with the reason the document's letters per layer were not read,
    on each of their names, when the layers' definitions write the weights two ways and nothing
    settles which (layer_orientation.py)."""
    layers = read(statements, depth)
    if not layers or layer_orientation.agreed(layers, statements, weights):
        return bound
    ways = ", ".join(f"line {x.line} writes {x.weight} {_said(x)}" for x in layers if x.weight)
    problem = f"the layers' definitions write their weights two ways ({ways}); no other line says which"
    fix = "give --weights input-by-output or output-by-input (how the document indexes a weight)"
    letters = {b for x in layers for b in (x.out, x.weight, x.bias, x.summed, x.act) if b}
    notes = dict(bound.notes)
    for s in {x for st in statements if isinstance(st, Statement) for x in symbols_of(st)}:
        if s.name.partition("_")[0] in letters:
            notes.setdefault(s.name, (problem, fix))
    return replace(bound, notes=notes)


def _said(layer: Layer) -> str:
    return "input-by-output" if layer.input_first else "output-by-input"
