r"""A weight's gradient in words: Nielsen's ∂C/∂w = a_{\rm in} δ_{\rm out} (Neural Networks and
Deep Learning, ch. 2, equation (31)): w any weight, a_in the activation of the unit the weight
comes from, δ_out the error of the unit it feeds.

The words fix the roles, so the statement is written again in index letters with the weight's way
said by them: ∂C/∂w_{jk} = a_k δ_j, w_{jk} into j from k (`WORDS` marks it; letter_readings reads
its letters for every layer the weight can be of, and judges it where every reading agrees). Its
verdicts say 'out' and 'in' where the letters stand (`as_words`). Pure: statements in and out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Statement
from .symbols import map_expressions

WORDS = "in/out"  # the instance mark of a statement written in words (the weight's way is said)
_IN = {"a_in", "a_rm_in", "a_input"}
_OUT = {"delta_out", "delta_rm_out", "delta_output"}


def rewrite(statements: list) -> list:
    """Each ∂C/∂w = a_in δ_out (a bare w, the two words) in letters j (out) and k (in)."""
    out = []
    for stmt in statements:
        if not _in_words(stmt):
            out.append(stmt)
            continue
        names = {s.name for s in stmt.lhs.num.free_symbols} | {  # type: ignore[union-attr]
            s.name for p in stmt.sides for f in p.factors if isinstance(f, sp.Basic) for s in f.free_symbols
        }
        swap = {sp.Symbol("w"): sp.Symbol("w_jk")}
        swap.update({sp.Symbol(n): sp.Symbol("a_k") for n in names & _IN})
        swap.update({sp.Symbol(n): sp.Symbol("delta_j") for n in names & _OUT})
        out.append(replace(map_expressions(stmt, lambda e, swap=swap: e.xreplace(swap)), instance=WORDS))
    return out


def _in_words(stmt) -> bool:
    if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, Partial) or stmt.instance:
        return False
    if stmt.lhs.den != sp.Symbol("w"):
        return False
    names = {s.name for p in stmt.sides for f in p.factors if isinstance(f, sp.Basic) for s in f.free_symbols}
    letters = any(re.fullmatch(r"[A-Za-z]+_[jk]", n) for n in names)
    return bool(names & _IN) and bool(names & _OUT) and not letters


def as_words(instance: str) -> str:
    """'read with j an output unit, k a hidden unit; j=1, k=2' in the document's words."""
    return re.sub(r"\bj\b", "out", re.sub(r"\bk\b", "in", instance))
