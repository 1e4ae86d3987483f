r"""The error of a layer named by the layer's subscript, in a document whose forward pass numbers its
weights so: `\mathbf{h} = \tanh(\mathbf{W}_1 \mathbf{x} + \mathbf{b}_1)`, `\hat{\mathbf{y}} =
\tanh(\mathbf{W}_2 \mathbf{h} + \mathbf{b}_2)`, then `\boldsymbol{\delta}_2 = (\hat{\mathbf{y}} -
\mathbf{y}) \odot (1 - \hat{\mathbf{y}}^2)`, `\boldsymbol{\delta}_1 = (\mathbf{W}_2^\top
\boldsymbol{\delta}_2) \odot (1 - \mathbf{h}^2)`: δ_k is ∂L/∂z of layer k, as W_k and b_k are that
layer's (latex/forward_letters.py binds those by the rows' structure).

Only when every weight the forward pass binds is written with its own layer's number as subscript
(W_1 into layer 1, W_2 into layer 2: the subscript is the layer), and only for δ_k with k one of
those layers. A document that defines one of them as another layer's derivative (`\delta_1 =
\frac{\partial J}{\partial z_2}`, numbered gradient names as Clark's notes write them) binds none:
its δ_k are not layers. Pure: the forward pass's bindings and the text in, more bindings out.
"""

from __future__ import annotations

import re

# \delta_2 = \frac{\partial L}{\partial z_2}: a δ defined as a derivative, and its denominator
_DEFINED = re.compile(
    r"\\delta\s*\}?\s*_\s*\{?\s*(\d)\s*\}?\s*(?:&\s*)?(?:=|\\equiv|:=)\s*(?:&\s*)?"
    r"\\frac\s*\{[^{}]*\}\s*\{\s*\\partial\s*([^{}]*?)\s*\}"
)
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathbfit|pmb)\s*\{\s*([^{}]*?)\s*\}")


def _key(name: str) -> str:
    name = re.sub(r"\s+", "", _BOLD.sub(r"\1", name))
    return re.sub(r"_\{(\d)\}", r"_\1", name)


def errors(bound: dict[str, tuple[str, int]], text: str) -> dict[str, tuple[str, int]]:
    r"""\delta_k -> ('delta', k) for each layer k the forward pass numbers its weights by; {}
    when the subscripts are not the layers, or a δ_k is defined as another layer's derivative."""
    weights = [(name, layer) for name, (role, layer) in bound.items() if role in ("W", "w")]
    if not weights or any(not re.fullmatch(rf"[A-Za-z]_{layer}", name) for name, layer in weights):
        return {}
    for m in _DEFINED.finditer(_BOLD.sub(r"\1", text)):
        k, den = int(m.group(1)), _key(m.group(2))
        if bound.get(den) != ("z", k):
            return {}  # δ_1 = ∂J/∂z_2, or of a name the forward pass does not bind
    return {f"\\delta_{layer}": ("delta", layer) for _, layer in weights}
