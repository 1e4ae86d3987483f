r"""Numbered entries of a layered vector written bare, placed at the layer the document's own
definition of that layer's output places them: Diaz-De-Vivar's `z_1 = 0.235, z_2 = -0.107` beside
`A^{[2]} = g_{softmax}(Z^{[2]})` and `A^{[2]} = \begin{bmatrix} e^{z_1} / (e^{z_1} + e^{z_2}) \\
... \end{bmatrix}`: A^{[2]} takes Z^{[2]} directly, so the z_k its definition writes are the
entries of Z^{[2]}, and every bare z_1, z_2 of the document is read so (e^{z_1} \approx 1.2649 too).

Never a guess: only a letter with a numbered index (z_1, not z_j: letters are read per statement
by `letter_readings`), whose vector the document writes with a layer mark (z^{[2]} or its capital
Z^{[2]}, Ng's entries of a capital vector), never defined bare by a formula (z_1 = 0.235 is a value,
not a definition), written bare in a definition of a layered name X^{[l]} that another definition
says takes that vector at that same layer (X^{[l]} = f(Z^{[l]})), and only when every such
definition gives the same layer. A help of `lone_layer_names`, as its bare letters are; pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex.matrix_rows import MatrixStatement, Node
from .matrix_nodes import tree_nodes
from .symbols import LAYERED, map_expressions

NUMBERED = re.compile(r"([A-Za-z]+)_([0-9]+)")


def _side_names(stmt, k: int) -> list[tuple[str, str, str]]:
    side = stmt.sides[k]
    if isinstance(stmt, MatrixStatement):
        return [n for x in tree_nodes(side.node) if (n := _name(x))]
    return [n for f in side.factors if isinstance(f, sp.Basic) for s in f.atoms(sp.Symbol) if (n := _name(s))]


def _numbers_only(stmt, k: int) -> bool:
    side = stmt.sides[k]
    if isinstance(stmt, MatrixStatement):
        return all(x.kind != "name" for x in tree_nodes(side.node))
    return all(not isinstance(f, sp.Basic) or not f.free_symbols for f in side.factors)


def name_of(node) -> tuple[str, str, str] | None:
    """A name as (base, layer, index): ('z', '[2', '') for z^{[2]}, ('z_1', '', '') for a bare
    symbol z_1, ('z', '', '1') for a bare node z_1."""
    if isinstance(node, Node) and node.kind == "name":
        return node.args[0], node.args[1], node.args[2]
    if isinstance(node, sp.Symbol):
        m = LAYERED.fullmatch(node.name)
        return (m.group(1), m.group(3), m.group(2) or "") if m else (node.name, "", "")
    return None


def _name(x) -> tuple[str, str, str] | None:
    """`name_of` with a bare symbol's numbered index split off: z_1 -> ('z', '', '1')."""
    n = name_of(x)
    m = NUMBERED.fullmatch(n[0]) if n is not None and not n[1] and not n[2] else None
    return (m.group(1), "", m.group(2)) if m else n


def placed(statements: list, takes: set) -> dict[str, str]:
    """bare letter of numbered entries -> the layer it is read at ('z' -> '[2'); `takes` holds
    (X^{[l]}, Y) for each definition X^{[l]} = f(Y^{[l]}) (lone_layer_names)."""
    defined = set()
    for stmt in statements:
        lhs = _name(stmt.lhs)
        if lhs is not None and not lhs[1] and lhs[2].isdigit():
            if not all(_numbers_only(stmt, k) for k in range(len(stmt.sides))):
                defined.add(lhs[0])  # z_1 = w_1 x: the document's own z_1
    seen: dict[str, set[str]] = {}
    for stmt in statements:
        lhs = _name(stmt.lhs)
        if lhs is None or not lhs[1] or lhs[2]:
            continue
        vectors = {y.lower() for x, y in takes if x == lhs}
        for k in range(len(stmt.sides)):
            for base, layer, index in _side_names(stmt, k):
                if not layer and index.isdigit() and base.lower() in vectors and base not in defined:
                    seen.setdefault(base, set()).add(lhs[1])
    return {k: v.pop() for k, v in seen.items() if len(v) == 1}


def _node(node, where: dict[str, tuple[str, bool]]):
    if isinstance(node, tuple):
        return tuple(_node(a, where) for a in node)
    if not isinstance(node, Node):
        return node
    base, layer, index = node.args[:3] if node.kind == "name" else ("", "", "")
    if node.kind == "name" and base in where and not layer and index.isdigit():
        return replace(node, args=(base, where[base][0], index, where[base][1]))
    return replace(node, args=_node(node.args, where))


def rewrite(stmt, where: dict[str, tuple[str, bool]]):
    """The statement with its numbered bare entries written at their layers (`where`: letter ->
    (layer, the layer's brackets as the document writes them))."""
    if isinstance(stmt, MatrixStatement):
        sides = tuple(
            replace(d, node=_node(d.node, where), alt=d.alt and _node(d.alt, where)) for d in stmt.sides
        )
        return replace(stmt, lhs=_node(stmt.lhs, where), sides=sides)

    def at_layer(e):
        swap = {}
        for s in e.atoms(sp.Symbol):
            m = NUMBERED.fullmatch(s.name)
            if m and m.group(1) in where:
                swap[s] = sp.Symbol(f"{s.name}@{where[m.group(1)][0]}")
        return e.xreplace(swap) if swap else e

    return map_expressions(stmt, at_layer)
