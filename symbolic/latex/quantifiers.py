r"""A statement closed by the names it holds for, in words (Sudeep Raja's
`w = w - \alpha \frac{\partial E}{\partial w} \quad \mbox{for all the weights } w`, or
`\text{for every weight } w`, Higham & Higham's `\text{independently of } j`). The quantifier is
taken off the row: a bare name the statement writes is already read for every parameter it can
be (the verifier expands it), so the words add nothing to check. Only a quantifier over one name
the statement itself writes is taken off; anything else stays (and is refused as before).
Pure: tokens in, tokens out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tokens import Tok

_WORDS = re.compile(r"\s*(?:for\s+(?:all|every|each|any)\b|independent(?:ly)?\s+of\b)[^=<>]*", re.IGNORECASE)


def name_end(toks: list["Tok"], k: int, greek: frozenset[str] = frozenset()) -> int | None:
    """The index after one name starting at k: a letter (or a command in `greek`), optionally _x
    or _{...}."""
    if k >= len(toks) or not (toks[k].kind == "letter" or toks[k].kind == "cmd" and toks[k].text in greek):
        return None
    j = k + 1
    if j < len(toks) and toks[j].text == "_":
        j += 1
        if j < len(toks) and toks[j].text == "{":
            while j < len(toks) and toks[j].text != "}":
                j += 1
        j += 1
    return j if j <= len(toks) else None


def strip(toks: list["Tok"]) -> list["Tok"]:
    """The row without a trailing `\\mbox{for all ...} w` over a name it writes."""
    for k in range(len(toks) - 1, 0, -1):
        t = toks[k]
        if not (t.kind == "text" and _WORDS.fullmatch(t.text)):
            continue
        if name_end(toks, k + 1) != len(toks):
            return toks
        name = [u.text for u in toks[k + 1 :]]
        head = toks[:k]
        while head and head[-1].kind == "cmd" and head[-1].text in ("quad", "qquad", ",", ";"):
            head = head[:-1]
        if head and head[-1].text == ",":
            head = head[:-1]
        n = len(name)
        written = any([u.text for u in head[i : i + n]] == name for i in range(len(head) - n + 1))
        return head if written and any(u.text == "=" for u in head) else toks
    return toks
