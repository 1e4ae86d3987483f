r"""`\underbrace{X}_{label}` and `\overbrace{X}^{label}` in a matrix statement: X alone.

Teaching notes label the factors of a gradient with their shapes or meanings
(`\underbrace{{W^{[3]}}^T}_{2\times1} \circ \underbrace{g'(z^{[2]})}_{2\times1}`, CS229's deep
learning notes). The scalar reader reads through them (expressions.decoration); here, on the
tokens of a matrix row, the command, its braces and its label are dropped, the marked tokens kept
in place (positions untouched).
"""

from __future__ import annotations

from .tokens import Tok

_MARKS = {"underbrace": "_", "overbrace": "^"}


def _close(toks: list[Tok], i: int) -> int:
    """The index of the '}' matching the '{' at i, or -1."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "op" and toks[j].text in ("{", "}"):
            depth += 1 if toks[j].text == "{" else -1
            if depth == 0:
                return j
    return -1


def unbraced(toks: list[Tok]) -> list[Tok]:
    """The row's tokens with every \\underbrace / \\overbrace and its label removed."""
    out = list(toks)
    i = 0
    while i < len(out):
        t = out[i]
        if not (t.kind == "cmd" and t.text in _MARKS and i + 1 < len(out) and out[i + 1].text == "{"):
            i += 1
            continue
        end = _close(out, i + 1)
        if end < 0:
            return toks  # unbalanced: left for the reader to report
        drop = {i, i + 1, end}
        if end + 1 < len(out) and out[end + 1].text == _MARKS[t.text]:
            label = end + 2
            if label < len(out) and out[label].text == "{":
                close = _close(out, label)
                if close < 0:
                    return toks
                drop |= set(range(end + 1, close + 1))
            elif label < len(out):
                drop |= {end + 1, label}
        out = [x for k, x in enumerate(out) if k not in drop]
    return out
