r"""A whole equation drawn in a frame: `$$\boxed{\frac{\partial L}{\partial w_1} = \frac{\partial
L}{\partial y_{pred}} * \frac{\partial y_{pred}}{\partial w_1}}$$` (Victor Zhou's introduction
boxes its results so).

`\boxed{...}` around a value (`= \boxed{0.999}`, `\boxed{-2(1 - y_{pred})}`) is read by the parser as
that value (latex/calls.py); around a statement, its `=` sits inside a braced argument, which the
parser refuses. A frame changes nothing a statement says: where the frame's content holds an `=`
outside any inner brace, the `\boxed{` and its closing `}` are blanked (the same length, so no
position moves) and the statement is read as written inside. Pure: text in, text out.
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"\\boxed\s*\{")
_LIMIT = 4000  # a frame's content longer than this is left as it is


def blank(text: str) -> str:
    """`text` with the frame of every boxed statement blanked."""
    if "\\boxed" not in text:
        return text
    chars = list(text)
    for m in _OPEN.finditer(text):
        close = _closing(text, m.end())
        if close is None or not _has_equation(text[m.end() : close]):
            continue
        for k in range(m.start(), m.end()):
            chars[k] = " "
        chars[close] = " "
    return "".join(chars)


def _closing(text: str, start: int) -> int | None:
    """The index of the `}` closing a brace opened just before `start`."""
    depth = 1
    for k in range(start, min(len(text), start + _LIMIT)):
        c = text[k]
        if c == "\\":  # \{ \} are characters, not braces
            continue
        if c == "{" and text[k - 1] != "\\":
            depth += 1
        elif c == "}" and text[k - 1] != "\\":
            depth -= 1
            if depth == 0:
                return k
    return None


def _has_equation(inner: str) -> bool:
    """An `=` at the frame's own brace level (not in a subscript or an argument)."""
    depth = 0
    for k, c in enumerate(inner):
        if c == "{" and (k == 0 or inner[k - 1] != "\\"):
            depth += 1
        elif c == "}" and (k == 0 or inner[k - 1] != "\\"):
            depth -= 1
        elif c == "=" and depth == 0:
            return True
    return False
