r"""A layer's vector that the document writes with a constant 1 stacked in (Abu-Mostafa et al.'s
`x^{(\ell)} = \begin{bmatrix} 1 \\ \theta(s^{(\ell)}) \end{bmatrix}`: the bias folded in as a
weight on x_0 = 1, so `s^{(\ell)} = (W^{(\ell)})^T x^{(\ell-1)}` has a bias row in W).

symprop's layer vectors hold the units only, and its W no bias row: a matrix statement in such a
vector, or in the weight matrix it multiplies, is another matrix than symprop's and would be
judged wrong (or right) on the wrong shapes. So every matrix statement that names a letter the
document stacks a 1 into is set apart, not checked, with the reason; its scalar statements (x_j
for j >= 1, and x_0 = 1 with w_{0j} the bias) are read as before. Pure: statements in,
statements and the unchecked ones out.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..latex.matrix import MatrixStatement
from ..latex.matrix_rows import Node
from .ditto import Unchecked

REASON = "{name} stacks a constant 1 into its layer's vector (line {line}): not the network's vector"
FIX = "write it entry by entry (x_j for j >= 1, the bias as w_{0j}), or without the 1"


def _names(node) -> set[str]:
    """Every name's letter in a matrix statement's tree."""
    if isinstance(node, tuple):
        return {x for a in node for x in _names(a)}
    if not isinstance(node, Node):
        return set()
    if node.kind == "name":
        return {node.args[0]}
    return _names(node.args)


def _constant_one(node) -> bool:
    """A column [1; ...] or [...; 1]: a first or last row that is the number 1, and another row."""
    if not isinstance(node, Node) or node.kind != "matrix":
        return False
    rows = node.args[0]
    if len(rows) < 2 or any(len(r) != 1 for r in rows):
        return False
    one = [r[0] for r in (rows[0], rows[-1]) if r[0].kind == "num" and r[0].args[0] == 1]
    return bool(one)


def stacked(statements: Sequence) -> dict[str, tuple[int, str]]:
    """Letter -> the line that defines its layer's vector with a constant 1 stacked in, and the
    name as written there."""
    out: dict[str, tuple[int, str]] = {}
    for s in statements:
        if not isinstance(s, MatrixStatement) or s.lhs.kind != "name" or not s.lhs.args[1]:
            continue
        if any(_constant_one(side.node) for side in s.sides):
            out.setdefault(s.lhs.args[0], (s.line, s.lhs_text))
    return out


def apart(statements: Sequence) -> tuple[list, list[Unchecked]]:
    """The statements without the matrix statements in a stacked letter, and those, not checked."""
    letters = stacked(statements)
    if not letters:
        return list(statements), []
    kept, unchecked = [], []
    for s in statements:
        names = _names((s.lhs, *(side.node for side in s.sides))) if isinstance(s, MatrixStatement) else set()
        hit = sorted(names & set(letters))
        if not hit:
            kept.append(s)
            continue
        line, written = letters[hit[0]]
        reason = REASON.format(name=written, line=line)
        unchecked.append(Unchecked(s.line, s.col, reason, FIX))
    return kept, unchecked
