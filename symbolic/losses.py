"""The loss table: one row per loss. A loss is a sum over outputs of a per-output term l(out, y).

Each row: the per-output formula, whether the sum is averaged over outputs, which output
activations it fits, and (for pairs whose delta simplifies only under an assumption on the
targets, such as softmax with one-hot labels) the simplified output delta.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

from .errors import SympropError
from .formula import parse_formula, real_somewhere
from .rule_key import rule_key


@dataclass(frozen=True)
class LossRule:
    name: str
    term: Callable[[sp.Expr, sp.Expr], sp.Expr]  # l(out, y) for one output
    title: str  # what the sheet calls it
    mean_over_outputs: bool = False
    output_activations: tuple[str, ...] = ()  # empty: any output activation fits
    min_outputs: int = 1
    softmax_delta: Callable[[sp.Expr, sp.Expr], sp.Expr] | None = None  # dL/dz_k with softmax
    softmax_assumption: str = ""
    numpy_logits: str = ""  # NumPy spelling of l from the logit {z}, target {y}, {lse}
    c_logits: str = ""  # the same in C (the --backend c kernel: its macros, backends/c/ctext.py)
    # the same as SymPy, l(z, y, lse), for the other backends' printers (torch, jax)
    logits: Callable[[sp.Expr, sp.Expr, sp.Expr], sp.Expr] | None = None
    formula_text: str = ""
    # the term as a person writes it, from the printed output and target (LaTeX); None: SymPy's
    latex_term: Callable[[str, str], str] | None = None

    def __call__(self, outs, ys) -> sp.Expr:
        total = sp.Add(*[self.term(o, y) for o, y in zip(outs, ys)])
        return total / len(outs) if self.mean_over_outputs else total


_OUT, _Y = sp.Symbol("out", real=True), sp.Symbol("y", real=True)

TABLE: dict[str, LossRule] = {
    "half_se": LossRule("half_se", lambda o, y: sp.Rational(1, 2) * (o - y) ** 2, "half squared error"),
    "mse": LossRule("mse", lambda o, y: (o - y) ** 2, "mean squared error", mean_over_outputs=True),
    "bce": LossRule(
        "bce",
        lambda o, y: -(y * sp.log(o) + (1 - y) * sp.log(1 - o)),
        "binary cross-entropy",
        output_activations=("sigmoid",),
        latex_term=lambda o, y: rf"-\left[{y} \log {o} + (1 - {y}) \log(1 - {o})\right]",
        # -(y log σ(z) + (1-y) log σ(-z)) from the logit z: no log(0) at saturation
        # (log(1 + e^z) as max(z, 0) + log1p(exp(-|z|)): np.logaddexp is far slower)
        numpy_logits="np.maximum({z}, 0.0) + np.log1p(np.exp(-np.abs({z}))) - {y} * {z}",
        c_logits="SP_MAX({z}, 0) + SP_LOG1P(SP_EXP(-SP_ABS({z}))) - {y} * {z}",
        logits=lambda z, y, lse: sp.log(1 + sp.exp(z)) - y * z,  # printed stably (codegen/stabilize)
    ),
    "cce": LossRule(
        "cce",
        lambda o, y: -y * sp.log(o),
        "categorical cross-entropy",
        output_activations=("softmax",),
        min_outputs=2,
        softmax_delta=lambda o, y: o - y,
        # a·Σy − y in general; symprop refuses targets where it differs from a − y
        softmax_assumption="each target row sums to 1; other targets are refused",
        numpy_logits="{y} * ({lse} - {z})",
        c_logits="{y} * ({lse} - {z})",
        logits=lambda z, y, lse: y * (lse - z),
    ),  # -y log softmax(z); lse: log-sum-exp
}
ALIASES = {
    "se": "half_se",
    "half_squared_error": "half_se",
    "squared_error": "half_se",
    "binary_cross_entropy": "bce",
    "cross_entropy": "cce",
    "categorical_cross_entropy": "cce",
    "ce": "cce",
    "nll": "cce",  # the negative log-likelihood of a softmax's class: its cross-entropy
}


def loss(text: str) -> LossRule:
    """Look up a loss by name, or build one from a formula in out and y (e.g. '(out-y)**4/4')."""
    key = rule_key(text, TABLE, ALIASES, ("out", "y"), "loss", "(out - y)**2/2")
    if key is not None:
        return TABLE[key]
    formula = parse_formula(text, {"out": _OUT, "y": _Y}, what="loss formula")
    if not formula.has(_OUT) or sp.diff(formula, _OUT) == 0:  # e.g. sin(out)**2 + cos(out)**2
        raise SympropError(
            f"loss formula {text!r} does not depend on out",
            "write the loss of one output in out and y, e.g. '(out - y)**2/2'",
        )
    samples = [sp.Rational(k, 10) for k in range(1, 10)]
    if not real_somewhere(formula, {_OUT: samples, _Y: [sp.Integer(0), sp.Rational(1, 2), sp.Integer(1)]}):
        raise SympropError(
            f"loss formula {text!r} is not a real number at any out in (0, 1), y in [0, 1] tried",
            "write the loss so that it has real values, e.g. '(out - y)**2/2'",
        )

    def term(o, y, formula=formula):
        return formula.xreplace({_OUT: o, _Y: y})

    return LossRule("custom", term, "custom loss", formula_text=text.strip())


def check_fits(rule: LossRule, output_activation: str, n_outputs: int) -> None:
    """Refuse a loss that does not fit the output layer, naming the fix."""
    if n_outputs < rule.min_outputs:
        raise SympropError(
            f"loss {rule.name} needs at least {rule.min_outputs} outputs, the network has {n_outputs}",
            "use bce for one output, or widen the output layer (e.g. 4-8-2)",
        )
    if rule.output_activations and output_activation not in rule.output_activations:
        raise SympropError(
            f"loss {rule.name} needs a {' or '.join(rule.output_activations)} output layer, "
            f"not {output_activation}",
            f"pass --output-activation {rule.output_activations[0]}",
        )
