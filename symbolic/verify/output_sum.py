r"""The one output's net input in a letter of the document's own, in Bishop's role letters
(roles.py): a computation graph's `b = \sum_j \beta_j z_j` beside `a_j = \sum_i \alpha_{ji} x_i`,
`z_j = \frac{1}{1+e^{-a_j}}` and `y = \frac{1}{1+e^{-b}}` (Gormley's CMU 10-601 slides).

The sum runs over the hidden letter j with the hidden activation z_j, one weight per hidden unit
(\beta_j, one index: a single output unit), and its left side is a bare name: the output's net
input, whatever its letter (b here is no bias: a bias is never defined as a weighted sum). The
names are rewritten in the role letters with a fresh output letter k, the left side as the net
input a_k and \beta_j as w_{kj}, which the rest of the verifier reads (role_letters.py does the
same for `u_k = \sum_j V_{kj} z_j + c_k`, whose letters carry the unit).

Never a guess: the network has one output; the statement is the one bare-named definition of
exactly `\sum_j B_j z_j` (one term, no bias); k, a_k and w_{kj} written nowhere in the document;
B written only as B_j; the left side's name and B defined nowhere else, and another name defined
as a function of the left side (the output, y = 1/(1+e^{-b})). Pure: statements in,
statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from ..latex.statements import SUMMATION
from .roles import role_bases
from .symbols import _all_symbols, map_expressions

_ONE = re.compile(r"([A-Za-z]+)_([a-z])")
_BARE = re.compile(r"[A-Za-z]+")


def _renames(stmt, act: str) -> tuple[str, str] | None:
    """(the left side's name, the weight's base) of `N = \\sum_j B_j act_j`, else None."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol) or len(stmt.sides) != 1:
        return None
    if not _BARE.fullmatch(stmt.lhs.name) or len(stmt.sides[0].factors) != 1:
        return None
    total = stmt.sides[0].factors[0]
    if getattr(total, "func", None) != SUMMATION:
        return None
    body, var, *rest = total.args
    if not isinstance(var, sp.Symbol) or var.name != "j" or any(r != 0 for r in rest[:1]) or len(rest) > 1:
        return None
    factors = sp.Mul.make_args(body)
    if len(factors) != 2 or not all(isinstance(f, sp.Symbol) for f in factors):
        return None
    units = [f for f in factors if f.name == f"{act}_j"]
    weights = [f for f in factors if (m := _ONE.fullmatch(f.name)) and m.group(2) == "j" and f not in units]
    if len(units) != 1 or len(weights) != 1:
        return None
    return stmt.lhs.name, weights[0].name.partition("_")[0]


def apply(statements: list, outputs: int) -> list:
    """The statements with the one output's own net-input letter and weight written as the role
    letters a_k, w_{kj} (module doc)."""
    if outputs != 1:
        return statements
    scalars = [s for s in statements if isinstance(s, Statement)]
    bases = role_bases(scalars)
    if bases is None or bases[2]:  # no fixed roles (letters of any layer)
        return statements
    pre, act = bases[:2]
    found = [r for s in scalars if (r := _renames(s, act))]
    if len(found) != 1:
        return statements
    net, weight = found[0]
    if net in (pre, act, weight) or weight in ("w", "W", pre, act):
        return statements
    written = {s.name for stmt in scalars for s in _all_symbols(stmt)}
    if any(n == "k" or n.endswith("_k") or n == f"{pre}_k" or n.startswith(("w_k", "W_k")) for n in written):
        return statements  # the letter k already used: not fresh
    if any(n.partition("_")[0] == weight and n not in (f"{weight}_j", f"{weight}_j^+") for n in written):
        return statements  # beta_1, beta_{jk}: the weight written otherwise too (beta_j^{new} is its update)
    defining = [s for s in scalars if isinstance(s.lhs, sp.Symbol) and s.lhs.name in (net, f"{weight}_j")]
    if len(defining) != 1:
        return statements  # N (or B_j) defined twice: which is which is not said
    if not any(_applied_to(s, net) for s in scalars):
        return statements  # no unit's output defined from N (y = 1/(1+e^{-b})): N may be the output
    table = {sp.Symbol(net): sp.Symbol(f"{pre}_k"), sp.Symbol(f"{weight}_j"): sp.Symbol("w_kj")}
    table[sp.Symbol(f"{weight}_j^+")] = sp.Symbol("w_kj^+")
    swap = lambda e: e.xreplace(table)  # noqa: E731
    return [map_expressions(s, swap) if isinstance(s, Statement) else s for s in statements]


def _applied_to(stmt: Statement, net: str) -> bool:
    """Does the statement define another name as a function of `net` (y = 1/(1 + e^{-b}))?"""
    if not isinstance(stmt.lhs, sp.Symbol) or stmt.lhs.name == net or not stmt.sides:
        return False
    first = stmt.sides[0].factors
    return (
        len(first) == 1
        and isinstance(first[0], sp.Basic)
        and not isinstance(first[0], sp.Symbol)
        and sp.Symbol(net) in first[0].free_symbols
    )
