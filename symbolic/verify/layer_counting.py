"""How a document counts its layers: a written layer superscript as a number (l, L, nl, a digit,
with +k/-k), square brackets (Ng's a^{[1]}, counted from the input as 0), and whether layers are
counted from the input as 1 (a^{(1)} = x) or 0. Pure: names and statements in, numbers out.
"""

from __future__ import annotations

import re

from ..latex import Statement
from .symbols import LAYERED, _symbols
from .zero_origin import counts_from_one, counts_from_zero

WEIGHTS = {"w", "W", "Theta"}
_LAYER = re.compile(r"(l|L|nl|\d+)([+-]\d+)?")
_ANY_LAYER = re.compile(r"(nl|L|[a-z]|\d+)([+-]\d+)?")  # a letter: l, or a loop's (k) in a matrix statement
_NAME = LAYERED  # w_kj@l+1


def layer_number(text: str, env: dict, top: int) -> int | None:
    """A written layer superscript as a number: l (from env), L or nl (the top layer, `top` in
    the document's counting), a digit, each with an optional +k/-k; None when it is none of them."""
    m = _ANY_LAYER.fullmatch(text.removeprefix("["))  # [l]: Ng's brackets (the document counts from 0)
    if not m:
        return None
    head, shift = m.groups()
    if head.isdigit():
        value = int(head)
    elif head in ("L", "nl"):
        value = top
    elif head in env:  # l, or a loop's letter (Goodfellow's k)
        value = env[head]
    else:
        return None
    return value + int(shift or 0)


def square(layer: str) -> bool:
    """A layer written in square brackets (Ng's a^{[1]}, W^{[l]}): counted from the input as 0."""
    return layer.startswith("[")


def from_input(statements: list[Statement], depth: int) -> bool:
    """Are layers counted from the input (a^{(1)} = x)? Not in square brackets (Ng: a^{[0]} = x)
    unless the document writes a^{[1]} = x (Higham & Higham)."""
    if counts_from_one(statements):
        return True
    if any(square(s.name.partition("@")[2]) for stmt in statements for s in _symbols(stmt)):
        return False
    if counts_from_zero(statements):  # a^{(0)} = x (zero_origin.py)
        return False
    for stmt in statements:
        for s in _symbols(stmt):
            m = _NAME.fullmatch(s.name)
            if not m:
                continue
            lay = m.group(3)
            if any(c.isalpha() for c in lay):
                return True
            n = _LAYER.fullmatch(lay)
            if n and m.group(1) not in WEIGHTS and int(n.group(1)) > depth:
                return True
    return False
