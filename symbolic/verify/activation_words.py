r"""An activation named with a word in its subscript, read as the bare function letter.

Kriesel (A Brief Introduction to Neural Networks) writes every neuron's activation function
`f_{act}`: `o_h = f_{act}(net_h)`, `\frac{\partial o_h}{\partial net_h} = f'_{act}(net_h)`; German
notes write `f_{akt}`, others `f_{\text{act}}` or `g_{activation}`. The subscript is a word saying
"activation", not a unit or a layer: `f_{act}(x)` is f(x), `f'_{act}(x)` and `f_{act}'(x)` are
f'(x). Only a function letter (f, g, h, \varphi, \phi) with one of those words, called on an
argument; a letter with any other word (`f_{out}`: a layer's) stays as written. Same length
(blanks before the letter), so no position moves. Pure: text in, text out.
"""

from __future__ import annotations

import re

_WORD = r"(?:act|akt|activation|aktivierung)"
_WRAPPED = rf"(?:{_WORD}|\\(?:text|mathrm|mathit|rm|operatorname)\s*\{{\s*{_WORD}\s*\}})"
_PRIME = r"(?:'|\^\s*\{?\s*\\prime\s*\}?)"
_CALL = re.compile(
    r"(?<![A-Za-z\\])(?P<f>f|g|h|\\varphi|\\phi)\s*(?P<p1>"
    + _PRIME
    + r"?)\s*_\s*(?:\{\s*"
    + _WRAPPED
    + r"\s*\}|"
    + _WRAPPED
    + r")\s*(?P<p2>"
    + _PRIME
    + r"?)(?=\s*(?:\\left\s*)?\()"
)


def blank(text: str) -> str:
    """The text with each `f_{act}` called on an argument written as f (primes kept)."""

    def plain(m: re.Match) -> str:
        new = m.group("f") + ("'" if m.group("p1") or m.group("p2") else "")
        return " " * (len(m.group()) - len(new)) + new

    return _CALL.sub(plain, text)
