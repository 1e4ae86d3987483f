r"""`e^{x}` in a matrix row: the exponential, taken entry by entry, as a softmax written out entry
by entry reads: `A^{[2]} = \begin{bmatrix} e^{z_1} / (e^{z_1} + e^{z_2}) \\ ... \end{bmatrix}`
(Diaz-De-Vivar's worked example). Only a letter e whose superscript is neither a transpose mark
nor a layer (e^T, e^{(l)}, e^L stay the names they were: Hagan's error e); the exponent is a
braced group, or one number or letter (e^2, e^x).
"""

from __future__ import annotations

from typing import Any

from .matrix_published import lettered
from .matrix_rows import Node
from .tokens import Tok, number_value


def exponential(reader: Any, t: Tok) -> Node | None:
    """At a letter e (the cursor on it) with '^' after it: exp(X), consumed; else None."""
    if t.kind != "letter" or t.text != "e" or not reader.is_("^", 1):
        return None
    start = reader.i
    reader.i += 1  # on the '^'
    if reader.transpose_mark(1) or lettered(reader):
        reader.i = start
        return None
    reader.i += 1
    head = reader.peek()
    if head is not None and head.text == "{":
        reader.i += 1
        arg = reader.msum(frozenset({"}"}))
        reader.expect("}", head)
    elif head is not None and head.kind == "num":
        reader.i += 1
        arg = Node("num", (number_value(head.text),), head.pos)
    elif head is not None and head.kind == "letter":
        reader.i += 1
        arg = Node("name", (head.text, "", "", False), head.pos)
    else:
        reader.i = start
        return None
    return Node("call", ("exp", arg), t.pos)
