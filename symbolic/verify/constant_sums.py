r"""A mean or a sum whose terms are all the same: `\frac{1}{n} \sum_{i=1}^{n} (y_{true} -
y_{pred})^2`, `\frac{1}{1} \sum_{i=1}^{1} (y_{true} - y_{pred})^2` (Victor Zhou's MSE), the body
writing no i.

When the summed letter appears nowhere in the body, every term is the body: \sum_{i=1}^{1} c is c,
and \frac{1}{n} \sum_{i=1}^{n} c is c whatever n counts. That is arithmetic on the text as written,
so the mean's factor and the sum are blanked (the same length, so no position moves) and the body
is read alone. The body runs to the end of its side (the next `=`, `&`, `\\` or the formula's end);
a body that writes the letter anywhere (y_i, x^{(i)}, a bare i), a sum to n without the mean's
\frac{1}{n} before it (n times the body), a mean whose n the document writes anywhere else (a
derivative of the mean by one example's quantity carries its \frac{1}{n}: the body is then one
example's term, not the mean) and any other bound are left as written. Pure: text in,
text out.
"""

from __future__ import annotations

import re

_LETTER = r"([a-zA-Z])"
_MEAN = r"(?:\\frac\s*\{\s*1\s*\}\s*\{\s*(?P<count>[a-zA-Z1])\s*\}\s*)?"
_SUM = re.compile(
    _MEAN
    + r"\\sum(?:\\limits)?\s*_\s*\{\s*"
    + _LETTER
    + r"\s*=\s*1\s*\}\s*\^\s*(?:\{\s*(?P<top>[a-zA-Z1])\s*\}|(?P<bare>[a-zA-Z1])(?![a-zA-Z]))"
)


def _writes(span: str, letter: str) -> bool:
    """Whether `span` writes `letter` standing alone (x_i, i, {(i)}), not inside a word or command."""
    return re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", span) is not None


def _elsewhere(text: str, m: re.Match, count: str) -> bool:
    """Whether the count n of the mean is written outside it (a later `\\frac{1}{n}` on a
    derivative of the mean: one example's share of it, not the mean's body)."""
    return _writes(text[: m.start()] + " " + text[m.end() :], count)


_END = re.compile(r"=|&|\\\\|\$|\\\]|\\end\b|\n|\{|\}")


def _side_end(text: str, start: int) -> int:
    """Where the side from `start` ends: an `=`, `&`, `\\\\`, `$`, `\\]` or line end outside
    the braces opened after `start` (j=1 in \\sum_{j=1}^{N} is not the side's end), or a brace
    closing one opened before it."""
    depth = 0
    for m in _END.finditer(text, start):
        c = m.group()
        if c == "{" and text[m.start() - 1] != "\\":
            depth += 1
        elif c == "}" and text[m.start() - 1] != "\\":
            depth -= 1
            if depth < 0:
                return m.start()
        elif c not in "{}" and depth == 0:
            return m.start()
    return len(text)


def blank(text: str) -> str:
    """`text` with each mean (or sum from 1 to 1) of a body that does not write its letter read
    as that body."""
    if "\\sum" not in text:
        return text
    chars = list(text)
    for m in _SUM.finditer(text):
        letter, top, count = m.group(2), m.group("top") or m.group("bare"), m.group("count")
        if not (top == "1" and count in (None, "1") or count is not None and count == top):
            continue
        body = text[m.end() : _side_end(text, m.end())]
        if (
            not body.strip()
            or _writes(body, letter)
            or count not in (None, "1")
            and _elsewhere(text, m, count)
        ):
            continue
        for k in range(m.start(), m.end()):
            chars[k] = " "
    return "".join(chars)
