"""A \\sum written with no index (Mazur's E_{total} = \\sum \\frac{1}{2}(target - output)^{2}, a
softmax's \\sum e^{z}): the sum over the output units, each bare name of the output layer taken
unit by unit (output, out, o -> the unit's output; target, t -> its target; z, net -> its net
input). The parser reads such a sum only when no name in it has an index (BARE)."""

from __future__ import annotations

import sympy as sp

from ..latex.statements import BARE_INDEX

OUTPUTS = {"out", "output", "Out", "Output", "o", "O", "y_hat", "hat_y", "yhat", "prediction"}
TARGETS = {"target", "Target", "targets", "t", "T"}
NETS = {"z", "net", "Net"}


def is_bare(var: sp.Symbol) -> bool:
    return var.name == BARE_INDEX


def unit_terms(body: sp.Expr, depth: int, units: int, targets: str) -> list[sp.Expr]:
    """The body once per output unit, in the network's raw names (a_2,1, y_1, z_2,1); empty
    when no bare name in it is one of the output layer's."""
    outputs = OUTPUTS | ({"y"} if targets == "t" else set())
    target_words = TARGETS | ({"y"} if targets == "y" else set())
    bare = [s for s in body.atoms(sp.Symbol) if s.name in outputs | target_words | NETS]
    if not bare:
        return []
    terms = []
    for k in range(1, units + 1):
        swap = {}
        for s in bare:
            if s.name in outputs:
                swap[s] = sp.Symbol(f"a_{depth},{k}")
            elif s.name in target_words:
                swap[s] = sp.Symbol(f"{targets}_{k}")
            else:
                swap[s] = sp.Symbol(f"z_{depth},{k}")
        terms.append(body.xreplace(swap))
    return terms
