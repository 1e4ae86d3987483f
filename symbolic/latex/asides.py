r"""A statement set in parentheses as an aside after another on its row:
`A = B \qquad (\text{where}\quad C = D)` (Jihwan Jeong). The row is cut at \qquad by the document
reader; here the aside's range is narrowed to `C = D`, the parentheses and the word dropped, so it
is read as a statement of its own (positions kept: a sub-range of the row)."""

from __future__ import annotations

import re

_ASIDE = re.compile(
    r"\s*(?:\\left\s*)?\(\s*(?:\\(?:text|textrm|mathrm)\s*\{\s*(?:where|with|since|as|i\.e\.,?)\s*,?\s*\}"
    r"|\\because|∵)"  # (\because u = ...): a reason given in parentheses, read as its statements
    r"(?:\s*(?:\\quad|\\qquad|\\,|\\;|\\ |~|,))*\s*"
)
_CLOSE = re.compile(r"(?:\\right\s*)?\)\s*[.,]?\s*$")


def aside(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the statement inside `(\\text{where} ... )`, or the range unchanged."""
    m = _ASIDE.match(text, start, end)
    close = _CLOSE.search(text, start, end)
    if not m or not close or "=" not in text[m.end() : close.start()]:
        return start, end
    inner, depth = text[m.end() : close.start()], 0
    for c in inner:  # the ')' closes the '(' of the aside: the inside is balanced
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return start, end
    return (m.end(), close.start()) if depth == 0 else (start, end)


def _balance(text: str) -> int:
    return text.count("(") - text.count(")")


def asides(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each part's range as `aside` narrows it; an aside cut in two by its own comma
    (`(\\because u = \\sum w z \\; , \\; \\frac{\\partial u}{\\partial u} = w f'(u))`, two reasons) is
    narrowed on both pieces: the opener dropped from the first, the closing ')' from the last."""
    out: list[tuple[int, int]] = []
    open_aside = False
    for start, end in parts:
        a, b = aside(text, start, end)
        if (a, b) != (start, end):
            out.append((a, b))
            open_aside = False
            continue
        m = _ASIDE.match(text, start, end)
        if m and "=" in text[m.end() : end] and _balance(text[m.end() : end]) == 0:
            out.append((m.end(), end))  # the aside's first reason: its ')' comes in a later piece
            open_aside = True
            continue
        close = _CLOSE.search(text, start, end)
        if open_aside and close and _balance(text[start : close.start()]) == 0:
            out.append((start, close.start()))  # the last reason, with the aside's ')'
            open_aside = False
            continue
        out.append((start, end))
    return out
