r"""The letter a document writes its learning rate with: η, or the one other rate letter its
updates use (Ng's α in `W := W - \alpha dW`, ε, γ), so that a value it gives that letter (`$\alpha
= 0.1$` in the text, or "alpha" = 0.1 in --at) is the rate its updates' numbers are checked with.
Never α where a leaky ReLU's slope is α, and never when the updates use two letters. Pure."""

from __future__ import annotations

import sympy as sp

from ..latex import Statement
from .signs import RATES


def letter(statements: list, slope_alpha: bool) -> str:
    """'eta', or the one rate letter (RATES) of the document's updates (w^{+} = w - α ...)."""
    used: set[str] = set()
    for st in statements:
        if isinstance(st, Statement) and isinstance(st.lhs, sp.Symbol) and st.lhs.name.endswith("^+"):
            for side in st.sides:
                for f in side.factors:
                    if isinstance(f, sp.Basic):
                        used |= {s.name for s in f.free_symbols if s.name in RATES}
    if len(used) != 1 or slope_alpha and used == {"alpha"}:
        return "eta"
    return used.pop()
