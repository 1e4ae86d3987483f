r"""A document's own letter for δ: Hagan, Demuth & Beale's sensitivity s^m_i \equiv \partial\hat{F} /
\partial n^m_i, a letter the document defines as the loss's derivative by a net input.

Once the layer letters and the net input's letter are symprop's (layer_letters.py: n^m_i is z_i^l),
a letter defined so, at the same unit and layer, is δ, and every use of it reads as δ (s^m_i a^{m-1}_j,
(W^{m+1})^T s^{m+1}); the definition itself is then a δ definition, checked like \delta = ....

Never a guess: only when the document defines one letter so (scalar or a whole layer's,
s^m \equiv \partial\hat{F}/\partial n^m), the numerator a name of the loss, the letter none of the
network's own letters, and the document writes no δ of its own; its other lines about the letter
(s^M_i = -2(t_i - a_i) \dot{f}^M(n^M_i)) are claims about δ, judged as such. Pure: statements
in, statements out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from ..latex.loss_calls import loss_kind
from ..latex.matrix_rows import MatrixStatement, Node
from .names import LOSS_NAMES
from .symbols import LAYERED, map_expressions

_NETWORK_LETTERS = {"z", "a", "w", "W", "b", "x", "y", "t", "delta", "h", "o"}


def _scalar(stmt: Statement) -> str | None:
    """The letter a scalar definition X_i@l = ∂loss/∂z_i@l defines, else None (X_i@l = a value
    is a claim about X, checked once X is read as δ)."""
    lhs = stmt.lhs
    m = LAYERED.fullmatch(lhs.name) if isinstance(lhs, sp.Symbol) else None
    if m is None or not stmt.sides:
        return None
    factors = stmt.sides[0].factors
    if len(factors) == 1 and isinstance(factors[0], Partial):  # its first side (a chain may follow)
        num, den = factors[0].num, factors[0].den
        want = f"z{'_' + m.group(2) if m.group(2) else ''}@{m.group(3)}"
        loss = isinstance(num, sp.Symbol) and (num.name in LOSS_NAMES or loss_kind(num.name))
        if loss and isinstance(den, sp.Symbol) and den.name == want:
            return m.group(1)
    return None


def _matrix(stmt: MatrixStatement) -> str | None:
    """The same for a whole layer's definition X^l = ∂loss/∂z^l."""
    lhs = stmt.lhs
    if lhs.kind != "name" or not lhs.args[1] or lhs.args[2]:
        return None
    node = stmt.sides[0].node if stmt.sides else None
    if node is not None and node.kind == "partial":
        num, den = node.args
        loss = num.kind == "name" and (num.args[0] in LOSS_NAMES or loss_kind(num.args[0]))
        if loss and den.kind == "name" and den.args[:3] == ("z", lhs.args[1], ""):
            return lhs.args[0]
    return None


def _written(statements: list) -> set[str]:
    """The base letters of every name the statements write."""
    out: set[str] = set()

    def nodes(n):
        if isinstance(n, tuple):
            for a in n:
                nodes(a)
        elif isinstance(n, Node):
            if n.kind == "name":
                out.add(n.args[0])
            nodes(n.args)

    for s in statements:
        if isinstance(s, MatrixStatement):
            nodes((s.lhs, *(side.node for side in s.sides)))
        elif isinstance(s, Statement):
            objs = [s.lhs, *(f for p in s.sides for f in p.factors)]
            for o in objs:
                for e in [o.num, o.den] if isinstance(o, Partial) else [o]:
                    if isinstance(e, sp.Basic):
                        out |= {
                            (m.group(1) if (m := LAYERED.fullmatch(x.name)) else x.name.split("_")[0])
                            for x in e.atoms(sp.Symbol)
                        }
    return out


def letter(statements: list) -> str:
    """The document's own letter for δ, or ''."""
    said = [_matrix(s) if isinstance(s, MatrixStatement) else _scalar(s) for s in statements]
    found = {x for x in said if isinstance(x, str)}
    if len(found) != 1:
        return ""
    (own,) = found
    if own in _NETWORK_LETTERS or "delta" in _written(statements):
        return ""
    return own


def _rename_nodes(n, own: str):
    if isinstance(n, tuple):
        return tuple(_rename_nodes(a, own) for a in n)
    if not isinstance(n, Node):
        return n
    if n.kind == "name" and n.args[0] == own and n.args[1]:
        return replace(n, args=("delta", *n.args[1:]))
    return replace(n, args=_rename_nodes(n.args, own))


def apply(statements: list) -> list:
    """The statements with the document's own δ letter written as δ."""
    own = letter(statements)
    if not own:
        return statements

    def symbol(e: sp.Basic) -> sp.Basic:
        subs = {}
        for x in e.atoms(sp.Symbol):
            m = LAYERED.fullmatch(x.name)
            if m and m.group(1) == own:
                subs[x] = sp.Symbol("delta" + x.name[len(own) :])
        return e.xreplace(subs) if subs else e

    out: list = []
    for s in statements:
        if isinstance(s, Statement):
            out.append(map_expressions(s, symbol))
        elif isinstance(s, MatrixStatement):
            sides = tuple(
                replace(d, node=_rename_nodes(d.node, own), alt=d.alt and _rename_nodes(d.alt, own))
                for d in s.sides
            )
            out.append(replace(s, lhs=_rename_nodes(s.lhs, own), sides=sides))
        else:
            out.append(s)
    return out
