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

from ..latex.loss_calls import NAMED_LOSS, rules
from ..latex.statements import SUMMATION
from ..losses import TABLE
from .vector_sums import with_index_letter


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
    loss = d.spec.loss.name
    return with_index_letter(statements, NAMED_LOSS, lambda e, k: _written(e, k, loss))
