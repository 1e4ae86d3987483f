"""Identities in a dummy variable: h(a) \\equiv \\tanh(a), h'(a) = 1 - h(a)^2,
\\frac{\\partial \\sigma(x)}{\\partial x} = \\sigma(x)(1 - \\sigma(x)).

A one-letter name the network does not have, written as the argument of a function or as the
variable of a derivative, is a dummy: the statement holds for every value of it. It is checked at
a pre-activation of the network whose layer has that function as its activation (the dummy reads
as that z, whose values at the test points range over the reals), so the ordinary machinery
judges it; messages show the dummy as written.
A statement whose left side is such a function of the dummy (h(a), h'(a)) is a definition of it.
A multi-letter name none of the network's (Delta = Out - Y) is the author's own: read as defined,
never judged (`new_name`). Pure: statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from ..latex import Partial, Statement
from ..latex.statements import PARTIAL

_LETTER_FUNCTIONS = {"g", "f", "h", "varphi", "phi"}


def _exprs(stmt: Statement) -> list[sp.Basic]:
    out = []
    for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
        if isinstance(obj, Partial):
            out += [obj.num, obj.den, PARTIAL(obj.num, obj.den)]
        elif isinstance(obj, sp.Basic):
            out.append(obj)
    return out


def dummies(stmt: Statement, known) -> dict[sp.Symbol, str]:
    """dummy symbol -> the name of the function it is the argument of ('' for a derivative's
    variable only); `known(name)` says whether a name is the network's."""
    lhs = stmt.lhs
    identity = isinstance(lhs, Partial) and any(  # d f(x)/dx: x the argument of a function
        lhs.den in c.args for c in lhs.num.atoms(sp.Function) if isinstance(lhs.num, sp.Basic)
    )
    if not (is_function_of_dummy(lhs) or identity):
        return {}  # only an identity: h(a) = ..., or d f(x)/dx = ...
    found: dict[sp.Symbol, str] = {}
    for e in _exprs(stmt):
        for call in e.atoms(sp.Function):
            if type(call).__name__ in ("Summation", "Indicator", "Ordered"):
                continue
            if call.func == PARTIAL and isinstance(call.args[1], sp.Symbol):
                found.setdefault(call.args[1], "")
                continue
            for a in call.args:
                if isinstance(a, sp.Symbol):
                    found[a] = type(call).__name__
    return {s: f for s, f in found.items() if len(s.name) == 1 and s.name != "e" and not known(s.name)}


def pre_activation(z_layer: dict, activations, function: str) -> sp.Symbol:
    """The first z (network symbol; `z_layer`: z -> its layer) of the layer that applies
    `function` (sigma, tanh, relu); g, h, an activation no layer has: the first layer's."""
    word = function.removesuffix("_prime")
    layer = 1
    for n, rule in enumerate(activations, start=1):
        if word not in _LETTER_FUNCTIONS and word in (
            rule.prime_word.removesuffix("_prime"),
            *rule.spellings,
        ):
            layer = n
            break
    return min((z for z, n in z_layer.items() if n == layer), key=sp.default_sort_key)


def is_function_of_dummy(lhs: object) -> bool:
    """h(z), h'(z), \\sigma(z) on the left: a definition of the function (at a z of the net)."""
    return isinstance(lhs, AppliedUndef) and lhs.func != PARTIAL and len(lhs.args) == 1


NEW_NAME = (
    "defines {}, a name the network does not have: nothing to check (later lines read it as defined here)"
)


def new_name(net, lhs: sp.Symbol) -> bool:
    """A multi-letter name (Delta, Loss2) that is none of the network's and no δ: the author's; so
    is a bare e, a name only where the document defines it (latex/error_letter.py: e = y - ŷ)."""
    name = lhs.name
    return (
        (len(name) > 1 or name == "e")
        and not re.fullmatch(r"delta(?:_.*)?", name)
        and not name.endswith("^+")
        and net.names.lookup(name) is None
        and net.names.generic_alias(name) is None
        and lhs not in net.names.user
    )


def at_network_z(names, lhs: object, where: str) -> bool:
    """An activation's identity at the network's own pre-activation, written as one: ReLU(Z^{[l]})
    = max(0, Z^{[l]}) (an entry of a matrix statement), σ(z_1) = 1/(1 + e^{-z_1}): the left side
    f(z) with z a pre-activation the names resolve to. Checked as the identity it states."""
    if not is_function_of_dummy(lhs):
        return False
    try:
        z = names.resolve(lhs.args[0], where)  # type: ignore[attr-defined]
    except SympropError:  # an argument naming nothing: not such an identity
        return False
    return z in names.z_layer
