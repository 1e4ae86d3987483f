r"""An activation letter with its layer as a subscript, applied to a quantity of that same layer:
`f_l(u_j^{l})`, `f_L'(u_j^{L})`, `f_{l+1}'\left( u_k^{l+1} \right)`, `f_L'(\bm{u}^{L})` (a
Japanese note's f_l, the activation of layer l), or as a superscript, primed before it or after:
`f^{m+1}(W^{m+1} a^m + b^{m+1})`, `\dot{f}^M(n^M_i)` read f'^M (Hagan, Demuth & Beale's f^m).
The script says nothing the argument does not:
the verifier evaluates a generic f by the layer of its argument, so the subscript is dropped and
f_l(u^l) reads as f(u^l).

Only when the two layers are written alike (the subscript's text is the argument's superscript,
braces and spaces aside). `f_L'(u_j^{l})`, the output layer's derivative at any layer l (a slip
when the layers' activations differ), is left as written: f_L stays an unknown name, the statement
not checked, never read as f'(u^l), which would make the slip right. Pure: tokens in, tokens out.
"""

from __future__ import annotations

from .tokens import Tok

_LETTERS = ("g", "f", "h", "sigma", "varphi", "phi")
_DRESS = {"bm", "mathbf", "boldsymbol", "vec", "left"}


def _group(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """At toks[k], a script's argument ({...} or one token): (its text, the index after it)."""
    if k >= len(toks):
        return None
    if toks[k].text != "{":
        return toks[k].text, k + 1
    depth, j, out = 1, k + 1, []
    while j < len(toks) and depth:
        t = toks[j]
        depth += (t.text == "{") - (t.text == "}")
        if depth:
            out.append(t.text)
        j += 1
    return ("".join(out).replace(" ", ""), j) if not depth else None


def _argument_layer(toks: list[Tok], k: int) -> str | None:
    """At the '(' (or \\left before it) of a call: the first superscript inside the call."""
    j = k + 1 if toks[k].text == "left" else k
    if j >= len(toks) or toks[j].text != "(":
        return None
    depth = 0
    while j < len(toks):
        t = toks[j]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
            if depth == 0:
                return None
        elif t.text == "^" and depth == 1:
            got = _group(toks, j + 1)
            return got[0].strip("()") if got else None
        j += 1
    return None


def read(toks: list[Tok]) -> list[Tok]:
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        primed = k + 1 < len(toks) and toks[k + 1].text == "'"  # \dot{f}^m(n^m): f'^m (tokens.py)
        mark = k + 1 + primed
        if t.text in _LETTERS and mark + 1 < len(toks) and toks[mark].text in ("_", "^"):
            sub = _group(toks, mark + 1)
            if sub is not None:
                text, after = sub
                call = after + 1 if after < len(toks) and toks[after].text == "'" else after
                if call < len(toks) and text and _argument_layer(toks, call) == text.strip("()"):
                    out += toks[k:mark]
                    k = after  # the prime (if any) and the call follow as written
                    continue
        out.append(t)
        k += 1
    return out
