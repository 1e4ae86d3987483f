r"""`\operatorname{diag}(v)` in a matrix row (also `\mathrm{diag}`, `\text{diag}`): the square
matrix with v's entries on its diagonal, as notes write an element-wise activation's Jacobian
(`\boldsymbol{\delta}^{(1)} = \operatorname{diag}(\sigma'(\mathbf{z}^{(1)})) (\mathbf{W}^{(2)})^\top
\boldsymbol{\delta}^{(2)}`, Bishop's `\mathbf{W}^{(2)} \operatorname{diag}(1 - \mathbf{z}^2)
\mathbf{W}^{(1)}`). Read as the call `diag`; verify/matrix.Evaluator builds the matrix from a
vector and refuses any other argument. Pure.
"""

from __future__ import annotations

from typing import Any

from .matrix_rows import Node
from .tokens import Tok

DIAG = "diag"


def diag_call(reader: Any, t: Tok) -> Node | None:
    """At a text token `diag` followed by '(' (the cursor on it): the call, consumed; else None."""
    if not (t.kind == "text" and t.text.strip() == DIAG and reader.is_("(", 1)):
        return None
    reader.i += 1
    opener = reader.expect("(")
    arg = reader.msum(frozenset({")"}))
    reader.expect(")", opener)
    return Node("call", (DIAG, arg), t.pos)
