r"""The letters a document writes as its weight matrices' layer: Hagan's `W^{m+1}`, `W^m(k)`
give m, and its capital M the last layer (a^M, s^M); `W^{(l)}`, `W^{[L]}` give l, L. A
superscript on another letter in a matrix statement (s^m, n^{m+1}, \dot{F}^m) is then that layer,
not a power (matrix_published.lettered). Pure: the document's text in, letters out.
"""

from __future__ import annotations

import re
from functools import lru_cache

# W^m, W^{m+1}, W^{(m)}, W^{[m-1]}: a capital W (the weight matrix), its superscript one letter
# with an optional ± number, in optional brackets
_WEIGHT = re.compile(
    r"(?<![A-Za-z\\])W\s*\^\s*(?:([a-zA-Z])\b|\{\s*[(\[]?\s*([a-zA-Z])\s*(?:[-+]\s*\d+\s*)?[)\]]?\s*\})"
)
_NOT = frozenset("TtiIjJ")  # a transpose, the identity, unit letters: never a layer letter here


@lru_cache(maxsize=8)
def weight_layers(text: str) -> frozenset[str]:
    """The letters (and their capitals) written as a weight matrix's layer."""
    found = {a or b for a, b in _WEIGHT.findall(text)} - _NOT
    return frozenset(found | {c.upper() for c in found} | {c.lower() for c in found}) - _NOT
