r"""A side of a chain that only names a layer's own function applied to its arguments, dropped:
Murphy's `x_2 = f_1(x, \theta_1) = W_1 x`, `x_3 = f_2(x_2, \varnothing) = \varphi(x_2)`,
`\mathcal{L} = f_4(x_4, y) = \frac{1}{2}\|x_4 - y\|^2` (PML sec. 13.3.2). The middle side is the
document naming its k-th function f_k(input, parameters): it says the outer sides are that
function's value, and nothing the verifier could check; the outer sides, x_2 = W_1 x, are the
claim. Only a side standing between two '=' (never the left side, never the last), and only a
function letter with a subscript applied to a list of two or more arguments (f_1(x), one
argument, may be an activation: left as written). Pure: tokens in, tokens out.
"""

from __future__ import annotations

import re

from .tokens import Tok

_LETTERS = ("f", "g")
# the same side in a row's text, for the readers that work on text (forward_letters.py); a \tag
# beside it dropped too (\tag*{(13.30)}: Murphy's equation numbers)
_SIDE_TEXT = re.compile(r"=\s*[fg]\s*_\s*(?:[0-9A-Za-z]|\{[0-9A-Za-z+\- ]+\})\s*\([^()=]*,[^()=]*\)\s*(?==)")
_TAG_TEXT = re.compile(r"\\tag\s*\*?\s*\{[^{}]*\}")


def _script(toks: list[Tok], k: int) -> int:
    """At toks[k] (after '_'): the index past a subscript of digits and letters, one token or
    braced ({k+1}); 0 when it is anything else."""
    if k >= len(toks):
        return 0
    if toks[k].kind in ("num", "letter"):
        return k + 1
    if toks[k].text != "{":
        return 0
    j = k + 1
    while j < len(toks) and (toks[j].kind in ("num", "letter") or toks[j].text in ("+", "-")):
        j += 1
    return j + 1 if j > k + 1 and j < len(toks) and toks[j].text == "}" else 0


def _named_call(side: list[Tok]) -> bool:
    """f_k(a, b, ...) and nothing else: a function letter, its subscript, an argument list."""
    if len(side) < 6 or side[0].kind != "letter" or side[0].text not in _LETTERS or side[1].text != "_":
        return False
    k = _script(side, 2)
    if not k or side[k].text != "(" or side[-1].text != ")":
        return False
    depth, commas = 0, 0
    for j in range(k, len(side)):
        t = side[j]
        if t.kind == "op" and t.text in ("(", "{", "["):
            depth += 1
        elif t.kind == "op" and t.text in (")", "}", "]"):
            depth -= 1
            if depth == 0 and j != len(side) - 1:
                return False  # f_1(x, y) z: the call is a factor, not the whole side
        elif depth == 1 and t.kind == "op" and t.text == ",":
            commas += 1
        elif t.kind == "op" and t.text == "=":
            return False
    return commas > 0


def without_function_sides(toks: list[Tok]) -> list[Tok]:
    """The row with every middle side f_k(a, b, ...) and the '=' after it removed."""
    depth, equals = 0, []
    for k, t in enumerate(toks):
        if t.kind == "op" and t.text in ("(", "{", "["):
            depth += 1
        elif t.kind == "op" and t.text in (")", "}", "]"):
            depth -= 1
        elif depth == 0 and t.kind == "op" and t.text == "=":
            equals.append(k)
    out, last = [], 0
    for a, b in zip(equals, equals[1:]):
        if _named_call(toks[a + 1 : b]):
            out += toks[last : a + 1]
            last = b + 1
    return out + toks[last:] if out else toks


def row_without_function_sides(row: str) -> str:
    """A row's text with its middle sides f_k(a, b, ...) and its \\tag removed."""
    return _SIDE_TEXT.sub("", _TAG_TEXT.sub("", row)).strip()
