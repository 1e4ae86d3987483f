r"""A unit index as a superscript, in a document whose layers are subscripts and whose vectors are
capitals (LeCun, Bottou, Orr and Müller's "Efficient BackProp": `Y_n = W_n X_{n-1}`, `X_n =
F(Y_n)`; then the entries `y_n^i`, `x_{n-1}^j`, `w_n^{ij}` in lower case):

    \frac{\partial E^p}{\partial w_n^{ij}} = x_{n-1}^j \frac{\partial E^p}{\partial y_n^i}

The subscript is the layer (subscript_layers.py reads the capitals so), so the unit can only be
the superscript: the lower-case letter of a capital the document's plan names (its vector X, its
net input Y, its weight W) with a layer subscript and a superscript of index letters (one for a
vector's entry, two for a weight's) is that entry, written in the square-bracket layers the
reader knows (a^{[n-1]}_{j}, z^{[n]}_{i}, W^{[n]}_{ij}). Never where the plan's letters are
lower case themselves (x_i^T is a transpose there) nor for a digit or T in the superscript (a
power). Pure: tokens in, tokens out, positions kept.
"""

from __future__ import annotations

from .subscript_layers import Plan, _layered, _sub
from .tokens import Tok


def _letters(toks: list[Tok], k: int) -> tuple[list[Tok], int] | None:
    """The superscript of index letters at toks[k] ('^'): its letters and the index after it."""
    if k + 1 >= len(toks) or toks[k].text != "^":
        return None
    t = toks[k + 1]
    if t.kind == "letter":
        inner, end = [t], k + 2
    elif t.text == "{":
        j = k + 2
        while j < len(toks) and toks[j].kind == "letter":
            j += 1
        if j >= len(toks) or toks[j].text != "}":
            return None
        inner, end = toks[k + 2 : j], j + 1
    else:
        return None
    if not inner or any(len(u.text) != 1 or not u.text.islower() or u.text == "T" for u in inner):
        return None
    return inner, end


def rewrite(plan: Plan | None, toks: list[Tok]) -> list[Tok]:
    """The row with each lower-case entry y_n^i of the plan's capitals in bracket layers."""
    if plan is None:
        return toks
    capitals = {plan.vector: ("a", 1), plan.net: ("z", 1), plan.weight: ("W", 2)}
    entries = {c.lower(): v for c, v in capitals.items() if len(c) == 1 and c.isupper()}
    if not entries:
        return toks
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        sub = _sub(toks, k + 1) if t.kind == "letter" and t.text in entries else None
        sup = _letters(toks, sub[1]) if sub is not None else None
        if sub is not None and sup is not None and len(sup[0]) == entries[t.text][1]:
            name = _layered(t, entries[t.text][0], sub[0])
            p, e = t.pos, t.end
            index = [Tok("op", "_", p, e), Tok("op", "{", p, e), *sup[0], Tok("op", "}", p, e)]
            out += name + index
            k = sup[1]
            continue
        out.append(t)
        k += 1
    return out
