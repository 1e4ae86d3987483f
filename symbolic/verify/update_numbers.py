r"""Worked numbers on two kinds of line the verifier once left unjudged (Murali's worked example):

- an updated parameter, `W₃ = 1.2 - 0.01(-2.652) = 1.227`: a parameter set to its value minus a
  number times a number is the value after one gradient step, not a value of the point; its
  numbers are claims about w − η ∂L/∂w there (η from the point: without it, not checked, said so);
  a parameter given a bare number (`w_1 = 0.15`) stays a value of the point;
- a formula of the network's quantities on the left, `2(ŷ - y) = 2(0.7967 - 4.0) = -6.407`,
  `1 - h₂² = 0.8287`: its numbers are claims about that formula's value at the point.
Only sides that are numbers alone; a formula with a name the network does not have (or a
derivative inside) stays "not checked" as before. Pure.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from ..latex import Product
from .truth import quantity, true_factors

_NUM = r"\(?\s*-?\s*[0-9]*\.?[0-9]+\s*\)?"
_TIMES = r"\s*(?:\\times|\\cdot|×|·|\*)?\s*"
# v - r g, v + r(-g), v - r \times g: a value, a sign, a rate times a gradient; the step maybe a
# longer product of numbers (v - r \cdot g \cdot x, the gradient written in its factors)
UPDATE = re.compile(rf"\s*{_NUM}\s*[-+−]\s*{_NUM}(?:{_TIMES}{_NUM})+\s*")


def is_update(numeric: list[Product]) -> bool:
    """Is one of a parameter's numeric sides a step, v ± r·g (not a bare number)?"""
    return any(UPDATE.fullmatch(p.text) for p in numeric)


def updated(net, param: sp.Expr, where: str) -> sp.Expr:
    """The parameter after one step of gradient descent, with the network's η."""
    grad = sp.Mul(*[f.value for f in true_factors(net, net.d.loss_symbol, param, where)])
    return param - net.d.eta * grad


def formula(net, lhs: sp.Expr, where: str) -> sp.Expr | None:
    """The value of a formula of the network's quantities written on the left, else None."""
    if lhs.atoms(AppliedUndef) and any(type(a).__name__ == "Partial" for a in lhs.atoms(AppliedUndef)):
        return None
    try:
        value = net.names.resolve(lhs, where)
        if not value.free_symbols:  # 2 x .11 + 3 x .21 = .85: arithmetic, its own value
            return value if value.is_number and not value.has(sp.zoo, sp.nan) else None
        return quantity(net, value, where)
    except SympropError:
        return None
