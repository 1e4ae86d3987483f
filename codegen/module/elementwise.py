"""Elementwise-style plan: the sheet's scalar lines, one per z, delta and gradient.

Each line is a column over the batch (narrow layers: few NumPy calls, no small GEMMs), or with
`one_row` a Python float (the module's path for a few rows, with no per-call NumPy overhead).
"""

from __future__ import annotations

import textwrap

import sympy as sp

from ..numpy_printer import NumpyPrinter, batch_sum
from ..stabilize import stabilize
from ..unicode import printer_for
from .plan import INV_N, WIDTH, Line, Plan, output_delta

LSE = sp.Symbol("lse", real=True)


def elementwise_plan(d, printer: NumpyPrinter, one_row: bool = False) -> Plan:
    """The sheet's scalar lines; columns over the batch, or with `one_row` Python floats
    (gradients then accumulate with +=)."""
    nm, spec, uni = d.naming, d.spec, printer_for(d)
    plan = Plan("elementwise")
    code = printer.doprint
    for la in d.layers:
        l, n = la.index, la.size
        m = spec.sizes[l - 1]
        rows = [[code(nm.W(l, i, j)) for j in range(1, m + 1)] for i in range(1, n + 1)]
        whole = unpack_lines(
            ["(" + ", ".join(r) + ("," if m == 1 else "") + ")" for r in rows], f"params['W{l}'].tolist()"
        )
        if len(whole) == 1:
            plan.unpack += whole
        else:  # too long for one line: one line per row
            plan.unpack.append(f"W{l}_rows = params['W{l}'].tolist()")
            for i, r in enumerate(rows):
                plan.unpack += unpack_lines(r, f"W{l}_rows[{i}]")
        plan.unpack += unpack_lines([code(b) for b in nm.biases(l)], f"params['b{l}'].tolist()")
    plan.inputs = ", ".join(code(x) for x in d.inputs) + ("," if len(d.inputs) == 1 else "")
    plan.targets = ", ".join(code(y) for y in d.targets) + ("," if len(d.targets) == 1 else "")

    # forward: z lines in the sheet's written order; f(z) downstream becomes the named a, and
    # f′(z) the named a_prime where the table computes both from one exp (`numpy_pair`)
    reuse, primes, values = {}, {}, {}  # values: forward's value-only spelling of a pair line
    top = spec.activations[-1]
    dexpr, how = output_delta(d)
    for eq in d.of_kind("forward"):
        rule = spec.activations[eq.layer - 1]
        if eq.terms:
            rhs = " + ".join(code(t.xreplace(reuse)) for t in eq.terms)
            plan.forward.append(Line(code(eq.lhs), rhs))
        elif rule.numpy_pair and (eq.layer < spec.depth or how != "delta_out"):
            reuse[eq.rhs] = eq.lhs
            z, a = eq.rhs.args[0], code(eq.lhs)
            primes[z] = sp.Symbol(f"{a}_prime", real=True)
            plan.forward.append(Line(f"{a}, {a}_prime", f"{printer.pair_helper(rule)}({code(z)})"))
            if not one_row:  # the rows path has no forward of its own
                values[plan.forward[-1].target] = Line(a, code(eq.rhs))
        else:
            reuse[eq.rhs] = eq.lhs
            value = eq.rhs
            if not top.elementwise and eq.layer == spec.depth:
                if not any(line.target == "lse" for line in plan.forward):
                    zs = ", ".join(code(z) for z in eq.rhs.args[1:])
                    plan.forward.append(Line("lse", f"_logsumexp(np.stack(({zs}), axis=1))[:, 0]"))
                value = sp.exp(eq.rhs.args[int(eq.rhs.args[0])] - LSE)
            plan.forward.append(Line(code(eq.lhs), code(value)))
    plan.predict = [values.get(line.target, line) for line in plan.forward]
    outs = ", ".join(code(o) for o in d.outputs)
    plan.output = f"np.stack(({outs},), axis=1)"

    # loss value and the output deltas share subexpressions (out - y): one cse over both
    logits = [
        eq.rhs.args[int(eq.rhs.args[0])] if not top.elementwise else _z_of(d, eq.lhs)
        for eq in d.of_kind("forward")[-len(d.outputs) :]
    ]
    loss_expr = _loss_value(d, logits)
    deltas_top, comments = [], []
    top_deltas = [e for e in d.of_kind("delta") if e.layer == spec.depth]
    for eq, o, y in zip(top_deltas, d.outputs, d.targets):
        z = _z_of(d, o)
        rhs = dexpr.xreplace({d.out: o, d.y: y, d.z: z}) if dexpr is not None else eq.compact
        if z in primes:
            rhs = rhs.subs(top.prime_for_code(z), primes[z])
        deltas_top.append((eq.lhs, (rhs * INV_N).xreplace(reuse)))
        comments.append(
            f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}"
            f"  (÷n: batch mean; code: {how or 'as the sheet'})"
        )
    plan.loss.extend(
        _cse_lines(printer, [(sp.Symbol("L"), loss_expr)] + deltas_top, ["loss"] + comments, prefix="t")
    )
    # hidden deltas, layer by layer from the top: δ = (Σ_k δ_k W_ki) · f′(z) with the stable f′
    for l in range(spec.depth - 1, 0, -1):
        rule = spec.activations[l - 1]
        items, notes = [], []
        for eq in d.of_kind("delta"):
            if eq.layer != l:
                continue
            z = next(f.den for f in eq.factors[-1:])
            rhs = eq.compact.subs(rule.prime(z), primes.get(z, rule.prime_for_code(z)))
            items.append((eq.lhs, rhs.xreplace(reuse)))
            notes.append(f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}")
        plan.backward.extend(_cse_lines(printer, items, notes, prefix=f"u{l}_"))
    # gradients: each a batch sum of δ · (what the parameter multiplies)
    for eq in d.of_kind("gradient"):
        rhs = batch_sum(eq.compact.xreplace(reuse))
        target = code(eq.lhs)
        plan.backward.append(
            Line(
                target,
                code(rhs),
                f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}",
                "+=" if one_row else "=",
            )
        )
        plan.grads.append(target)
    return plan


def unpack_lines(names: list[str], source: str) -> list[str]:
    """`a, b, c = source`, wrapped in parentheses over several lines when too long."""
    lhs = ", ".join(names) + ("," if len(names) == 1 else "")
    if len(lhs) + len(source) + 7 <= WIDTH:
        return [f"{lhs} = {source}"]
    body = textwrap.wrap(lhs, WIDTH - 8, break_long_words=False)
    return ["("] + [f"    {part}" for part in body] + [f") = {source}"]


def _z_of(d, out):
    """The z symbol of an output unit (out = g(z))."""
    eq = next(e for e in d.of_kind("forward") if e.lhs == out)
    return eq.rhs.args[0] if d.spec.activations[-1].elementwise else None


def _loss_value(d, logits) -> sp.Expr:
    """The batch-mean loss: from logits when the loss table has a `numpy_logits` spelling."""
    spec = d.spec
    scale = sp.Rational(1, spec.sizes[-1]) if spec.loss.mean_over_outputs else 1
    if spec.loss.numpy_logits:
        return _LossText(spec.loss.numpy_logits, tuple(logits), d.targets, scale)
    return batch_sum(d["L"].rhs) * INV_N


class _LossText(sp.Symbol):
    """A loss value spelled from the loss table's `numpy_logits` (opaque to cse)."""

    def __new__(cls, spelling, logits, targets, scale):
        obj = super().__new__(cls, "_loss_from_logits")
        obj.spelling, obj.logits, obj.targets, obj.scale = spelling, logits, targets, scale
        return obj


def _cse_lines(printer, items, comments, prefix) -> list[Line]:
    """Assignments for [(lhs, rhs)] with shared subexpressions pulled out by sympy.cse."""
    plain = [(lhs, rhs) for lhs, rhs in items if not isinstance(rhs, _LossText)]
    texts = {lhs: rhs for lhs, rhs in items if isinstance(rhs, _LossText)}
    symbols = sp.numbered_symbols(prefix, real=True)
    # stabilize before cse too: cse would pull exp(u) out of 1 + exp(u) and hide the pattern
    temps, reduced = sp.cse(
        [stabilize(rhs) for _, rhs in plain], symbols=symbols, optimizations=None, order="none"
    )
    lines = [Line(printer.doprint(t), printer.doprint(v)) for t, v in temps]
    comment_of = dict(zip([lhs for lhs, _ in items], comments))
    for (lhs, _), rhs in zip(plain, reduced):
        target = "L" if lhs == sp.Symbol("L") else printer.doprint(lhs)
        lines.append(Line(target, printer.doprint(rhs), comment_of[lhs]))
    for lhs, lt in texts.items():
        lines[:0] = [
            Line("L", text, comment_of[lhs] if k == 0 else "")
            for k, text in enumerate(_loss_text(printer, lt))
        ]
    for line in lines:
        if line.target == "L":
            line.op = "+="  # a sum over the chunks of rows
    return lines


def _loss_text(printer, lt: _LossText) -> list[str]:
    """One `np.sum(term) * inv_n` per output (each fits a line; the caller adds them to L)."""
    p = printer.doprint
    scale = "" if lt.scale == 1 else f" * {p(lt.scale)}"
    return [
        f"np.sum({lt.spelling.format(z=p(z), y=p(y), lse='lse')}) * inv_n{scale}"
        for z, y in zip(lt.logits, lt.targets, strict=True)
    ]
