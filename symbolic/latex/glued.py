"""Digits glued to a name, as plain-text tutorials write names (w1, z1, h1, out1, E_y1): the
name's subscript (w_1, E_{y1}), for the tokenizer. Never inside a script's braces (w_{h1} stays
h1), never after '^' (x^2 is a power), never after Euler's e."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tokens import Tok


def _in_script(toks: list["Tok"]) -> bool:
    """Is the end of toks inside the braces of a sub- or superscript (w_{h1}, a^{(2)})?"""
    level = 0
    for k in range(len(toks) - 1, max(-1, len(toks) - 65), -1):
        t = toks[k]
        if t.kind == "op" and t.text in ("}", "{"):
            level += 1 if t.text == "}" else -1
            if level < 0:
                return k > 0 and toks[k - 1].kind == "op" and toks[k - 1].text in ("_", "^")
    return False


def glued(toks: list["Tok"], digits: str, pos: int, space: bool) -> bool:
    """Digits touching a name (w1, z1, out1, E_y1) as plain-text tutorials write w_1: the name's
    subscript; never inside a script's braces (w_{h1} stays h1), never after '^'."""
    if space or not digits.isdigit() or not toks:
        return False
    prev = toks[-1]
    if prev.kind not in ("letter", "word") or prev.end != pos or prev.text == "e":
        return False
    before = toks[-2] if len(toks) > 1 else None
    if before is not None and before.kind == "op" and before.text == "^":
        return False
    return not _in_script(toks)


def name_digits(toks: list["Tok"], digits: str, pos: int, end: int, subscripted: bool = False) -> list["Tok"]:
    """The tokens replacing the name before the digits: w1 -> w _ 1; a subscript letter, E_y1,
    takes them inside its braces: E _ {y1}."""
    prev = toks[-1]
    if subscripted and prev.kind in ("letter", "word"):  # W2_{11}: the digits are part of the name W2
        return [replace(prev, kind="word", text=prev.text + digits, end=end)]
    before = toks[-2] if len(toks) > 1 else None
    from .tokens import Tok

    num = Tok("num", digits, pos, end)
    if before is not None and before.kind == "op" and before.text == "_":
        return [
            Tok("op", "{", prev.pos, prev.pos, prev.space),
            replace(prev, space=False),
            num,
            Tok("op", "}", end, end),
        ]
    return [prev, Tok("op", "_", pos, pos), num]
