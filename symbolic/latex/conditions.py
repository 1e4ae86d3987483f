r"""Conditions on a statement's indices, and `cases` blocks split into one statement per case.

A statement may end in a condition on its indices: `..., \quad i = j`, `\text{if } i \neq j`,
`\text{for } k > 1`. `split_condition` takes it off the tokens as a `Statement.condition`:
clauses (a, code, b) with a, b an index letter or a number and COMPARISONS[code] the comparison;
('role', letter, 'output' | 'hidden') for words ("if j is an output neuron"); ('none of', others)
for "otherwise". `cases` turns `lhs = \begin{cases} A & cond \\ B & cond \end{cases}` into the
token lists of `lhs = A` and `lhs = B`, each with its condition. The verifier checks each
statement only for the instances its condition allows.
"""

from __future__ import annotations

import re

from .layer_cases import layer_case, unit_letter
from .source import Source
from .statements import COMPARISONS
from .tokens import Tok, tokenize
from .value_cases import step_or_relu

_OPS = {"=": 0, "neq": 1, "ne": 1, ">": 2, "<": 3, "geq": 4, "ge": 4, "leq": 5, "le": 5, "gt": 2, "lt": 3}
_LEAD = re.compile(r"\s*(?:if|for|when|where|with)?\s*,?\s*$")
_CASES = re.compile(r"\\begin\s*\{cases\}(.*?)\\end\s*\{cases\}", re.DOTALL)
assert len(COMPARISONS) == 6


def _index(t: Tok) -> str | int | None:
    if t.kind == "letter" and len(t.text) == 1:
        return t.text
    if t.kind == "num" and t.text.isdigit():
        return int(t.text)
    return None


def _clause(toks: list[Tok]) -> tuple | None:
    """'i = j', 'k \\neq 1' as three tokens -> (a, code, b)."""
    if len(toks) != 3:
        return None
    a, op, b = _index(toks[0]), toks[1], _index(toks[2])
    if a is None or b is None or op.text not in _OPS or op.kind not in ("op", "cmd"):
        return None
    return (a, _OPS[op.text], b)


def split_condition(toks: list[Tok]) -> tuple[list[Tok], tuple]:
    """The tokens without a trailing condition on indices, and the condition (() when none)."""
    if len(toks) < 5:
        return toks, ()
    clause = _clause(toks[-3:])
    if clause is None:
        return toks, ()
    rest = toks[:-3]
    lead = rest[-1]
    if lead.kind == "text" and _LEAD.fullmatch(lead.text):
        rest = rest[:-1]
        if rest and rest[-1].text == ",":
            rest = rest[:-1]
    elif lead.text == ",":
        rest = rest[:-1]
        if rest and rest[-1].kind == "text" and _LEAD.fullmatch(rest[-1].text):
            rest = rest[:-1]
    else:
        return toks, ()
    if not any(t.text == "=" for t in rest):
        return toks, ()
    return rest, (clause,)


def _case_condition(toks: list[Tok], own: str | None = None) -> tuple | None:
    """The condition of one case: index comparisons, words about the unit, or 'otherwise'; `own`
    the left side's unit letter, the unit of a condition that names none ("(for output nodes)",
    "if \\ell = L": latex/layer_cases.py)."""
    layer = layer_case(toks)
    if layer is not None and own is not None:
        return (("role", own, layer),)
    words = " ".join(t.text for t in toks if t.kind in ("text", "word")).lower()
    if re.search(r"\botherwise\b|\belse\b", words):
        return ("otherwise",)
    for k in range(len(toks) - 2):
        if k and toks[k - 1].text in ("_", "^", "}"):
            continue  # z^{(1)}_1 > 0: a value compared, not the index 1 (a subscript is no clause)
        clause = _clause(toks[k : k + 3])
        if clause is not None:
            return (clause,)
    letter = next((t.text for t in toks if t.kind == "letter" and len(t.text) == 1), own)
    if letter and re.search(r"\b(?:output|outer|outside)\b", words):  # Kriesel: (h outside)
        return (("role", letter, "output"),)
    if letter and re.search(r"\b(?:inner|hidden|internal|inside)\b", words):
        return (("role", letter, "hidden"),)
    return None


def cases(src: Source, start: int, end: int) -> list[tuple[list[Tok], tuple]] | None:
    """A row holding a cases block: (tokens of `lhs = ... case ...`, condition) per case; None
    when the row has no cases block. Raises the tokenizer's error for an unreadable part."""
    m = _CASES.search(src.text, start, end)
    if m is None:
        return None
    head = tokenize(src, start, m.start())
    tail = tokenize(src, m.end(), end)
    rows, conditions, parts = [], [], []
    body_start = m.start(1)
    for row in _split(src.text, body_start, m.end(1), "\\\\"):
        if not src.text[row[0] : row[1]].strip():
            continue
        amp = _split(src.text, row[0], row[1], "&")
        expr = tokenize(src, amp[0][0], amp[0][1])
        cond = tokenize(src, amp[1][0], amp[-1][1]) if len(amp) > 1 else []
        while cond and cond[-1].text in (".", ","):
            cond = cond[:-1]
        parts.append((expr, cond, row[0]))
    if (step := step_or_relu([(e, c) for e, c, _ in parts])) is not None:
        return [(head + step + tail, ())]  # 1 if z > 0, 0 if z <= 0: ReLU'(z)
    own = unit_letter(head)
    for expr, cond, at in parts:
        c = _case_condition(cond, own) if cond else None
        if c is None:
            raise src.error(
                at,
                "a case without a condition this reader knows",
                r"write '& \text{if } i = j', '& \text{otherwise}', or 'if j is an output unit'",
            )
        rows.append(head + expr + tail)
        conditions.append(c)
    out = []
    for k, (toks, c) in enumerate(zip(rows, conditions)):
        if c == ("otherwise",):
            c = (("none of", tuple(conditions[:k] + conditions[k + 1 :])),)
        out.append((toks, c))
    return out


def _split(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of text[start:end] between top-level `sep`s."""
    parts, level, i, a = [], 0, start, start
    while i < end:
        if text.startswith(sep, i) and level == 0 and not (sep == "&" and text[i - 1] == "\\"):
            parts.append((a, i))
            i += len(sep)
            a = i
            continue
        c = text[i]
        if c == "\\" and not text.startswith(sep, i):
            i += 2
            continue
        level += (c == "{") - (c == "}")
        i += 1
    parts.append((a, end))
    return parts
