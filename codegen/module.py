"""Standalone NumPy training modules from a Derivation: plan the lines, print them, render.

`render_module(d, style, dtype)` is a pure function returning the module's text. The expressions
come from the Derivation through `NumpyPrinter` (with `sympy.cse` for shared subexpressions); the
template `train_module.py.jinja` only lays the module out. Two styles:

  elementwise  one line per z, per delta and per gradient, each a column over the batch: the
               sheet's scalar formulas (narrow layers: few NumPy calls, no small GEMMs)
  matrix       the delta rule with matmuls, rows = samples (wide layers; codegen/matrix_plan.py)

Both keep the parameters as one dict {'W1': (n1, n0), 'b1': (n1,), ...} whose arrays are views
into one flat vector in the sheet's order, so an optimizer step is one vector operation.
"""

from __future__ import annotations

import textwrap

import sympy as sp

from .escape import FILTERS
from .matrix_plan import matrix_plan
from .numpy_printer import (
    LOGSUMEXP,
    SOFTMAX_LSE,
    NumpyPrinter,
    RowPrinter,
    batch_sum,
    rows_supported,
)
from .plan import INV_N, WIDTH, Line, Plan, output_delta
from .stabilize import stabilize
from .terminal import loss_equation
from .unicode import printer_for

STYLES = ("auto", "elementwise", "matrix")
DTYPES = ("float64", "float32")
ELEMENTWISE_MAX_PARAMS = 64      # auto style: elementwise up to this many parameters
ELEMENTWISE_MAX_WIDTH = 8        # ... and layers at most this wide

LSE = sp.Symbol("lse", real=True)


def choose_style(d, style: str = "auto") -> str:
    if style != "auto":
        if style == "elementwise" and not d.scalar:
            from symbolic.errors import SympropError

            raise SympropError(f"{d.spec.arch} has {d.spec.n_params} parameters: too many for "
                               "the elementwise style", "use --style matrix or auto")
        return style
    narrow = max(d.spec.sizes[1:]) <= ELEMENTWISE_MAX_WIDTH
    return "elementwise" if d.scalar and narrow and d.spec.n_params <= ELEMENTWISE_MAX_PARAMS \
        else "matrix"


# the exponent cap of the stable sigmoid: exp(EXP_MAX) is finite (float32 overflows past 88.7,
# float64 past 709.8), and σ(-EXP_MAX) is still a normal number
EXP_MAX = {"float64": "700.0", "float32": "80.0"}


def targets_rule(d) -> str:
    """What the loss needs of the targets: 'one_hot' (softmax cross-entropy: its delta out - y
    holds when each row sums to 1), 'unit' (binary cross-entropy: each in [0, 1]) or 'any'."""
    if not d.spec.activations[-1].elementwise and d.spec.loss.softmax_delta is not None:
        return "one_hot"
    return "unit" if d.spec.loss.name == "bce" else "any"


def render_module(d, style: str = "auto", dtype: str = "float64", source: str = "") -> str:
    """The whole module as text. `source` is the command line that made it (for the header)."""
    style = choose_style(d, style)
    names = {s: n.code for s, n in d.naming.names.items()}
    printer = NumpyPrinter(names, weights={la.W for la in d.layers})
    plan = _elementwise(d, printer) if style == "elementwise" else matrix_plan(d, printer, dtype)
    plan.chunk = [line.render(8) for line in plan.forward + plan.loss + plan.backward]
    if style == "elementwise" and rows_supported(d):
        row_printer = RowPrinter(names)
        row = _elementwise(d, row_printer, one_row=True)
        plan.rows = [line.render(8) for line in row.forward + row.loss + row.backward]
        plan.rows_init = _unpack(row.grads, "(0.0,) * N_PARAMS")
        printer.helpers.update(row_printer.helpers)
    for part in ("forward", "loss", "backward", "grad_fill"):
        setattr(plan, part, [line.render() for line in getattr(plan, part)])
    plan.grads = textwrap.wrap(", ".join(plan.grads) + ",", WIDTH - 12)
    uni = printer_for(d)
    layout = [(f"W{la.index}", (la.size, d.spec.sizes[la.index - 1])) for la in d.layers]
    layout = [x for la, w in zip(d.layers, layout) for x in (w, (f"b{la.index}", (la.size,)))]
    helpers = [text for text in printer.helpers.values()]
    if d.spec.activations[-1].name == "softmax" or d.spec.loss.name == "cce":
        helpers.append(LOGSUMEXP if style == "elementwise" else SOFTMAX_LSE)
    context = dict(
        arch=d.spec.arch, describe=d.spec.describe(), style=style, dtype=dtype,
        source=source,
        n_in=d.spec.sizes[0], n_out=d.spec.sizes[-1], layout=layout,
        n_params=d.spec.n_params, plan=plan, helpers=helpers,
        mapping=_mapping(d, style), loss_title=d.spec.loss.formula_text or d.spec.loss.title,
        loss_eq=loss_equation(uni, d),
        init_gain=", ".join(_init_gain(d)) + ("," if len(d.layers) == 1 else ""),
        uses_math=any("math." in h for h in helpers) or any("math." in t for t in plan.rows),
        exp_max=EXP_MAX[dtype] if any("EXP_MAX" in h for h in helpers) else None,
        targets=targets_rule(d),
    )
    text = _environment().get_template("train_module.py.jinja").render(**context)
    return text.rstrip("\n") + "\n"


def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("codegen", "templates"),
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["rstrip"] = str.rstrip
    env.filters.update(FILTERS)   # user text in docstrings: {{ text | py_docstring }}
    env.filters["wrap"] = _wrap_docstring
    return env


def _wrap_docstring(text: str) -> str:
    """An escaped docstring line broken at spaces onto indented lines (an escape has no space)."""
    return "\n    ".join(textwrap.wrap(text, WIDTH - 6, break_long_words=False,
                                      break_on_hyphens=False))


def _init_gain(d) -> list[str]:
    """Per-layer standard deviation of the initial weights: sqrt(gain / fan_in)."""
    out = []
    for la in d.layers:
        out.append(repr(la.activation.init_gain))   # the activation row's (1.0 for a formula)
    return out


def _mapping(d, style) -> list[str]:
    """Docstring lines: which local / sheet names live in which params entry."""
    if style != "elementwise":
        return [f"params['W{la.index}'][i-1, j-1] is the sheet's W^({la.index})_ij; "
                f"params['b{la.index}'][i-1] is b^({la.index})_i" for la in d.layers]
    nm, lines = d.naming, []
    for la in d.layers:
        l, n, m = la.index, la.size, d.spec.sizes[la.index - 1]
        ws = [nm.names[nm.W(l, i, j)].code for i in range(1, n + 1) for j in range(1, m + 1)]
        bs = [nm.names[nm.b(l, i)].code for i in range(1, n + 1)]
        lines.append(f"params['W{l}'] ({n}x{m}, row-major) holds {', '.join(ws)}")
        lines.append(f"params['b{l}'] ({n},) holds {', '.join(bs)}")
    return [part for line in lines for part in textwrap.wrap(
        line, WIDTH - 4, subsequent_indent="    ", break_long_words=False)]


# elementwise ------------------------------------------------------------------------------------
def _elementwise(d, printer: NumpyPrinter, one_row: bool = False) -> Plan:
    """The sheet's scalar lines; columns over the batch, or with `one_row` Python floats
    (gradients then accumulate with +=)."""
    nm, spec, uni = d.naming, d.spec, printer_for(d)
    plan = Plan("elementwise")
    code = printer.doprint
    for la in d.layers:
        l, n = la.index, la.size
        m = spec.sizes[l - 1]
        rows = [[code(nm.W(l, i, j)) for j in range(1, m + 1)] for i in range(1, n + 1)]
        whole = _unpack(["(" + ", ".join(r) + ("," if m == 1 else "") + ")" for r in rows],
                        f"params['W{l}'].tolist()")
        if len(whole) == 1:
            plan.unpack += whole
        else:   # too long for one line: one line per row
            plan.unpack.append(f"W{l}_rows = params['W{l}'].tolist()")
            for i, r in enumerate(rows):
                plan.unpack += _unpack(r, f"W{l}_rows[{i}]")
        plan.unpack += _unpack([code(nm.b(l, i)) for i in range(1, n + 1)],
                               f"params['b{l}'].tolist()")
    plan.inputs = ", ".join(code(x) for x in d.inputs) + ("," if len(d.inputs) == 1 else "")
    plan.targets = ", ".join(code(y) for y in d.targets) + ("," if len(d.targets) == 1 else "")

    # forward: z lines in the sheet's written order; f(z) downstream becomes the named a, and
    # f′(z) the named a_prime where the table computes both from one exp (`numpy_pair`)
    reuse, primes = {}, {}
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
        else:
            reuse[eq.rhs] = eq.lhs
            value = eq.rhs
            if not top.elementwise and eq.layer == spec.depth:
                if not any(line.target == "lse" for line in plan.forward):
                    zs = ", ".join(code(z) for z in eq.rhs.args[1:])
                    plan.forward.append(Line("lse", f"_logsumexp(np.stack(({zs}), axis=1))[:, 0]"))
                value = sp.exp(eq.rhs.args[int(eq.rhs.args[0])] - LSE)
            plan.forward.append(Line(code(eq.lhs), code(value)))
    outs = ", ".join(code(o) for o in d.outputs)
    plan.output = f"np.stack(({outs},), axis=1)"

    # loss value and the output deltas share subexpressions (out - y): one cse over both
    logits = [eq.rhs.args[int(eq.rhs.args[0])] if not top.elementwise else _z_of(d, eq.lhs)
              for eq in d.of_kind("forward")[-len(d.outputs):]]
    loss_expr = _loss_value(d, logits)
    deltas_top, comments = [], []
    top_deltas = [e for e in d.of_kind("delta") if e.layer == spec.depth]
    for eq, o, y in zip(top_deltas, d.outputs, d.targets):
        z = _z_of(d, o)
        rhs = (dexpr.xreplace({d.out: o, d.y: y, d.z: z}) if dexpr is not None else eq.compact)
        if z in primes:
            rhs = rhs.subs(top.prime_for_code(z), primes[z])
        deltas_top.append((eq.lhs, (rhs * INV_N).xreplace(reuse)))
        comments.append(f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}"
                        f"  (÷n: batch mean; code: {how or 'as the sheet'})")
    plan.loss.extend(_cse_lines(printer, [(sp.Symbol("L"), loss_expr)] + deltas_top,
                                ["loss"] + comments, prefix="t"))
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
        plan.backward.append(Line(target, code(rhs),
                                  f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}",
                                  "+=" if one_row else "="))
        plan.grads.append(target)
    return plan


def _unpack(names: list[str], source: str) -> list[str]:
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
    temps, reduced = sp.cse([stabilize(rhs) for _, rhs in plain], symbols=symbols,
                            optimizations=None, order="none")
    lines = [Line(printer.doprint(t), printer.doprint(v)) for t, v in temps]
    comment_of = dict(zip([lhs for lhs, _ in items], comments))
    for (lhs, _), rhs in zip(plain, reduced):
        target = "L" if lhs == sp.Symbol("L") else printer.doprint(lhs)
        lines.append(Line(target, printer.doprint(rhs), comment_of[lhs]))
    for lhs, lt in texts.items():
        lines[:0] = [Line("L", text, comment_of[lhs] if k == 0 else "")
                     for k, text in enumerate(_loss_text(printer, lt))]
    for line in lines:
        if line.target == "L":
            line.op = "+="     # a sum over the chunks of rows
    return lines


def _loss_text(printer, lt: _LossText) -> list[str]:
    """One `np.sum(term) * inv_n` per output (each fits a line; the caller adds them to L)."""
    p = printer.doprint
    scale = "" if lt.scale == 1 else f" * {p(lt.scale)}"
    return [f"np.sum({lt.spelling.format(z=p(z), y=p(y), lse='lse')}) * inv_n{scale}"
            for z, y in zip(lt.logits, lt.targets, strict=True)]


def indent(text: str, n: int = 4) -> str:
    return textwrap.indent(text, " " * n)


SEED_MODULE = "generated/seed_2-3-1_sigmoid_half_se.py"
SEED_COMMAND = "symprop generate 2-3-1 --activation sigmoid --loss half_se --naming seed"


def seed_module(binary: bool = True) -> dict:
    """regen producer: the seed network's training module (elementwise, seed names)."""
    from symbolic.backprop import derive
    from symbolic.spec import network

    d = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    return {SEED_MODULE: render_module(d, "auto", "float64", SEED_COMMAND)}
