"""The network spec: layer sizes, one activation per layer, a loss, and a naming scheme."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .activations import ActivationRule, activation
from .errors import SympropError
from .losses import LossRule, check_fits, loss

MAX_WIDTH = 100_000
MAX_LAYERS = 64
NAMINGS = ("layered", "seed")


@dataclass(frozen=True)
class NetworkSpec:
    sizes: tuple[int, ...]  # input width first, output width last
    activations: tuple[ActivationRule, ...]  # one per layer 1..L (not the input)
    loss: LossRule
    naming: str = "layered"
    shared_bias: bool = False  # one bias per layer, shared by its units (b^{(l)}), not one per unit

    @property
    def depth(self) -> int:
        """Number of weight layers L."""
        return len(self.sizes) - 1

    @property
    def n_params(self) -> int:
        return sum(n * m + (1 if self.shared_bias else n) for m, n in zip(self.sizes, self.sizes[1:]))

    @property
    def arch(self) -> str:
        return "-".join(map(str, self.sizes))

    def describe(self) -> str:
        acts = ",".join(a.name for a in self.activations)
        shared = " shared-bias" if self.shared_bias else ""
        return f"{self.arch} activations={acts} loss={self.loss.name} naming={self.naming}{shared}"


def parse_architecture(text: str) -> tuple[int, ...]:
    """'2-3-1' -> (2, 3, 1); a clear error for anything else."""
    if not isinstance(text, str) or not text.strip():
        raise SympropError("architecture is empty", "give layer widths like 2-3-1")
    text = text.strip()
    if len(text) > 1000 or not re.fullmatch(r"[0-9\-\s]+", text):
        shown = text if len(text) <= 30 else text[:27] + "..."
        raise SympropError(
            f"architecture {shown!r} is not a list of widths",
            "write positive integers joined by '-', e.g. 2-3-1",
        )
    parts = [p.strip() for p in text.split("-")]
    for position, part in enumerate(parts, start=1):
        if not part:
            raise SympropError(
                f"architecture {text!r} has an empty layer at position {position}",
                "write one width between each pair of '-', e.g. 2-3-1",
            )
        if not part.isdigit():
            raise SympropError(
                f"architecture {text!r}: {part!r} is not a width",
                "write positive integers joined by '-', e.g. 2-3-1",
            )
    sizes = tuple(int(p) for p in parts)
    if len(sizes) < 2:
        raise SympropError(
            f"architecture {text!r} has only one layer",
            "give at least an input and an output width, e.g. 2-1 or 2-3-1",
        )
    if len(sizes) > MAX_LAYERS + 1:
        raise SympropError(
            f"architecture {text!r} has {len(sizes) - 1} weight layers", f"use at most {MAX_LAYERS}"
        )
    for position, width in enumerate(sizes, start=1):
        if width == 0:
            raise SympropError(
                f"architecture {text!r}: layer {position} has width 0",
                "every layer needs at least one unit, e.g. 2-3-1",
            )
        if width > MAX_WIDTH:
            raise SympropError(
                f"architecture {text!r}: layer {position} has width {width}", f"use widths up to {MAX_WIDTH}"
            )
    return sizes


def split_top_level(text: str) -> list[str]:
    """Split 'relu, z/(1+exp(-z)), max(0, z)' at commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def network(
    arch: str | tuple[int, ...],
    activation_text: str = "sigmoid",
    loss_text: str = "half_se",
    output_activation: str | None = None,
    naming: str = "layered",
    alpha: float | None = None,
    shared_bias: bool = False,
) -> NetworkSpec:
    """Build and validate a NetworkSpec from user text (CLI or Python). `shared_bias`: one bias
    per layer, added to every unit of the layer (as in many textbook examples), not one per unit."""
    sizes = parse_architecture(arch) if isinstance(arch, str) else tuple(arch)
    check_alpha(alpha)
    depth = len(sizes) - 1
    loss_rule: LossRule = loss(loss_text)
    texts = split_top_level(activation_text) if isinstance(activation_text, str) else list(activation_text)
    if len(texts) == 1:
        hidden = texts[0]
        out = output_activation or _default_output(hidden, loss_rule)
        texts = [hidden] * (depth - 1) + [out]
    elif len(texts) == depth:
        if output_activation:
            texts[-1] = output_activation
    else:
        raise SympropError(
            f"{len(texts)} activations given for {depth} weight layers",
            f"give one activation for all layers or exactly {depth}, comma-separated",
        )
    rules = tuple(
        activation(t, alpha=alpha, name=_custom_name(i, depth)) for i, t in enumerate(texts, start=1)
    )
    for layer, rule in enumerate(rules[:-1], start=1):
        if rule.output_only:
            raise SympropError(
                f"{rule.name} is used on hidden layer {layer}",
                f"use {rule.name} only on the output layer (--output-activation)",
            )
    check_fits(loss_rule, rules[-1].name, sizes[-1])
    if not rules[-1].elementwise and sizes[-1] < 2:
        raise SympropError(
            "softmax on a single output is constant 1",
            "use sigmoid for one output, or widen the output layer",
        )
    if naming not in NAMINGS:
        raise SympropError(f"unknown naming {naming!r}", f"use one of {', '.join(NAMINGS)}")
    if naming == "seed" and (depth != 2 or sizes[-1] != 1 or sizes[1] > 26 or sizes[0] > 9):
        raise SympropError(
            f"seed naming fits one hidden layer and one output (like 2-3-1), not {'-'.join(map(str, sizes))}",
            "use --naming layered",
        )
    if not isinstance(shared_bias, bool):
        raise SympropError(f"shared_bias {shared_bias!r} is not True or False", "pass a bool")
    return NetworkSpec(sizes, rules, loss_rule, naming, shared_bias)


def mismatch_warnings(spec: NetworkSpec) -> list[str]:
    """Pairs that work but are not what was likely meant (the derivation is still exact)."""
    out = spec.activations[-1].name
    if out == "softmax" and spec.loss.name != "cce":
        return [
            f"loss {spec.loss.name} on a softmax output: cce (categorical cross-entropy) is "
            "the matching loss (its output delta is out - y); pass --loss cce"
        ]
    return []


def check_alpha(alpha) -> None:
    """The leaky ReLU slope: a number in [0, 1) (1 is the identity; 1e308 would take SymPy seconds)."""
    if alpha is None:
        return
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)):
        raise SympropError(f"--alpha {alpha!r} is not a number", "give a slope such as 0.01")
    if not (math.isfinite(alpha) and 0 <= alpha < 1):
        raise SympropError(
            f"--alpha {float(alpha)!r} is not a slope in [0, 1)", "give a leaky ReLU slope such as 0.01"
        )


def _default_output(hidden: str, loss_rule: LossRule) -> str:
    """The output activation when one name is given for all layers: the loss's own if it needs one."""
    key = hidden.strip().lower()
    if loss_rule.output_activations and key not in loss_rule.output_activations:
        return loss_rule.output_activations[0]
    return hidden


def _custom_name(layer: int, depth: int) -> str:
    return "g" if layer == depth else "f"
