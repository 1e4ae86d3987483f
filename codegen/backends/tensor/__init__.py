"""PyTorch and JAX training modules from a Derivation, with its derived backward.

`render(lib, d, style, dtype, source)` is pure: one plan (tensor/plan.py) printed by the
library's printer (tensor/printer.py) into its template (templates/train_torch.py.jinja,
train_jax.py.jinja), with the standard-library data and weights code of tensor/runtime.py
included verbatim. `torch_backend` and `jax_backend` are the registry's renderer modules.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from symbolic.errors import SympropError

from ...module import init_gains, targets_rule, template_environment
from ...terminal import loss_equation
from ...unicode import printer_for
from .plan import tensor_plan
from .printer import JaxPrinter, TorchPrinter

PRINTERS = {"torch": TorchPrinter, "jax": JaxPrinter}
TEMPLATES = {"torch": "train_torch.py.jinja", "jax": "train_jax.py.jinja"}
INDENT = {"torch": 8, "jax": 4}  # torch: lines inside NetLoss's methods


def render(lib: str, d, style: str = "auto", dtype: str = "float64", source: str = "") -> str:
    if style == "elementwise":
        raise SympropError(
            f"the {lib} backend prints the matrix (delta) form only",
            "drop --style, or pass --style matrix",
        )
    names = {s: n.code for s, n in d.naming.names.items()}
    printer = PRINTERS[lib](names, weights={la.W for la in d.layers})
    plan = tensor_plan(d, printer)
    indent = INDENT[lib]
    layout = []
    for la in d.layers:
        layout += [(f"W{la.index}", tuple(la.W.shape)), (f"b{la.index}", (la.b.shape[0],))]
    context = dict(
        arch=d.spec.arch,
        describe=d.spec.describe(),
        dtype=dtype,
        source=source,
        n_in=d.spec.sizes[0],
        n_out=d.spec.sizes[-1],
        layout=layout,
        plan=plan,
        forward=[line.render(indent) for line in plan.forward],
        predict=[line.render(4) for line in plan.predict],
        loss=[line.render(indent) for line in plan.loss],
        backward=[line.render(indent) for line in plan.backward],
        grad_pairs=list(zip(plan.params, plan.grads)),
        loss_title=d.spec.loss.formula_text or d.spec.loss.title,
        loss_eq=loss_equation(printer_for(d), d),
        init_gain=", ".join(init_gains(d)) + ("," if len(d.layers) == 1 else ""),
        targets=targets_rule(d),
        runtime=runtime_parts(),
    )
    text = template_environment().get_template(TEMPLATES[lib]).render(**context)
    return text.rstrip("\n") + "\n"


_MARKER = re.compile(r"^# -+ symprop runtime: (\w+) -+\n", re.M)


@functools.cache
def runtime_parts() -> dict[str, str]:
    """The parts of tensor/runtime.py by name, verbatim (without the stub)."""
    pieces = _MARKER.split(Path(__file__).with_name("runtime.py").read_text(encoding="utf-8"))
    return {name: body.strip("\n") for name, body in zip(pieces[1::2], pieces[2::2]) if name != "stub"}
