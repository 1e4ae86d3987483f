r"""The value of a sum over a unit index and of a square in a matrix row (latex/index_sums.py):
Hagan's `\sum_{j=1}^{S^M} (t_j - a_j)^2`, one number. The index runs over the units of the
vectors it indexes in the body (t and a: the outputs), which must all have one length, the bound
too when it is a number; a bound written as a name (S^M) is taken as that length. Anything else
(vectors of two lengths, a letter also free outside the sum, a power of a matrix) has no value
here: None, and the statement is not checked. Pure: an Evaluator and a node in, a Matrix out.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from ..latex.matrix_rows import Node
from .matrix_nodes import tree_nodes


def _length(ev: Any, body: Node, letter: str) -> int | None:
    """The one length of the vectors `letter` indexes in body, else None."""
    lengths = set()
    for n in tree_nodes(body):
        if n.kind == "name" and letter in n.args[2]:
            if n.args[2] != letter:
                return None  # w_{jk}: a matrix's entries, not one vector's
            whole = ev.value(Node("name", (n.args[0], n.args[1], "", n.args[3]), n.pos))
            if 1 not in whole.shape:
                return None
            lengths.add(max(whole.shape))
    return lengths.pop() if len(lengths) == 1 else None


def value(ev: Any, node: Node) -> sp.Matrix | None:
    """Σ_j X at this instance, or X²; None when it has no value here."""
    if node.kind == "pow":  # X², or 1 - h² entry by entry (latex/matrix.MatrixReader.postfix)
        m = ev.value(node.args[0])
        if m.shape != (1, 1) and node.args[2:] == ("entries",) and 1 in m.shape:
            return m.applyfunc(lambda e: e ** node.args[1])
        return sp.Matrix([[m[0, 0] ** node.args[1]]]) if m.shape == (1, 1) else None
    letter, bound, body = node.args[:3]
    skip = _skipped(ev, node.args[3]) if len(node.args) > 3 else None  # Σ_{k≠1}: all units but 1
    if letter in ev.env or skip == 0:
        return None  # j also free outside the sum
    n = _length(ev, body, letter)
    if n is None or bound and int(bound) != n or skip is not None and not 1 <= skip <= n:
        return None
    env, total = ev.env, None
    try:
        for j in range(1, n + 1):
            if j == skip:
                continue
            ev.env = {**env, letter: j}
            m = ev.value(body)
            if m.shape != (1, 1):
                return None
            total = m if total is None else total + m
    finally:
        ev.env = env
    return total


def _skipped(ev: Any, written: str) -> int:
    """The unit a sum leaves out: a number, or a letter bound at this instance; 0 if neither."""
    if written.isdigit():
        return int(written)
    return int(ev.env.get(written, 0))
