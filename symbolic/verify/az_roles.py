r"""Which of a and z is the net input, read off how the document uses them (Bishop's letters).

Bishop (PRML sec. 5.3) writes a_j for a unit's net input and z_j = h(a_j) for its activation;
Nielsen writes the reverse. A document that defines neither (no z_j = h(a_j), no layered a^{(l)})
still says which is which where it uses them: the argument of the activation's derivative is a net
input (`\delta_k = (y_k - t_k) g'(a_k)`), and what multiplies δ in a weight's gradient is the
activation of the unit the weight leaves (`\partial E/\partial w_{kj} = \delta_k z_j`). Only both
uses together, each naming one letter and never the other, settle the roles: one use alone could
be the slip a verifier must name (σ'(a_j) where a is the activation), and a document whose uses
disagree (g'(a_k) on one line, \delta_k a_j on another) is left unsettled.
`swapped`: the names in Bishop's letters spelled in Nielsen's (a_j <-> z_j), so that the readings
of letter_readings (which read z as the net input and a as the activation) apply. Pure functions.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from ..latex import Partial, Statement
from .symbols import expressions, map_expressions

_UNIT = re.compile(r"([az])_([a-z])")
_SQUASH = {"sigma", "sigmoid", "tanh"}


def bishop(statements: list) -> bool:
    """Do the document's uses make a the net input and z the activation (and never the reverse)?"""
    pre, act = _uses(statements)
    return pre == {"a"} and act == {"z"}


def _uses(statements: list) -> tuple[set[str], set[str]]:
    """(bases used as a net input: inside f'(X_j) or σ(X_j); bases used as an activation: a
    factor beside δ in a weight's gradient)."""
    pre: set[str] = set()
    act: set[str] = set()
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for e in expressions(stmt):
            for f in sp.preorder_traversal(e):
                if not isinstance(f, (AppliedUndef, sp.Function)) or len(f.args) != 1:
                    continue
                name = type(f).__name__
                if name.endswith("_prime") or name in _SQUASH:
                    if isinstance(f.args[0], sp.Symbol) and (m := _UNIT.fullmatch(f.args[0].name)):
                        pre.add(m.group(1))
        if _weight_gradient(stmt):
            for side in stmt.sides:
                for f in side.factors:
                    factors = sp.Mul.make_args(f) if isinstance(f, sp.Expr) else ()
                    if not any(isinstance(x, sp.Symbol) and x.name.startswith("delta_") for x in factors):
                        continue
                    units = [_UNIT.fullmatch(x.name) for x in factors if isinstance(x, sp.Symbol)]
                    act |= {m.group(1) for m in units if m}
    return pre, act


def _weight_gradient(stmt: Statement) -> bool:
    """∂E/∂w_{kj} (a weight in index letters on the left)."""
    den = stmt.lhs.den if isinstance(stmt.lhs, Partial) else None
    return isinstance(den, sp.Symbol) and bool(re.fullmatch(r"w_[a-z]{2}", den.name))


def swapped(stmt, names: set[str]):
    """The statement with each of `names` in Bishop's letters in Nielsen's (a_j as z_j, z_j as a_j)."""
    if not isinstance(stmt, Statement):
        return stmt
    swap = {
        s: sp.Symbol({"a": "z", "z": "a"}[m.group(1)] + "_" + m.group(2))
        for e in expressions(stmt)
        for s in e.atoms(sp.Symbol)
        if s.name in names and (m := _UNIT.fullmatch(s.name))
    }
    if not swap:
        return stmt
    return map_expressions(stmt, lambda e: e.xreplace(swap))


def renamed(names: set[str]) -> set[str]:
    """`names` with a_j and z_j spelled the other way."""
    return {(({"a": "z", "z": "a"}[n[0]] + n[1:]) if _UNIT.fullmatch(n) else n) for n in names}
