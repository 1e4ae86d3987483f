r"""Statements listed with a plain comma: `z_1 = 0.235, z_2 = -0.107` (a worked example naming its
values in one breath, "Let $a = 1, b = 2$").

document.py sets apart two statements on one row at `\qquad` or `, \quad`; a plain comma between
two equations is the same list written tighter. Only a comma at the top level counts: not inside
braces, parentheses or brackets (f(a, b), [0.55, 0.60], \sum_{i=1, ...}), and document.py still
splits only where both parts hold '=' and the part after is not a condition (`, i = j`).
Pure: the text and a span in, the commas' spans out.
"""

from __future__ import annotations

import bisect
import re

_OPEN, _CLOSE = "{([", "})]"
_DOTS = ("\\cdots", "\\ldots", "\\dots", "...")  # i = 1, \cdots, n: a range, not a list
_SPACE = re.compile(r"\s*")
_SPACES = ("\\quad", "\\qquad", "\\;", "\\:", "\\,", "\\ ", "\\hspace")  # document.py's own


def _marks(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """The positions of every '=' and of every dots mark (\\ldots, ...) in text[start:end], sorted:
    found once, so that each comma's look ahead is a bisection, not a scan (a row of 50000 commas
    would otherwise be read in quadratic time)."""
    span = text[start:end]
    equals = [start + m.start() for m in re.finditer("=", span)]
    dots = sorted(start + m.start() for m in re.finditer("|".join(map(re.escape, _DOTS)), span))
    return equals, dots


def plain_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    r"""(start, end) of each top-level ',' in text[start:end] not already followed by a LaTeX
    space (`, \quad`, `, \;` are document.py's own separators), nor in a range
    (`m = 0, 1, \ldots, M-1`: the items after the comma, up to the next '=', reach dots)."""
    out: list[tuple[int, int]] = []
    equals, dots = _marks(text, start, end)
    depth, i = 0, start
    while i < end:
        c = text[i]
        if c == "\\":  # a command: \{ \left( \right) do not nest here
            i += 2
            continue
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(depth - 1, 0)
        elif c == "," and depth == 0:
            j = _SPACE.match(text, i + 1, end).end()  # type: ignore[union-attr]
            k = i
            while k > start and text[k - 1].isspace():
                k -= 1
            before = any(text.endswith(d, start, k) for d in _DOTS)
            e = bisect.bisect_left(equals, i)
            stop = equals[e] if e < len(equals) else end
            d = bisect.bisect_left(dots, j)
            ranged = text.startswith(_DOTS, j, end) or before or (d < len(dots) and dots[d] < stop)
            if not text.startswith(_SPACES, j, end) and not ranged:
                out.append((i, i + 1))
        i += 1
    return out
