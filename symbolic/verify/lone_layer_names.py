r"""A name written bare in a document that writes it with layer marks elsewhere, placed by the one
derivative that places it: Jurafsky & Martin's ∂L/∂z beside z^{[1]}, z^{[2]}.

`a^{[2]} = \sigma(z^{[2]})` defines the output's activation by its net input; `\frac{\partial
a^{[2]}}{\partial z} = a^{[2]}(1 - a^{[2]})` then differentiates a^{[2]} by a bare z, and the only z
that a^{[2]} takes directly is z^{[2]}. Every bare z of the document is read so (∂L/∂z = a^{[2]} - y
too, which no derivative of a^{[2]} accompanies).

Never a guess: only a letter the document writes both bare and with layer marks, never defined
bare itself (z = ...), differentiated bare by a layered name's derivative (∂X^{[l]}/∂z) whose
layered X the document defines as a function of the letter at that same layer (X^{[l]} =
f(z^{[l]})), and only when every such derivative gives the same layer. Anything else is left as
written (its unknown name said where it is used). Numbered entries written bare (z_1, z_2 beside
Z^{[2]}) are placed by the definition of a layer's output that writes them (`lone_entries`).
Pure: statements in, statements out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from ..latex.matrix_rows import MatrixStatement, Node
from . import lone_entries
from .lone_entries import name_of as _name
from .matrix_nodes import tree_nodes
from .symbols import expressions, map_expressions

# a name as (base, layer, index): ('z', '[2', '') for z^{[2]}, ('z', '', '') for a bare z


def _trees(stmt: MatrixStatement) -> list[Node]:
    return [stmt.lhs, *(side.node for side in stmt.sides)]


def _names(stmt) -> list[tuple[str, str, str]]:
    if isinstance(stmt, MatrixStatement):
        return [n for t in _trees(stmt) for x in tree_nodes(t) if (n := _name(x))]
    return [n for e in expressions(stmt) for s in e.atoms(sp.Symbol) if (n := _name(s))]


def _definition(stmt) -> tuple[tuple[str, str, str] | None, list[tuple[str, str, str]]]:
    """(the name a definition defines, the names of its one right side), or (None, [])."""
    if len(stmt.sides) != 1:
        return None, []
    if isinstance(stmt, MatrixStatement):
        return _name(stmt.lhs), [n for x in tree_nodes(stmt.sides[0].node) if (n := _name(x))]
    right = [f for f in stmt.sides[0].factors if isinstance(f, sp.Basic)]
    return _name(stmt.lhs), [n for f in right for s in f.atoms(sp.Symbol) if (n := _name(s))]


def _partials(stmt) -> list[tuple]:
    """(numerator, denominator) names of each derivative the statement writes."""
    if isinstance(stmt, MatrixStatement):
        nodes = [x for t in _trees(stmt) for x in tree_nodes(t)]
        return [(_name(x.args[0]), _name(x.args[1])) for x in nodes if x.kind == "partial"]
    objs = [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]
    return [(_name(o.num), _name(o.den)) for o in objs if isinstance(o, Partial)]


def _takes(statements: list) -> tuple[set, set]:
    """((X^{[l]}, Y) for each definition X^{[l]} = f(Y^{[l]}), the letters defined bare)."""
    takes, defined_bare = set(), set()
    for stmt in statements:
        lhs, right = _definition(stmt)
        if lhs is None:
            continue
        if not lhs[1]:
            defined_bare.add(lhs[0])
        takes |= {(lhs, b) for b, lay, i in right if lay == lhs[1] and b != lhs[0] and not i and not lhs[2]}
    return takes, defined_bare


def placed(statements: list) -> dict[str, str]:
    """bare letter -> the layer it is read at ('z' -> '[2'), for each letter the rule places."""
    statements = [s for s in statements if isinstance(s, (Statement, MatrixStatement))]
    names = [n for s in statements for n in _names(s)]
    layered = {b for b, lay, i in names if lay and not i}
    takes, defined_bare = _takes(statements)
    seen: dict[str, set[str]] = {}
    for stmt in statements:
        for num, den in _partials(stmt):
            if num is None or den is None or den[1] or den[2] or not num[1]:
                continue
            letter = den[0]
            if letter not in layered or letter in defined_bare:
                continue
            seen.setdefault(letter, set()).add(num[1] if (num, letter) in takes else "")
    return {k: v.pop() for k, v in seen.items() if len(v) == 1 and "" not in v}


def _layered_node(statements: list, letter: str, layer: str) -> Node | None:
    """The document's own node for letter^{layer} (its markup kept), if it writes one."""
    for stmt in statements:
        if isinstance(stmt, MatrixStatement):
            for t in _trees(stmt):
                for x in tree_nodes(t):
                    if x.kind == "name" and x.args[:3] == (letter, layer, ""):
                        return x
    return None


def _swap(node, bare: dict[str, Node]):
    if isinstance(node, tuple):
        return tuple(_swap(a, bare) for a in node)
    if not isinstance(node, Node):
        return node
    if node.kind == "name" and node.args[0] in bare and not node.args[1] and not node.args[2]:
        return replace(bare[node.args[0]], pos=node.pos)
    return replace(node, args=_swap(node.args, bare))


def apply(statements: list) -> list:
    """The statements with each bare letter `placed` places written at its layer, and numbered
    entries (z_1 beside Z^{[2]}) at the layer `lone_entries` places them."""
    return _bare_letters(_entries(statements))


def _entries(statements: list) -> list:
    own = [s for s in statements if isinstance(s, (Statement, MatrixStatement))]
    where = lone_entries.placed(own, _takes(own)[0])
    if not where:
        return statements
    brackets = {}
    for letter, layer in where.items():
        node = _layered_node(statements, letter, layer) or _layered_node(statements, letter.upper(), layer)
        brackets[letter] = (layer, node.args[3] if node is not None else layer.startswith(("[", "(")))
    return [
        lone_entries.rewrite(s, brackets) if isinstance(s, (Statement, MatrixStatement)) else s
        for s in statements
    ]


def _bare_letters(statements: list) -> list:
    where = placed(statements)
    if not where:
        return statements
    symbols = {sp.Symbol(letter): sp.Symbol(f"{letter}@{layer}") for letter, layer in where.items()}
    nodes = {k: n for k, lay in where.items() if (n := _layered_node(statements, k, lay)) is not None}
    out: list = []
    for s in statements:
        if isinstance(s, Statement):
            out.append(map_expressions(s, lambda e: e.xreplace(symbols)))
        elif isinstance(s, MatrixStatement) and nodes:
            sides = tuple(
                replace(d, node=_swap(d.node, nodes), alt=d.alt and _swap(d.alt, nodes)) for d in s.sides
            )
            out.append(replace(s, lhs=_swap(s.lhs, nodes), sides=sides))
        else:
            out.append(s)
    return out
