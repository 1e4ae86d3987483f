r"""TeX's primitive fraction `{a \over b}`: the group's numerator and denominator, read as
`\frac{a}{b}`.

Plain TeX (and MathJax, as Markdown notes paste it) writes a fraction as a group split by
`\over`: `{{\partial L} \over {\partial o}}` is ∂L/∂o, `{1 \over 2}` is 1/2,
`h = {1 \over {1 + e^{-z}}}` is the sigmoid. The tokenizer keeps `\over` as a token; this pass
turns the innermost group holding it, `{ A \over B }`, into `\frac{ A }{ B }` (nested groups
first, so `{ {a \over b} \over c }` is (a/b)/c). A `\over` outside any group, or two in one group
(TeX's "ambiguous fraction"), is left for the parser to refuse. Pure: tokens in, tokens out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any


def _is(t: Any, kind: str, text: str) -> bool:
    return t.kind == kind and t.text == text


def _group(toks: list, k: int) -> tuple[int, int] | None:
    """(open, close) of the innermost brace group around toks[k], or None at top level or when the
    group holds another \\over at its own depth."""
    depth, i = 0, k - 1
    while i >= 0:
        t = toks[i]
        if _is(t, "op", "}"):
            depth += 1
        elif _is(t, "op", "{"):
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and _is(t, "cmd", "over"):
            return None
        i -= 1
    if i < 0:
        return None
    depth, j = 0, k + 1
    while j < len(toks):
        t = toks[j]
        if _is(t, "op", "{"):
            depth += 1
        elif _is(t, "op", "}"):
            if depth == 0:
                return i, j
            depth -= 1
        elif depth == 0 and _is(t, "cmd", "over"):
            return None
        j += 1
    return None


def read(toks: list) -> list:
    while True:
        for k, t in enumerate(toks):
            if _is(t, "cmd", "over") and (g := _group(toks, k)):
                i, _ = g
                opened = toks[i]
                frac = replace(opened, kind="cmd", text="frac")
                numerator = [replace(opened, space=False), *toks[i + 1 : k]]
                middle = [replace(t, kind="op", text=c, space=False) for c in "}{"]
                toks = [*toks[:i], frac, *numerator, *middle, *toks[k + 1 :]]
                break
        else:
            return toks
