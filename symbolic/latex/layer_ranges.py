r"""A statement's range over layers in a second aligned column, as Prince writes his generic rows:
`\frac{\partial l_i}{\partial \beta_k} = \frac{\partial l_i}{\partial f_k} & k \in \{K, K-1, \dots,
1\}`. `trailing_range` takes it off a row's tokens and returns it as a `Span`: its letter and its
two ends, each a number or ('top', c), the output's layer plus c, when the end is a letter that the
forward pass places (K with f_K the output: `tops`, latex/shifted_letters.py). An end it does not
place is None: the statement is then not checked (verify/matrix_entries.py), never checked over
layers it may not hold for. Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from .subscript_layers import layer
from .tokens import Tok

_DOTS = {"dots", "ldots", "cdots"}
# a range on a statement read entry by entry (not a vector statement): refused, with its fix
ENTRY_BY_ENTRY = (
    "a range over layers on a statement read entry by entry",
    "write it for the whole layer (a vector statement), or for one layer",
)


@dataclass(frozen=True)
class Span:
    """A statement's range `k \\in \\{1, ..., K\\}`: its letter and bounds; a bound is a number,
    ('top', c): the output's layer plus c (K is ('top', -1) when f_K is the output, f's offset 1),
    or None: a bound the document does not place."""

    letter: str
    low: int | tuple[str, int] | None
    high: int | tuple[str, int] | None


def _bound(tops: dict[str, int], toks: list[Tok]) -> int | tuple[str, int] | None:
    """1 -> 1; K -> ('top', -1) when K + 1 is the output layer; K-1 -> ('top', -2); else None."""
    text = "".join(t.text for t in toks)
    written = layer(text)
    if written is None:
        return None
    letter, c = written
    if not letter:
        return c
    if letter not in tops:
        return None
    return ("top", c - tops[letter])


def trailing_range(tops: dict[str, int], toks: list[Tok]) -> tuple[list[Tok], Span | None]:
    """The tokens without a trailing `k \\in \\{1, 2, \\dots, K\\}`, and that range (an
    environment's end after it kept)."""
    tail = len(toks)
    while tail and toks[tail - 1].kind in ("begin", "end"):
        tail -= 1
    toks, ends = toks[:tail], toks[tail:]
    if len(toks) < 5 or toks[-1].text != "\\}":
        return toks + ends, None
    try:
        start = max(j for j, t in enumerate(toks) if t.text == "\\{")
    except ValueError:
        return toks + ends, None
    if start < 2 or toks[start - 1].text != "in" or toks[start - 2].kind != "letter":
        return toks + ends, None
    items: list[list[Tok]] = []
    item: list[Tok] = []
    for t in toks[start + 1 : -1]:
        if t.text == ",":
            items.append(item)
            item = []
        else:
            item.append(t)
    items.append(item)
    bounds = [i for i in items if i and not (len(i) == 1 and i[0].text in _DOTS)]
    if len(bounds) < 2:
        return toks + ends, None
    first, last = _bound(tops, bounds[0]), _bound(tops, bounds[-1])
    letter = toks[start - 2].text
    cut = toks[: start - 2] + ends
    if first is None or last is None:
        return cut, Span(letter, first, last)
    if isinstance(first, int) and isinstance(last, int):
        return cut, Span(letter, min(first, last), max(first, last))
    if isinstance(first, tuple) and isinstance(last, tuple):
        lo, hi = sorted((first, last), key=lambda b: b[1])
        return cut, Span(letter, lo, hi)
    number, top = (first, last) if isinstance(first, int) else (last, first)
    return cut, Span(letter, number, top)  # 1 and K: K the high end
