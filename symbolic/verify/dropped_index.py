r"""A unit's name written without its index as a function's argument, in a statement about that one
unit: a PRML-style note's \frac{\partial z_j}{\partial a_j} = h'(a), or
\frac{\partial E}{\partial w_{ji}} = ... = h'(a) z_i \frac{\partial E}{\partial z_j} (Bishop's a_j,
the unit's net input, with its j dropped). The bare a is read as a_j when
- it is written only as the whole argument of functions (h'(a), σ(a)), never alone;
- the statement writes that letter with one index and no other (a_j, and no a_k, no a_1), and ties
  the two: a unit's derivative by a_j (∂z_j/∂a_j, the factor h'(a) stands for in the chain) or the
  same function at a_j (h'(a_j) on another side);
- the network gives the bare letter no meaning, the document defines it nowhere and no alias names it.
Anything else is left as written (and reported unknown): a bare a beside a_j and a_k, in a
statement that writes no a_j, or whose a_j is only the loss's variable (∂E/∂z^{[2]}_1 beside σ(z):
another unit's z), is never guessed. Pure: statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from ..latex import Partial, Statement
from ..latex.statements import PARTIAL
from .names import Resolver
from .symbols import expressions, map_expressions


def _called(e: sp.Basic, x: sp.Symbol) -> bool:
    """Is every x in e the whole argument of a function (h(x), h'(x))?"""
    if e == x:
        return False
    if isinstance(e, AppliedUndef) and e.func != PARTIAL and e.args == (x,):
        return True
    return all(_called(a, x) for a in e.args)


def restore(d, statements, aliases: dict | None = None) -> list:
    """The statements with each dropped index restored where the module doc says."""
    stmts = [s for s in statements if isinstance(s, Statement)]
    defined = {s.lhs for s in stmts if isinstance(s.lhs, sp.Symbol)}
    resolver = Resolver(d, dict(aliases or {}))
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement):
            out.append(stmt)
            continue
        exprs = expressions(stmt)
        names = {s for e in exprs for s in e.atoms(sp.Symbol)}
        swap = {}
        for x in names:
            if not re.fullmatch(r"[a-z]", x.name) or x in defined or x in resolver.user:
                continue
            indexed = {s for s in names if re.fullmatch(rf"{x.name}_[A-Za-z0-9,]+(?:@.+)?", s.name)}
            if len(indexed) != 1 or not all(_called(e, x) for e in exprs if e.has(x)):
                continue
            (target,) = indexed
            if not _beside(stmt, exprs, x, target, resolver):
                continue
            try:
                if resolver.lookup(x.name) is not None:
                    continue
            except SympropError:
                continue
            swap[x] = target
        if swap:
            stmt = map_expressions(stmt, lambda e, swap=swap: _at(e, swap))
        out.append(stmt)
    return out


def _beside(stmt: Statement, exprs, x: sp.Symbol, target: sp.Symbol, resolver: Resolver) -> bool:
    """Does the statement tie the bare x to its one indexed name: a unit's derivative by it
    (∂z_j/∂a_j, the factor h'(a) stands for), or the same function at it (h'(a_j) beside h'(a))?"""
    loss = resolver.d.loss_symbol
    partials = [(p.num, p.den) for p in _partials(stmt)]
    partials += [
        tuple(f.args) for e in exprs for f in sp.preorder_traversal(e) if getattr(f, "func", None) == PARTIAL
    ]
    for num, den in partials:
        if den == target and isinstance(num, sp.Symbol) and num != target:
            try:
                if resolver.lookup(num.name) != loss:
                    return True
            except SympropError:
                continue
    calls = [f for e in exprs for f in e.atoms(AppliedUndef) if f.func != PARTIAL and len(f.args) == 1]
    at_x = {f.func for f in calls if f.args[0] == x}
    return any(f.args[0] == target and f.func in at_x for f in calls)


def _partials(stmt: Statement) -> list[Partial]:
    return [o for o in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)] if isinstance(o, Partial)]


def _at(e: sp.Basic, swap: dict) -> sp.Basic:
    return e.replace(
        lambda f: (
            isinstance(f, AppliedUndef) and f.func != PARTIAL and len(f.args) == 1 and f.args[0] in swap
        ),
        lambda f: f.func(swap[f.args[0]]),
    )
