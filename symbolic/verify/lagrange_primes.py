r"""Lagrange's primes on names (symbolic/latex/lagrange.py), read as the document means them.

`C'(W_O)`, `\hat{y}'(Z_O)`, `Z_O'(W_O)` (ML Glossary) are partial derivatives of a QUANTITY by
another: a name the network knows (C the loss, \hat{y} the output), a name the document also
writes alone (H in `\cdot H`, or as what something is differentiated by), or one with a
subscript (Z_O). They become `Partial(N, A)`, as `\frac{\partial N}{\partial A}` would.

Any other primed name, written only as `R'(Z_o)` or `R(Z_h)`, is a function there: the network's
activation, or the activation quantity of the unit whose net input it is applied to (O'(Z_o),
the output by its net input), which at a net input z have the same derivative f'(z). Which one is
never guessed: it is read as the activation only when the name is the activation's initial (R
for ReLU, S for sigmoid, T for tanh) or when a chain of derivatives puts it right after the
activation above its argument (`C'(\hat{y}) \cdot O'(Z_o)`), and then only if every argument it
is applied to is a net input of a layer with that activation (`activations`, after the names are
bound). Otherwise it stays the unknown function N' and its statements are not checked, said so.
Pure: statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from ..latex import Partial, Product, Statement
from ..latex.lagrange import LAGRANGE, LAGRANGE_AT
from .names import Resolver
from .symbols import map_factors

SUFFIX = "_prime"
_INITIALS = {"relu": "R", "leaky_relu": "R", "sigmoid": "S", "tanh": "T"}


def _prime_of(name: str) -> type:
    return sp.Function(name + SUFFIX)


def _applied(e: sp.Basic, func) -> list:
    return [a for a in e.atoms(AppliedUndef) if a.func == func]


def _objects(stmt: Statement) -> list:
    out = [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]
    out += [x for p in stmt.sides for x in p.parts if x is not None]
    return [e for o in out for e in ([o.num, o.den] if isinstance(o, Partial) else [o])]


def _exprs(statements) -> list[sp.Basic]:
    return [e for s in statements if isinstance(s, Statement) for e in _objects(s) if isinstance(e, sp.Basic)]


def functions(d, statements, aliases: dict | None = None) -> set[str]:
    """The primed names the document writes only applied (R'(Z_o), R(Z_h)): not quantities."""
    exprs = _exprs(statements)
    heads: set[sp.Symbol] = set()
    alone: set[sp.Symbol] = set()
    for e in exprs:
        calls = _applied(e, LAGRANGE) + _applied(e, LAGRANGE_AT)
        heads |= {c.args[0] for c in calls if isinstance(c.args[0], sp.Symbol)}
        alone |= e.xreplace({c: sp.Mul(*c.args[1:]) for c in calls}).free_symbols
    resolver = Resolver(d, aliases or {})
    out = set()
    for n in heads - alone:
        try:
            known = sp.Symbol(n.name) in (aliases or {}) or resolver.lookup(n.name) is not None
        except SympropError:
            known = True
        if not known and re.fullmatch(r"[A-Za-z]", n.name):
            out.add(n.name)
    return out


def read(d, statements, aliases: dict | None = None) -> tuple[list, set[str]]:
    """Lagrange primes on quantities -> Partial; on the document's functions -> N'(A) and N(A),
    left for `activations` (the names are not bound yet). Returns (statements, those functions)."""
    if not any(_applied(e, LAGRANGE) for e in _exprs(statements)):
        return list(statements), set()
    fns = functions(d, statements, aliases)

    def inner(e):
        def one(c):
            n, a = c.args
            if c.func == LAGRANGE:
                return _prime_of(n.name)(a) if n.name in fns else Partial(n, a).as_expr()
            return sp.Function(n.name)(a) if n.name in fns else n * a  # a quantity: N (A) as before

        calls = _applied(e, LAGRANGE) + _applied(e, LAGRANGE_AT)
        return e.xreplace({c: one(c) for c in calls}) if calls else e

    def factor(f):
        if isinstance(f, AppliedUndef) and f.func == LAGRANGE and f.args[0].name not in fns:
            return Partial(*f.args)
        return inner(f) if isinstance(f, sp.Basic) else f

    return _each(statements, factor, inner), fns


def _each(statements, factor, part) -> list:
    """Every statement with `factor` applied to its left side and its sides' factors, and `part`
    to each written part (None stays None); anything else as it is."""
    return [map_factors(s, factor, part) if isinstance(s, Statement) else s for s in statements]


def activations(d, statements, fns: set[str], aliases: dict, chained: set[str]) -> list:
    """The document's functions N'(A), N(A) read as the activation's f'(A), f(A) when N is the
    activation's initial or a chain puts it after the activation above A (`chained`), and every
    A is a net input of a layer with that activation; else left as they are (not checked)."""
    if not fns:
        return list(statements)
    resolver = Resolver(d, aliases)
    exprs = _exprs(statements)
    read_as: dict[str, bool] = {}
    for n in fns:
        calls = [c for e in exprs for c in e.atoms(AppliedUndef) if type(c).__name__ in (n, n + SUFFIX)]
        layers = set()
        for c in calls:
            try:
                z = resolver.resolve(c.args[0])
            except SympropError:
                z = None
            layers.add(resolver.z_layer.get(z) if z is not None else None)
        rules = {d.spec.activations[k - 1].name for k in layers if k is not None}
        initial = len(rules) == 1 and _INITIALS.get(next(iter(rules))) == n
        read_as[n] = bool(calls) and None not in layers and len(rules) == 1 and (initial or n in chained)

    def inner(e):
        mapping = {}
        for c in e.atoms(AppliedUndef):
            name = type(c).__name__
            if name.removesuffix(SUFFIX) in read_as and read_as[name.removesuffix(SUFFIX)]:
                mapping[c] = sp.Function("f_prime" if name.endswith(SUFFIX) else "f")(*c.args)
        return e.xreplace(mapping) if mapping else e

    return _each(statements, lambda f: inner(f) if isinstance(f, sp.Basic) else f, inner)


def is_link(f, fns: set[str]) -> bool:
    """A factor of a chain: a derivative, or one of the document's functions primed, N'(A)."""
    return isinstance(f, Partial) or (
        isinstance(f, AppliedUndef)
        and type(f).__name__.removesuffix(SUFFIX) in fns
        and type(f).__name__.endswith(SUFFIX)
    )


__all__ = ["Product", "activations", "functions", "is_link", "read"]
