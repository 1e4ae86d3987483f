r"""Andrew Ng's deep-learning notation in a matrix row (deeplearning.ai, CS229):

- layers in square brackets, a^{[1]}, W^{[l]} (read by the name readers; counted from the input
  as 0, a^{[0]} = x);
- derivative names: dW^{[2]}, dz^{[1]}, db^{[2]}, dZ^{[2]} stand for ∂L/∂W^{[2]}, ... (`derivative_name`);
- the activation of a layer, g^{[1]}(z^{[1]}), and its derivative g^{[1]\prime}, g^{[1]'}
  (`layer_of_function`);
- '*' as NumPy's element-wise product in a row written in square-bracket layers (`star_product`);
- np.sum(dZ^{[2]}, axis=1, keepdims=True), the sum over a batch's columns (`numpy_sum`, read by
  `MatrixReader.row_sum`).
Predicates over a cursor's tokens; nothing is consumed here.
"""

from __future__ import annotations

import re

from .matrix_rows import VECTORS, Node
from .tokens import Tok

_TEXT = {"{", "}", "[", "]"}


def _square_group(toks: list[Tok], i: int) -> int:
    """Tokens of a group {[1]...} starting at i (its '{' then '['), else 0."""
    if i + 1 >= len(toks) or toks[i].text != "{" or toks[i + 1].text != "[":
        return 0
    level = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "op" and toks[j].text in ("{", "}"):
            level += 1 if toks[j].text == "{" else -1
            if level == 0:
                return j - i + 1
    return 0


def star_product(toks: list[Tok]) -> str:
    """'had' when the row writes a layer in square brackets (NumPy's * of Ng's notes), else 'dot'."""
    for k in range(len(toks) - 2):
        if toks[k].text == "^" and _square_group(toks, k + 1):
            return "had"
    return "dot"


def derivative_name(cur) -> bool:
    """At 'd': is it Ng's dX (a layered name touching it: dW^{[2]}, dz^{[1]})?"""
    t, u, v = cur.peek(), cur.peek(1), cur.peek(2)
    return (
        t is not None
        and u is not None
        and (t.touches(u) or not u.space and u.pos > t.end)  # d\mathbf{z}^{[1]}: bold, no space
        and u.kind in ("letter", "word")
        and u.text in VECTORS
        and v is not None
        and v.text == "^"
    )


def _plain_group(toks: list[Tok], i: int) -> int:
    """Tokens of a plain layer mark at i: l, 1, L or {l+1} (letters, digits, + and -), else 0."""
    if i >= len(toks):
        return 0
    if toks[i].kind in ("letter", "num") and toks[i].text != "T":
        return 1
    if toks[i].text != "{":
        return 0
    for j in range(i + 1, min(len(toks), i + 6)):
        if toks[j].text == "}":
            return j - i + 1 if j > i + 1 else 0
        if not (toks[j].kind in ("letter", "num") or toks[j].text in ("+", "-")):
            return 0
    return 0


def layer_of_function(cur, k: int, plain: bool = False) -> int:
    """After a function's name at peek(k): the tokens of ^{[1]} or ^{[1]\\prime} when a '(' follows
    (Ng's g^{[1]}(z^{[1]})), else 0. `plain`: a layer without brackets too, f^l(Z^l), f^1(Z^1)
    (MIT 6.390's activation of layer l; for the generic names f, g, h only: \\sigma^2 is a power)."""
    if not cur.is_("^", k):
        return 0
    n = _square_group(cur.toks, cur.i + k + 1) or (_plain_group(cur.toks, cur.i + k + 1) if plain else 0)
    if not n or not cur.is_("(", k + 1 + n) and not cur.is_("'", k + 1 + n):
        return 0
    return 1 + n


def numpy_sum(cur) -> bool:
    """At 'n': np.sum( ?"""
    texts = [getattr(cur.peek(j), "text", None) for j in range(5)]
    return texts == ["n", "p", ".", "sum", "("]


def row_sum(cur, pos: int) -> Node:
    """np.sum(X, axis=1, keepdims=True): the sum of X's columns (over a batch's examples), as
    rowsum(X); axis=0 sums its rows (colsum), no axis every entry (allsum); keepdims is shown,
    not read (the values are the same)."""
    cur.i += 4
    opener = cur.expect("(")
    arg = cur.msum(frozenset({",", ")"}))
    level, words = 1, []
    while level:
        u = cur.peek() or cur.expect(")", opener)  # the end before ')': expect raises
        cur.i += 1
        level += (u.text == "(") - (u.text == ")") if u.kind == "op" else 0
        words.append(u.text)
    word = _AXES.get(_axis(words))
    if word is None:
        raise cur.fail(opener, "np.sum over an axis symprop does not read", "write axis=1 (or axis=0)")
    return Node("call", (word, arg), pos)


_AXES = {"1": "rowsum", "-1": "rowsum", "0": "colsum", "-2": "colsum", "": "allsum"}


def _axis(words: list[str]) -> str:
    """The axis keyword's value in the tokens after np.sum's first argument ('' when none)."""
    text = "".join(words).replace(" ", "")
    found = re.search(r"axis=(-?\d+)", text)
    if found:
        return found.group(1)
    return "" if "axis" not in text else "?"
