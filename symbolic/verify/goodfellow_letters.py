r"""Goodfellow's letters said by matrix lines alone, read in the scalar lines too.

A document that defines `a^{(k)} = b^{(k)} + W^{(k)} h^{(k-1)}` and `h^{(k)} = f(a^{(k)})` as
vectors (Goodfellow, Bengio & Courville; Larochelle's `a^{(k)}(x)`) writes a for the
pre-activation and h for the activation, and its entries keep those roles:
`\frac{\partial L}{\partial a^{(k)}_j} = \frac{\partial L}{\partial h^{(k)}_j} g'(a^{(k)}_j)`.
The matrix layout reads the roles off the definition (running.py); a scalar line in the same
letters is read with them (a -> z, h -> a: `roles`), as a scalar definition
a_i = b_i + \sum_j W_{ij} h_j would say (layer_letters.roles). Not when the document also writes
z (the letter is taken) or never writes h. Pure: statements in, roles out.
"""

from __future__ import annotations

import sympy as sp

from ..latex import Statement
from ..latex.matrix import MatrixStatement
from .matrix_nodes import tree_nodes
from .running import defines_pre_activation_as_a
from .symbols import LAYERED, expressions


def _bases(statements: list) -> set[str]:
    out = set()
    for st in statements:
        if isinstance(st, MatrixStatement):
            roots = (st.lhs, *(s.node for s in st.sides))
            out |= {str(n.args[0]) for n in tree_nodes(roots) if n.kind == "name" and n.args[1]}
        elif isinstance(st, Statement):
            for e in expressions(st):
                out |= {m.group(1) for s in e.atoms(sp.Symbol) if (m := LAYERED.fullmatch(s.name))}
    return out


def roles(statements: list) -> dict[str, tuple[str, int]]:
    """{'a': ('z', 0), 'h': ('a', 0)} when the matrix lines define a as what W^{(k)} feeds and the
    document writes h beside it and no z; else {}."""
    matrices = [s for s in statements if isinstance(s, MatrixStatement)]
    if not matrices or not defines_pre_activation_as_a(matrices):
        return {}
    bases = _bases(statements)
    if "h" not in bases or "z" in bases:
        return {}
    return {"a": ("z", 0), "h": ("a", 0)}
