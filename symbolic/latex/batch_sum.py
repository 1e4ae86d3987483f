r"""`\sum_{i=1}^{m} dZ^{[l]}` in a matrix row: the sum over a batch's m examples, as posts write Ng's
np.sum(dZ, axis=1, keepdims=True) (`db[l] = \frac{1}{m} \sum_{i=1}^{m} dZ[l]`): the summed index
appears nowhere in the body, so the sum can only run over the batch's columns (also \sum_i dZ^{[2]},
with no bounds, and Ng's own \sum dZ^{[2]}, with no index at all, when the body is one batch
matrix; a cost's \sum (Y \log A + ...) sums every entry, and is not this). Read as that row
sum (the verifier says such a line not checked, by name: one example cannot show it).
"""

from __future__ import annotations

from typing import Any

from .matrix_rows import Node
from .source import LatexParseError
from .tokens import Tok

_BOUNDS = frozenset({"m", "n", "M", "N", "B"})  # a batch's size
_BATCH = frozenset({"A", "Z", "X", "Y"})  # a batch's matrices: \sum_i dZ^{[2]} with no bounds too


def _script(reader: Any, mark: str) -> list[str] | None:
    """After `mark` (_ or ^) at the cursor: the texts of its one token or braced group, consumed."""
    if not reader.is_(mark):
        return None
    reader.i += 1
    if not reader.is_("{"):
        t = reader.next()
        return [t.text]
    reader.i += 1
    out: list[str] = []
    while not reader.is_("}"):
        t = reader.peek()
        if t is None or len(out) > 6:
            return None
        out.append(t.text)
        reader.i += 1
    reader.i += 1
    return out


def _mentions(node: Node, letter: str) -> bool:
    if node.kind == "name" and (node.args[0] == letter or letter in node.args[1] or letter in node.args[2]):
        return True
    return any(
        _mentions(a, letter) if isinstance(a, Node) else isinstance(a, tuple) and _in(a, letter)
        for a in node.args
    )


def _in(args: tuple, letter: str) -> bool:
    return any(
        _mentions(b, letter) if isinstance(b, Node) else isinstance(b, tuple) and _in(b, letter) for b in args
    )


def _batched(node: Node) -> bool:
    """Does a batch matrix (A, Z, X, Y: one column per example) stand in it?"""
    if node.kind == "name" and node.args[0] in _BATCH:
        return True
    return any(
        _batched(a)
        if isinstance(a, Node)
        else isinstance(a, tuple) and any(_batched(b) for b in a if isinstance(b, Node))
        for a in node.args
    )


def batch_sum(reader: Any, t: Tok) -> Node | None:
    """At \\sum (the cursor on it): \\sum_{i=1}^{m} X with i nowhere in X as rowsum(X), consumed;
    else None (the cursor back where it was)."""
    start = reader.i
    reader.i += 1
    try:
        low = _script(reader, "_") or []
        high = _script(reader, "^")
        plain = not low and high is None  # \sum dZ^{[2]}: no index, over a batch's columns
        bare = plain or len(low) == 1 and high is None  # \sum_i dZ^{[2]}
        bounded = len(low) == 3 and low[1:] == ["=", "1"] and high is not None and len(high) == 1
        if not (bare or bounded and high is not None and high[0] in _BOUNDS):
            raise LatexParseError("not a batch sum", 0, 0)
        if not plain and (not low[0].isalpha() or len(low[0]) != 1):
            raise LatexParseError("not a batch sum", 0, 0)
        body = reader.mproduct()
        if not plain and _mentions(body, low[0]):
            raise LatexParseError("a sum over an index", 0, 0)
        if plain and body.kind not in (
            "name",
            "nabla",
        ):  # dZ^{[2]} is ∇_Z L; \sum (Y \log A + ...): a cost's sum over every entry
            raise LatexParseError("a sum of every entry", 0, 0)
        if bare and not _batched(body):
            raise LatexParseError("a sum of one example's quantity", 0, 0)
    except LatexParseError:
        reader.i = start
        return None
    return Node("call", ("rowsum", body), t.pos)
