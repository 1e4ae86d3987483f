r"""A starred letter, `y^*` (MIT 6.034's desired output beside the actual y, an optimum w^*): a
name of its own, read as an accented letter is (`\hat{y}` is y_hat): y^* is the name y_star.

`y^*`, `y^{*}`, `y^\ast` and `y^{\ast}` after a one-letter name are rewritten as the internal
accent `\starred{y}` (the tokenizer keeps `*` as an operator and `\ast` as a command for this
pass only), so a subscript after it reads as on any accented name, `y^*_k` as y_star_k. What the
name means is the verifier's: a starred letter squared against the plain one in a loss,
`P = -\frac12 (y^* - y)^2`, is the target (verify/target_accents.py). A star anywhere else is left
as written (a product's `*`). Pure: tokens in, tokens out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

STAR = "starred"  # the internal accent's command name (vocabulary.ACCENTS)


def _star(toks: list, k: int) -> int:
    """At toks[k] '^': the index after `^*`, `^{*}`, `^\\ast`, `^{\\ast}`; k if none."""
    if k + 1 >= len(toks) or toks[k].text != "^" or toks[k].kind != "op":
        return k
    t = toks[k + 1]
    if _is_star(t):
        return k + 2
    if t.text == "{" and k + 3 < len(toks) and _is_star(toks[k + 2]) and toks[k + 3].text == "}":
        return k + 4
    return k


def _is_star(t: Any) -> bool:
    return t.kind == "op" and t.text == "*" or t.kind == "cmd" and t.text == "ast"


def read(toks: list) -> list:
    out: list = []
    k = 0
    while k < len(toks):
        t = toks[k]
        end = _star(toks, k + 1) if t.kind == "letter" and len(t.text) == 1 else k + 1
        if end > k + 1:
            accent = replace(t, kind="cmd", text=STAR)
            braces = [replace(t, kind="op", text=c, space=False) for c in "{}"]
            out += [accent, braces[0], replace(t, space=False), braces[1]]
            k = end
            continue
        out.append(t)
        k += 1
    return out
