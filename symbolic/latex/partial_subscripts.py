r"""The gradient written with a subscripted partial, and the loss spelled \ell where it is
differentiated: `\partial_{W_2} \ell = \delta \mathbf{h}^\top` (lecture notes, d2l-style
shorthand) is `\nabla_{W_2} L`, and `\frac{\partial \ell}{\partial w}` is `\frac{\partial
L}{\partial w}` (also `\frac{d\ell}{dw}`). Only the positions that make \ell the thing
differentiated are read so: right after \partial, or right after the subscript of \partial_ /
\nabla_; and, in a document that differentiates \ell, the left side of a row defining it
(`\ell = -\log \hat{y}`, `\ell(\hat{y}, y) = ...`: the loss's definition), when its right side
is more than numbers and layer letters (`\ell = 1, \ldots, L` and `\ell = L - 1` stay a layer
index). A \ell elsewhere (a layer index w^{(\ell)}, a unit \sum_{\ell \in L}) is left as it is.
Pure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from .tokens import Tok


def _script_end(toks: list[Tok], k: int) -> int:
    """The index after the subscript that starts at toks[k] (a braced group or one token)."""
    if k >= len(toks):
        return k
    if toks[k].text != "{":
        return k + 1
    depth = 0
    for j in range(k, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[j].text, 0) if toks[j].kind == "op" else 0
        if depth == 0:
            return j + 1
    return len(toks)


def _loss(tok: Tok) -> Tok:
    return Tok("letter", "L", tok.pos, tok.end, tok.space)


_DIFFERENTIATED = re.compile(r"(?:\\partial|\\nabla_\{[^{}]*\}|\bd)\s*\\ell(?![a-zA-Z])")
_ENDS = frozenset({"\\\\", ",", ";"})
_INDEX_ONLY = frozenset({"L", "l", "ell"})


def _closing(toks: list[Tok], k: int) -> int:
    """The index after the ')' matching the '(' at toks[k], else -1."""
    depth = 0
    for j in range(k, len(toks)):
        if toks[j].kind == "op" and toks[j].text in ("(", ")"):
            depth += 1 if toks[j].text == "(" else -1
            if depth == 0:
                return j + 1
    return -1


def _defined(toks: list[Tok], k: int) -> bool:
    """toks[k], a \\ell at a row's start, is the left side of a definition with a right side more
    than numbers and layer letters."""
    if k > 0 and not (toks[k - 1].kind == "op" and toks[k - 1].text == "\\\\"):
        return False
    j = k + 1
    if j < len(toks) and toks[j].text == "(":
        j = _closing(toks, j)
    if not 0 < j < len(toks) or toks[j].text != "=":
        return False
    rhs = []
    for t in toks[j + 1 :]:
        if t.kind == "op" and t.text in _ENDS:
            break
        rhs.append(t)
    return any(t.kind not in ("num", "op") and t.text not in _INDEX_ONLY for t in rhs)


def _numerator(toks: list[Tok], k: int) -> bool:
    """toks[k] is the d of a \\frac{d\\ell}{...}."""
    return (
        2 <= k < len(toks) - 2
        and toks[k + 1].kind == "cmd"
        and toks[k + 1].text == "ell"
        and toks[k + 2].text == "}"
        and toks[k - 1].text == "{"
        and toks[k - 2].kind == "cmd"
        and toks[k - 2].text in ("frac", "dfrac", "tfrac")
    )


# \ell defined with a log and no minus in front (CS229's \ell(\theta) = \sum_i \log p(y_i | x_i)):
# the log-likelihood, which is -L; its rows and derivatives are not read as L's
_DEFINED_ELL = re.compile(r"\\ell(?![a-zA-Z])\s*(?:\([^()=]*\))?\s*&?\s*(?::=|=)\s*&?(?P<rhs>[^\n]*)")
_ROW_END = re.compile(r"\\\\|\$|\\\]|\\end\{|\\quad|,\s*\\text")
_LOG = re.compile(r"\\log(?![a-zA-Z])|\\ln(?![a-zA-Z])|(?<![a-zA-Z\\])log(?![a-zA-Z])")


LIKELIHOOD = (
    "ℓ is defined here as a log-likelihood (a log with no minus in front), which is -L, not the loss L"
)


def log_likelihood(text: str) -> bool:
    r"""The document defines \ell as a log-likelihood (a log on the right, no minus in front)."""
    for m in _DEFINED_ELL.finditer(text):
        rhs = _ROW_END.split(m["rhs"])[0].strip()
        rhs = re.sub(r"^(?:\\left\s*)?[(\[]\s*", "", rhs)
        if rhs and not rhs.startswith("-") and _LOG.search(rhs):
            return True
    return False


@functools.lru_cache(maxsize=4)
def _document(text: str) -> tuple[bool, bool]:
    """(ℓ a log-likelihood, ℓ differentiated): the whole document's, found once per document, not
    once per region (each region's tokens come here with the whole text)."""
    return log_likelihood(text), bool(_DIFFERENTIATED.search(text))


def read(toks: list[Tok], text: str = "") -> list[Tok]:
    out = list(toks)
    likelihood, differentiated = _document(text)
    if likelihood:  # \ell is -L there: left as written (an unknown name, said so)
        return out
    if differentiated:  # \ell = ...: the loss the document differentiates
        for k, t in enumerate(toks):
            if t.kind == "cmd" and t.text == "ell" and _defined(toks, k):
                out[k] = _loss(t)
    for k, t in enumerate(toks):
        if t.kind == "letter" and t.text == "d" and _numerator(toks, k):  # \frac{d\ell}{dw}
            out[k + 1] = _loss(toks[k + 1])
        if t.kind != "cmd" or t.text not in ("partial", "nabla"):
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is None:
            continue
        if t.text == "partial" and nxt.kind == "cmd" and nxt.text == "ell":  # ∂ℓ
            out[k + 1] = _loss(nxt)
        elif nxt.kind == "op" and nxt.text == "_":  # ∂_{W} ℓ, ∇_{W} ℓ
            if t.text == "partial":
                out[k] = replace(t, text="nabla")
            end = _script_end(toks, k + 2)
            if end < len(toks) and toks[end].kind == "cmd" and toks[end].text == "ell":
                out[end] = _loss(toks[end])
    return out
