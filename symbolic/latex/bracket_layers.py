r"""Layers in square brackets with no superscript, as blog posts write Ng's notation:
`Z[l] = W[l]A[l-1] + b[l]`, `dZ[L] = A[L] - Y`, `W[l+1]^T dZ[l+1]`, `A[0] = X`.

A bracket is a layer only where it cannot be anything else: it touches a layered name (W, A, Z,
b, a, z, w, ... or Ng's dZ, dW, db: the letter after d), that name is not itself a script
(`x_W[1]`), and what it holds is a layer expression: a positive number or 0, a layer letter
(l, L; never k, i, j: `a[k]` is an entry in code), or such a letter plus or minus a number
(l+1, L-1). Then `Z[l]` reads as Ng's `Z^{[l]}` (counted from the input as 0, read by the name
readers). Everything else stays as
written: `W [x + b]` (a space), `W \cdot [x]`, `W[x + b]`, `f(x)[1]`, `W_{ij}[l]`.
The tokens added (`^`, `{`, `}`) are empty: every position shown is the document's.
"""

from __future__ import annotations

from .names import LAYERED
from .tokens import Tok

LAYER_LETTERS = frozenset({"l", "L"})  # k, i, j: a unit, as in a[k]; \ell is no layer to the readers


def _layer_end(toks: list[Tok], k: int) -> int:
    """At toks[k] == '[': the index of its ']' when the tokens between are a layer expression
    (n; l; l+1; L-1), else -1."""
    inner: list[Tok] = []
    j = k + 1
    while j < len(toks) and len(inner) < 4 and not (toks[j].kind == "op" and toks[j].text == "]"):
        inner.append(toks[j])
        j += 1
    if j >= len(toks) or not inner:
        return -1
    first, rest = inner[0], inner[1:]
    if first.kind == "num":
        return j if not rest and first.text.isdigit() else -1
    if not (first.kind == "letter" and first.text in LAYER_LETTERS):
        return -1
    if not rest:
        return j
    if len(rest) == 2 and rest[0].kind == "op" and rest[0].text in ("+", "-"):
        return j if rest[1].kind == "num" and rest[1].text.isdigit() else -1
    return -1


def _is_name(toks: list[Tok], k: int) -> bool:
    """toks[k] a layered name, written as a name and not as a script (x_W, e^Z)."""
    t = toks[k]
    if t.kind not in ("letter", "word") or t.text not in LAYERED:
        return False
    before = toks[k - 1] if k else None
    if before is not None and before.kind == "op" and before.text in ("_", "^"):
        return False
    if t.kind == "letter" and before is not None and before.touches(t) and before.kind == "letter":
        return before.text == "d"  # dZ, dW, db (Ng's derivative names); xW[1] is no name
    return True


def read(toks: list[Tok]) -> list[Tok]:
    """The tokens with every glued layer bracket NAME[layer] as NAME^{[layer]}."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        out.append(t)
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.kind == "op" and nxt.text == "[" and t.touches(nxt) and _is_name(toks, k):
            end = _layer_end(toks, k + 1)
            if end > 0:
                out += [Tok("op", "^", nxt.pos, nxt.pos), Tok("op", "{", nxt.pos, nxt.pos)]
                out += toks[k + 1 : end + 1]
                out.append(Tok("op", "}", toks[end].end, toks[end].end))
                k = end + 1
                continue
        k += 1
    return out
