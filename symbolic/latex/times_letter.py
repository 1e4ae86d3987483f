r"""The letter x between two numbers as a times sign, as plain text and figures write products of
numbers: hmkcode's detail boxes, 2 x .11 + 3 x .21 = .85.

A lone x (no subscript, superscript or call after it) with a number right before and right after
it is read as \times: a name between two numbers is no product a formula writes (2 x 3 would be
refused as a number right after a factor), so nothing readable changes meaning. Likewise a lone
'.' set apart by spaces between a name (or a closing bracket) and a name, hmkcode's `h_2 . \Delta`
and `i_2 . \Delta w_6` (a period there is refused: no formula writes it otherwise); a '.' beside
a number (.85, 2.) or at the end of a formula is left as it is. Positions kept. Pure functions on
tokens.
"""

from __future__ import annotations

from dataclasses import replace

from .tokens import Tok


def rewrite(toks: list[Tok]) -> list[Tok]:
    """Each num x num: the x a \\times; each name . name: the '.' a \\cdot."""
    out = list(toks)
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.kind == "letter" and t.text == "x" and toks[k - 1].kind == "num" and toks[k + 1].kind == "num":
            out[k] = replace(t, kind="cmd", text="times")
        if t.kind == "op" and t.text == "." and _spaced_product(toks, k):
            out[k] = replace(t, kind="cmd", text="cdot")
    return out


def _spaced_product(toks: list[Tok], k: int) -> bool:
    """toks[k] a '.' with a space on each side, after a name's end (a letter, a subscript's digit
    or closing brace, ')') and before a name (a letter, a command such as \\Delta)."""
    before, after = toks[k - 1], toks[k + 1]
    spaced = before.end < toks[k].pos and toks[k].end < after.pos
    ends_name = (
        before.kind == "letter"
        or before.text in (")", "}")
        or (before.kind == "num" and k >= 2 and toks[k - 2].text == "_")
    )
    return spaced and ends_name and after.kind in ("letter", "cmd") and after.text not in ("right", "end")
