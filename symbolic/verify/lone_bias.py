r"""A bias written without its unit in a forward sum in index letters: `z_j = \sum_i w_{ij} o_i + b`.

The sum makes z_j the net input of unit j; the lone b added to it is that unit's bias, b_j, in
the letter of the left side (whether the author's layer shares one bias or not, z_j = \sum_i
w_{ij} o_i + b_j is then what the line says of unit j). Only there: a definition `X_j = \sum_v
(two names, one of them a weight in the letters j and v) + b`, with b a bare b or B and no other
term; the same letter b elsewhere (a class b: o_b, softmax(b)) is left as written. Pure:
statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from ..latex.statements import SUMMATION
from .symbols import map_expressions

_UNIT = re.compile(r"[A-Za-z]+(?:_(?:tilde|hat|bar))?_([a-z])")
_WEIGHT = re.compile(r"(?:w|W|Theta|theta)_([a-z])([a-z])")
_BARE = ("b", "B")


def _forward_bias(stmt: Statement) -> tuple[sp.Symbol, sp.Symbol] | None:
    """(b, b_j) when stmt is z_j = Σ_v w_{jv} a_v + b (see the module's doc), else None."""
    lhs = stmt.lhs
    m = _UNIT.fullmatch(lhs.name) if isinstance(lhs, sp.Symbol) else None
    if m is None or len(stmt.sides) != 1 or len(stmt.sides[0].factors) != 1:
        return None
    letter, rhs = m.group(1), stmt.sides[0].factors[0]
    if not isinstance(rhs, sp.Add) or len(rhs.args) != 2:
        return None
    sums = [a for a in rhs.args if getattr(a, "func", None) == SUMMATION]
    bare = [a for a in rhs.args if isinstance(a, sp.Symbol) and a.name in _BARE]
    if len(sums) != 1 or len(bare) != 1:
        return None
    body, var = sums[0].args[0], sums[0].args[1]
    names = body.args if isinstance(body, sp.Mul) else ()
    if len(names) != 2 or not all(isinstance(n, sp.Symbol) for n in names) or var.name == letter:
        return None
    weights = [w for n in names if (w := _WEIGHT.fullmatch(n.name))]
    if len(weights) != 1 or set(weights[0].groups()) != {letter, var.name}:
        return None
    return bare[0], sp.Symbol(f"{bare[0].name}_{letter}")


def apply(statements: list) -> list:
    """Each forward sum's lone bias written with the unit of its left side."""
    out = []
    for stmt in statements:
        found = _forward_bias(stmt) if isinstance(stmt, Statement) else None
        if found is None:
            out.append(stmt)
            continue
        bare, unit = found
        out.append(map_expressions(stmt, lambda e, b=bare, u=unit: e.xreplace({b: u})))
    return out


# a weight of index 0 written beside a sum: the bias as the weight on x_0 = 1 (Fausett's w_{0k}
# + \sum_j z_j w_{jk}, Bishop's \sum_{i=1}^D w_{ji} x_i + w_{j0}), so the sum does not hold it too
_ZERO = re.compile(r"[A-Za-z]+_(?:0[a-z]|[a-z]0)")


def written_bias(stmt: Statement, biases: frozenset[str] = frozenset()) -> bool:
    r"""Does a role-letter statement add a bias b_j (b, B, or a name `biases` holds: c in u = \sum_j
    v_j h_j + c, bound to a bias; or a weight of index 0, w_{0k}) beside a sum, so that the sum
    does not hold the bias as w_{j0} on a unit 1 too (Bishop's sums from 0)?"""
    if not isinstance(stmt, Statement):
        return False
    for side in stmt.sides:
        for f in side.factors:
            for a in sp.preorder_traversal(f) if isinstance(f, sp.Basic) else ():
                if isinstance(a, sp.Add) and any(getattr(x, "func", None) == SUMMATION for x in a.args):
                    lone = [x.as_coeff_Mul()[1] for x in a.args]  # 2 b_j: a bias too (a slip to name)
                    if any(
                        isinstance(x, sp.Symbol)
                        and (
                            re.fullmatch(r"[bB]_[a-z]", x.name.split("@")[0])  # b_j^{(1)} too
                            or x.name in biases
                            or _ZERO.fullmatch(x.name.split("@")[0])  # w_{j0}^{(1)} too
                        )
                        for x in lone
                    ):
                        return True
    return False
