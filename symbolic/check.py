"""Independent routes to every gradient, for tests and the verifier.

- `expanded(d, expr)`: substitute the named intermediates (delta, out, a, z) down to inputs and
  parameters, then each activation by its definition.
- `exact_zero(expr)`: decide expr == 0 as a rational function, its numerator the zero polynomial:
  each exp(c*m) becomes a power of a fresh generator T_m, other functions (log, Heaviside, Max)
  become opaque generators with canonical arguments. `simplify` is never used: it can hang on non-equal input.
- `evaluate(expr, point)`: high-precision numbers (mpmath through evalf).
- `central_difference(d, param, point)`: the loss itself, differentiated numerically.
"""

from __future__ import annotations

import random

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from .functions import Prime, expand_definitions


def substitute_intermediates(d, expr: sp.Basic) -> sp.Basic:
    """Replace delta, out, a and z symbols by their definitions until none is left."""
    defs = d.definitions()
    for _ in range(4 * d.spec.depth + 4):
        if not (expr.free_symbols & defs.keys()):
            return expr
        expr = expr.xreplace(defs)
    raise RuntimeError("definitions do not bottom out")  # a bug, not user input


def expanded(d, expr: sp.Basic) -> sp.Basic:
    return expand_definitions(substitute_intermediates(d, expr))


def expanded_loss(d) -> sp.Expr:
    return expanded(d, d["L"].rhs)


def exact_zero(expr: sp.Expr) -> bool:
    """True when expr is identically zero as a function of its symbols (see the module doc): the
    numerator of its rational form, over one denominator, is the zero polynomial. (No gcd is
    needed to decide that, and `cancel`'s gcds were 3-4x the time on a 4-layer network.)"""
    num, _ = sp.together(rational_form(expr)).as_numer_denom()
    try:
        return sp.Poly(num).is_zero
    except sp.GeneratorsNeeded:  # no symbol left: a number
        return sp.expand(num) == 0
    except sp.PolynomialError:  # a generator Poly refuses (a Piecewise): cancel decides
        return sp.cancel(num) == 0


def rational_form(expr: sp.Expr) -> sp.Expr:
    """expr as a rational function of its symbols and fresh generators: each exp(c*m) a power of
    T_m (exp(c*log(u)) is u**c), every other function (log, Heaviside, Max) one opaque generator
    per canonical argument. Two bottom-up passes, each node once: SymPy's `replace` rebuilds every
    exp around a changed argument, and exp's own evaluation of a large argument cost most of it."""
    expr = expand_definitions(expr).rewrite(sp.tanh, sp.exp)
    if expr.has(sp.cosh):  # sech^2(a) = 1/cosh(a)^2, tanh's derivative as tables write it
        expr = expr.rewrite(sp.cosh, sp.exp)
    gens: dict = {}

    def generator(key):
        if key not in gens:
            gens[key] = sp.Dummy(f"T{len(gens)}", positive=True)
        return gens[key]

    def split_exp(arg):
        out = sp.Integer(1)
        for term in sp.Add.make_args(sp.expand(arg)):
            coeff, mono = term.as_coeff_Mul()
            if not coeff.is_Rational:
                coeff, mono = sp.Integer(1), term
            out *= mono.args[0] ** coeff if isinstance(mono, sp.log) else generator(("exp", mono)) ** coeff
        return out

    def exps(e, go):
        if isinstance(e, sp.exp):
            return split_exp(go(e.args[0]))
        if isinstance(e, sp.Pow) and e.base is sp.E:
            return split_exp(go(e.exp))
        return _rebuilt(e, go)

    def opaque(e, go):
        if isinstance(e, (sp.Max, sp.Min)) or isinstance(e, sp.Function) and not e.is_Pow:
            return generator((e.func, tuple(sp.cancel(go(a)) for a in e.args)))
        return _rebuilt(e, go)

    return _bottom_up(_bottom_up(expr, exps), opaque)


def _rebuilt(e: sp.Basic, go) -> sp.Basic:
    args = [go(a) for a in e.args]
    return e.func(*args) if any(a is not b for a, b in zip(args, e.args)) else e


def _bottom_up(expr: sp.Basic, visit) -> sp.Basic:
    """visit(e, go) for every distinct node, children through `go` (each distinct subtree once)."""
    memo: dict = {}

    def go(e):
        out = memo.get(e)
        if out is None:
            out = memo[e] = visit(e, go)
        return out

    return go(expr)


def random_point(d, rng: random.Random, digits: int = 40, scale: float = 1.0) -> dict:
    """Values for inputs, targets and parameters; targets valid for the loss (one-hot for cce)."""
    point = {}
    for s in d.inputs + d.params:
        point[s] = sp.Float(rng.uniform(-scale, scale), digits)
    if d.spec.loss.name == "cce":
        hot = rng.randrange(len(d.targets))
        for k, y in enumerate(d.targets):
            point[y] = sp.Float(int(k == hot), digits)
    else:
        for y in d.targets:
            point[y] = sp.Float(rng.uniform(0.05, 0.95), digits)
    return point


def evaluate(expr: sp.Expr, point: dict, digits: int = 40) -> sp.Float:
    value = expand_definitions(expr).xreplace(point).evalf(digits)
    return sp.Float(value, digits) if value.is_number else value


def central_difference(d, param, point: dict, digits: int = 50, h: str = "1e-15") -> sp.Float:
    loss = expanded_loss(d)
    step = sp.Float(h, digits)
    up = {**point, param: point[param] + step}
    down = {**point, param: point[param] - step}
    return (evaluate(loss, up, digits) - evaluate(loss, down, digits)) / (2 * step)


def explicit_delta_form(d) -> dict:
    """Instantiate the delta (matrix) equations with explicit matrices: param -> gradient.

    This is how the delta form is proved equal to the scalar chain rule on small nets: SymPy's
    own matrix calculus is not used (it cannot differentiate through elementwise functions).
    """
    nm, spec = d.naming, d.spec
    subs = {}
    acts_prev = sp.Matrix(d.inputs)
    subs[sp.MatrixSymbol("x", spec.sizes[0], 1)] = acts_prev
    for layer in d.layers:
        l, n, m = layer.index, layer.size, spec.sizes[layer.index - 1]
        subs[layer.W] = sp.Matrix([[nm.W(l, i + 1, j + 1) for j in range(m)] for i in range(n)])
        subs[layer.b] = sp.Matrix(nm.biases(l))  # a shared bias: 1x1
        zs = [nm.z(l, i + 1) for i in range(n)]
        subs[layer.z] = sp.Matrix(zs)
        if l == spec.depth:
            subs[layer.a] = sp.Matrix(d.outputs)
        elif layer.activation.elementwise:
            subs[layer.a] = sp.Matrix([layer.activation(z) for z in zs])
    subs[sp.MatrixSymbol("y", spec.sizes[-1], 1)] = sp.Matrix(d.targets)
    loss = d["L"].rhs
    grad_out = next(s for s in nm.names if getattr(s, "name", "") == f"dL_da{spec.depth}")
    subs[grad_out] = sp.Matrix([sp.diff(loss, o) for o in d.outputs])

    def concrete(expr):
        e = expr.xreplace(subs).doit()
        e = e.replace(
            lambda t: isinstance(t, ElementwiseApplyFunction), lambda t: t.expr.applyfunc(t.function)
        )
        return sp.Matrix(e).applyfunc(
            lambda v: v.replace(lambda t: isinstance(t, Prime), lambda t: t.definition())
        )

    for eq in d.of_kind("delta_matrix"):  # top layer first, so each uses the one above
        subs[eq.lhs] = concrete(eq.rhs)
    out = {}
    for layer in d.layers:
        l = layer.index
        dW = next(e for e in d.of_kind("gradient_matrix") if e.lhs.name == f"dW{l}")
        db = next(e for e in d.of_kind("gradient_matrix") if e.lhs.name == f"db{l}")
        GW, Gb = concrete(dW.rhs), concrete(db.rhs)
        for i in range(layer.size):
            for j in range(spec.sizes[l - 1]):
                out[nm.W(l, i + 1, j + 1)] = GW[i, j]
        for i, b in enumerate(nm.biases(l)):
            out[b] = Gb[i, 0]
    return out


__all__ = [
    "substitute_intermediates",
    "expanded",
    "expanded_loss",
    "exact_zero",
    "rational_form",
    "random_point",
    "evaluate",
    "central_difference",
    "explicit_delta_form",
]
