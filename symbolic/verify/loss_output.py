r"""A loss written with a letter for the output that the document defines nowhere else (Sudeep
Raja's opening E = \frac{1}{2}\|z - t\|_2^2, before the output is named x_L):

    E = c \| v - t \|^2        (t or y the target; c a number)

A loss compares the network's output with the target; a bare letter v that no other statement
writes and no other line of the text mentions can only be that output, so the norm is read over
the output units, \sum_k (v_k - t_k)^2 with v_k the output k. When v is written anywhere else (z = Wx + b, a
derivative by z), it is left as it is (unknown, not checked). Pure: statements in and out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Statement
from ..latex.statements import NORM
from .symbols import expressions

TARGETS = ("y", "t", "d")


def apply(statements: list, source: str, outputs: int, aliases: dict | None = None) -> tuple[list, dict]:
    """Each loss E = c‖v - t‖² whose v is written nowhere else: the norm over v_1 .. v_K, and the
    aliases v_k -> the network's output k (the given aliases, with these added)."""
    out, added = [], dict(aliases or {})
    for stmt in statements:
        v = _output_letter(stmt)
        units = [sp.Symbol(f"{v.name}_{k}") for k in range(1, outputs + 1)] if v is not None else []
        if v is None or not _alone(v, stmt, statements, source) or any(u in added for u in units):
            out.append(stmt)
            continue
        out.append(_expanded(stmt, v, units))
        added.update({u: sp.Symbol(f"out_{k}") for k, u in enumerate(units, 1)})
    return out, added


def _output_letter(stmt) -> sp.Symbol | None:
    """v when the statement is E = c‖v - t‖² (a bare letter v, the target t)."""
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol) or len(stmt.sides) != 1:
        return None
    factors = stmt.sides[0].factors
    if len(factors) != 1 or not isinstance(factors[0], sp.Basic):
        return None
    coeff, rest = factors[0].as_coeff_Mul()
    if not coeff.is_positive or not isinstance(rest, sp.Pow) or rest.exp != 2:
        return None
    norm = rest.base
    if getattr(norm, "func", None) != NORM or len(norm.args) != 1:
        return None
    inside = norm.args[0]
    if not isinstance(inside, sp.Add) or len(inside.args) != 2:
        return None
    plus = [a for a in inside.args if isinstance(a, sp.Symbol)]
    minus = [a for a in inside.args if isinstance(a, sp.Mul) and a.args[0] == -1 and len(a.args) == 2]
    if len(plus) != 1 or len(minus) != 1 or getattr(minus[0].args[1], "name", "") not in TARGETS:
        return None
    v = plus[0]
    if v.name in TARGETS or v == stmt.lhs or not re.fullmatch(r"[A-Za-z]", v.name):
        return None
    return v


def _alone(v: sp.Symbol, stmt, statements: list, source: str) -> bool:
    """v in no other statement and on no other line of the text."""
    for other in statements:
        if other is stmt:
            continue
        if isinstance(other, Statement) and any(v in e.free_symbols for e in expressions(other)):
            return False
    name = re.compile(r"(?<![A-Za-z\\])" + re.escape(v.name) + r"(?![A-Za-z])")
    lines = [k for k, line in enumerate(source.split("\n"), 1) if name.search(_without_words(line))]
    return lines == [stmt.line]


def _without_words(line: str) -> str:
    r"""A line without its text labels and comments (\mbox{...}, \text{...}, % ...)."""
    line = re.sub(r"\\(?:mbox|text|textrm|mathrm|operatorname)\{[^{}]*\}", " ", line)
    return re.sub(r"(?<!\\)%.*", "", line)


def _expanded(stmt: Statement, v: sp.Symbol, units: list[sp.Symbol]) -> Statement:
    """‖v - t‖ as the root of its squares over the output units (v_k - t_k)."""

    def fix(e: sp.Basic) -> sp.Basic:
        def one(norm):
            (inside,) = norm.args
            squares = []
            for k, unit in enumerate(units, 1):
                swap = {v: unit}
                swap.update({s: sp.Symbol(f"{s.name}_{k}") for s in inside.free_symbols if s.name in TARGETS})
                squares.append(inside.xreplace(swap) ** 2)
            return sp.sqrt(sp.Add(*squares))

        return e.replace(lambda x: getattr(x, "func", None) == NORM and v in x.free_symbols, one)

    sides = tuple(replace(p, factors=tuple(fix(f) for f in p.factors)) for p in stmt.sides)
    return replace(stmt, sides=sides)
