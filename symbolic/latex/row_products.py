r"""A row of weights transposed times a vector, read as the sum over the row: ESL's
`\sigma(\alpha_{0m} + \alpha_m^T X)` and `\sigma'(\alpha_m^T x_i)`, Alpaydin's
`\mathrm{sigmoid}(\boldsymbol{w}_h^T \boldsymbol{x})`. The letter is a row of weights when the
document also writes it with two index letters, its unit's first (`\alpha_{ml}` beside
`\alpha_m^T`, `w_{hj}` beside `w_h^T`): `\alpha_m^T x` is then `\sum_l \alpha_{ml} x_l`, the
second letter the one summed (another, when that letter stands elsewhere in the row), the vector
the one written (x, X, z, Z). When the document writes the weight's index 0 (`\alpha_{0m}`,
`w_{h0}`, `v_0`), the bias, and the sum the row stands in adds no such term beside it, the row
holds the bias too (`\sum_l \alpha_{ml} x_l + \alpha_{m0}`): both books' convention of a constant
input x_0 = 1, under which `w_h^T x` is the unit's whole net input. A letter with no two-index
form (Prince's layers h_k^T, Kyle Lo's w^T x) is left as written. Pure: text or tokens in, the
same out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import Tok

_LETTER = r"(?:\\[A-Za-z]+|[A-Za-z])"
_FONT = r"(?:\\(?:boldsymbol|mathbf|bm|vec)\s*\{\s*(" + _LETTER + r")\s*\}|(" + _LETTER + r"))"
_TWO = re.compile(_FONT + r"\s*_\s*\{\s*([a-z])\s*,?\s*([a-z])\s*\}")
_ZERO = re.compile(_FONT + r"\s*_\s*(?:\{\s*(?:0\s*,?\s*[a-z]|[a-z]\s*,?\s*0|0)\s*\}|0)")
_ROW = re.compile(_FONT + r"\s*_\s*(?:\{\s*([a-z])\s*\}|([a-z]))\s*\^\s*(?:\{\s*(?:T|\\top)\s*\}|T|\\top)")
_FRESH = "qpjlmnkuvs"


@dataclass(frozen=True)
class Rows:
    """Per weight letter (its token text, w or alpha): the letter its row is summed over, and
    whether the document writes its index 0 (the bias)."""

    summed: dict[str, str]
    biased: frozenset[str]


def _name(m: re.Match) -> str:
    return (m.group(1) or m.group(2)).lstrip("\\")


def detect(text: str) -> Rows | None:
    """The rows of weights the text writes transposed, or None when it writes none."""
    rows = {_name(m): m.group(3) or m.group(4) for m in _ROW.finditer(text)}
    if not rows:
        return None
    summed: dict[str, str] = {}
    for m in _TWO.finditer(text):
        name = _name(m)
        if name in rows and rows[name] == m.group(3) and m.group(3) != m.group(4):
            summed.setdefault(name, m.group(4))
    if not summed:
        return None
    biased = frozenset(n for m in _ZERO.finditer(text) if (n := _name(m)) in summed)
    return Rows(summed, biased)


def _letter(t: Tok) -> str:
    return t.text if t.kind in ("letter", "cmd") else ""


def _script(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """At toks[k] '_' or '^': its one-letter script (T for \\top) and the index after it."""
    if k + 1 >= len(toks) or toks[k].text not in ("_", "^"):
        return None
    t = toks[k + 1]
    if t.text == "{":
        if k + 3 < len(toks) and toks[k + 3].text == "}":
            return _letter(toks[k + 2]), k + 4
        return None
    return _letter(t), k + 2


def _row_at(toks: list[Tok], k: int, rows: Rows) -> tuple[str, str, str, int] | None:
    """(weight, unit letter, vector, index after) of `w_h^T x` starting at toks[k]."""
    name = _letter(toks[k])
    if name not in rows.summed:
        return None
    sub = _script(toks, k + 1)
    if sub is None or not re.fullmatch("[a-z]", sub[0]):
        return None
    sup = _script(toks, sub[1])
    if sup is None or sup[0] not in ("T", "top") or sup[1] >= len(toks):
        return None
    vec = toks[sup[1]]
    if vec.kind != "letter" or vec.text not in ("x", "X", "z", "Z", "h", "a", "y"):
        return None
    after = sup[1] + 1
    if after < len(toks) and toks[after].text in ("_", "^"):
        return None  # x_j^T, z^{[1]}: not the bare vector
    return name, sub[0], vec.text, after


def _bias_beside(toks: list[Tok], a: int, b: int, name: str) -> bool:
    """Whether the bracketed sum around toks[a:b] adds the weight's index 0 (its bias) itself."""
    depth, lo = 0, a
    while lo > 0:
        t = toks[lo - 1]
        if t.text in (")", "]", "}"):
            depth += 1
        elif t.text in ("(", "[", "{"):
            if depth == 0:
                break
            depth -= 1
        lo -= 1
    depth, hi = 0, b
    while hi < len(toks):
        t = toks[hi]
        if t.text in ("(", "[", "{"):
            depth += 1
        elif t.text in (")", "]", "}"):
            if depth == 0:
                break
            depth -= 1
        hi += 1
    around = toks[lo:a] + toks[b:hi]
    for j, t in enumerate(around):
        if _letter(t) == name and j + 2 < len(around) and around[j + 1].text == "_":
            rest = around[j + 2 : j + 6]
            if any(u.kind == "num" and u.text.startswith("0") for u in rest[:3]):
                return True
    return False


def rewrite(rows: Rows | None, toks: list[Tok]) -> list[Tok]:
    """The row with every `w_h^T x` written as its sum (and the bias, as the module says)."""
    if rows is None:
        return toks
    out: list[Tok] = []
    k = 0
    used = {t.text for t in toks if t.kind == "letter"}
    while k < len(toks):
        found = _row_at(toks, k, rows) if toks[k].kind in ("letter", "cmd") else None
        if found is None:
            out.append(toks[k])
            k += 1
            continue
        name, unit, vec, after = found
        at = toks[k]
        kind = toks[k].kind
        letter = rows.summed[name]
        if letter in used:  # \beta_k^T z beside z_{mi}: another letter for the row's sum
            letter = next((c for c in _FRESH if c not in used), letter)

        def tok(kind_: str, text: str, at: Tok = at) -> Tok:
            return Tok(kind_, text, at.pos, at.end)

        def named(base: str, kind_: str, sub: list[str]) -> list[Tok]:
            inner = [tok("num" if s.isdigit() else "letter", s) for s in sub]
            return [tok(kind_, base), tok("op", "_"), tok("op", "{"), *inner, tok("op", "}")]

        body = [
            tok("op", "("),
            tok("cmd", "sum"),
            tok("op", "_"),
            tok("op", "{"),
            tok("letter", letter),
            tok("op", "}"),
            *named(name, kind, [unit, letter]),
            *named(vec, "letter", [letter]),
        ]
        if name in rows.biased and not _bias_beside(toks, k, after, name):
            body += [tok("op", "+"), *named(name, kind, [unit, "0"])]
        out += [*body, tok("op", ")")]
        k = after
    return out
