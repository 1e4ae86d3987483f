r"""`\sum_{i=1}^{N_{out}} X` in a matrix row with i nowhere in X: the same term N times, as a
student's bias gradient `\frac{\partial C}{\partial B^{(2)}} = \sum_{i=1}^{N_{out}}
\frac{\partial C}{\partial Z^{(2)}}` writes it (YoanPtr's README). The bound names a layer's
number of units (N_{out}, n_{in}, ...: `COUNTS`), so the sum is read as that count times the term,
`N_{out} · X`, and the verifier judges what is written: the term N_{out} times, not the term.
A bound that is a batch's size (m, n) is batch_sum.py's; a body that mentions i is a sum over an
index, read elsewhere. Pure: the reader's tokens in, a Node out.
"""

from __future__ import annotations

from typing import Any

from .matrix_rows import Node
from .source import LatexParseError
from .tokens import Tok

COUNTS = {"out": "out", "output": "out", "in": "in", "input": "in"}  # N_{out}: the outputs' count
_LETTERS = ("N", "n")


def _bound(reader: Any) -> str:
    """After '^' (consumed): 'out' or 'in' for {N_{out}} / N_{out} / {n_{in}}, consumed; else ''."""
    braced = reader.is_("{")
    k = 1 if braced else 0
    t = reader.peek(k)
    if t is None or t.text not in _LETTERS or not reader.is_("_", k + 1):
        return ""
    inner = reader.peek(k + 2)
    if inner is not None and inner.text == "{":
        word, close = reader.peek(k + 3), k + 4
        if not reader.is_("}", close):
            return ""
        end = close + 1
    else:
        word, end = inner, k + 3
    if word is None or word.text not in COUNTS:
        return ""
    if braced:
        if not reader.is_("}", end):
            return ""
        end += 1
    reader.i += end
    return COUNTS[word.text]


def count_sum(reader: Any, t: Tok) -> Node | None:
    """At \\sum (the cursor on it): \\sum_{i=1}^{N_{out}} X with i nowhere in X as N_{out} · X,
    consumed; else None (the cursor back where it was)."""
    from .batch_sum import _mentions

    start = reader.i
    reader.i += 1
    try:
        low = [reader.peek(k) for k in range(6)]
        texts = [getattr(u, "text", "") for u in low]
        if texts[:2] != ["_", "{"] or texts[3:6] != ["=", "1", "}"] or not texts[2].isalpha():
            raise LatexParseError("not a count sum", 0, 0)
        letter = texts[2]
        reader.i += 6
        if not reader.is_("^"):
            raise LatexParseError("not a count sum", 0, 0)
        reader.i += 1
        which = _bound(reader)
        if not which:
            raise LatexParseError("not a count sum", 0, 0)
        body = reader.mproduct()
        if _mentions(body, letter):
            raise LatexParseError("a sum over an index", 0, 0)
    except LatexParseError:
        reader.i = start
        return None
    # N_out:i, no index letters (o, u, t are none), the summed letter kept for the message
    count = Node("name", (f"N_{which}:{letter}", "", "", False), t.pos)
    return Node("prod", ((count, body), ("dot",)), t.pos)
