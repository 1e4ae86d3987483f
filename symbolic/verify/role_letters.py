r"""A layer's own letters in a document read in Bishop's role letters (roles.py): `u_k = \sum_j
V_{kj} z_j + c_k` beside `z_j = h(a_j)`, `a_j = \sum_i w_{ji} x_i + b_j`. The letters i, j, k are
units of fixed layers there, so a forward sum in them says what its own letters are: V the weight
joining the sum's letter to the left side's (w), c the bias of the left side's unit (b) and u its
net input (the pre-activation letter, a). Each is rewritten to that role letter, in that letter
pair only (V_{kj} is w_{kj}; a V with other letters stays unknown and its lines not checked).

Never a guess: roles fixed by the document (not Wikipedia's letters of any layer); the sum exactly
\sum over one letter of (two-letter name)·(the activation in the summed letter), plus at most one
name in the left side's letter; each letter new (not already a role letter) and the role letter
it stands for not written in those letters anywhere in the document (two names for one weight);
one definition per letter. Pure: statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from ..latex.statements import SUMMATION
from .roles import role_bases
from .symbols import _all_symbols, map_expressions

_ONE = re.compile(r"([A-Za-z]+)_([a-z])")
_TWO = re.compile(r"([A-Za-z]+)_([a-z])([a-z])")
_BELOW = {"k": "j", "j": "i"}  # the letter of the layer a sum into k (or j) runs over
_TAKEN = {"w", "W", "b", "x", "y", "t", "d", "delta", "E", "L"}


def _parts(stmt) -> tuple[str, str, sp.Basic] | None:
    """(left base, its letter, the right side) of a one-factor definition X_p = ..., else None."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol) or len(stmt.sides) != 1:
        return None
    factors = stmt.sides[0].factors
    m = _ONE.fullmatch(stmt.lhs.name)
    if not m or len(factors) != 1 or not isinstance(factors[0], sp.Basic):
        return None
    return m.group(1), m.group(2), factors[0]


def _renames(stmt, pre: str, act: str) -> dict[str, str] | None:
    """{document name: role name} the forward sum `stmt` defines, or None when it is none."""
    parts = _parts(stmt)
    if parts is None:
        return None
    net, p, rhs = parts
    if p not in _BELOW:
        return None
    terms = sp.Add.make_args(rhs)
    sums = [t for t in terms if getattr(t, "func", None) == SUMMATION]
    rest = [t for t in terms if t not in sums]
    if len(sums) != 1 or len(rest) > 1:
        return None
    body, var, skip, *zero = sums[0].args  # from 0 (\sum_{j=0}: V_{k0} the bias), then no bias beside
    if zero and (zero != [0] or rest):
        return None
    if skip != 0 or not isinstance(var, sp.Symbol) or var.name != _BELOW[p]:
        return None
    factors = sp.Mul.make_args(body)
    if len(factors) != 2 or not all(isinstance(f, sp.Symbol) for f in factors):
        return None
    weights = [f for f in factors if (m := _TWO.fullmatch(f.name)) and set(m.groups()[1:]) == {p, var.name}]
    units = [f for f in factors if f.name == f"{act}_{var.name}"]
    if len(weights) != 1 or len(units) != 1:
        return None
    weight = _TWO.fullmatch(weights[0].name)
    assert weight is not None
    out = {weights[0].name: f"w_{weight.group(2)}{weight.group(3)}"}
    if net != pre:
        out[f"{net}_{p}"] = f"{pre}_{p}"
    if rest:
        bias = rest[0]
        m = _ONE.fullmatch(getattr(bias, "name", ""))
        if not m or m.group(2) != p:
            return None
        out[bias.name] = f"b_{p}"
    return out


def apply(statements: list) -> list:
    """The statements with a layer's own letters written as the role letters (module doc)."""
    scalars = [s for s in statements if isinstance(s, Statement)]
    bases = role_bases(scalars)
    if bases is None or bases[2]:  # letters of any layer (Wikipedia, Haykin): no fixed roles
        return statements
    pre, act = bases[:2]
    found = [r for s in scalars if (r := _renames(s, pre, act))]
    renames: dict[str, str] = {}
    for r in found:
        for k, v in r.items():
            if k == v:  # a_k = Σ_j w_{kj} z_j: already the role letters (output_sum.py writes it)
                continue
            if renames.get(k, v) != v or k.split("_")[0] in _TAKEN | {pre, act}:
                return statements  # a letter defined two ways, or a role letter itself
            renames[k] = v
    if not renames or len(set(renames.values())) != len(renames):
        return statements
    written = {s.name for stmt in scalars for s in _all_symbols(stmt)}
    renames = {k: v for k, v in renames.items() if k != v}
    if any(v in written for v in renames.values()):
        return statements  # w_{kj} written too: two names for one weight
    table = {sp.Symbol(k): sp.Symbol(v) for k, v in renames.items()}
    swap = lambda e: e.xreplace(table)  # noqa: E731
    return [map_expressions(s, swap) if isinstance(s, Statement) else s for s in statements]
