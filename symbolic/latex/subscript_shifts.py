r"""3Blue1Brown's letters with the layer written as a subscript: `z_L = w_L*a_{L-1}`, `a_L =
\sigma(z_L)`, `\frac{\partial C}{\partial a_{L-1}}`, a_{L-2} the input (a chain of one-unit
layers, the layer counted back from the output L).

A subscript names a unit (Mazur's w_3, x_1) unless the document says otherwise. A subscript that
is the letter L shifted by a number (`a_{L-1}`, `w_{L-2}`) on a layered letter (a, z, w, b,
\delta) says it: no unit is numbered "L minus one". In a document that writes one, every subscript
L, {L} or {L-k} on those letters is that layer, as the superscripts (L) and (L-k) read
(`a^{(L-1)}`, latex/names.py); a subscript of any other letter or form is left as written, and a
document without a shifted L keeps every subscript a unit. Token positions are kept (the new
tokens stand where the subscript was written). Pure functions.
"""

from __future__ import annotations

import re

from .tokens import Tok

_LETTERS = frozenset({"a", "z", "w", "b", "delta"})
_SHIFTED = re.compile(r"(?<![A-Za-z\\])(?:[azwb]|\\delta)\s*_\s*\{\s*L\s*-\s*\d\s*\}")


def detect(text: str) -> bool:
    """Does the document write a layered letter with the subscript L shifted (a_{L-1})?"""
    return bool(_SHIFTED.search(re.sub(r"(?<!\\)%[^\n]*", "", text)))


def _layer(toks: list[Tok], k: int) -> tuple[list[Tok], int] | None:
    """The subscript at toks[k] ('_') when it is L or {L}, {L-k}, {L+k}: its inner tokens and the
    index after it; else None."""
    if k + 1 >= len(toks) or toks[k].text != "_":
        return None
    t = toks[k + 1]
    if t.kind == "letter" and t.text == "L":
        return [t], k + 2
    if t.text != "{":
        return None
    j = k + 2
    inner = []
    while j < len(toks) and toks[j].text != "}":
        inner.append(toks[j])
        j += 1
    texts = [u.text for u in inner]
    if j >= len(toks) or not (texts == ["L"] or len(texts) == 3 and texts[0] == "L" and texts[1] in "+-"):
        return None
    if len(texts) == 3 and not (inner[2].kind == "num" and texts[2].isdigit()):
        return None
    return inner, j + 1


def rewrite(on: bool, toks: list[Tok]) -> list[Tok]:
    """The row's tokens with each layer subscript written as its superscript (module doc)."""
    if not on:
        return toks
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        found = _layer(toks, k + 1) if t.kind in ("letter", "cmd") and t.text in _LETTERS else None
        if found is None:
            out.append(t)
            k += 1
            continue
        inner, after = found
        p, e = toks[k + 1].pos, toks[after - 1].end
        out += [t, *(Tok("op", s, p, e) for s in "^{("), *inner, *(Tok("op", s, p, e) for s in ")}")]
        k = after
    return out
