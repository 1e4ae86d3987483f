r"""The layer of a sum's letter that its weight's written order would put where the sum's other
names cannot be: read by what the weight joins alone.

Bishop's (8.30), ∂y_k/∂a_j = h'(a_j) \sum_l w_{lj} ∂y_k/∂a_l, puts l in the layer above j: the
weight w_{lj} feeds unit l (roles.Roles.summed). With the indices swapped, \sum_l w_{jl}
∂y_k/∂a_l, the written order would put l below j, in the input layer, where no a_l (a net input)
exists: the statement would name nothing. A weight joins two consecutive layers whichever way it
is written, so l is one layer from j, above or below; the names beside the weight that carry l
(a_l a net input: not the input layer; y_l, t_l: the output's) keep the one layer they can be
in. There the swapped weight joins no two units the network connects (0), and the sum is named
wrong at its factor. Pure: a sum's body and the roles' fixed letters in, a layer or None out.
"""

from __future__ import annotations

import re

import sympy as sp

_WEIGHT = re.compile(r"w_([a-zℓ])([a-zℓ])")
_UNIT = re.compile(r"([A-Za-z]+)_([a-zℓ])")


def fits(body: sp.Expr, var: str, layer: int, depth: int, net_inputs: frozenset[str]) -> bool:
    """Can every name of the body in `var` (not a weight) be a unit of `layer`?"""
    for s in body.atoms(sp.Symbol):
        m = _UNIT.fullmatch(s.name)
        if m is None or m.group(2) != var:
            continue
        base = m.group(1)
        if base in net_inputs and layer < 1:  # a net input, a δ, a bias: not in the input layer
            return False
        if base in ("y", "t", "hat") and layer != depth:  # the output, the target
            return False
    return True


def adjacent(
    body: sp.Expr, var: str, fixed: dict[str, int], depth: int, net_inputs: frozenset[str]
) -> int | None:
    """The one layer next to the layer of the letter a weight joins `var` to where every other
    name in `var` can be; None when no weight says it, or two layers would do."""
    near = set()
    for s in body.atoms(sp.Symbol):
        m = _WEIGHT.fullmatch(s.name)
        if m and var in m.groups() and m.group(1) != m.group(2):
            other = m.group(2 if m.group(1) == var else 1)
            if other in fixed:
                near |= {fixed[other] - 1, fixed[other] + 1}
    good = [n for n in near if 0 <= n <= depth and fits(body, var, n, depth, net_inputs)]
    return good[0] if len(good) == 1 else None
