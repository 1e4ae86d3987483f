r"""The largest (smallest) entry of a vector, as the numerically stable softmax subtracts it:
`e^{z_j - \max(z^{[2]})} / \sum_k e^{z_k - \max(z^{[2]})}` (softmax(z - c) is softmax(z) for any c
the same for every unit, so the written formula is checkable as it stands).

`\max(z^{[2]})` (latex/vector_max.py: VECTOR_MAX of a bare layered name) opens into
Max(z_{2,1}, ..., z_{2,n}) over every unit of that layer; `\max_k z^{[2]}_k` (MAX_OVER(body, k))
into the Max of body over the values of k for which its names exist, as a sum over k is opened.
Anything else (a name with no layer, whose width nothing settles; a name with a unit already; a
body with no layered name indexed by k) is not opened: the statement is left not checked. Pure.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from ..latex.vector_max import WHOLE
from .index_terms import Invalid

_MAX_UNITS = 9  # one digit per unit index in a layered name (z_k@2)


def extremum(inst: Any, e: sp.Basic, env: dict, layered: re.Pattern) -> sp.Expr:
    """e (VectorMax(v), MaxOver(body, k), or their Min) in one instance -> Max/Min of entries."""
    pick = WHOLE[type(e).__name__]
    if len(e.args) == 1:
        (v,) = e.args
        m = layered.fullmatch(v.name) if isinstance(v, sp.Symbol) else None
        if m is None or m.group(2) or m.group(4):  # no layer (width unsettled), or one unit already
            raise Invalid(getattr(v, "name", "max"))
        base, lay = m.group(1), m.group(3)
        names = [sp.Symbol(f"{base}_{k}@{lay}") for k in range(1 - inst.shift, _MAX_UNITS + 1 - inst.shift)]
        return pick(*_entries(inst, names, env, Invalid, whole=True))
    body, var = e.args
    if not any(
        "@" in s.name and var.name in s.name.split("@")[0].partition("_")[2] for s in body.atoms(sp.Symbol)
    ):
        raise Invalid(f"\\max_{{{var.name}}}")
    values = range(1 - inst.shift, inst.units + 1 - inst.shift)
    return pick(*_entries(inst, [(body, {**env, var.name: v}) for v in values], env, Invalid))


def _entries(inst: Any, items: list, env: dict, invalid: type[Exception], whole: bool = False) -> list:
    """The items that exist in the network, each in its names; at least two, and for a whole
    vector every unit up to the first that is missing (the layer's width)."""
    out = []
    for item in items:
        expr, at = (item, env) if whole else item
        try:
            out.append(inst.expr(expr, at))
        except invalid:
            if whole:
                break
            continue
    else:
        if whole:  # no unit missing up to the limit: the width is not settled here
            raise invalid("max")
    if len(out) < 2 and whole or not out:
        raise invalid("max")
    return out
