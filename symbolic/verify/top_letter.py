r"""The output layer written as a fixed letter plus a shift: a note with N hidden layers writes
`z^{(N+1)} = W^{(N+1)} a^{(N)} + b^{(N+1)}`, `\hat y = a^{(N+1)}`, `\delta^{(N+1)} = \hat y - y`.

symprop ranges over lowercase layer letters (l, k: l+1, l-1) and reads L as the last layer (L-1
the one below it). A capital other than L written as a layer superscript is no range but one fixed
layer, which the formulas place: the highest layer the document writes with it, X+s, is the
output layer when a statement about the output writes it (one naming \hat y, y or t beside it:
`\hat y = a^{(N+1)}`). Then every X+k is read as L+k-s (N+1 -> L, N -> L-1, N-1 -> L-2), so the
network's depth fixes the letter: N is the last hidden layer. The same holds for a letter written
without a shift (\hat y = a^{(K)}: K is L) and in Ng's brackets (A^{[N+1]}). L itself written
with a shift above it (Larochelle's L hidden layers and `a^{(L+1)}(x)` the output's
pre-activation) can only name the output layer by its highest L+s: L+k is read as L+k-s
(L+1 -> L, L -> L-1), whether or not a statement about the output writes it.

Not read, left as written (its names then name nothing in the network): two such letters, a
letter beside L written as a layer too, or a letter whose highest layer no statement about the
output writes (a fixed layer the text does not place).
Pure: statements in, statements out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Statement
from ..latex.matrix_rows import MatrixStatement, Node
from .matrix_nodes import tree_nodes
from .symbols import LAYERED, expressions
from .symbols import map_expressions as _map

_HEAD = re.compile(r"(\[?)([A-Z])([+-]\d+)?")
_OUTPUT = re.compile(r"(?:[yYt]|[yY]_?hat|hat_?[yY])(?:_[A-Za-z0-9,]+)?")


def _roots(m: MatrixStatement) -> list:
    return [m.lhs, *(side.node for side in m.sides), *(side.alt for side in m.sides if side.alt)]


def _written(stmt) -> tuple[list[str], set[str]]:
    """(the layer superscripts a statement writes, the unlayered names it writes)."""
    layers, plain = [], set()
    if isinstance(stmt, MatrixStatement):
        for n in tree_nodes(tuple(_roots(stmt))):
            if n.kind == "name" and n.args[1]:
                layers.append(n.args[1])
            elif n.kind == "name":
                plain.add(n.args[0])
    elif isinstance(stmt, Statement):
        for e in expressions(stmt):
            for s in e.atoms(sp.Symbol):
                m = LAYERED.fullmatch(s.name)
                if m:
                    layers.append(m.group(3))
                else:
                    plain.add(s.name)
    return layers, plain


def output_letter(statements: list) -> tuple[str, int] | None:
    """(X, s) when the document's output layer is X+s (N, 1 for z^{(N+1)} beside \\hat y), else None."""
    shifts: dict[str, list[int]] = {}
    about_output: dict[str, set[int]] = {}
    heads = set()
    for stmt in statements:
        layers, plain = _written(stmt)
        output = any(_OUTPUT.fullmatch(n) for n in plain)
        for lay in layers:
            m = _HEAD.fullmatch(lay)
            if not m:
                continue
            heads.add(m.group(2))
            k = int(m.group(3) or 0)
            shifts.setdefault(m.group(2), []).append(k)
            if output:
                about_output.setdefault(m.group(2), set()).add(k)
    if heads == {"L"} and max(shifts["L"]) > 0:
        return "L", max(shifts["L"])  # Larochelle's L hidden layers, L+1 the output: L+1 -> L
    letters = sorted(heads - {"L"})
    if len(letters) != 1 or "L" in heads:
        return None
    x = letters[0]
    s = max(shifts[x])
    return (x, s) if s in about_output.get(x, set()) else None


def _layer(lay: str, x: str, s: int) -> str:
    m = _HEAD.fullmatch(lay)
    if not m or m.group(2) != x:
        return lay
    k = int(m.group(3) or 0) - s
    return f"{m.group(1)}L{'' if k == 0 else f'{k:+d}'}"


def _scalar(x: str, s: int):
    def fn(e: sp.Basic) -> sp.Basic:
        subs = {}
        for sym in e.atoms(sp.Symbol):
            m = LAYERED.fullmatch(sym.name)
            if m and (lay := _layer(m.group(3), x, s)) != m.group(3):
                sub = f"_{m.group(2)}" if m.group(2) else ""
                subs[sym] = sp.Symbol(f"{m.group(1)}{sub}@{lay}{m.group(4) or ''}")
        return e.xreplace(subs) if subs else e

    return fn


def _matrix(m: MatrixStatement, x: str, s: int) -> MatrixStatement:
    def node(n):
        if isinstance(n, tuple):
            return tuple(node(a) for a in n)
        if not isinstance(n, Node):
            return n
        if n.kind == "name" and n.args[1]:
            return replace(n, args=(n.args[0], _layer(n.args[1], x, s), *n.args[2:]))
        return replace(n, args=node(n.args))

    sides = tuple(replace(side, node=node(side.node), alt=side.alt and node(side.alt)) for side in m.sides)
    return replace(m, lhs=node(m.lhs), sides=sides)


def as_last(statements: list) -> list:
    """The statements with the document's output letter read as symprop's L (N+1 -> L, N -> L-1)."""
    found = output_letter(statements)
    if found is None:
        return statements
    x, s = found
    return [
        _matrix(st, x, s)
        if isinstance(st, MatrixStatement)
        else _map(st, _scalar(x, s))
        if isinstance(st, Statement)
        else st
        for st in statements
    ]
