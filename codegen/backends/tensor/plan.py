"""The lines of a tensor-backend module (PyTorch, JAX), from the Derivation's matrix equations.

One plan for both libraries: only the printer differs. Rows = samples, as in the NumPy module's
matrix style, and the same names as the sheet (W1, b1, z1, a1, delta1, dW1):

  forward   z = a_prev @ W.T + b, a = f(z)   (forward_matrix; a softmax output also keeps
            lse = log Σ exp z, for a cross-entropy from logits)
  loss      L = Σ l(out, y) / n               (from logits where the loss table says how)
  backward  the output δ (the Derivation's delta_out rule where it cancels a division, else
            dL/dout ⊙ f′(z) with the stable f′), each hidden δ = δ_up @ W ⊙ f′(z) (delta_matrix,
            f(z) read back from the stored a), dW = δ.T @ a_prev, db = Σ_rows δ (gradient_matrix)

`inv_n` is 1/n in the forward pass; in the backward pass it also carries the incoming gradient
of L (1 for a plain loss.backward()), so the derived backward composes with anything above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from symbolic import functions as fn

from ...module.plan import INV_N, Line
from ...terminal import loss_equation
from ...unicode import printer_for
from .printer import TensorPrinter

SOFTMAX = {  # (softmax(z), log Σ exp z) and softmax(z) alone, by library
    "torch": (
        "def _softmax_lse(z):\n"
        '    """(softmax(z), log Σ_k exp(z_k)) over the last axis: no overflow."""\n'
        "    lse = torch.logsumexp(z, dim=-1, keepdim=True)\n"
        "    return torch.exp(z - lse), lse",
        "torch.softmax({z}, dim=-1)",
    ),
    "jax": (
        "def _softmax_lse(z):\n"
        '    """(softmax(z), log Σ_k exp(z_k)) over the last axis: no overflow."""\n'
        "    lse = jax.nn.logsumexp(z, axis=-1, keepdims=True)\n"
        "    return jnp.exp(z - lse), lse",
        "jax.nn.softmax({z}, axis=-1)",
    ),
}


@dataclass
class TensorPlan:
    params: list[str] = field(default_factory=list)  # W1, b1, W2, b2 (sheet order)
    forward: list[Line] = field(default_factory=list)  # the loss pass: z, a (and lse)
    predict: list[Line] = field(default_factory=list)  # outputs only
    output: str = ""
    loss: list[Line] = field(default_factory=list)
    backward: list[Line] = field(default_factory=list)  # deltas, then gradients
    grads: list[str] = field(default_factory=list)  # dW1, db1, ... (params order)
    saved: list[str] = field(default_factory=list)  # what backward reads of the forward pass
    helpers: list[str] = field(default_factory=list)


def tensor_plan(d, printer: TensorPrinter) -> TensorPlan:
    spec, uni, code = d.spec, printer_for(d), printer.doprint
    plan = TensorPlan()
    x = sp.MatrixSymbol("x", spec.sizes[0], 1)
    printer.names[x] = "X"
    top = d.layers[-1]
    softmax_lse, softmax = SOFTMAX[printer.lib]
    for la in d.layers:
        plan.params += [code(la.W), code(la.b)]
        plan.grads += [code(la.dW), code(la.db)]
    for eq in d.of_kind("forward_matrix"):
        note = f"{uni.doprint(eq.lhs)} = {uni.doprint(eq.rhs)}"
        la = d.layers[eq.layer - 1]
        if eq.lhs == la.a and not la.activation.elementwise:
            plan.forward.append(Line(f"{code(la.a)}, lse", f"_softmax_lse({code(la.z)})", note))
            plan.predict.append(Line(code(la.a), softmax.format(z=code(la.z)), note))
            continue
        line = Line(code(eq.lhs), code(eq.rhs), note)
        plan.forward.append(line)
        plan.predict.append(line)
    plan.output = code(top.a)
    A, Ysym, Zs = (
        sp.Symbol(code(top.a), real=True),
        sp.Symbol("Y", real=True),
        sp.Symbol(code(top.z), real=True),
    )
    printer.reuse = {
        la.activation(sp.Symbol(code(la.z), real=True)): sp.Symbol(code(la.a), real=True)
        for la in d.layers
        if la.activation.elementwise
    }
    plan.loss.append(_loss_line(d, code, A, Ysym, Zs, loss_equation(uni, d)))
    eqs = d.of_kind("delta_matrix")
    first = eqs[0]
    note = f"{first.name}: {uni.doprint(first.lhs)} = {uni.doprint(first.rhs)}  (÷n: batch mean)"
    plan.backward += _output_delta(d, code, printer, A, Ysym, Zs, note)
    for eq in eqs[1:]:
        plan.backward += _hidden_delta(eq, code, printer, _label(uni, eq))
    for eq in d.of_kind("gradient_matrix"):
        rhs = f"{code(eq.rhs)}.sum(0)" if isinstance(eq.rhs, sp.MatrixSymbol) else code(eq.rhs)
        plan.backward.append(Line(code(eq.lhs), rhs, _label(uni, eq)))
    used = " ".join(line.code for line in plan.backward)
    known = ["X", "Y"] + plan.params + [name for line in plan.forward for name in line.target.split(", ")]
    plan.saved = [name for name in known if re.search(rf"\b{re.escape(name)}\b", used)]
    plan.helpers = [text for text in printer.helpers.values()]
    if any("_softmax_lse" in line.code for line in plan.forward):
        plan.helpers.append(softmax_lse)
    return plan


def _in_place(target: str, factors, code, note: str) -> list[Line]:
    """`target = fresh` then `target *= factor` for the others: a product built in the array
    its first non-symbol factor (the one with Y, ∂L/∂out, if any) makes, with no temporaries
    (allocating them cost PyTorch 13% of the whole step on W2); under JAX `*=` makes a new
    array, which XLA fuses anyway."""
    factors = list(factors)
    arrays = [f for f in factors if not (f.is_Symbol or f.is_Number)]
    fresh = next((f for f in arrays if f.has(sp.Symbol("Y", real=True))), arrays[0] if arrays else None)
    if fresh is None:
        return [Line(target, code(sp.Mul(*factors)), note)]
    factors.remove(fresh)
    return [Line(target, code(fresh), note)] + [Line(target, code(f), op="*=") for f in factors]


def _hidden_delta(eq, code, printer, note) -> list[Line]:
    """δ = (δ_up @ W) ⊙ f′(z): the matmul's array, then multiplied in place by f′'s factors."""
    args = eq.rhs.args if isinstance(eq.rhs, sp.HadamardProduct) else ()
    mm = [a for a in args if isinstance(a, sp.MatMul)]
    fs = [a for a in args if isinstance(a, ElementwiseApplyFunction)]
    if len(args) != 2 or len(mm) != 1 or len(fs) != 1 or not isinstance(fs[0].function, sp.Lambda):
        return [Line(code(eq.lhs), code(eq.rhs), note)]
    f = fs[0].function
    u = sp.Symbol(code(fs[0].expr), real=True)
    body = f.expr.xreplace({f.variables[0]: u})
    if isinstance(body, fn.Prime):
        body = body.activation.prime(u)  # the sheet's f′ (see printer.py)
    body = body.xreplace(printer.reuse)
    target = code(eq.lhs)
    lines = [Line(target, code(mm[0]), note)]
    return lines + [Line(target, code(f), op="*=") for f in sp.Mul.make_args(body) if f != 1]


def _label(uni, eq) -> str:
    return f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.rhs)}"


def _loss_line(d, code, A, Ysym, Zs, loss_note) -> Line:
    spec = d.spec
    scale = sp.Rational(1, spec.sizes[-1]) if spec.loss.mean_over_outputs else 1
    if spec.loss.logits is not None:
        term = spec.loss.logits(Zs, Ysym, sp.Symbol("lse", real=True)) * scale
        loss_note += "  (from logits)"
    else:
        term = (spec.loss.term(d.out, d.y) * scale).xreplace({d.out: A, d.y: Ysym})
    coeff, rest = term.as_coeff_Mul()  # a constant factor goes outside the sum: one pass fewer
    factor = "inv_n" if coeff == 1 else f"({code(coeff)} * inv_n)"
    return Line("L", f"({code(rest)}).sum() * {factor}", loss_note)


def _output_delta(d, code, printer, A, Ysym, Zs, note) -> list[Line]:
    """δ of the output layer: the Derivation's rule (out − y where it says so), scaled by inv_n."""
    target = code(d.of_kind("delta_matrix")[0].lhs)
    dexpr, how = _output_rule(d)
    if dexpr is not None:
        rhs = (dexpr.xreplace({d.out: A, d.y: Ysym, d.z: Zs}) * INV_N).xreplace(printer.reuse)
        return _in_place(target, sp.Mul.make_args(rhs), code, note + f"; code: {how}")
    # a softmax output under a loss of out alone: δ = a ⊙ (g − Σ_k a_k g_k), g = dL/da
    dl = _rules(d)["dL/dout"].xreplace({d.out: A, d.y: Ysym})
    a = code(A)
    return [
        Line("dL_da", code(dl * INV_N), "∂L/∂out (÷n)"),
        Line(target, f"{a} * (dL_da - {printer.sum_last.format(x=f'{a} * dL_da')})", note),
    ]


def _rules(d) -> dict:
    """The per-element rules by name (d["dL/dout"] can be a local factor of the same name: with
    --naming seed the output is called out, and its ∂L/∂out is in y_T, not the rule's y)."""
    return {eq.name: eq.rhs for eq in d.of_kind("rule")}


def _output_rule(d):
    """δ of one output in out, y, z: the Derivation's delta_out rule where it cancels a division
    by f′ (bce + sigmoid, softmax + cce: out − y), else dL/dout · f′(z), f′ as the sheet writes it
    (codegen/module/plan.py's output_delta, with the sheet's f′ where that one has the NumPy
    module's stable one)."""
    rules, rule = _rules(d), d.spec.activations[-1]
    if not rule.elementwise:
        return rules.get("delta_out"), "delta_out"
    dl = rules["dL/dout"]
    divides = any(
        p.is_Pow and p.exp.is_negative and p.has(d.out) for p in sp.preorder_traversal(sp.together(dl))
    )
    if "delta_out" in rules and divides:
        return rules["delta_out"], "delta_out"
    return dl * rule.prime(d.z), "dL/dout · f′(z)"
