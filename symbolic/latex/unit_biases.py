r"""A layer's bias written bare where the document also writes it per unit: the bare one is the
layer's bias vector.

symprop's own sheet writes `b^{(l)}` alone for the one bias a layer shares (`--shared-bias`), so a
bare `b^{(l)}` is read as that scalar (latex/matrix_rows.py). A document that also writes the
same letter with a layer and a unit index (`b^{(L)}_j`, `b_j^{(L)}`, `b^{[l]}_k`) gives each unit
its own bias; its bare `b^{(L)}` is then the vector of those biases, as its `W^{(L)}` is the
matrix of `w^{(L)}_{jk}`. Caceres's update rules:

    \frac{\partial E}{\partial b^{(L)}_j} = ...            (a bias per unit)
    b^{(L)} = b^{(L)} - \eta \times \frac{\partial E}{\partial b^{(L)}}   (every entry's step)

`detect` is pure: text in, the vector letters out ({"b"} or nothing); the reader then takes a row
naming a bare b^{(l)}, and no unit's entry, as a matrix row (`whole_layer_row`).
"""

from __future__ import annotations

import re

from .algorithm import mentions

# a layer in parentheses or brackets, a letter or a number, maybe shifted: (L), (L-1), [l], (2)
_LAYER = r"\^\s*\{\s*[(\[]\s*(?:\\ell|[A-Za-z]|\d+)\s*(?:[+-]\s*\d+\s*)?[)\]]\s*\}"
# a unit index: one letter or one number, braced or not
_UNIT = r"_\s*(?:\{\s*(?:[A-Za-z]|\d+)\s*\}|[A-Za-z0-9])"
_ENTRY = re.compile(rf"(?<![A-Za-z\\])b\s*(?:{_LAYER}\s*{_UNIT}|{_UNIT}\s*{_LAYER})")
_BARE = re.compile(rf"(?<![A-Za-z\\])b\s*{_LAYER}(?!\s*_)")


def detect(text: str) -> set[str]:
    """{"b"} when the text writes a layered b both with a unit index and bare (module doc)."""
    return {"b"} if _ENTRY.search(text) and _BARE.search(text) else set()


def whole_layer_row(toks: list, letters: set[str]) -> bool:
    r"""Does the row name a bare layered bias of `letters` (detect's) and no entry in a unit
    letter? `b^{(L)} = b^{(L)} - \eta \frac{\partial E}{\partial b^{(L)}}` is the vector's
    update; a row that also writes `z^{(L)}_j` or `b^{(L)}_k` mixes the vector with one unit's
    entry (which entry the bare name stands for is not said): it stays a scalar row."""
    if not letters or not mentions(toks, letters):
        return False
    for k, t in enumerate(toks[:-1]):
        if t.text != "_":
            continue
        u = toks[k + 2] if toks[k + 1].text == "{" and k + 2 < len(toks) else toks[k + 1]
        if u.kind == "letter" and u.text.islower():
            return False
    return True
