r"""A unit's slope written as a subscript on f', where the document defines that shorthand.

Reed & Marks ("Neural Smithing", ch. 5) write the slope of node k's activation as f'_k and say
so once: `f'_k \equiv f'(a_k)`; later `\delta_k = -(d_{pk} - y_{pk}) f'_k`,
`\frac{\partial a_k}{\partial a_i} = f'_i * w_{ki}`. Where a document defines F'_X as F'(A_X)
(any letter or command for F, one index letter X, `\equiv`, `=` or `:=`), every F'_Y without an
argument of its own is read as F'(A_Y) (`\varphi'_j(v_j)` keeps its argument); the defining row
itself is said "nothing to check" (`Shorthand`). Without such a definition nothing changes: f'_k
alone is still refused ("f needs an argument"). Positions kept. Pure functions on tokens.
"""

from __future__ import annotations

import re

from .source import LatexParseError, Source
from .tokens import Tok

_IDX = r"\s*_\s*(?:\{\s*([a-z])\s*\}|([a-z]))"
_DEFINED = re.compile(
    r"(\\?[A-Za-z]+)\s*'" + _IDX + r"\s*(?:\\equiv|:=|=)\s*\1\s*'\s*\(\s*([A-Za-z]+)" + _IDX + r"\s*\)",
    re.ASCII,
)


class Shorthand(LatexParseError):
    """A row that only defines the document's shorthand F'_X = F'(A_X): nothing to check."""


def detect(text: str) -> dict[str, str]:
    """F (its token text: 'f', 'varphi') -> A, for each `F'_X \\equiv F'(A_X)` the text writes."""
    out = {}
    for m in _DEFINED.finditer(text):
        index, arg_index = m.group(2) or m.group(3), m.group(5) or m.group(6)
        if index == arg_index:
            out[m.group(1).lstrip("\\")] = m.group(4)
    return out


def rewrite(src: Source, slopes: dict[str, str], toks: list[Tok]) -> list[Tok]:
    """F'_Y -> F'(A_Y) wherever F is a defined shorthand and no argument follows; the row that
    defines it raises Shorthand."""
    if not slopes or not any(t.text in slopes for t in toks):
        return toks
    found = [(k, end) for k in range(len(toks)) if (end := _slope_at(toks, k, slopes)) is not None]
    if not found:
        return toks
    if _defines(toks, found):
        f = toks[0].text
        shown = f"\\{f}" if toks[0].kind == "cmd" else f
        raise src.error(
            toks[0].pos,
            f"defines {shown}'_k as {shown}'({slopes[f]}_k), the document's shorthand: nothing to check "
            "(later lines read it as defined here)",
            cls=Shorthand,
        )
    out, last = [], 0
    for k, end in found:
        index = toks[k + 3 : end]
        arg = slopes[toks[k].text]
        out += toks[last : k + 2]
        at = index[0].pos
        kind = "letter" if len(arg) == 1 else "word"
        out += [Tok("op", "(", at, at), Tok(kind, arg, at, at), Tok("op", "_", at, at)]
        out += index
        out.append(Tok("op", ")", index[-1].end, index[-1].end))
        last = end
    return out + toks[last:]


def _slope_at(toks: list[Tok], k: int, slopes: dict[str, str]) -> int | None:
    """At toks[k]: the end of F ' _ X (X a letter or {letter}) with no '(' after it, else None."""
    if toks[k].text not in slopes or toks[k].kind not in ("letter", "cmd"):
        return None
    if k + 3 >= len(toks) or toks[k + 1].text != "'" or toks[k + 2].text != "_":
        return None
    if toks[k + 3].kind == "letter":
        end = k + 4
    elif toks[k + 3].text == "{" and k + 5 < len(toks) and toks[k + 4].kind == "letter":
        if toks[k + 5].text != "}":
            return None
        end = k + 6
    else:
        return None
    if end < len(toks) and toks[end].text == "(":
        return None
    return end


def _defines(toks: list[Tok], found: list[tuple[int, int]]) -> bool:
    """The row defines the shorthand: its slope first, then the relation, then F'( ... )."""
    k, end = found[0]
    return k == 0 and end < len(toks) and toks[end].text == "=" and any(t.text == "(" for t in toks[end:])
