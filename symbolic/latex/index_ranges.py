r"""The range a statement holds for, written as inequalities after it (Higham & Higham's Lemma 5.1):
`\delta^{[l]} = ... , \quad \text{for } 2 \le l \le L-1`, `\text{for } 1 \le j \le n_l \text{ and }
2 \le l \le L`. `take` takes the range off a row's tokens and returns what it says:
- over the layer letter l: clauses on l (`Statement.condition`, latex/conditions.py) for a scalar
  statement, and a `Span` (latex/layer_ranges.py) for a vector statement; an end is a number, L
  (the output layer, as the document counts) or L - c;
- over a unit index from 1 to a layer's size (n_l, n_{l+1}, d^{(l)}, N_l): every unit of the
  layer, which is what the verifier checks anyway: nothing is added.
Anything else (an end it cannot place, a letter neither a layer nor a unit index, a range of a
unit index from another start) leaves the row as it was, and it is refused as before: a range is
never dropped without being kept. Pure: tokens in, tokens out.
"""

from __future__ import annotations

import re

from .layer_ranges import Span
from .tokens import Tok

_FOR = re.compile(r"\s*(?:for|where|when)\s*", re.IGNORECASE)
_AND = re.compile(r"\s*(?:and|,)?\s*", re.IGNORECASE)
_LESS = {"le": "le", "leq": "le", "<": "lt", "lt": "lt"}
_CODES = {"le": 5, "lt": 3}  # COMPARISONS of latex/statements.py: <= and <
_SIZES = {"n", "N", "d", "k", "m"}  # a layer's size: n_l, d^{(l)}, k_t
LAYER_LETTERS = {"l", "ell", "t"}


def _less(t: Tok) -> str | None:
    return _LESS.get(t.text) if t.kind in ("cmd", "op") else None


def _bound(toks: list[Tok]) -> int | str | tuple[str, int] | None:
    """1 -> 1; L -> ('top', 0); L-1 -> ('top', -1); n_l, n_{l+1}, d^{(l)} -> 'size'; else None."""
    text = "".join(t.text for t in toks)
    if text.isdigit():
        return int(text)
    m = re.fullmatch(r"L(?:([+-])(\d+))?", text)
    if m:
        return ("top", int(m.group(2) or 0) * (-1 if m.group(1) == "-" else 1))
    if toks and toks[0].kind == "letter" and toks[0].text in _SIZES and len(toks) > 1:
        if toks[1].text in ("_", "^") and re.fullmatch(r"[_^]\{?\(?(?:l|ell|L)(?:[+-]\d+)?\)?\}?", text[1:]):
            return "size"
    return None


def _ends(t: Tok) -> bool:
    """Does `t` end one range (the words or the comma before the next)?"""
    return t.kind == "text" or t.text == ","


def _letter(t: Tok) -> str | None:
    if t.kind == "letter" and len(t.text) == 1:
        return t.text
    if t.kind == "cmd" and t.text == "ell":
        return "ell"
    return None


def _ranges(toks: list[Tok]) -> list[tuple] | None:
    """`a \\le x \\le b` pieces joined by 'and' -> [(letter, low, high, low code, high code)]."""
    out, k = [], 0
    while k < len(toks):
        t = toks[k]
        if t.kind == "text" and _AND.fullmatch(t.text) or t.text == ",":
            k += 1
            continue
        ops = [j for j in range(k, len(toks)) if _less(toks[j])]
        if len(ops) < 2 or ops[1] != ops[0] + 2:
            return None
        stop = next(
            (j for j in range(ops[1] + 1, len(toks)) if _ends(toks[j])),
            len(toks),
        )
        letter = _letter(toks[ops[0] + 1])
        low, high = _bound(toks[k : ops[0]]), _bound(toks[ops[1] + 1 : stop])
        if letter is None or low is None or high is None:
            return None
        out.append((letter, low, high, _less(toks[ops[0]]), _less(toks[ops[1]])))
        k = stop
    return out or None


_DOTS = {"ldots", "dots", "cdots"}


def _enumerated(toks: list[Tok]) -> list[tuple] | None:
    """`j = 1,..,M`, `k = 1, \\ldots, K` (PRML's slides): one index from 1 to a bound -> the range
    [(letter, 1, bound, 'le', 'le')]; a lone letter bound (M, K, D: a layer's size, as a sum's
    letter bound is read) -> 'size'."""
    if len(toks) < 6 or toks[1].text != "=" or toks[2].text != "1" or toks[3].text != ",":
        return None
    letter, k = _letter(toks[0]), 4
    while k < len(toks) and (toks[k].text == "." or toks[k].kind == "cmd" and toks[k].text in _DOTS):
        k += 1
    if k == 4 or k >= len(toks) or toks[k].text != ",":
        return None
    rest = toks[k + 1 :]
    high = _bound(rest)
    if high is None and len(rest) == 1 and rest[0].kind == "letter" and rest[0].text.isupper():
        high = "size"
    return None if letter is None or high is None else [(letter, 1, high, "le", "le")]


def take(toks: list[Tok]) -> tuple[list[Tok], tuple, Span | None, bool]:
    """The row without a trailing `, \\text{for } a \\le l \\le b ...`, the clauses it puts on a
    scalar statement, the Span it puts on a vector one, and whether a range was taken."""
    at = next(
        (k for k in range(len(toks) - 1, 0, -1) if toks[k].kind == "text" and _FOR.fullmatch(toks[k].text)),
        None,
    )
    if at is None or not any(t.text == "=" for t in toks[:at]):
        return toks, (), None, False
    ranges = _enumerated(toks[at + 1 :]) or _ranges(toks[at + 1 :])
    if ranges is None:
        return toks, (), None, False
    clauses: list[tuple] = []
    span = None
    for letter, low, high, low_code, high_code in ranges:
        if letter not in LAYER_LETTERS:
            if low != 1 or high != "size" or low_code != "le" or high_code != "le":
                return toks, (), None, False
            continue  # every unit of the layer: checked anyway
        if not isinstance(low, int) or high == "size":
            return toks, (), None, False
        lo = low + (low_code == "lt")
        name = "l" if letter == "ell" else letter
        clauses.append((lo, _CODES["le"], name))
        if isinstance(high, int):
            hi: int | tuple[str, int] = high - (high_code == "lt")
            clauses.append((name, _CODES["le"], hi))
        else:
            hi = ("top", high[1] - (high_code == "lt"))
            if hi[1] == 0:
                clauses.append((name, _CODES["le"], "L"))
            elif hi[1] == -1:
                clauses.append((name, _CODES["lt"], "L"))
            else:
                return toks, (), None, False
        span = Span(name, lo, hi)
    head = toks[:at]
    if head and head[-1].text == ",":
        head = head[:-1]
    return head, tuple(clauses), span, True
