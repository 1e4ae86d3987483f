r"""A statement set in parentheses as an aside after another on its row:
`A = B \qquad (\text{where}\quad C = D)` (Jihwan Jeong). The row is cut at \qquad by the document
reader; here the aside's range is narrowed to `C = D`, the parentheses and the word dropped, so it
is read as a statement of its own (positions kept: a sub-range of the row)."""

from __future__ import annotations

import re

_ASIDE = re.compile(
    r"\s*(?:\\left\s*)?\(\s*\\(?:text|textrm|mathrm)\s*\{\s*(?:where|with|since|as|i\.e\.,?)\s*,?\s*\}"
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
