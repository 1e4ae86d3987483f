"""Matrix-style plan: the delta rule with matmuls, rows = samples (wide layers).

Every line comes from the Derivation's matrix equations and carries its label. Where a layer's
activation is a built-in one, the elementwise work is printed as tightly as a careful hand step:

  forward   `a, a_prime = _f_fwd(z)`: the activation table's `numpy_matrix` body overwrites z
            (the matmul's fresh array, needed no more) with f(z) and computes f′(z) alongside,
            sharing its one exp (sigmoid: σ′ = σ(z)σ(−z) from one capped exp, no cancellation);
  backward  `delta = delta_up @ W` then `delta *= a_prime`: one pass (none for the identity);
  output    a squared-error loss c·Σ(out − y)² is fused with its delta: `delta = a - Y` is made
            once, the loss is its dot product with itself, then it is scaled in place.

  gradients written by BLAS into g's views. float32 modules keep each W column by column (ORDER),
            so X @ W.T and `np.matmul(a.T, delta, out=grads['W'].T)` are plain GEMMs (OpenBLAS's
            sgemm is up to 25% slower on a transposed weight); float64 modules keep W row by row,
            where `np.matmul(delta.T, a, out=grads['W'])` is the faster dgemm.

Custom activations and losses keep the general route: each line printed from the equation.
`forward` (outputs only) prints f(z) alone: no f′, and no log Σ exp beside a softmax.
"""

from __future__ import annotations

import re

import sympy as sp

from ..numpy_printer import NumpyPrinter, batch_sum
from ..terminal import loss_equation
from ..unicode import printer_for
from .plan import INV_N, Line, Plan, output_delta

W_ORDER = {"float32": "F", "float64": "C"}  # how each W lies in the flat vector, by dtype


def matrix_plan(d, printer: NumpyPrinter, dtype: str = "float64") -> Plan:
    spec, uni = d.spec, printer_for(d)
    plan = Plan("matrix", w_order=W_ORDER[dtype])
    code = printer.doprint
    for la in d.layers:
        plan.unpack.append(f"W{la.index}, b{la.index} = params['W{la.index}'], params['b{la.index}']")
    x = sp.MatrixSymbol("x", spec.sizes[0], 1)
    printer.names[x] = "X"
    top = d.layers[-1]
    coeff = squared_error_coefficient(d)
    # the fused squared-error output needs f′(z) of the output as an array (or f′ = 1)
    fused = coeff is not None and (bool(top.activation.numpy_matrix) or _is_identity(top.activation))
    primes = {}  # layer index -> the array holding f′(z) (absent: f′ = 1, or the general route)
    values = {}  # forward's value-only spelling of a line computing f′ too (forward needs no f′)
    for eq in d.of_kind("forward_matrix"):
        note = f"{uni.doprint(eq.lhs)} = {uni.doprint(eq.rhs)}"
        la = d.layers[eq.layer - 1]
        rule = la.activation
        if eq.lhs == la.z:
            plan.forward += _in_place(code(eq.lhs), eq.rhs, sp.MatAdd, "+=", code, note)
        elif not rule.elementwise and eq.layer == spec.depth:
            plan.forward.append(Line(f"{code(eq.lhs)}, lse", f"_softmax_lse({code(top.z)})", note))
            values[plan.forward[-1].target] = Line(code(eq.lhs), f"_softmax_lse({code(top.z)})[0]", note)
        elif _is_identity(rule) and (la is not top or fused):
            plan.forward.append(Line(code(eq.lhs), code(la.z), note + "  (the same array)"))
        elif rule.numpy_matrix and (la is not top or fused):
            a = code(eq.lhs)
            primes[eq.layer] = f"{a}_prime"
            plan.forward.append(
                Line(
                    f"{a}, {a}_prime",
                    f"{_fwd_helper(printer, rule)}({code(la.z)})",
                    note + f"; {a}_prime = {rule.unicode}′({uni.doprint(la.z)})"
                    f"; in place: {code(la.z)}'s array now holds {a}",
                )
            )
            values[plan.forward[-1].target] = Line(a, code(eq.rhs), note)
        else:
            plan.forward.append(Line(code(eq.lhs), code(eq.rhs), note))
    plan.predict = [values.get(line.target, line) for line in plan.forward]
    plan.output = code(top.a)
    A, Ysym, Zs = (
        sp.Symbol(code(top.a), real=True),
        sp.Symbol("Y", real=True),
        sp.Symbol(code(top.z), real=True),
    )
    reuse = {
        la.activation(sp.Symbol(code(la.z), real=True)): sp.Symbol(code(la.a), real=True)
        for la in d.layers
        if la.activation.elementwise
    }
    eqs = d.of_kind("delta_matrix")
    first = eqs[0]
    note = f"{first.name}: {uni.doprint(first.lhs)} = {uni.doprint(first.rhs)}  (÷n: batch mean)"
    delta = code(first.lhs)
    loss_note = loss_equation(uni, d)
    if fused:
        # squared error: out − y once, the loss as its dot product, the delta scaled in place
        plan.loss.append(Line(delta, f"{code(top.a)} - Y", "out − y, made once for the loss and the delta"))
        plan.loss.append(Line("L", f"np.vdot({delta}, {delta}) * ({code(coeff)} * inv_n)", loss_note))
        scale = "inv_n" if 2 * coeff == 1 else f"{code(2 * coeff)} * inv_n"
        slope = "" if 2 * coeff == 1 else f"{code(2 * coeff)}·"
        plan.backward.append(Line(delta, scale, note + f"; ∂L/∂out = {slope}(out − y)", op="*="))
        if top.index in primes:
            plan.backward.append(Line(delta, primes[top.index], op="*="))
    else:
        plan.loss.append(_loss_line(d, code, A, Ysym, Zs, loss_note))
        plan.backward += _output_delta(d, code, A, Ysym, Zs, reuse, note)
    printer.reuse = reuse
    for eq in eqs[1:]:
        note = f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.rhs)}"
        target = code(eq.lhs)
        matmul = next((a for a in eq.rhs.args if isinstance(a, sp.MatMul)), None)
        if eq.layer in primes or (_is_identity(d.layers[eq.layer - 1].activation) and matmul):
            plan.backward.append(Line(target, code(matmul), note))
            if eq.layer in primes:
                plan.backward.append(Line(target, primes[eq.layer], op="*="))
        else:
            plan.backward += _in_place(target, eq.rhs, sp.HadamardProduct, "*=", code, note)
    plan.grad_fill = _gradient_lines(d, code, uni, plan.w_order)
    if not any(re.search(r"\blse\b", line.code) for line in plan.loss + plan.backward):
        # a softmax output under a loss of out alone: its log Σ exp is not needed
        plan.forward = [
            values[line.target] if line.target.endswith(", lse") else line for line in plan.forward
        ]
    return plan


def squared_error_coefficient(d):
    """c when the per-sample loss is c·Σ_k (out_k − y_k)² (half_se, mse, or a formula of that
    form), else None."""
    spec = d.spec
    scale = sp.Rational(1, spec.sizes[-1]) if spec.loss.mean_over_outputs else 1
    ratio = sp.cancel(spec.loss.term(d.out, d.y) * scale / (d.out - d.y) ** 2)
    return ratio if ratio.is_Number and ratio > 0 else None


def _is_identity(rule) -> bool:
    return rule.elementwise and rule.prime(sp.Dummy("z", real=True)) == 1


def _fwd_helper(printer, rule) -> str:
    """`_<name>_fwd(z)`: the table's in-place (f(z), f′(z)) body, defined once per module."""
    name = f"_{rule.name}_fwd"
    if name not in printer.helpers:
        alpha = {"alpha": printer.doprint(rule.params[0])} if rule.params else {}
        body = "\n".join(f"    {line.format(z='z', **alpha)}" for line in rule.numpy_matrix)
        printer.helpers[name] = (
            f'def {name}(z):\n    """({rule.name}(z), its derivative), '
            f'computed in place of z (which is overwritten)."""\n{body}'
        )
    return name


def _loss_line(d, code, A, Ysym, Zs, loss_note) -> Line:
    spec = d.spec
    scale = sp.Rational(1, spec.sizes[-1]) if spec.loss.mean_over_outputs else 1
    if spec.loss.numpy_logits:
        term = spec.loss.numpy_logits.format(z=code(Zs), y="Y", lse="lse")
        s = "" if scale == 1 else f" * {code(scale)}"
        return Line("L", f"np.sum({term}) * inv_n{s}", "loss (from logits)")
    term = (spec.loss.term(d.out, d.y) * scale).xreplace({d.out: A, d.y: Ysym})
    return Line("L", f"np.sum({code(term)}) * inv_n", loss_note)


def _output_delta(d, code, A, Ysym, Zs, reuse, note) -> list[Line]:
    """δ of the output layer by the general route (or out − y where the Derivation says so)."""
    first = d.of_kind("delta_matrix")[0]
    target = code(first.lhs)
    dexpr, how = output_delta(d)
    if dexpr is not None and sp.expand(dexpr - (d.out - d.y)) == 0:
        return [Line(target, f"{code(A)} - Y", note + f"; code: {how}"), Line(target, "inv_n", op="*=")]
    if dexpr is not None:
        rhs = (dexpr.xreplace({d.out: A, d.y: Ysym, d.z: Zs}) * INV_N).xreplace(reuse)
        return [Line(target, code(rhs), note + f"; code: {how}")]
    dl = d.rule("dL/dout").rhs.xreplace({d.out: A, d.y: Ysym})
    return [
        Line("dL_da", code(dl * INV_N)),
        Line(target, f"{code(A)} * (dL_da - np.sum({code(A)} * dL_da, axis=-1, keepdims=True))", note),
    ]


def _gradient_lines(d, code, uni, w_order) -> list[Line]:
    lines = [
        Line(
            "ones",
            "np.ones(X.shape[0], DTYPE)",
            "bias gradients: Σ of δ over the batch as ones @ δ (one BLAS call)",
        )
    ]
    if all(la.shared_bias for la in d.layers):  # every bias is one number: np.sum(δ), no ones
        lines = []
    for eq in d.of_kind("gradient_matrix"):
        note = f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.rhs)}"
        la = d.layers[eq.layer - 1]
        view = f"grads[{la.W.name if eq.lhs == la.dW else la.b.name!r}]"
        coeff, mats = eq.rhs.as_coeff_matrices() if eq.rhs.is_MatMul else (None, ())
        if coeff == 1 and len(mats) == 2 and isinstance(mats[1], sp.Transpose):
            # δ aᵀ summed over the batch, written by BLAS straight into g's view (no
            # temporary); with W column by column, as a.T δ into the C-contiguous W.T view
            delta, a = code(mats[0]), code(mats[1].arg)
            lines.append(
                Line(
                    "",
                    f"np.matmul({a}.T, {delta}, out={view}.T)"
                    if w_order == "F"
                    else f"np.matmul({delta}.T, {a}, out={view})",
                    note,
                )
            )
            continue
        if eq.lhs == la.db and la.shared_bias:
            # a shared bias: 1ᵀδ summed over the batch, the sum of every δ of the layer
            lines.append(Line(f"{view}[0]", f"np.sum({code(la.delta)})", note))
            continue
        if eq.lhs == la.db and isinstance(eq.rhs, sp.MatrixSymbol):
            # Σ over the batch as one BLAS call (a column sum of a C-ordered array is slower)
            lines.append(Line("", f"np.matmul(ones, {code(eq.rhs)}, out={view})", note))
            continue
        rhs = eq.rhs if eq.lhs == la.dW else batch_sum(eq.rhs)
        lines.append(Line(f"{view}[...]", code(rhs), note))
    return lines


def _in_place(target: str, rhs, kind, op: str, code, note: str) -> list[Line]:
    """`target = first` then `target op= rest` for a sum or elementwise product: the result is
    built in the array the first term (a matmul) allocated, with no temporaries."""
    if not isinstance(rhs, kind):
        return [Line(target, code(rhs), note)]
    first, *rest = sorted(rhs.args, key=lambda a: not isinstance(a, sp.MatMul))
    if not isinstance(first, sp.MatMul):  # no fresh array to build in: one line
        return [Line(target, code(rhs), note)]
    return [Line(target, code(first), note)] + [Line(target, code(a), op=op) for a in rest]
