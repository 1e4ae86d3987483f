r"""A target written with the output layer's superscript: `(a_j^{(L)} - y_j^{(L)})` (a Chinese
blog post in Ng's parenthesised layers), y_j^{(L)} the target of output unit j, not a layer of y.

The document's own use settles it: y^{(M)}_s is subtracted from (or has subtracted from it) the
activation of the same unit in the same layer, a_s^{(M)}, which only a target can be (the output
minus itself is no error); M is a letter no layer above is written for (no ^{(M+1)}: the output
layer); and no line defines y with that superscript (y_j^{(L)} = ... would make it the
document's own name). The superscript is then blanked (same length, so no position moves) and
y_s is read as the target. Anything else is left as written (the reader then says why it cannot
read y^{(M)}). Pure: text in, text out.
"""

from __future__ import annotations

import re

_SUB = r"_\s*(?:\{\s*([a-z])\s*\}|([a-z]))"
_SUP = r"\^\s*\{\s*\(\s*([A-Za-z])\s*\)\s*\}"
# y_j^{(L)} or y^{(L)}_j
_Y = re.compile(r"(?<![A-Za-z\\])y\s*(?:" + _SUB + r"\s*" + _SUP + "|" + _SUP + r"\s*" + _SUB + ")")


def _parts(m: re.Match) -> tuple[str, str, int, int]:
    """(unit letter, layer letter, start and end of the superscript) of a _Y match."""
    g = m.groups()
    if g[2] is not None:  # y_j^{(L)}
        unit, layer = g[0] or g[1], g[2]
        sup = re.search(_SUP, m.group(0))
    else:  # y^{(L)}_j
        unit, layer = g[4] or g[5], g[3]
        sup = re.search(_SUP, m.group(0))
    assert sup is not None
    return unit, layer, m.start() + sup.start(), m.start() + sup.end()


def _activation(unit: str, layer: str) -> str:
    sub = r"_\s*(?:\{\s*" + unit + r"\s*\}|" + unit + ")"
    sup = r"\^\s*\{\s*\(\s*" + layer + r"\s*\)\s*\}"
    return r"a\s*(?:" + sub + r"\s*" + sup + "|" + sup + r"\s*" + sub + ")"


def _target(text: str, m: re.Match, defined: set[tuple[str, str]]) -> bool:
    unit, layer, _, _ = _parts(m)
    if (unit, layer) in defined:
        return False
    if re.search(r"\^\s*\{\s*\(\s*" + layer + r"\s*\+\s*1\s*\)", text):  # a layer above: not the output
        return False
    a = _activation(unit, layer)
    here = re.escape(m.group(0))
    return bool(re.search(a + r"\s*-\s*" + here + "|" + here + r"\s*-\s*" + a, text))


def _defined(text: str, matches: list[re.Match]) -> set[tuple[str, str]]:
    """(unit, layer) of each y^{(M)}_s a line defines (y_j^{(L)} = ..., at a line's or display's start)."""
    out = set()
    for m in matches:
        before = text[: m.start()].rsplit("\n", 1)[-1]
        after = text[m.end() :]
        if re.fullmatch(r"[\s$&]*(?:\\\[)?[\s$&]*", before) and re.match(r"\s*&?\s*=", after):
            out.add(_parts(m)[:2])
    return out


def blank(text: str) -> str:
    """text with the superscript of every target written with the output's layer blanked."""
    if "y" not in text or "^" not in text:
        return text
    matches = list(_Y.finditer(text))
    defined = _defined(text, matches)
    spans = []
    for m in matches:
        if _target(text, m, defined):
            _, _, start, end = _parts(m)
            spans.append((start, end))
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
