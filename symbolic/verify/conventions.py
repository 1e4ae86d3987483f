"""Textbook conventions the verifier reads by: options, or detected where unambiguous.

- `weights = "input-by-output"`: w_{ij} is the weight from unit i to unit j (Wikipedia), the
  transpose of symprop's W_{ji} (row = the unit it feeds). Default "output-by-input".
- a bias as a weight on x_0 = 1 (Bishop's w_{j0}, Ng's \\Theta^{(l)}_{i0}): always read, index 0
  never names a unit; x_0, a^{(l)}_0 are the constant 1.
- `targets = "t"`: t_k is the target and y_k the network's output (Bishop, Wikipedia); `"hat"`:
  \\hat{y}_k is the target and y_k the output (notes that differentiate y_k by the network).
Pure functions on the Resolver's code names (W2_1_3, b1_2, y1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SympropError

WEIGHTS = ("output-by-input", "input-by-output")
TARGETS = ("y", "t", "d", "r", "hat")  # d: Haykin's and Rumelhart's desired response; r: Alpaydin's; hat: ŷ
LAYERS = ("into", "out-of")  # W^l feeds layer l (Nielsen, Wikipedia) or leaves it (UFLDL, Ng's Θ)
DELTAS = ("plus", "minus")  # δ = ∂E/∂net (Bishop, Nielsen) or δ = -∂E/∂net (Mitchell, Haykin)


@dataclass(frozen=True)
class Conventions:
    weights: str = "output-by-input"
    targets: str = "y"  # the letter of the targets ('t': y is then the output)
    first_unit: int = 1  # 0: unit indices count from 0 (3Blue1Brown's \sum_{j=0}^{n_L-1}); see notation.py
    delta: str = ""  # '' (the document's own statements say), 'plus' or 'minus' (verify/signs.py)
    weight_layers: str | tuple = ""  # W^l feeds layer l ('into') or leaves it ('out-of'): weight_layers.py
    bracket_origin: int = 0  # 1: square-bracketed layers count the input as 1 (a^{[1]} = x): zero_origin.py
    delta_why: str = ""  # what set `delta` when the reader did (verify/sign_votes.py), not the user

    @staticmethod
    def of(options: dict | None) -> Conventions:
        options = options or {}
        weights = options.get("weights") or "output-by-input"
        targets = options.get("targets") or "y"
        if weights not in WEIGHTS:
            raise SympropError(f"weights = {weights!r}", f"use one of {', '.join(WEIGHTS)}")
        if targets not in TARGETS:
            raise SympropError(
                f"targets = {targets!r}",
                "use 'y' (y the target), 't', 'd' or 'r' (the target, y the output: Bishop, Haykin, Alpaydin)"
                " or 'hat' (ŷ the target, y the output)",
            )
        first_unit = options.get("first_unit", 1)
        if first_unit not in (0, 1):
            raise SympropError(f"first_unit = {first_unit!r}", "use 0 (units counted from 0) or 1")
        delta = options.get("delta") or ""
        if delta and delta not in DELTAS:
            raise SympropError(
                f"delta = {delta!r}", "use 'plus' (δ = ∂E/∂net) or 'minus' (δ = -∂E/∂net, Mitchell, Haykin)"
            )
        layers = options.get("weight_layers") or ""
        if isinstance(layers, tuple):  # detected per family (weight_layers.detect)
            pass
        elif layers and layers not in LAYERS:
            raise SympropError(
                f"weight_layers = {layers!r}",
                "use 'into' (W^l feeds layer l: Nielsen, Wikipedia) or 'out-of' (W^{(l)} leaves it: UFLDL)",
            )
        origin = options.get("bracket_origin") or 0
        if origin not in (0, 1):
            raise SympropError(f"bracket_origin = {origin!r}", "use 0 (Ng's a^{[0]} = x) or 1 (a^{[1]} = x)")
        return Conventions(
            weights, targets, first_unit, delta, layers, origin, options.get("delta_why") or ""
        )

    def code(self, cand: str) -> str:
        """A code name as the document means it: transposed weights, w_{j0} as the bias b_j."""
        m = re.fullmatch(r"W(\d+)_(\d+)_(\d+)", cand)
        if m:
            layer, i, j = m.groups()
            if self.weights == "input-by-output":
                i, j = j, i
            if j == "0" and i != "0":
                return f"b{layer}_{i}"
            return f"W{layer}_{i}_{j}"
        return cand


def constant_one(name: str) -> bool:
    """x_0, x0, a^{(l)}_0 (a1_0, a_1,0): the constant input of a bias written as a weight."""
    return re.fullmatch(r"(?:x_?0|a_?\d+_0|a_\d+,0)", name) is not None


def output_index(name: str, targets: str) -> int | None:
    """With targets = 't', 'd', 'r' or 'hat': y_k, y (the output k, 1-based; 0 for a lone y)."""
    if targets not in ("t", "d", "r", "hat"):
        return None
    m = re.fullmatch(r"y(?:_?(\d+))?", name)
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else 0


def indexed_target(name: str, targets: str) -> re.Match | None:
    """r_i, d_k: the target letter the document says ('d' or 'r') with a unit's index letter, as
    t_k is one (Alpaydin's r_i beside y_i)."""
    return re.fullmatch(f"({targets})_([a-z])", name) if targets in ("d", "r") else None


def target_name(name: str, targets: str) -> str | None:
    r"""With targets = 't' (or 'd', 'r'): t_k -> y_k (the network's target), t -> y; with 'hat':
    \hat{y}_k (y_hat_1, y_hat1) -> y_1, \hat{y} -> y."""
    if targets not in ("t", "d", "r", "hat"):
        return None
    letter = r"(?:y_?hat|hat_?y|hat)" if targets == "hat" else targets  # hat_1: a role's (roles.py)
    m = re.fullmatch(letter + r"(_?\d+)?", name)
    return "y" + (m.group(1) or "") if m else None
