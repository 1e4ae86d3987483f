r"""The letter a document writes its learning rate with: η, or the one other rate letter its
updates use (Ng's α in `W := W - \alpha dW`, ε, γ), or the one such letter (α, ε) it gives a
number when its updates write numbers only (`w \leftarrow 0.2 - 0.1 \times 0.09`), so that a
value it gives that letter (`$\alpha = 0.1$` in the text, or "alpha" = 0.1 in --at) is the rate
its updates' numbers are checked with.
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
    if not used:  # w \leftarrow 0.2 - 0.1 \times 0.0934 beside `\alpha = 0.1`: the letter given a number
        used = {st.lhs.name for st in statements if _given(st) and st.lhs.name in _GIVEN_RATES}
    if len(used) != 1 or slope_alpha and used == {"alpha"}:
        return "eta"
    return used.pop()


_GIVEN_RATES = ("eta", "alpha", "epsilon", "varepsilon", "lr")  # not γ: a momentum's letter as often


def _given(st) -> bool:
    """`\alpha = 0.1`: a letter given one number."""
    return (
        isinstance(st, Statement)
        and isinstance(st.lhs, sp.Symbol)
        and len(st.sides) == 1
        and all(isinstance(f, sp.Number) for f in st.sides[0].factors)
    )
