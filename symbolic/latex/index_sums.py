r"""A sum over a unit index inside a matrix row, and a square: Hagan's `\frac{\partial
\sum_{j=1}^{S^M} (t_j - a_j)^2}{\partial n^M_i}`, the squared error written out over the output
units between its vector form and its derivative. `\sum_{j=1}^{U} X`, `\sum_{j} X`, `\sum_j X`
with j in X: `Node("isum", (j, U, X))`, U a number, or '' for a bound written as a name (S^M,
K, n_L: taken as the whole range of j, which the verifier reads off the names j indexes; any other
bound, K-1, is left to the reader and refused there). `\sum_{k \neq 1} X`: `Node("isum", (k, '',
X, '1'))`, every unit but the one written (a number or a letter: Kyle Lo's rows of entries). A
body of one factor squared, `(X)^2`, `(X)^{2}`: `Node("pow", (X, 2))`, a power of one number (a
square elsewhere in a matrix row is left to the reader: rows such as `C(a) = (a^l - y)^2` are read
as scalars). Only in a row marked a matrix row by an operator or a written matrix
(latex/matrix.MatrixReader.marked). Pure: the reader's tokens in, a Node out.
"""

from __future__ import annotations

from typing import Any

from .batch_sum import _mentions
from .matrix_rows import Node
from .source import LatexParseError
from .tokens import Tok, number_value


def _letter(reader: Any) -> str:
    """After \\sum's '_' (consumed): j of j, {j}, {j=1} (the '=1' consumed too), else ''."""
    t = reader.peek()
    if t is not None and t.kind == "letter" and len(t.text) == 1:
        reader.i += 1
        return t.text
    texts = [getattr(reader.peek(k), "text", "") for k in range(5)]
    kinds = [getattr(reader.peek(k), "kind", "") for k in range(5)]
    if texts[0] != "{" or kinds[1] != "letter" or len(texts[1]) != 1:
        return ""
    if texts[2] == "}":
        reader.i += 3
        return texts[1]
    if texts[2:5] == ["=", "1", "}"]:
        reader.i += 5
        return texts[1]
    return ""


def _bound(reader: Any) -> str | None:
    """After '^' (consumed): a number ('3'), '' for one name with its scripts (S^M, K, n_L,
    {S^M}), None for anything else."""
    braced = reader.is_("{")
    k = 1 if braced else 0
    t = reader.peek(k)
    if t is None or t.kind not in ("num", "letter"):
        return None
    k += 1
    if t.kind == "letter":
        while braced and (reader.is_("^", k) or reader.is_("_", k)):
            u = reader.peek(k + 1)
            if u is None or u.kind not in ("letter", "num"):
                return None
            k += 2
    if braced and not reader.is_("}", k):
        return None
    reader.i += k + (1 if braced else 0)
    return t.text if t.kind == "num" else ""


def _one_vector_index(node: Node, letter: str) -> bool:
    """Does every name that writes `letter` write it as its whole unit index (t_j, a_j; not
    w_{jk}, y_{ik}, a^{j}: those sums are left to the reader)?"""
    if node.kind == "name":
        base, layer, index = node.args[:3]
        return base != letter and letter not in layer and (letter not in index or index == letter)
    return all(_one_vector_index(n, letter) for n in _nodes(node.args))


def _nodes(args: tuple) -> list[Node]:
    out: list[Node] = []
    for a in args:
        if isinstance(a, Node):
            out.append(a)
        elif isinstance(a, tuple):
            out += _nodes(a)
    return out


def index_sum(reader: Any, t: Tok) -> Node | None:
    """At \\sum (the cursor on it): a sum over a unit index the body names, consumed; else None
    (the cursor back where it was)."""
    start = reader.i
    reader.i += 1
    try:
        if not reader.is_("_"):
            raise LatexParseError("no index", 0, 0)
        reader.i += 1
        letter, skip = _letter(reader), ""
        if not letter:
            letter, skip = _excluding(reader)
        bound: str | None = ""
        if reader.is_("^"):
            reader.i += 1
            bound = _bound(reader)
        if not letter or bound is None:
            raise LatexParseError("not a sum over an index", 0, 0)
        body = reader.mproduct()
        if body.kind != "prod":
            body = square(reader, body)  # (t_j - a_j)^2: one factor squared
        if not _mentions(body, letter) or not _one_vector_index(body, letter):
            raise LatexParseError("not a sum over one vector's entries", 0, 0)
    except LatexParseError:
        reader.i = start
        return None
    return Node("isum", (letter, bound, body, skip) if skip else (letter, bound, body), t.pos)


def _excluding(reader: Any) -> tuple[str, str]:
    r"""After \sum's '_' (consumed): k and 1 of {k \neq 1}, {k \ne K} (consumed: the sum over
    every unit but one, Kyle Lo's), else ('', '')."""
    texts = [getattr(reader.peek(k), "text", "") for k in range(5)]
    kinds = [getattr(reader.peek(k), "kind", "") for k in range(5)]
    if texts[0] != "{" or kinds[1] != "letter" or len(texts[1]) != 1 or texts[4] != "}":
        return "", ""
    if texts[2] not in ("neq", "ne") or kinds[3] not in ("num", "letter") or texts[3] == texts[1]:
        return "", ""
    if kinds[3] == "num" and not texts[3].isdigit():
        return "", ""
    reader.i += 5
    return texts[1], texts[3]


def square(reader: Any, node: Node) -> Node:
    """After a factor: (X)^2 or (X)^{2} as its square, consumed; else the factor."""
    if not reader.is_("^"):
        return node
    two = [(getattr(u, "kind", ""), getattr(u, "text", "")) for u in (reader.peek(1), reader.peek(2))]
    if two[0] == ("num", "2"):
        reader.i += 2
    elif reader.is_("{", 1) and two[1] == ("num", "2") and reader.is_("}", 3):
        reader.i += 4
    else:
        return node
    return Node("pow", (node, number_value("2")), node.pos)
