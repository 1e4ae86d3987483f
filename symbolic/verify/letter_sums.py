r"""A layer's forward sum written in index letters, once its left side is bound in a letter.

`z_k = \sum_{i} w_{ki}\tilde{a}_i + b_k` after `a_j = \exp(z_j) / \sum_t \exp(z_t)` bound z in a
letter to the softmax layer's net input (binding.generic): the forward equation of that layer,
z^{(l)}_k = \sum_i W^{(l)}_{ki} a^{(l-1)}_i + b^{(l)}_k, read term by term: the name outside the
sum, in the left side's letter, is the layer's bias (b_k -> b^{(l)}_k); inside the sum, the product
of a name in the two letters (the weight) and a name in the summed letter alone (the activation
of the layer below: \tilde{a}_i -> a^{(l-1)}_i, or the input x_i under the first layer). Bound as
aliases in an index letter, like binding's own (`p_k = a_{2,k}`), so any letter reads them (b_j).

The weight itself is not bound (a weight in two index letters with no layer is not a name the
resolver reads yet): the definition stays not checked; the other lines that write b_j or
\tilde{a}_i are judged. Never a guess: the left side must be a net input bound in a letter; the
right side exactly one \sum over one letter of two names plus one name; each name free (not the
network's, not aliased, not bound), of its kind (b for the bias, a weight letter w/W/Theta, a unit
name that is not a target), and its letters as said. Pure: statements and a Binding in, a Binding out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..errors import SympropError
from .binding import Binding, Source
from .conventions import Conventions
from .definitions import definitions
from .names import Resolver
from .unify import kind_of_name

_LETTER = re.compile(r"([A-Za-z]+(?:_tilde|_hat|_bar)?)_([a-z])")
_PAIR = re.compile(r"([A-Za-z]+)_([a-z])([a-z])")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _net_input_layer(binding: Binding, base: str) -> int | None:
    """The layer l when the document's `base` in a letter is bound to z^{(l)} in that letter."""
    for key, value in binding.aliases.items():
        k = _LETTER.fullmatch(getattr(key, "name", ""))
        v = re.fullmatch(r"z_(\d+),([a-z])", getattr(value, "name", ""))
        if k and v and k.group(1) == base and k.group(2) == v.group(2):
            return int(v.group(1))
    return None


def _split(rhs: sp.Expr) -> tuple[sp.Basic, sp.Symbol] | None:
    """(the \\sum, the lone name) of `\\sum ... + name`, else None."""
    if not isinstance(rhs, sp.Add) or len(rhs.args) != 2:
        return None
    sums = [a for a in rhs.args if type(a).__name__ == "Summation"]
    names = [a for a in rhs.args if isinstance(a, sp.Symbol)]
    if len(sums) != 1 or len(names) != 1:
        return None
    return sums[0], names[0]


def bind(d, statements, binding: Binding, explicit: dict | None, conventions: dict | None) -> Binding:
    """`binding` with the bias and the activation below of each forward sum in letters bound."""
    try:
        defs = definitions(statements)
    except (TypeError, ValueError, AttributeError):
        return binding
    resolver = Resolver(d, dict(explicit or {}), Conventions.of(conventions))
    taken = {getattr(k, "name", "") for k in (*binding.aliases, *(explicit or {}))}

    def free(name: str) -> bool:
        if name in taken:
            return False
        try:
            return resolver.lookup(name) is None
        except SympropError:
            return False

    aliases, sources = dict(binding.aliases), list(binding.sources)
    for df in defs:
        lhs = _LETTER.fullmatch(getattr(df.lhs, "name", ""))
        parts = _split(df.rhs) if lhs and not df.implied else None
        layer = _net_input_layer(binding, lhs.group(1)) if lhs and parts else None
        if lhs is None or parts is None or layer is None:
            continue
        letter = lhs.group(2)
        total, bias = parts
        body, var = total.args[0], total.args[1]
        b = _LETTER.fullmatch(bias.name)
        factors = body.args if isinstance(body, sp.Mul) else ()
        if b is None or b.group(2) != letter or kind_of_name(bias.name) != "bias" or len(factors) != 2:
            continue
        if (
            not isinstance(var, sp.Symbol)
            or var.name == letter
            or not all(isinstance(f, sp.Symbol) for f in factors)
        ):
            continue
        weight = [
            f
            for f in factors
            if (m := _PAIR.fullmatch(f.name)) and {m.group(2), m.group(3)} == {letter, var.name}
        ]
        unit = [f for f in factors if (m := _LETTER.fullmatch(f.name)) and m.group(2) == var.name]
        if len(weight) != 1 or len(unit) != 1 or kind_of_name(weight[0].name) != "weight":
            continue
        below = unit[0]
        if kind_of_name(below.name) != "unit" or not free(bias.name) or not free(below.name):
            continue
        pairs = [(bias.name, f"b_{layer},{letter}", f"b⁽{str(layer).translate(_SUP)}⁾_{letter}")]
        if layer > 1:
            pairs.append(
                (below.name, f"a_{layer - 1},{var.name}", f"a⁽{str(layer - 1).translate(_SUP)}⁾_{var.name}")
            )
        elif below.name != f"x_{var.name}":  # under the first layer: the input, the network's x
            pairs.append((below.name, f"x_{var.name}", f"x_{var.name}"))
        for name, value, shown in pairs:
            aliases[sp.Symbol(name)] = sp.Symbol(value)
            sources.append(Source(name, sp.Symbol(shown), df.line, "definition"))
            taken.add(name)
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)
