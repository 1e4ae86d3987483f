r"""An output marked with its activation's name, as Negnevitsky writes each activation function:
`Y^{sigmoid} = \frac{1}{1 + e^{-X}}`, `Y^{step}`, `Y^{sign}` (Y the neuron's output, X its net
input). The row states the activation as a function of the one letter on its right: it is read
as `sigmoid(X) = \frac{1}{1 + e^{-X}}`, an identity in a dummy variable (verify/dummies.py). Only
where the superscript is one word naming a built-in activation, the row is NAME^{word} = formula,
and the formula writes exactly one one-letter name (e aside). Positions kept. Pure: tokens in,
tokens out.
"""

from __future__ import annotations

from dataclasses import replace

from ..activations import by_spelling
from .tokens import Tok


def rewrite(toks: list[Tok]) -> list[Tok]:
    """Y^{sigmoid} = f(X) as sigmoid(X) = f(X); any other row unchanged."""
    if len(toks) < 7 or toks[0].kind != "letter" or [t.text for t in toks[1:3]] != ["^", "{"]:
        return toks
    word, close, eq = toks[3], toks[4], toks[5]
    if (
        word.kind not in ("word", "letter")
        or close.text != "}"
        or eq.text != "="
        or by_spelling(word.text) is None
    ):
        return toks
    letters = {t.text for t in toks[6:] if t.kind == "letter" and t.text != "e"}
    if len(letters) != 1:
        return toks
    (x,) = letters
    head = [
        replace(word, space=toks[0].space),
        Tok("op", "(", toks[0].pos, toks[0].end),
        Tok("letter", x, toks[1].pos, toks[1].end),
        Tok("op", ")", close.pos, close.end),
    ]
    return [*head, *toks[5:]]
