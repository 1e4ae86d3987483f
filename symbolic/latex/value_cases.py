r"""A `cases` block whose conditions compare a quantity with 0, as ReLU and its step are written:
`\begin{cases} 1 & \text{if } Z[l] > 0 \\ 0 & \text{if } Z[l] \leq 0 \end{cases}` is the step of
Z[l] (ReLU's derivative, H(Z)), and `z & z > 0 \\ 0 & \text{otherwise}` is ReLU(z).

Read only when there are exactly two cases, one for X > 0 (or X \geq 0) and one for X \leq 0,
X < 0 or `otherwise`, on the same X, with the values 1 and 0 (the step) or X and 0 (ReLU);
the two differ from the reader's ReLU' and ReLU at X = 0 at most, where the derivative is not
defined. Any other block is left to the index conditions of `conditions.py`.
"""

from __future__ import annotations

import re

from .tokens import Tok

_LEAD = re.compile(r"\s*(?:if|for|when|where)?\s*,?\s*")
_ABOVE = {">": "pos", "gt": "pos", "geq": "pos", "ge": "pos"}
_BELOW = {"<": "neg", "lt": "neg", "leq": "neg", "le": "neg"}


def _texts(toks: list[Tok]) -> tuple[str, ...]:
    return tuple(t.text for t in toks if t.text not in ("{", "}") or t.pos != t.end)


def _condition(toks: list[Tok]) -> tuple[str, tuple[str, ...], list[Tok]] | None:
    """('pos' | 'neg', X's texts, X's tokens) of 'if X > 0'; ('otherwise', (), []); else None."""
    while toks and toks[0].kind == "text" and _LEAD.fullmatch(toks[0].text):
        toks = toks[1:]
    words = [t for t in toks if t.kind in ("text", "word")]
    if len(toks) == len(words) == 1 and toks[0].text.strip().lower() in ("otherwise", "else"):
        return ("otherwise", (), [])
    if len(toks) < 3 or toks[-1].kind != "num" or toks[-1].text != "0":
        return None
    op = toks[-2]
    side = _ABOVE.get(op.text) or _BELOW.get(op.text) if op.kind in ("op", "cmd") else None
    x = toks[:-2]
    if side is None or any(t.kind in ("text", "cmd") and t.text not in ("hat",) for t in x):
        return None
    return (side, _texts(x), x)


def _value(toks: list[Tok], x: tuple[str, ...]) -> str | None:
    texts = _texts(toks)
    if texts in (("1",), ("0",)):
        return texts[0]
    return "x" if texts == x else None


def step_or_relu(rows: list[tuple[list[Tok], list[Tok]]]) -> list[Tok] | None:
    """The tokens replacing the block (ReLU'(X) or ReLU(X)) for rows of (value, condition)
    tokens, else None."""
    if len(rows) != 2:
        return None
    conds = [_condition(c) for _, c in rows]
    if any(c is None for c in conds):
        return None
    sides = {c[0] for c in conds if c}
    xs = {c[1] for c in conds if c and c[0] != "otherwise"}
    if "pos" not in sides or len(sides) != 2 or len(xs) != 1:
        return None
    (x,) = xs
    x_toks = next(c[2] for c in conds if c and c[2])
    values = {c[0]: _value(v, x) for (v, _), c in zip(rows, conds) if c}
    pos = values.get("pos")
    neg = values.get("neg", values.get("otherwise"))
    at = rows[0][0][0].pos if rows[0][0] else x_toks[0].pos
    if neg != "0" or pos not in ("1", "x"):
        return _weighted(rows, conds, x_toks, at)
    call = [Tok("word", "relu", at, at, True)] + ([Tok("op", "'", at, at)] if pos == "1" else [])
    return [*call, Tok("op", "(", at, at), *x_toks, Tok("op", ")", at, at)]


def _weighted(rows, conds, x_toks: list[Tok], at: int) -> list[Tok] | None:
    """Any two values A (X > 0) and B (X <= 0, or otherwise): (A) H(X) + (B)(1 - H(X)), the step H
    written ReLU'(X); so a wrong value in either case is judged, never the case read as an index
    condition (the subscript 1 of z_1 > 0 taken for '1 > 0')."""
    pos = next((v for (v, _), c in zip(rows, conds) if c and c[0] == "pos"), None)
    neg = next((v for (v, _), c in zip(rows, conds) if c and c[0] != "pos"), None)
    if not pos or not neg:
        return None

    def op(text: str) -> Tok:
        return Tok("op", text, at, at)

    step = [Tok("word", "relu", at, at, True), op("'"), op("("), *x_toks, op(")")]
    return [  # in brackets: the block is one factor of the product it stands in (X \cdot cases)
        op("("),
        op("("),
        *pos,
        op(")"),
        *step,
        op("+"),
        op("("),
        *neg,
        op(")"),
        op("("),
        Tok("num", "1", at, at),
        op("-"),
        *step,
        op(")"),
        op(")"),
    ]
