r"""Layers counted from 0 in parentheses: `a^{(0)} = x`, then z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}.

symprop counts parenthesised layers from the input as 1 (UFLDL's a^{(1)} = x) when a layer is
written with a letter, and from 0 in square brackets (Ng's a^{[0]} = x). A document that writes the
activation of layer 0 (a^{(0)}, h^{(0)}) says it counts from 0 whatever its brackets: the input is
layer 0 and W^{(1)} feeds the first hidden layer. The other way round, a document that writes
`a^{[1]} = x` (Higham & Higham) counts its square brackets from the input as 1.
Pure: statements in, a yes or no out.
"""

from __future__ import annotations

from sympy import Symbol

from ..latex.matrix import MatrixStatement, Node
from .batch import nodes
from .symbols import LAYERED, _symbols

_BASES = {"a", "h", "A", "H"}  # an activation (capitals: a layer's vector, MIT's A^l): layer 0 is the input


def _zero(layer: str) -> bool:
    return layer.strip("[](){}") == "0"


def counts_from_zero(statements) -> bool:
    """Whether a statement writes a^{(0)} or h^{(0)} (scalar or matrix)."""
    for stmt in statements:
        if isinstance(stmt, MatrixStatement):
            roots = [stmt.lhs, *(side.node for side in stmt.sides)]
            names = [n for root in roots for n in nodes(root) if isinstance(n, Node) and n.kind == "name"]
            if any(n.args[0] in _BASES and _zero(str(n.args[1])) for n in names):
                return True
            continue
        for s in _symbols(stmt):
            m = LAYERED.fullmatch(s.name)
            if m and m.group(1) in _BASES and _zero(m.group(3)):
                return True
    return False


def _input(node: Node) -> bool:
    return node.kind == "name" and node.args[0] == "x" and not node.args[1] and not node.args[2]


def counts_from_one(statements) -> bool:
    r"""Whether a statement names the input as layer 1 in square brackets, `a^{[1]} = x` (Higham
    & Higham): the brackets then count from the input as 1, not from 0 as Ng's a^{[0]} = x. Only
    the whole vector equal to the bare input x says so; a^{[1]}_j = x_j reads the same way."""
    for stmt in statements:
        if isinstance(stmt, MatrixStatement):
            lhs = stmt.lhs
            if (
                lhs.kind == "name"
                and lhs.args[0] in _BASES
                and str(lhs.args[1]).replace(" ", "") in ("[1", "[1]")
                and not lhs.args[2]
                and len(stmt.sides) == 1
                and _input(stmt.sides[0].node)
            ):
                return True
            continue
        left = getattr(stmt, "lhs", None)
        if not isinstance(left, Symbol) or len(stmt.sides) != 1:
            continue
        m = LAYERED.fullmatch(left.name)
        factors = stmt.sides[0].factors
        if not (m and m.group(1) in _BASES and m.group(3).replace(" ", "") in ("[1", "[1]")):
            continue
        x = "x_" + m.group(2) if m.group(2) else "x"  # a^{[1]}_j = x_j
        if len(factors) == 1 and isinstance(factors[0], Symbol) and factors[0].name == x:
            return True
    return False
