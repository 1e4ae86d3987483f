"""Numbers written on a statement's sides (0.74136507 * 0.186815602, z^l = 50): set apart from
the symbolic check as claims about the value at the author's point (verify/claims.py checks them
there), never judged at random points. Pure."""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..latex import PARTIAL, Product, Statement, product_expr
from . import batch_means
from .claims import SCIENTIFIC, Claim

NUMBERS = (
    "a numeric claim: numbers are checked only at the point they were computed at, which cannot be given yet"
)
_DECIMAL = re.compile(r"(?<![A-Za-z_^])[0-9]*\.[0-9]+")


def without_numbers(stmt: Statement, sides: list[list]) -> tuple[Statement, list[list], list[Product]]:
    """The sides written with decimals (0.74136507 * 0.186815602) set apart: claims about the
    value at the author's point, never judged at random points."""
    quantity = isinstance(stmt.lhs, sp.Symbol) and not is_delta(stmt.lhs) or _a_call(stmt.lhs)
    keep = [
        k
        for k, side in enumerate(stmt.sides)
        if not _DECIMAL.search(side.text)
        and not SCIENTIFIC.search(side.text)
        and not (quantity and k == len(stmt.sides) - 1 and _a_value(side))
        and not _a_function_value(side)
        and not batch_means.size(side.text, 1)
    ]
    if len(keep) == len(stmt.sides):
        return stmt, sides, []
    numeric = [side for k, side in enumerate(stmt.sides) if k not in keep]
    trimmed = replace(stmt, sides=tuple(stmt.sides[k] for k in keep))
    return trimmed, [sides[k] for k in keep], numeric


def _a_value(side: Product) -> bool:
    """A quantity's last side that is a number (a^l = 1, z^l = 50, y = 0): the value at the
    author's point, a claim like a decimal's, never an identity judged at random points."""
    return len(side.factors) == 1 and isinstance(side.factors[0], sp.Number) and side.text.strip() != ""


def _a_function_value(side: Product) -> bool:
    """A side of numbers only with a function applied to them (f(-2 + -1 + 0), -2 * f'(-3),
    \\sigma(0)): the author's numbers put into the formula, a value at one point (checked there
    as a claim), never an identity judged at random points, decimals or not."""
    try:
        expr = product_expr(side)
    except (TypeError, ValueError):
        return False
    return (
        isinstance(expr, sp.Expr)
        and not expr.free_symbols
        and not expr.has(PARTIAL)
        and bool(expr.atoms(sp.Function))
    )


def _a_call(lhs: object) -> bool:
    """A function of the network's quantities on the left (g'(Z^{[1]}) = [1; 0; 1]): a number on
    its last side is its value at the author's point, as a quantity's is (ReLU' is 1 or 0 by z)."""
    return isinstance(lhs, AppliedUndef) and not lhs.has(PARTIAL)


def is_delta(lhs: object) -> bool:
    """A δ written on the left: \\delta_j, \\delta^{(2)}_1, \\delta_{o1}."""
    return isinstance(lhs, sp.Symbol) and re.fullmatch(r"delta(?:_.*)?", lhs.name) is not None


def claims_of(
    stmt: Statement, whole: Statement, numeric: list[Product], truth: sp.Expr, parts: tuple = ()
) -> list[Claim]:
    """The numbers written on a statement's sides: claims about `truth` at the author's point;
    `parts` are the true chain-rule factors, for a side written as a product of numbers."""
    said = " ".join(_LEFT.split(whole.source, 1)[0].replace("&", " ").split()).removesuffix(":").strip()
    return [
        Claim(
            p.line or stmt.line,
            p.col,
            p.text,
            _written(p),
            truth,
            said,
            tuple(p.factors) if all(_numeric(f) for f in p.factors) else (),
            parts,
            whole.source,
            _before(p, whole, numeric),
        )
        for p in numeric
    ]


def _before(p: Product, whole: Statement, numeric: list[Product]) -> tuple:
    """The side just before `p` when it is numeric too (-2(1 - 0.524) before -0.952): its text and
    value, so `p` may be judged as that side worked out; () otherwise."""
    at = next((k for k, side in enumerate(whole.sides) if side is p), 0)
    prev = whole.sides[at - 1] if at > 0 else None
    if prev is None or not any(prev is q for q in numeric):
        return ()
    return (prev.text, _written(prev))


_LEFT = re.compile(r"=|\\leftarrow|\\gets|←")  # the left side: before '=', ':=', '&=' or an arrow


_OPERATOR = sp.Symbol("derivative")  # stands for a derivative factor: the side mixes numbers and names


def _written(p: Product) -> sp.Expr:
    """The side's value; a derivative on it (`\\frac{\\partial}{\\partial w} .5 [t - y]^2`, a
    decimal beside the operator) has none yet: the side mixes numbers and names, said not checked
    by the pipeline, the statement's other sides judged."""
    if all(isinstance(f, sp.Basic) for f in p.factors):
        return product_expr(p)
    return sp.Mul(*[f for f in p.factors if isinstance(f, sp.Basic)]) * _OPERATOR


def _numeric(f) -> bool:
    return isinstance(f, sp.Expr) and f.is_number
