r"""The letter x between two numbers as a times sign, as plain text and figures write products of
numbers: hmkcode's detail boxes, 2 x .11 + 3 x .21 = .85.

A lone x (no subscript, superscript or call after it) with a number right before and right after
it is read as \times: a name between two numbers is no product a formula writes (2 x 3 would be
refused as a number right after a factor), so nothing readable changes meaning. Positions kept.
Pure functions on tokens.
"""

from __future__ import annotations

from dataclasses import replace

from .tokens import Tok


def rewrite(toks: list[Tok]) -> list[Tok]:
    """Each num x num: the x a \\times."""
    out = list(toks)
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.kind == "letter" and t.text == "x" and toks[k - 1].kind == "num" and toks[k + 1].kind == "num":
            out[k] = replace(t, kind="cmd", text="times")
    return out
