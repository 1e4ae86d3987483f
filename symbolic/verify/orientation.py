r"""Which way a document stores its weights, read off its own definition of a net input.

A sum over the units of the layer before, each activation times its weight, says it: in
`z_j^l = \sum_i w_{ij}^l a_i^{l-1} + b_j^l` (Hjorth-Jensen), `net_j = \sum_k w_{kj} o_k`
(Wikipedia), `a_j = g(\sum_i w_{i,j} a_i)` (Russell & Norvig) the summed index (the unit the
weight comes from) is the weight's FIRST index: input-by-output; in `v_j = \sum_i w_{ji} y_i`
(Haykin), `x_j = \sum_i y_i w_{ji}` (Rumelhart) it is the second: output-by-input, symprop's own.

Only a forward sum counts: its body is one weight times one activation indexed by the summed
letter (not a δ, an error, nor a derivative: `\sum_k \delta_k w_{kj}` runs backwards), and it is
the right side of a definition (`NAME = ...`, NAME not a δ) or the net input a derivative is
taken of (Wikipedia's `\frac{\partial}{\partial w_{ij}} (\sum_k w_{kj} o_k)`). Sums that say both
orientations say nothing: the default stays, and nothing is guessed. Options the user gives win
(`pipeline` puts them over what is detected). Pure: statements in, {"weights": ...} out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import PARTIAL, SUMMATION
from . import matrix_orientation, use_roles

# w_ij, w_i,j, W_jk@l, theta_ij, w_kj@[2, v_ij (Fausett's, Zurada's hidden weights): a weight with two
# index letters (any layer mark after @)
_WEIGHT = re.compile(r"(?:w|W|v|V|theta|Theta)_([^\W\d_]),?([^\W\d_])(?:@.*)?")
# a_i, o_k@l-1, y_i, out_i: one index letter; never a δ, Δ, an error or a target; Rojas's
# \hat{o}_i (the input extended by a constant 1) is the unit's output too
_UNIT = re.compile(r"([A-Za-z]+)(?:_hat)?_([^\W\d_])(?:@.*)?")
_BACKWARD = {"delta", "Delta", "Err", "err", "e", "E", "dE", "g", "grad", "t", "d"}


def _vote(s: sp.Basic) -> str | None:
    """The orientation one \\sum says: 'input-by-output', 'output-by-input' or None."""
    body, var = s.args[0], s.args[1]
    if not isinstance(var, sp.Symbol) or not isinstance(body, sp.Mul) or len(body.args) != 2:
        return None
    if not all(isinstance(a, sp.Symbol) for a in body.args):
        return None
    weights = [m for a in body.args if (m := _WEIGHT.fullmatch(a.name))]
    units = [m for a in body.args if not _WEIGHT.fullmatch(a.name) and (m := _UNIT.fullmatch(a.name))]
    if len(weights) != 1 or len(units) != 1:
        return None
    first, second = weights[0].groups()
    base, letter = units[0].groups()
    if base in _BACKWARD or letter != var.name or first == second:
        return None
    if first == letter:
        return "input-by-output"
    if second == letter:
        return "output-by-input"
    return None


def _sums(e) -> list:
    if not isinstance(e, sp.Basic):
        return []
    return [s for s in sp.preorder_traversal(e) if getattr(s, "func", None) == SUMMATION]


def _differentiated(e) -> list:
    """The expressions a written derivative is taken of, inside `e` (a factor)."""
    if isinstance(e, Partial):
        return [e.num]
    if not isinstance(e, sp.Basic):
        return []
    return [p.args[0] for p in sp.preorder_traversal(e) if getattr(p, "func", None) == PARTIAL]


def votes(statements) -> list[tuple[int, str]]:
    """(line, orientation) of every forward sum that says one."""
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        factors = [f for side in stmt.sides for f in side.factors]
        lhs = stmt.lhs
        name = lhs.name if isinstance(lhs, sp.Symbol) else ""  # not a δ, nor e_j = \sum_k w_{jk} e_k
        defining = (
            bool(name) and not name.startswith(("delta", "Delta")) and name.split("_")[0] not in _BACKWARD
        )
        places = (
            [f for f in factors if isinstance(f, sp.Basic) and not isinstance(f, Partial)] if defining else []
        )
        places += [n for f in [lhs, *factors] for n in _differentiated(f)]
        for place in places:
            for s in _sums(place):
                if (v := _vote(s)) is not None:
                    out.append((stmt.line, v))
    return out


def _found(statements) -> list[tuple[int, str]]:
    return sorted(
        {*votes(statements), *use_roles.change_votes(statements), *matrix_orientation.votes(statements)}
    )


def majority(found: list[tuple[int, str]]) -> str | None:
    r"""The orientation more of the voting lines say than say the other, None on a tie or none.
    A document writes its weights one way; two ways in its forward sums and changes is a slip
    of the fewer (Fausett's `y_in_k = w_{0k} + \sum_j z_j w_{kj}` among rows written w_{jk})."""
    ways = [v for _, v in found]
    best = sorted({v: ways.count(v) for v in ways}.items(), key=lambda kv: -kv[1])
    if not best or len(best) > 1 and best[0][1] == best[1][1]:
        return None
    return best[0][0]


def detected(statements) -> dict:
    """{"weights": orientation} when most of the document's forward sums (and weight changes)
    say one, else {}."""
    said = majority(_found(statements))
    return {"weights": said} if said else {}


def against(statements, read: str) -> list[int]:
    """The lines whose forward sum or weight change says the other way than `read`."""
    return sorted({n for n, v in _found(statements) if v != read})


def line(statements) -> int:
    """The first line whose forward sum says the orientation (0 when none does)."""
    said = detected(statements).get("weights")
    return min((n for n, v in _found(statements) if v == said), default=0)
