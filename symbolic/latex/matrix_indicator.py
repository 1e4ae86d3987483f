r"""An indicator in a matrix row, `\mathbf{1}_{z^{(l)}>0}`, `\mathbb{1}(Z^{[l]} > 0)`, `1\{z > 0\}`,
Prince's `\mathbb{I}[f_{k-1} > \mathbf{0}]` (a bracket, a bold number):
taken entry by entry, 1 where the comparison holds and 0 elsewhere (ReLU's derivative as notes
write it, `\delta^{(l)} = (W^{(l+1)})^T \delta^{(l+1)} \odot \mathbf{1}_{z^{(l)}>0}`). Only a
comparison with a written number on its right; anything else is left to the reader (refused there).
"""

from __future__ import annotations

from typing import Any

import sympy

from .indicators import _COMPARE_OF, COMPARE
from .matrix_rows import Node
from .source import LatexParseError
from .statements import COMPARISONS
from .tokens import Tok, number_value
from .vocabulary import COMPARE_CMDS, OPENERS

_STOPS = frozenset(COMPARE | COMPARE_CMDS)


def indicator_node(reader: Any, t: Tok) -> Node | None:
    """At the indicator (the cursor on it): ('indicator', (X, c, code)) for 1_{X op c}, consumed;
    code the comparison's index in latex.statements.COMPARISONS; else None."""
    start = reader.i
    reader.i += 1
    if reader.is_("_"):
        reader.i += 1
    opener = reader.peek()
    if opener is None or opener.text not in OPENERS:
        reader.i = start
        return None
    try:
        reader.i += 1
        arg = reader.msum(_STOPS)
        op = reader.next()
        sign = -1 if reader.is_("-") else 1
        reader.i += 1 if sign == -1 else 0
        braced = reader.is_("{") and reader.is_("}", 2)  # \mathbf{0}: the number, in bold
        reader.i += braced
        c = reader.peek()
        if c is None or c.kind != "num":
            raise LatexParseError("not a number", 0, 0)
        reader.i += 1 + braced
        reader.expect(OPENERS[opener.text], opener)
    except LatexParseError:
        reader.i = start
        return None
    code = COMPARISONS.index(_COMPARE_OF.get(op.text, op.text))
    return Node("indicator", (arg, sign * number_value(c.text), sympy.Integer(code)), t.pos)
