r"""A layer in a parenthesized superscript on any letter, once the document writes that letter as
the layer of a weight, a δ or another layered name (Nilsson's `s_i^{(j)} = X^{(j-1)} \bullet
W_i^{(j)}`; Abu-Mostafa et al.'s `x^{(\ell)}_j = \theta(s^{(\ell)}_j)` beside `w^{(\ell)}_{ij}`).

The names symprop knows as layered (w, W, a, z, b, δ, ...: latex/names.py LAYERED) take a layer
mark anywhere. Another letter's `^{(j)}` is a layer only when it reads as one in this document:
the parentheses hold a layer expression (a letter or \ell, alone or plus or minus a number:
(j), (j-1), (\ell+1), (L)) whose letter the document also writes, in that form, on a layered
name (W^{(j)}, \delta^{(L)}). So `X^{(j-1)}` in a document with `W_i^{(j)}` is X of layer j-1,
while `x^{(i)}` (an example's index, Ng's CS229) beside `W^{(l)}` is not read: i marks no layer
there and the superscript stays refused. A number in parentheses is never read here: x^{(2)} may
be an example or a derivative's order. Nor is a letter the document also writes bare (Nilsson's f
beside f^{(k)}: `\varepsilon = (d - f)^2`, `f = 1/(1 + e^{-s})`): which layer its bare uses
stand for is not settled, so its superscripts stay refused too, said so (`marked_layer`, at the
reader's cursor). `detect` is pure: text in, letters out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_SUB = r"(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*)?"
_MARK = r"\^\s*\{\s*\(\s*(\\ell(?![A-Za-z])|[A-Za-z])\s*(?:[+-]\s*\d+\s*)?\)\s*\}"
# a letter alone: not in a command or a word, no script, no prime after it
_BARE = re.compile(r"(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z]|\s*[_^'])")


@lru_cache(maxsize=1)
def _layered_mark() -> re.Pattern:
    """A layered name, its subscript maybe first, then ^{(letter)} or ^{(letter±n)}."""
    from .names import LAYERED  # names reads marks with `marked_layer`: imported when first used

    spelled = (re.escape(n) if len(n) == 1 else rf"\\?{n}" for n in LAYERED)
    names = "|".join(sorted(spelled, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z\\])(?:{names}|\\theta)\s*{_SUB}{_MARK}")


def detect(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The letters the document writes as parenthesized layer superscripts of layered names
    ('l' for \\ell, as latex/names.py reads it), and the letters it writes bare (module doc)."""
    text = re.sub(r"(?<!\\)%[^\n]*", "", text)
    marks = frozenset("l" if m.group(1) == r"\ell" else m.group(1) for m in _layered_mark().finditer(text))
    return marks, frozenset(_BARE.findall(text)) if marks else frozenset()


def marked_layer(cur: Any, base: str) -> bool:
    """At a Names cursor after '^' on another name than a layered one: {(j)}, {(j-1)}, {(\\ell)}
    with a letter the document writes as the layer of its layered names (`detect`); nothing
    consumed. A letter the document also writes bare is refused, said so."""
    k = 2 if cur.is_("{") and cur.is_("(", 1) else 0
    t = cur.peek(k)
    letter = "" if t is None else t.text if t.kind == "letter" else "l" if t.text == "ell" else ""
    if not k or letter not in cur.src.layer_letters:
        return False
    k += 1
    shifted = cur.is_("+", k) or cur.is_("-", k)
    if shifted:
        k += 2 if (n := cur.peek(k + 1)) is not None and n.kind == "num" else 99
    if not (cur.is_(")", k) and cur.is_("}", k + 1)):
        return False
    if base not in cur.src.bare_letters:
        return True
    if not shifted:  # f^{(k)} beside a bare f (f^{(k-1)} stays a power, read by verify/layer_letters)
        shown = letter if t is not None and t.kind == "letter" else "ℓ"
        raise cur.fail(
            t,
            f"{base} is written both bare and with the layer ({shown}): "
            f"which layer a bare {base} stands for is not settled",
            f"write the layer on every use of {base}",
        )
    return False
