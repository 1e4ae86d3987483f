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


# a layer in brackets on a name: z^{(1)}, W^{[2]}, a^{(l)}, \mathbf{W}^{(2)\top}
_BRACKETED = re.compile(r"\^\s*\{\s*[(\[]\s*(?:\d+|[a-zA-Z]|\\ell)\s*(?:[-+]\s*\d+\s*)?[)\]]")
# a bare digit as a layer: a^2, W^3_{jk}, \delta^2_j (Nielsen's), never after a bracket or a brace
_BARE_DIGIT = re.compile(r"(?<![)\]}])\b[A-Za-z]\s*\^\s*(?:\d|\{\s*\d+\s*\})\s*_")


@lru_cache(maxsize=8)
def bracketed_layers(text: str) -> bool:
    """Does the document write its layers in brackets (z^{(1)}, W^{[2]}) and never a bare
    digit superscript with a unit index after it (Nielsen's a^2_j)? Then a bare h^2 in it is a
    power (tanh's 1 - h^2 of the hidden vector h), not layer 2."""
    return bool(_BRACKETED.search(text)) and not _BARE_DIGIT.search(text)
