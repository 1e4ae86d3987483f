r"""K, the number of outputs, as a sum's upper bound writes it: `L = \frac{1}{K}\sum_{k=1}^{K}
(\hat{y}_k - y_k)^2`, then `\frac{\partial L}{\partial \hat{y}_k} = \frac{2}{K}(\hat{y}_k - y_k)`.
The reader skips a sum's bounds (the network gives them), so K was an unknown name on every line
that divides by it. K is the outputs' count when the document sums to it over a letter that it
writes on an output or a target (\hat{y}_k, y_k, t_k, o_k beside the sum) and never defines K
itself; then K is an alias of that number. Only the letter K: N, n, m count examples, C is a
cost. Pure: text and aliases in, aliases out.
"""

from __future__ import annotations

import re

import sympy as sp

_BOUND = re.compile(r"\\sum_\{?\s*([a-z])\s*=\s*[01]\s*\}?\s*\^\s*\{?\s*K\s*\}?")
_DEFINED = re.compile(r"(?<![A-Za-z\\])K\s*=")


def aliases(source: str, outputs: int, given: dict | None = None) -> dict:
    """`given` with K -> the number of outputs when the document sums to K over an output letter."""
    out = dict(given or {})
    if sp.Symbol("K") in out or _DEFINED.search(source):
        return out
    for m in _BOUND.finditer(source):
        letter = m.group(1)
        tail = source[m.end() : m.end() + 80]
        output = rf"(?:\\hat\s*\{{\s*y\s*\}}|\\hat\s*y|y|t|o)\s*_\s*\{{?\s*{letter}\b"
        if re.search(output, tail):
            out[sp.Symbol("K")] = sp.Integer(outputs)
            break
    return out
