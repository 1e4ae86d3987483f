"""derive(spec) -> Derivation: forward steps, then the chain rule over named intermediates.

The chain rule is applied to the graph z -> a -> z -> ... -> out -> L one edge at a time, with
local factors taken from the activation and loss tables. Where a node feeds several units above,
the paths are summed and written with the deltas of that layer. Nothing here differentiates an
expanded loss: that route is exponential in depth and is kept for the independent checks.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import sympy as sp
from sympy.matrices.expressions import DiagMatrix, HadamardProduct
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from . import functions as fn
from .derivation import OUT, Derivation, Equation, Factor, LayerInfo, Y, Z
from .naming import Naming
from .spec import NetworkSpec

SCALAR_LIMIT = 5_000  # above this many parameters, only the delta (matrix) form is built

# the rules' generic symbols Z, OUT, Y live in derivation.py; printers read them as d.z, d.out, d.y


class SoftmaxVector(sp.Function):
    """softmax(z) of a whole layer, for the matrix form."""


def derive(spec: NetworkSpec, scalar: bool | None = None) -> Derivation:
    """The whole derivation of `spec`. `scalar=None` builds factor lists when the net is small."""
    if scalar is None:
        scalar = spec.n_params <= SCALAR_LIMIT
    naming = Naming(spec.naming, spec.sizes, spec.shared_bias)
    layers = _layers(spec, naming)
    L, eta = naming.loss(), naming.eta()
    n_out = spec.sizes[-1]
    outputs = tuple(naming.out(k) for k in range(1, n_out + 1))
    targets = tuple(naming.y(k) for k in range(1, n_out + 1))
    inputs = tuple(naming.x(j) for j in range(1, spec.sizes[0] + 1))
    loss_expr = spec.loss(outputs, targets)

    equations: list[Equation] = []
    params: tuple = ()
    if scalar:
        builder = _Scalar(spec, naming, loss_expr, L, inputs, outputs, targets)
        equations += builder.forward()
    equations += _forward_matrix(layers)
    equations.append(
        Equation(
            "L",
            "loss",
            L,
            loss_expr,
            note=spec.loss.formula_text or spec.loss.title,
            terms=tuple(spec.loss.term(o, y) for o, y in zip(outputs, targets)),
        )
    )
    equations += _rules(spec, layers)
    if scalar:
        equations += builder.backward()
        params = builder.params
        for p in params:
            equations.append(
                Equation(f"update {naming.names[p].code}", "update", p, p - eta * naming.grad(p), param=p)
            )
    backward, layers, grad_out = _backward_matrix(spec, naming, layers, L, eta)
    equations += backward
    notes = (
        ()
        if scalar
        else (
            f"Per-parameter factor lists are not built above {SCALAR_LIMIT} parameters "
            f"({spec.arch} has {spec.n_params}); the delta form gives every gradient.",
        )
    )
    return Derivation(
        spec,
        naming,
        tuple(equations),
        layers,
        params,
        inputs,
        targets,
        outputs,
        L,
        eta,
        scalar,
        notes,
        grad_out,
    )


def _layers(spec: NetworkSpec, naming: Naming) -> tuple[LayerInfo, ...]:
    out = []
    for l, (rule, n, m) in enumerate(zip(spec.activations, spec.sizes[1:], spec.sizes), start=1):
        prime = type(f"{rule.name}_prime", (fn.Prime,), {"rule": staticmethod(rule.prime)})
        prime.activation = rule
        out.append(
            LayerInfo(
                l,
                n,
                rule,
                naming.matrix("W", l, n, m),
                naming.matrix("b", l, 1 if spec.shared_bias else n),
                naming.matrix("z", l, n),
                naming.matrix("a", l, n),
                naming.matrix("delta", l, n),
                prime,
                shared_bias=spec.shared_bias,
            )
        )
    return tuple(out)


def _apply(rule, z):
    """f applied to a layer vector: elementwise, or softmax of the whole vector."""
    if not rule.elementwise:
        return SoftmaxVector(z)
    if rule.params:
        u = sp.Dummy("u")
        return ElementwiseApplyFunction(sp.Lambda(u, rule(u)), z)
    return ElementwiseApplyFunction(rule.func, z)


def _forward_matrix(layers) -> list[Equation]:
    eqs, prev = [], None
    for layer in layers:
        a_prev = prev if prev is not None else sp.MatrixSymbol("x", layer.W.shape[1], 1)
        eqs.append(
            Equation(
                f"matrix {layer.z.name}",
                "forward_matrix",
                layer.z,
                layer.W * a_prev + (layer.ones * layer.b if layer.shared_bias else layer.b),
                layer=layer.index,
            )
        )
        eqs.append(
            Equation(
                f"matrix {layer.a.name}",
                "forward_matrix",
                layer.a,
                _apply(layer.activation, layer.z),
                layer=layer.index,
            )
        )
        prev = layer.a
    return eqs


def _rules(spec: NetworkSpec, layers) -> list[Equation]:
    """f'(z) for each activation used, dl/dout, and the output delta per element."""
    eqs, seen = [], set()
    for layer in layers:
        rule = layer.activation
        if rule.elementwise and rule.name not in seen:
            seen.add(rule.name)
            eqs.append(
                Equation(
                    f"{rule.name}'",
                    "rule",
                    layer.prime(Z),
                    rule.prime(Z),
                    layer=layer.index,
                    note=rule.formula_text,
                )
            )
    out_rule = layers[-1].activation
    scale = sp.Rational(1, spec.sizes[-1]) if spec.loss.mean_over_outputs else 1
    dl_dout = sp.diff(scale * spec.loss.term(OUT, Y), OUT)
    eqs.append(Equation("dL/dout", "rule", sp.Symbol("dL/dout"), dl_dout))
    if out_rule.elementwise:
        g = out_rule(Z)
        product = dl_dout * out_rule.prime(Z).xreplace({g: OUT})
        cancelled = sp.factor(sp.cancel(product))
        delta = cancelled if sp.count_ops(cancelled) < sp.count_ops(product) else product
        note = ""
    elif spec.loss.softmax_delta is not None:
        delta, note = spec.loss.softmax_delta(OUT, Y), spec.loss.softmax_assumption
    else:
        delta, note = None, "softmax couples the outputs: delta = (diag(out) - out out^T) dL/dout"
    if delta is not None:
        eqs.append(Equation("delta_out", "rule", sp.Symbol("delta_out"), delta, note=note))
    return eqs


def _backward_matrix(spec, naming: Naming, layers, L, eta) -> list[Equation]:
    eqs, grads = [], []
    top = layers[-1]
    grad_out = naming.matrix("dL_da", top.index, top.W.shape[0])
    naming.names[grad_out] = naming.names[grad_out].__class__(
        grad_out.name, r"\nabla_{\mathrm{out}} L", "∇ₒᵤₜL"
    )
    note = ""
    if top.activation.elementwise:
        rhs = HadamardProduct(grad_out, ElementwiseApplyFunction(top.prime, top.z))
    elif spec.loss.softmax_delta is not None:  # softmax + cross-entropy: delta = a - y
        rhs, note = top.a - naming.matrix("y", 0, top.size), spec.loss.softmax_assumption
    else:
        rhs = (DiagMatrix(top.a) - top.a * top.a.T) * grad_out
    eqs.append(
        Equation(f"matrix {top.delta.name}", "delta_matrix", top.delta, rhs, layer=top.index, note=note)
    )
    for layer, above in zip(reversed(layers[:-1]), reversed(layers[1:])):
        rhs = HadamardProduct(above.W.T * above.delta, ElementwiseApplyFunction(layer.prime, layer.z))
        eqs.append(
            Equation(f"matrix {layer.delta.name}", "delta_matrix", layer.delta, rhs, layer=layer.index)
        )
    for layer in layers:
        a_prev = layers[layer.index - 2].a if layer.index > 1 else sp.MatrixSymbol("x", layer.W.shape[1], 1)
        dW = naming.matrix("dW", layer.index, *layer.W.shape)
        db = naming.matrix("db", layer.index, layer.b.shape[0])
        grads.append(replace(layer, dW=dW, db=db))
        eqs.append(
            Equation(f"matrix {dW.name}", "gradient_matrix", dW, layer.delta * a_prev.T, layer=layer.index)
        )
        # a shared bias: 1ᵀδ, the sum of the layer's deltas (it reaches every unit)
        db_rhs = layer.ones.T * layer.delta if layer.shared_bias else layer.delta
        eqs.append(Equation(f"matrix {db.name}", "gradient_matrix", db, db_rhs, layer=layer.index))
    for layer in grads:
        for p, g in ((layer.W, layer.dW), (layer.b, layer.db)):
            eqs.append(
                Equation(f"matrix update {p.name}", "update_matrix", p, p - eta * g, layer=layer.index)
            )
    return eqs, tuple(grads), grad_out


class _Scalar:
    """Scalar forward steps and per-parameter chain-rule factor lists (small nets)."""

    def __init__(self, spec, naming, loss_expr, L, inputs, outputs, targets):
        self.spec, self.naming, self.loss_expr, self.L = spec, naming, loss_expr, L
        self.inputs, self.outputs, self.targets = inputs, outputs, targets
        self.depth = spec.depth
        self.z = {}  # (l, i) -> z symbol
        self.act = {}  # (l, i) -> expression downstream layers see: f(z) hidden, out symbol at the top
        self.params: tuple = ()
        self._chain = lru_cache(maxsize=None)(self._dL_dz)

    def forward(self) -> list[Equation]:
        nm, eqs = self.naming, []
        for j, x in enumerate(self.inputs, start=1):
            self.act[(0, j)] = x
        for l, rule in enumerate(self.spec.activations, start=1):
            n, m = self.spec.sizes[l], self.spec.sizes[l - 1]
            for i in range(1, n + 1):
                terms = tuple(nm.W(l, i, j) * self.act[(l - 1, j)] for j in range(1, m + 1))
                terms += (nm.b(l, i),)
                self.z[(l, i)] = z = nm.z(l, i)
                eqs.append(Equation(nm.names[z].code, "forward", z, sp.Add(*terms), layer=l, terms=terms))
            zs = [self.z[(l, i)] for i in range(1, n + 1)]
            for i in range(1, n + 1):
                value = rule(zs[i - 1]) if rule.elementwise else fn.softmax(i, *zs)
                a = nm.a(l, i)
                eqs.append(Equation(nm.names[a].code, "forward", a, value, layer=l))
                self.act[(l, i)] = a if l == self.depth else value
        return eqs

    def _dL_dz(self, l: int, i: int) -> tuple[Factor, ...]:
        """The chain-rule factors of dL/dz^{(l)}_i, from the loss down."""
        nm, rule = self.naming, self.spec.activations[l - 1]
        z = self.z[(l, i)]
        if l == self.depth:
            out = self.outputs[i - 1]
            if rule.elementwise:
                d_out = sp.diff(self.loss_expr, out)
                d_act = rule.prime(z).xreplace({rule(z): out})
                return (Factor(self.L, out, d_out), Factor(out, z, d_act))
            return (Factor(self.L, z, self._softmax_delta(i), kind="sum"),)
        act = self.act[(l, i)]
        above = self.spec.sizes[l + 1]
        if above == 1:
            head = self._chain(l + 1, 1) + (Factor(self.z[(l + 1, 1)], act, nm.W(l + 1, 1, i)),)
        else:
            total = sp.Add(*[nm.delta(l + 1, k) * nm.W(l + 1, k, i) for k in range(1, above + 1)])
            head = (Factor(self.L, act, total, kind="sum"),)
        return head + (Factor(act, z, rule.prime(z)),)

    def _softmax_delta(self, i: int) -> sp.Expr:
        outs, ys = self.outputs, self.targets
        if self.spec.loss.softmax_delta is not None:
            return self.spec.loss.softmax_delta(outs[i - 1], ys[i - 1])
        return sp.Add(
            *[sp.diff(self.loss_expr, o) * o * (int(j == i - 1) - outs[i - 1]) for j, o in enumerate(outs)]
        )

    def backward(self) -> list[Equation]:
        nm, eqs, locals_, params = self.naming, [], {}, []
        deltas = []
        for l in range(self.depth, 0, -1):
            for i in range(1, self.spec.sizes[l] + 1):
                factors = self._chain(l, i)
                d = nm.delta(l, i)
                deltas.append(
                    Equation(
                        nm.names[d].code,
                        "delta",
                        d,
                        sp.Mul(*[f.value for f in factors]),
                        layer=l,
                        factors=factors,
                        compact=self._delta_compact(l, i),
                    )
                )
        grads = []
        for l in range(1, self.depth + 1):
            n, m = self.spec.sizes[l], self.spec.sizes[l - 1]
            # the sheet's order: every weight of the layer row by row, then its biases
            entries = [
                (i, nm.W(l, i, j), self.act[(l - 1, j)]) for i in range(1, n + 1) for j in range(1, m + 1)
            ]
            if not self.spec.shared_bias:
                entries += [(i, nm.b(l, i), sp.Integer(1)) for i in range(1, n + 1)]
            for i, p, local in entries:
                z, chain = self.z[(l, i)], self._chain(l, i)
                factors = chain + (Factor(z, p, local),)
                for f in factors:
                    locals_.setdefault((f.num, f.den), f)
                params.append(p)
                grads.append(
                    Equation(
                        f"dL/d{nm.names[p].code}",
                        "gradient",
                        nm.grad(p),
                        sp.Mul(*[f.value for f in factors]),
                        layer=l,
                        factors=factors,
                        compact=nm.delta(l, i) * local,
                        param=p,
                    )
                )
            if self.spec.shared_bias:  # one bias for the layer, after its weights
                grads.append(self._shared_bias_gradient(l, locals_))
                params.append(grads[-1].param)
        for (num, den), f in locals_.items():
            eqs.append(Equation(f"d{num}/d{den}", "local", sp.Tuple(num, den), f.value, factors=(f,)))
        self.params = tuple(params)
        return eqs + deltas + grads

    def _shared_bias_gradient(self, l: int, locals_: dict) -> Equation:
        """dL/db^{(l)} of a bias shared by the n units of layer l: the multivariate chain rule,
        Σ_i ∂L/∂z_i · ∂z_i/∂b, one path per unit, written compactly Σ_i δ_i."""
        nm, n = self.naming, self.spec.sizes[l]
        b = nm.b(l, 1)
        paths = []
        for i in range(1, n + 1):
            path = self._chain(l, i) + (Factor(self.z[(l, i)], b, sp.Integer(1)),)
            for f in path:
                locals_.setdefault((f.num, f.den), f)
            paths.append(path)
        total = sp.Add(*[nm.delta(l, i) for i in range(1, n + 1)])
        return Equation(
            f"dL/d{nm.names[b].code}",
            "gradient",
            nm.grad(b),
            sp.Add(*[sp.Mul(*[f.value for f in path]) for path in paths]),
            layer=l,
            factors=(Factor(self.L, b, total, kind="sum"),),
            compact=total,
            param=b,
            paths=tuple(paths),
        )

    def _delta_compact(self, l: int, i: int) -> sp.Expr:
        """delta^{(l)}_i written with the deltas of the layer above (the recursion of backprop)."""
        nm, rule, z = self.naming, self.spec.activations[l - 1], self.z[(l, i)]
        if l == self.depth:
            return sp.Mul(*[f.value for f in self._chain(l, i)])
        above = self.spec.sizes[l + 1]
        total = sp.Add(*[nm.delta(l + 1, k) * nm.W(l + 1, k, i) for k in range(1, above + 1)])
        return total * rule.prime(z)
