r"""`\max(0, Z^{[l]})` in a matrix row: ReLU taken entry by entry (max(0, x) and ReLU(x) are one
function), as posts define it: `g_{\text{ReLU}}(Z^{[l]}) = \max(0, Z^{[l]})`. Only a literal 0 and
one other argument, in either order; any other \max is left to the reader (and refused there).
"""

from __future__ import annotations

from typing import Any

from .matrix_rows import Node
from .source import LatexParseError
from .tokens import Tok


def _zero(t: Tok | None) -> bool:
    return t is not None and t.kind == "num" and t.text in ("0", "0.0")


def max_zero(reader: Any, t: Tok) -> Node | None:
    """At \\max (the cursor on it): max(0, X) or max(X, 0) as ReLU(X), consumed; else None. Its
    braces may be escaped ones: Goodfellow's `\\max\\{0, W^\\top x + c\\}`."""
    close = ")" if reader.is_("(", 1) else "\\}" if reader.is_("\\{", 1) else ""
    if not close:
        return None
    start = reader.i
    try:
        reader.i += 2
        if _zero(reader.peek()) and reader.is_(",", 1):
            reader.i += 2
            arg = reader.msum(frozenset({close}))
        else:
            arg = reader.msum(frozenset({","}))
            reader.i += 1
            if not (_zero(reader.peek()) and reader.is_(close, 1)):
                raise LatexParseError("not max(X, 0)", 0, 0)
            reader.i += 1
        reader.expect(close, t)
    except LatexParseError:
        reader.i = start
        return None
    return Node("call", ("relu", arg), t.pos)
