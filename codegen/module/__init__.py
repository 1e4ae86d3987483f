"""Standalone NumPy training modules from a Derivation: plan the lines, print them, render.

`render_module(d, style, dtype)` is a pure function returning the module's text. The expressions
come from the Derivation through `NumpyPrinter` (with `sympy.cse` for shared subexpressions); the
template `train_module.py.jinja` only lays the module out. Two styles:

  elementwise  one line per z, per delta and per gradient, each a column over the batch: the
               sheet's scalar formulas (narrow layers; module/elementwise.py)
  matrix       the delta rule with matmuls, rows = samples (wide layers; module/matrix.py)

Both keep the parameters as one dict {'W1': (n1, n0), 'b1': (n1,), ...} whose arrays are views
into one flat vector in the sheet's order, so an optimizer step is one vector operation.
"""

from __future__ import annotations

import functools
import re
import textwrap
from dataclasses import replace
from pathlib import Path

from ..escape import FILTERS
from ..numpy_printer import (
    LOGSUMEXP,
    SOFTMAX_LSE,
    NumpyPrinter,
    RowPrinter,
    rows_supported,
)
from ..terminal import loss_equation
from ..unicode import printer_for
from .elementwise import elementwise_plan, unpack_lines
from .matrix import matrix_plan
from .plan import WIDTH, wrapped

STYLES = ("auto", "elementwise", "matrix")
DTYPES = ("float64", "float32")
ELEMENTWISE_MAX_PARAMS = 64  # auto style: elementwise up to this many parameters
ELEMENTWISE_MAX_WIDTH = 8  # ... and layers at most this wide


def choose_style(d, style: str = "auto") -> str:
    if style != "auto":
        if style == "elementwise" and not d.scalar:
            from symbolic.errors import SympropError

            raise SympropError(
                f"{d.spec.arch} has {d.spec.n_params} parameters: too many for the elementwise style",
                "use --style matrix or auto",
            )
        return style
    narrow = max(d.spec.sizes[1:]) <= ELEMENTWISE_MAX_WIDTH
    return "elementwise" if d.scalar and narrow and d.spec.n_params <= ELEMENTWISE_MAX_PARAMS else "matrix"


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
    plan = elementwise_plan(d, printer) if style == "elementwise" else matrix_plan(d, printer, dtype)
    plan.chunk = [line.render(8) for line in plan.forward + plan.loss + plan.backward]
    if style == "elementwise" and rows_supported(d):
        row_printer = RowPrinter(names)
        row = elementwise_plan(d, row_printer, one_row=True)
        # the chunk loop's lines on Python floats: their sheet labels are printed there, once
        plan.rows = [replace(line, comment="").render(8) for line in row.forward + row.loss + row.backward]
        plan.rows_init = unpack_lines(row.grads, "(0.0,) * N_PARAMS")
        printer.helpers.update(row_printer.helpers)
    for part in ("forward", "predict", "loss", "backward", "grad_fill"):
        setattr(plan, part, [line.render() for line in getattr(plan, part)])
    plan.output = wrapped(plan.output, 4, "return ")
    plan.grads = textwrap.wrap(", ".join(plan.grads) + ",", WIDTH - 12)
    uni = printer_for(d)
    layout = [(f"W{la.index}", (la.size, d.spec.sizes[la.index - 1])) for la in d.layers]
    # a shared bias is params['b<l>'] of shape (1,): one number, broadcast over the layer's units
    layout = [x for la, w in zip(d.layers, layout) for x in (w, (f"b{la.index}", (la.b.shape[0],)))]
    helpers = [text for text in printer.helpers.values()]
    if d.spec.activations[-1].name == "softmax" or d.spec.loss.name == "cce":
        helpers.append(LOGSUMEXP if style == "elementwise" else SOFTMAX_LSE)
    context = dict(
        # ARCH, saved with the weights: a shared-bias module refuses per-unit biases by name
        arch=d.spec.arch + (" (shared bias)" if d.spec.shared_bias else ""),
        describe=d.spec.describe(),
        style=style,
        dtype=dtype,
        source=source,
        n_in=d.spec.sizes[0],
        n_out=d.spec.sizes[-1],
        layout=layout,
        n_params=d.spec.n_params,
        plan=plan,
        helpers=helpers,
        mapping=_mapping(d, style),
        loss_title=d.spec.loss.formula_text or d.spec.loss.title,
        loss_eq=loss_equation(uni, d),
        init_gain=", ".join(init_gains(d)) + ("," if len(d.layers) == 1 else ""),
        uses_math=any("math." in h for h in helpers) or any("math." in t for t in plan.rows),
        exp_max=EXP_MAX[dtype] if any("EXP_MAX" in h for h in helpers) else None,
        targets=targets_rule(d),
        shared_bias=d.spec.shared_bias,
        runtime=runtime_parts(),
    )
    text = template_environment().get_template("train_module.py.jinja").render(**context)
    return text.rstrip("\n") + "\n"


RUNTIME = tuple(Path(__file__).with_name("runtime") / name for name in ("train.py", "cli.py"))
_MARKER = re.compile(r"^# -+ symprop runtime: (\w+) -+\n", re.M)


@functools.cache
def runtime_parts() -> dict[str, str]:
    """The parts of runtime/*.py by name, verbatim (without their marker lines and the stubs)."""
    parts: dict[str, str] = {}
    for path in RUNTIME:
        pieces = _MARKER.split(path.read_text(encoding="utf-8"))
        for name, body in zip(pieces[1::2], pieces[2::2], strict=True):
            if name != "stub":
                if name in parts:
                    raise RuntimeError(f"{path}: the runtime part {name!r} is defined twice")
                parts[name] = body.strip("\n")
    return parts


def template_environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("codegen", "templates"),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["rstrip"] = str.rstrip
    env.filters.update(FILTERS)  # user text in docstrings: {{ text | py_docstring }}
    env.filters["wrap"] = _wrap_docstring
    return env


def _wrap_docstring(text: str) -> str:
    """An escaped docstring line broken at spaces onto indented lines (an escape has no space)."""
    return "\n    ".join(textwrap.wrap(text, WIDTH - 6, break_long_words=False, break_on_hyphens=False))


def init_gains(d) -> list[str]:
    """Per-layer standard deviation of the initial weights: sqrt(gain / fan_in)."""
    out = []
    for la in d.layers:
        out.append(repr(la.activation.init_gain))  # the activation row's (1.0 for a formula)
    return out


def _mapping(d, style) -> list[str]:
    """Docstring lines: which local / sheet names live in which params entry."""
    if style != "elementwise":
        return [
            f"params['W{la.index}'][i-1, j-1] is the sheet's W^({la.index})_ij; "
            + (
                f"params['b{la.index}'][0] is the shared b^({la.index})"
                if la.shared_bias
                else f"params['b{la.index}'][i-1] is b^({la.index})_i"
            )
            for la in d.layers
        ]
    nm, lines = d.naming, []
    for la in d.layers:
        l, n, m = la.index, la.size, d.spec.sizes[la.index - 1]
        ws = [nm.names[nm.W(l, i, j)].code for i in range(1, n + 1) for j in range(1, m + 1)]
        bs = [nm.names[b].code for b in nm.biases(l)]
        shared = " (one bias shared by the layer's units)" if la.shared_bias else ""
        lines.append(f"params['W{l}'] ({n}x{m}, row-major) holds {', '.join(ws)}")
        lines.append(f"params['b{l}'] ({len(bs)},) holds {', '.join(bs)}{shared}")
    return [
        part
        for line in lines
        for part in textwrap.wrap(line, WIDTH - 4, subsequent_indent="    ", break_long_words=False)
    ]


SEED_MODULE = "generated/seed_2-3-1_sigmoid_half_se.py"
SEED_COMMAND = "symprop generate 2-3-1 --activation sigmoid --loss half_se --naming seed"


def seed_module(binary: bool = True) -> dict:
    """regen producer: the seed network's training module (elementwise, seed names)."""
    from symbolic.backprop import derive
    from symbolic.spec import network

    d = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    return {SEED_MODULE: render_module(d, "auto", "float64", SEED_COMMAND)}
