"""Names from a closed form of the output: `O = s(s(s(Iw_1+1)w_2+1)w_4 + s(s(Iw_1+1)w_3+1)w_5 + 1)`
(with s(x) = 1/(1+e^{-x}) the document's own function) names the output O, the input I and
every weight w_1 ... w_5 at once, when the formula is the network's forward pass with its
biases written as one constant.

The document's functions are substituted (own_functions: a body that is the network's
activation is that activation), the names the document leaves unknown are variables, and the
formula is unified (unify.py) with each quantity's closed form in inputs and parameters (the
outputs first), every bias set to the constant the formula adds. Bound only when one solution
fits, or several that differ only in the numbering of units of a layer the document names
nowhere else (unify.choose); never over an explicit alias or a name already bound. The closed
form itself is then checked by own_functions as before (O is that output, at b = 1). Pure.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..check import substitute_intermediates
from ..errors import SympropError
from ..latex import LatexParseError, Statement, product_expr
from . import closed_form, own_functions
from .binding import FAULTS, Binder, Binding, Source
from .resolve import network
from .unify import Layers, choose, unify


def bind(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with the names of each closed-form definition of a network quantity bound."""
    try:
        functions, bad, _ = own_functions.collect(statements)
    except FAULTS:
        return binding
    if not functions:
        return binding
    merged = {**binding.aliases, **dict(explicit or {})}
    try:
        net = network(d, merged, conventions)
    except SympropError:
        return binding
    fns = own_functions._Functions(net, functions, bad)
    binder = Binder(d, statements, merged, conventions)
    layers = Layers(d)
    aliases, sources = dict(binding.aliases), list(binding.sources)
    for stmt in statements:
        lhs = getattr(stmt, "lhs", None)
        if not isinstance(stmt, Statement) or not isinstance(lhs, sp.Symbol) or len(stmt.sides) != 1:
            continue
        if not binder.free(lhs.name) or sp.Symbol(lhs.name) in merged:
            continue
        try:
            written = product_expr(stmt.sides[0])
            if not any(isinstance(a, AppliedUndef) for a in written.atoms(AppliedUndef)):
                continue
            expanded = fns.expand(written)
        except (SympropError, LatexParseError, *FAULTS):
            continue
        found = _solve(binder, layers, d, expanded)
        if found is None:
            continue
        quantity, env = found
        for name, value in {lhs.name: quantity, **env}.items():
            if sp.Symbol(name) in aliases:
                continue
            aliases[sp.Symbol(name)] = sp.Symbol(value.name)
            sources.append(Source(name, value, stmt.line, "definition"))
            binder.bind(name, value, stmt.line, "definition")
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)


def _solve(binder: Binder, layers: Layers, d, expanded: sp.Expr):
    """(the quantity, {name: network symbol}) the closed form is, else None."""
    variables = {s.name for s in expanded.free_symbols if binder.free(s.name)}
    if not variables:
        return None
    pattern = binder._pattern(expanded, variables)
    if pattern is None:
        return None
    constants = {
        a for e in sp.preorder_traversal(pattern) if isinstance(e, sp.Add) for a in e.args if a.is_number
    }
    if len(constants) != 1:
        return None
    (c,) = constants
    fixed = {b: c for b in closed_form.biases(d)}
    taken = binder.held | set(binder.bound.values())
    for quantity in closed_form.quantities(d):
        form = substitute_intermediates(d, quantity).xreplace(fixed)
        chosen = choose(list(unify(pattern, form, variables, taken)), layers)
        if chosen is not None:
            return quantity, chosen
    return None
