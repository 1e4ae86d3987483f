r"""The gradient written with a subscripted partial, and the loss spelled \ell where it is
differentiated: `\partial_{W_2} \ell = \delta \mathbf{h}^\top` (lecture notes, d2l-style
shorthand) is `\nabla_{W_2} L`, and `\frac{\partial \ell}{\partial w}` is `\frac{\partial
L}{\partial w}`; a row defining \ell (`\ell = \tfrac{1}{2}(\hat{y} - y)^2`) defines L. Only the
positions that make \ell the thing differentiated or defined are read so: right after \partial,
right after the subscript of \partial_ / \nabla_, or first in a row `\ell = ...` (not a number or
a layer after it: `\ell = 1, \ldots, L`); a \ell elsewhere (a layer index w^{(\ell)}, a unit
\sum_{\ell \in L}) is left as it is. Pure.
"""

from __future__ import annotations

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


def _defined(toks: list[Tok]) -> bool:
    """A row defining \\ell: `\\ell = \\tfrac{1}{2}(\\hat{y} - y)^2`; not a layer index running
    over numbers or layers (`\\ell = 1, \\ldots, L`, `\\ell = L`)."""
    if len(toks) < 3 or toks[0].kind != "cmd" or toks[0].text != "ell" or toks[1].text not in ("=", ":="):
        return False
    return toks[2].kind != "num" and not (toks[2].kind == "letter" and toks[2].text in ("L", "l"))


def read(toks: list[Tok]) -> list[Tok]:
    out = list(toks)
    if _defined(toks):  # \ell = ...: the loss's definition, as ∂ℓ reads it
        out[0] = _loss(toks[0])
    for k, t in enumerate(toks):
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
