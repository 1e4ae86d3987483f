r"""A layer's matrices renamed with a subscript: a question writes `h = \sigma(W^{(1)} x + b^{(1)})`
and its answer `a = W_1x+b_1`, `\frac{\partial C}{\partial W_1}` (Cross Validated 201914).

A capital weight letter the document writes with a layer superscript and no unit index
(W^{(1)}: a whole matrix) and also with one digit as its only subscript (W_1), never both on one
name, can only be the same matrix renamed: the subscript is its layer, not a unit. So is b_k
then, when the document also writes b^{(k)}. `detect` reads which letters, and the bracket the
document writes its layers in; `rewrite` turns W_k into W^{(k)} in a row's tokens, positions
kept. Anything else (W_1 in a document without W^{(1)}, W^{(1)}_{12}, w_1) keeps the unit
reading. Pure functions.
"""

from __future__ import annotations

import re

from .tokens import Tok

# W^{(1)}, W^{[2]}, b^{(1)}: a layer superscript in brackets, with no subscript after it
_SUPER = re.compile(r"(?<![A-Za-z\\])([A-Z]|b)\s*\^\s*\{\s*([(\[])\s*(\d)\s*[)\]]\s*\}(?!\s*_)")
# W_1, W_{2}, b_1: one digit the only subscript, no superscript after it
_SUB = re.compile(r"(?<![A-Za-z\\])([A-Z]|b)_(?:(\d)|\{\s*(\d)\s*\})(?![0-9}]|\s*\^)")
_CLOSE = {"(": ")", "[": "]"}


def detect(text: str) -> dict[str, str]:
    """Letter -> the opening bracket of its layers, for each letter written both ways (W and,
    with it, b); {} when no weight letter is."""
    text = re.sub(r"(?<!\\)%[^\n]*", "", text)
    supers = {(m.group(1), m.group(3)): m.group(2) for m in _SUPER.finditer(text)}
    subs = {(m.group(1), m.group(2) or m.group(3)) for m in _SUB.finditer(text)}
    both = subs & set(supers)
    if not any(letter.isupper() and letter != "L" for letter, _ in both):
        return {}
    return {letter: supers[(letter, k)] for letter, k in sorted(both) if letter != "L"}


def rewrite(letters: dict[str, str], toks: list[Tok]) -> list[Tok]:
    """W _ 1 -> W ^ { ( 1 ) } for each letter of `letters`; unchanged without."""
    if not letters:
        return toks
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        digit = _digit(toks, k + 1) if t.kind == "letter" and t.text in letters else None
        if digit is None:
            out.append(t)
            k += 1
            continue
        num, after = digit
        opener = letters[t.text]

        def tok(text: str, at: Tok = num) -> Tok:
            return Tok("op", text, at.pos, at.end)

        out += [t, tok("^"), tok("{"), tok(opener), num, tok(_CLOSE[opener]), tok("}")]
        k = after
    return out


def _digit(toks: list[Tok], k: int) -> tuple[Tok, int] | None:
    """At toks[k] '_': the one-digit subscript (_1, _{1}) and the index after it, or None."""
    if k + 1 >= len(toks) or toks[k].text != "_":
        return None
    braced = toks[k + 1].text == "{"
    j = k + 2 if braced else k + 1
    if j >= len(toks) or toks[j].kind != "num" or len(toks[j].text) != 1:
        return None
    end = j + 1
    if braced:
        if end >= len(toks) or toks[end].text != "}":
            return None
        end += 1
    if end < len(toks) and toks[end].text == "^":
        return None  # W_1^{(2)}: a unit index on a layered name
    return toks[j], end
