"""What the LaTeX reader (and the verifier's plain and TOML readers) produce: statements.

A `Statement` is lhs = side = side ...; each side a `Product` of factors in written order, a
factor a SymPy expression, a `Partial` (a written derivative) or `DITTO` (the seed's '//' mark:
the factor at this position on the line above; the verifier expands it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from .source import LatexParseError, show

PARTIAL = sympy.Function("Partial")
# \sum_k body, \sum_{k \neq i} body: SUMMATION(body, k, i) (0 when nothing is excluded); the
# verifier expands it over k's range in the network
SUMMATION = sympy.Function("Summation")
# the juxtaposed factors of one written factor in written order (a Mul forgets the order):
# Product.parts; a \sum's body inside it is ORDERED too. Never a value: only for naming a factor.
ORDERED = sympy.Function("Ordered")
# \mathbb{1}(a = b), 1(x > 0): INDICATOR(a, b, k) with COMPARISONS[k] the comparison
INDICATOR = sympy.Function("Indicator")
BARE_INDEX = "⋆"  # the index of a \sum written without one (\sum e^{z}): every output unit
# \left\| y - h_{W,b}(x) \right\|: NORM(v), the verifier sums v's squares over the output units
NORM = sympy.Function("Norm")
COMPARISONS = ("=", "≠", ">", "<", "≥", "≤")


def compare(a, b, code: int) -> bool:
    """a COMPARISONS[code] b, for two numbers."""
    return {"=": a == b, "≠": a != b, ">": a > b, "<": a < b, "≥": a >= b, "≤": a <= b}[COMPARISONS[code]]


@dataclass(frozen=True)
class Partial:
    r"""A written partial derivative \frac{\partial num}{\partial den}."""

    num: sympy.Expr
    den: sympy.Expr

    def as_expr(self) -> sympy.Expr:
        return PARTIAL(self.num, self.den)


class Ditto:
    """The seed's '//' mark: the factor at this position on the line above."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "DITTO"

    def __reduce__(self):
        return (Ditto, ())


DITTO = Ditto()


@dataclass(frozen=True)
class Product:
    """One right-hand side of a chain of '=': its top-level factors in written order."""

    factors: tuple
    text: str
    col: int
    line: int = 0
    # per factor: ORDERED(juxtaposed factors in written order), or None when it is one factor
    parts: tuple = ()


@dataclass(frozen=True)
class Statement:
    """lhs = sides[0] = sides[1] = ..."""

    lhs: Partial | sympy.Expr
    sides: tuple[Product, ...]
    line: int
    source: str
    col: int = 1
    instance: str = ""  # the index values of one instance of a generic statement: 'j=2, k=1'
    condition: tuple = ()  # on its indices: ((a, code, b), ...) (see latex/conditions.py)
    running: str = ""  # g of 'g \leftarrow lhs = ...': g names lhs from here on (latex/algorithm.py)
    label: str = ""  # the index letter that is the true class (a_y, w_{yk}): verify/class_labels.py


def product_expr(p: Product) -> sympy.Expr:
    """The Mul of a side's factors; a Partial or // factor is an error."""
    for f in p.factors:
        if not isinstance(f, sympy.Basic):
            what = "// (same as above)" if f is DITTO else "a derivative"
            raise LatexParseError(
                f"{what} in {show(p.text, 40)} has no value",
                p.line,
                p.col,
                "resolve // and derivatives before multiplying",
            )
    return sympy.Mul(*p.factors)


def indexed(value: sympy.Expr) -> bool:
    """Does a name in value carry an index (w_k, not \\hat{y})?"""
    return any(
        "_" in x.name and not re.fullmatch(r"[A-Za-z]+_(?:hat|bar|tilde)", x.name)
        for x in value.atoms(sympy.Symbol)
    )
