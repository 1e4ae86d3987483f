r"""Statements listed with a plain comma: `z_1 = 0.235, z_2 = -0.107` (a worked example naming its
values in one breath, "Let $a = 1, b = 2$").

document.py sets apart two statements on one row at `\qquad` or `, \quad`; a plain comma between
two equations is the same list written tighter. Only a comma at the top level counts: not inside
braces, parentheses or brackets (f(a, b), [0.55, 0.60], \sum_{i=1, ...}), and document.py still
splits only where both parts hold '=' and the part after is not a condition (`, i = j`).
Pure: the text and a span in, the commas' spans out.
"""

from __future__ import annotations

_OPEN, _CLOSE = "{([", "})]"
_DOTS = ("\\cdots", "\\ldots", "\\dots", "...")  # i = 1, \cdots, n: a range, not a list
_SPACES = ("\\quad", "\\qquad", "\\;", "\\:", "\\,", "\\ ", "\\hspace")  # document.py's own


def _range_ahead(after: str) -> bool:
    r"""`m = 0, 1, \ldots, M-1`: the comma after 0 is in a range when the items after it, up to the
    next '=' (the next statement of a list), reach dots."""
    items = after.split("=", 1)[0]
    return any(d in items for d in _DOTS)


def plain_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    r"""(start, end) of each top-level ',' in text[start:end] not already followed by a LaTeX
    space (`, \quad`, `, \;` are document.py's own separators)."""
    out: list[tuple[int, int]] = []
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
            after = text[i + 1 : end].lstrip()
            ranged = after.startswith(_DOTS) or text[start:i].rstrip().endswith(_DOTS) or _range_ahead(after)
            if not after.startswith(_SPACES) and not ranged:
                out.append((i, i + 1))
        i += 1
    return out
