r"""The letter a document writes its learning rate with: η, or the one other rate letter its
updates use (Ng's α in `W := W - \alpha dW`, ε, γ), or the one such letter (α, ε) it gives a
number when its updates write numbers only (`w \leftarrow 0.2 - 0.1 \times 0.09`), so that a
value it gives that letter (`$\alpha = 0.1$` in the text, or "alpha" = 0.1 in --at) is the rate
its updates' numbers are checked with.
Never α where a leaky ReLU's slope is α, and never when the updates use two letters. Pure."""

from __future__ import annotations

import sympy as sp

from ..errors import SympropError
from ..latex import Statement
from .signs import RATES


def letter(statements: list, slope_alpha: bool, unknown=None) -> str:
    r"""'eta', or the one rate letter (RATES) of the document's updates (w^{+} = w - α ...); or,
    with none of those, the one plain letter that every update's step carries and the network does
    not name (hmkcode's `{}^{*}W_6 = W_6 - a \Delta h_2`: `unknown(name)` says it names nothing)."""
    used: set[str] = set()
    for st in statements:
        if isinstance(st, Statement) and isinstance(st.lhs, sp.Symbol) and st.lhs.name.endswith("^+"):
            for side in st.sides:
                for f in side.factors:
                    if isinstance(f, sp.Basic):
                        used |= {s.name for s in f.free_symbols if s.name in RATES}
    if not used:  # w \leftarrow 0.2 - 0.1 \times 0.0934 beside `\alpha = 0.1`: the letter given a number
        used = {st.lhs.name for st in statements if _given(st) and st.lhs.name in _GIVEN_RATES}
    if not used and unknown is not None:
        try:
            used = _plain_letter(statements, unknown)
        except (TypeError, ValueError, AttributeError, sp.SympifyError):  # a side sympy cannot expand
            used = set()
    if len(used) != 1 or slope_alpha and used == {"alpha"}:
        return "eta"
    return used.pop()


def _plain_letter(statements: list, unknown) -> set[str]:
    """The one-letter names that are a factor of every term of every update's step (w^{+} = w -
    a (...)) and that name nothing of the network; an empty set when there is no update."""
    common: set[str] | None = None
    for st in statements:
        if not (isinstance(st, Statement) and isinstance(st.lhs, sp.Symbol) and st.lhs.name.endswith("^+")):
            continue
        w = sp.Symbol(st.lhs.name[:-2])
        for side in st.sides:
            if not all(isinstance(f, sp.Basic) for f in side.factors):
                return set()
            step = sp.expand(sp.Mul(*side.factors) - w)
            if not step.free_symbols:
                continue  # numbers alone: a worked example's
            terms = sp.Add.make_args(step)
            letters = {
                s.name
                for s in terms[0].free_symbols
                if len(s.name) == 1 and s.name.isalpha() and all(_once(t, s) for t in terms)
            }
            common = letters if common is None else common & letters
    return {n for n in common or set() if unknown(n)}


_GIVEN_RATES = ("eta", "alpha", "epsilon", "varepsilon", "lr")  # not γ: a momentum's letter as often


def _given(st) -> bool:
    """`\alpha = 0.1`: a letter given one number."""
    return (
        isinstance(st, Statement)
        and isinstance(st.lhs, sp.Symbol)
        and len(st.sides) == 1
        and all(isinstance(f, sp.Number) for f in st.sides[0].factors)
    )


def _once(term: sp.Expr, s: sp.Symbol) -> bool:
    """s a factor of the term, once, and nowhere else in it (not inside a derivative or a call)."""
    return any(f == s for f in sp.Mul.make_args(term)) and not (term / s).has(s)


def unknown_to(net):
    """Whether a raw name is one the network's names and the document's aliases leave unknown."""

    def unknown(name: str) -> bool:
        try:
            return net.names.resolve(sp.Symbol(name), "") is None
        except (SympropError, TypeError, ValueError, AttributeError, KeyError, IndexError):
            return True

    return unknown
