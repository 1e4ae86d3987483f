r"""A loss the document names, `J = CE(y, \hat{y})` (latex/loss_calls.py: NAMED_LOSS(CE, ŷ, y)),
written as its sum over the outputs: `\sum_k` of the loss table's term at each output's entry
(ŷ -> \hat{y}_k, y -> y_k), then read like the loss written out.

The table's row is the name's (BCE, SE, CCE, NLL); CE, which names the categorical loss of a
softmax and the binary one of each sigmoid output alike, is the network's own loss when that is
one of the two, else the categorical one (then judged against the network's loss: wrong where it
differs). Pure: statements and the network in, statements out.
"""

from __future__ import annotations

import sympy as sp

from ..latex import Statement
from ..latex.loss_calls import NAMED_LOSS, rules
from ..latex.statements import SUMMATION
from ..losses import TABLE
from .symbols import _all_symbols, map_expressions

_LETTERS = "kjimnpq"


def _written(e: sp.Basic, letter: str, network_loss: str) -> sp.Basic:
    if getattr(e, "func", None) == NAMED_LOSS:
        word, output, target = e.args
        keys = rules(word.name)
        rule = TABLE[network_loss if network_loss in keys else keys[0]]
        term = rule.term(sp.Symbol(f"{output.name}_{letter}"), sp.Symbol(f"{target.name}_{letter}"))
        return SUMMATION(term, sp.Symbol(letter), sp.Integer(0))
    if not e.args:
        return e
    return e.func(*[_written(a, letter, network_loss) for a in e.args])


def apply(d, statements: list) -> list:
    """Each named loss of the document written as its sum over the outputs."""
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement) or not any(
            s.has(NAMED_LOSS)
            for s in (stmt.lhs, *(f for p in stmt.sides for f in p.factors))
            if isinstance(s, sp.Basic)
        ):
            out.append(stmt)
            continue
        used = {c for s in _all_symbols(stmt) for c in s.name.split("_")[1:] if len(c) == 1}
        letter = next((c for c in _LETTERS if c not in used), None)
        if letter is None:
            out.append(stmt)
            continue
        out.append(map_expressions(stmt, lambda e, k=letter: _written(e, k, d.spec.loss.name)))
    return out
