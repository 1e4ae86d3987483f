"""The terms of one instance of a generic statement (mixed into verify/indices.py's Instantiator):
an indicator 1(i = j) or 1(y_i = k) at the instance, a sum over names the document aliases one per
unit (\\sum_o of out_{o}), and a chain-rule factor or its written parts with their names made the
network's. Pure: names in, SymPy terms out."""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from ..latex import Partial
from ..latex.statements import compare
from .bare_sums import unit_terms
from .roles import NO_WEIGHT


class Invalid(Exception):
    """An instance names something the network does not have."""


class Terms:
    """Indicators, prefixed sums and factors of one instance; the Instantiator supplies `expr`."""

    names: Any
    units: int
    depth: int
    sizes: tuple
    labels: dict[str, int]

    def expr(self, e: sp.Basic, env: dict) -> sp.Basic:
        """One expression with its index letters at the instance `env` (the Instantiator's)."""
        raise NotImplementedError  # pragma: no cover

    def indicator(self, e: sp.Basic, env: dict) -> sp.Basic:
        """1(i = j) of two indices -> 1 or 0; 1(y_i = k), a class label against an index -> the
        one-hot target y_k; anything else stays an indicator (of quantities: a step)."""
        a, b, code = e.args
        sides = []
        for x in (a, b):
            if isinstance(x, sp.Symbol) and x.name in env:
                sides.append(sp.Integer(env[x.name]))
            else:
                sides.append(x)
        a, b = sides
        if a.is_Integer and b.is_Integer:
            return sp.Integer(1 if compare(a, b, int(code)) else 0)
        # the class label: y_i (of example i) or a bare y (\delta_{yj}, Kronecker's delta of the label)
        label = [x for x in (a, b) if isinstance(x, sp.Symbol) and re.fullmatch(r"[yt](?:_[a-z])?", x.name)]
        value = [x for x in (a, b) if x.is_Integer]
        target = f"{self.names.conventions.targets}_{value[0]}" if value else ""
        if int(code) == 0 and label and value and self.names.lookup(target) is not None:
            return sp.Symbol(target)
        return e.func(self.expr(a, env), self.expr(b, env), code)

    def prefixed_sum(self, body: sp.Expr, var: sp.Symbol, env: dict) -> sp.Expr:
        """\\sum_o over names the document aliases one per unit with the letter as a prefix
        (Mazur's out_{o} for out_{o1}, out_{o2}; \\delta_o for \\delta_{o1}, \\delta_{o2})."""
        named = [s for s in body.atoms(sp.Symbol) if s.name.endswith(f"_{var.name}")]
        pairs = {  # w_{ho}: o the summed output, h the hidden unit the statement names (h1)
            s: m
            for s in body.atoms(sp.Symbol)
            if (m := re.fullmatch(r"w_([iho])([iho])", s.name))
            and var.name in m.groups()
            and m.group(1) != m.group(2)
            and all(c == var.name or c in self.labels for c in m.groups())
        }
        terms = []
        for v in range(1, self.units + 1):
            swap = {s: sp.Symbol(f"{s.name}{v}") for s in named}
            units = {**self.labels, var.name: v}
            swap.update(
                {
                    s: sp.Symbol(f"w_{m.group(1)}{units[m.group(1)]}{m.group(2)}{units[m.group(2)]}")
                    for s, m in pairs.items()
                }
            )
            named_here = [*named, *pairs]
            if named_here and all(
                self.names.lookup(t.name) is not None or t in self.names.user for t in swap.values()
            ):
                terms.append(body.xreplace(swap))
        if not terms:  # (\sum_j e^{z})^2: an index on no name, over bare names of the output layer
            terms = unit_terms(body, self.depth, self.sizes[-1], self.names.conventions.targets)
        if not terms:
            raise Invalid(f"\\sum_{{{var.name}}}")  # its index in no name of the network: no range
        return sp.Add(*[self.expr(t, env) for t in terms])

    def factor(self, f, env: dict):
        if isinstance(f, Partial):
            num, den = self.expr(f.num, env), self.expr(f.den, env)
            for written, x in ((f.num, num), (f.den, den)):
                if isinstance(written, sp.Symbol) and x.is_Number:  # w_{jk} with k above j: 0
                    at = ", ".join(f"{c}={v}" for c, v in env.items())
                    raise Invalid(written.name, f"at {at} {NO_WEIGHT}")
            return Partial(num, den)
        return self.expr(f, env) if isinstance(f, sp.Basic) else f

    def part(self, x, env: dict):
        """A factor's written-order parts (Product.parts) in one instance; None when they do not
        instantiate like the factor itself (the factor is then named as a whole)."""
        if x is None:
            return None
        try:
            return self.expr(x, env)
        except Invalid:
            return None
