r"""An update written with the iteration it steps from and to (Hagan's `w^m_{i,j}(k+1) =
w^m_{i,j}(k) - \alpha s^m_i a^{m-1}_j`, ESL's `\beta_{km}^{(r+1)} = \beta_{km}^{(r)} - \gamma_r
\sum_i \partial R_i / \partial \beta_{km}^{(r)}`, `\theta^{(t+1)} = \theta^{(t)} - \eta_t g`,
PRML's `\mathbf{w}^{(\tau+1)} = \mathbf{w}^{(\tau)} - \eta \nabla E(\mathbf{w}^{(\tau)})`, the
gradient at the step's point read as `\partial E / \partial \mathbf{w}`): the
tags `(k+1)`, `(k)`, `^{(r+1)}`, `^{(r)}` name the step, not a layer or an argument, and the
rate's subscript `\gamma_r` the step's rate. Read so only in the shape of an update: one name
tagged `L+1` on the left, the same name tagged `L` first on the right, then + or -, and the
letter L written nowhere else but in such tags and under a rate. The statement then reads
`w = w - \alpha ...`, the update the verifier judges (verify/signs.py). Anything else is left as
written. Pure: tokens in, tokens out.
"""

from __future__ import annotations

import re

from .tokens import Tok

_RATES = {"eta", "alpha", "gamma", "epsilon", "varepsilon", "rho", "lambda", "mu"}


def _tag(toks: list[Tok], k: int) -> tuple[int, str, int] | None:
    """At k, `(L)`, `(L+1)`, `(L-1)`, `^{(L)}`, `^{(L+1)}` or `^{(L-1)}` -> (its end, L, the step
    after L: 1, 0 or -1)."""
    j = k
    braced = toks[k].text == "^" and k + 1 < len(toks) and toks[k + 1].text == "{"
    if braced:
        j = k + 2
    if j + 2 >= len(toks) or toks[j].text != "(" or not _step_letter(toks[j + 1]):
        return None
    letter, j = toks[j + 1].text, j + 2
    step = 0
    if toks[j].text in ("+", "-") and j + 2 < len(toks) and toks[j + 1].text == "1":
        step = 1 if toks[j].text == "+" else -1
        j += 2
    if toks[j].text != ")":
        return None
    j += 1
    if braced:
        if j >= len(toks) or toks[j].text != "}":
            return None
        j += 1
    return j, letter, step


_GREEK_STEPS = {"tau"}  # PRML's w^{(\tau+1)} = w^{(\tau)} - \eta \nabla E(w^{(\tau)})


def _step_letter(t: Tok) -> bool:
    return t.kind == "letter" and len(t.text) == 1 or t.kind == "cmd" and t.text in _GREEK_STEPS


def _nabla_at(out: list[Tok], name: list[Tok]) -> list[Tok]:
    """`\\nabla E(w)` (the gradient at the step's point, its tag gone) as `\\frac{\\partial E}{\\partial
    w}`: the update of every weight w, as `w := w - \\eta \\partial E / \\partial w` reads."""
    n = len(name)
    for k in range(len(out) - n - 3):
        t = out[k]
        if t.kind == "cmd" and t.text == "nabla" and out[k + 1].kind == "letter" and out[k + 2].text == "(":
            if _same(out[k + 3 : k + 3 + n], name) and out[k + 3 + n].text == ")":
                loss = out[k + 1]
                d = Tok("cmd", "partial", t.pos, t.end)
                brace = [Tok("op", c, t.pos, t.end) for c in "{}"]
                frac = [Tok("cmd", "frac", t.pos, t.end), brace[0], d, loss, brace[1]]
                frac += [brace[0], d, *name, brace[1]]
                return [*out[:k], *frac, *out[k + 4 + n :]]
    return out


def _name_end(toks: list[Tok], k: int) -> int:
    """The end of a name starting at k: its letter and its sub- and superscripts (a tag not)."""
    j = k + 1
    while j + 1 < len(toks) and toks[j].text in ("_", "^") and _tag(toks, j) is None:
        j += 2
        if toks[j - 1].text == "{":
            depth = 1
            while j < len(toks) and depth:
                depth += (toks[j].text == "{") - (toks[j].text == "}")
                j += 1
    return j


def _tagged(toks: list[Tok], k: int) -> tuple[list[Tok], int, str, int] | None:
    """A name at k with one tag after its scripts (or between them): (the name without the tag,
    the end, L, the step after L)."""
    if toks[k].kind not in ("letter", "cmd"):
        return None
    mid = _name_end(toks, k)
    if mid >= len(toks):
        return None
    tag = _tag(toks, mid)
    if tag is None or (toks[mid].text == "(" and not toks[mid - 1].touches(toks[mid])):
        return None
    end = _name_end(toks, tag[0] - 1) if tag[0] < len(toks) and toks[tag[0]].text in ("_", "^") else tag[0]
    return toks[k:mid] + toks[tag[0] : end], end, tag[1], tag[2]


def _same(a: list[Tok], b: list[Tok]) -> bool:
    return [(t.kind, t.text) for t in a] == [(t.kind, t.text) for t in b]


def untagged(toks: list[Tok]) -> list[Tok]:
    """`X(L+1) = X(L) ± ...` (or ^{(L+1)}, ^{(L)}; LeCun et al.'s `W(t) = W(t-1) - ...`, the step
    one before on the right) without its iteration tags and the rate's subscript L; any other row
    as it is."""
    eq = next((k for k, t in enumerate(toks) if t.kind == "op" and t.text == "="), None)
    if eq is None or eq == 0:
        return toks
    left = _tagged(toks, 0)
    if left is None or left[1] != eq or left[3] == -1:
        return toks
    name, letter = left[0], left[2]
    right = _tagged(toks, eq + 1) if eq + 1 < len(toks) else None
    if right is None or right[3] != left[3] - 1 or right[2] != letter or not _same(right[0], name):
        return toks
    if right[1] >= len(toks) or toks[right[1]].text not in ("+", "-"):
        return toks
    out = name + [toks[eq]] + right[0]
    k = right[1]
    while k < len(toks):
        t = toks[k]
        tag = _tag(toks, k) if t.text in ("(", "^") else None
        if (
            tag is not None
            and tag[1] == letter
            and tag[2] == right[3]
            and (t.text == "^" or toks[k - 1].touches(t))
        ):
            k = tag[0]  # ∂R_i/∂β_{km}^{(r)}: the gradient at the step's point
            continue
        if t.kind == "cmd" and t.text in _RATES and toks[k + 1 : k + 3] and toks[k + 1].text == "_":
            if k + 2 < len(toks) and toks[k + 2].text == letter:
                out.append(t)  # γ_r: the step's rate
                k += 3
                continue
        if t.text == letter and t.kind in ("letter", "cmd"):
            return toks  # L written elsewhere: not only the step
        out.append(t)
        k += 1
    return _nabla_at(out, name)


_STEP = re.compile(r"\(\s*([a-z])\s*\+\s*1\s*\)\s*=")  # X(k+1) = ...: an update from step k


def at_one_step(text: str, toks: list[Tok]) -> list[Tok]:
    """A row written at one step of a document's iteration (Hagan's `\\hat{F}(x) = (t(k) -
    a(k))^T (t(k) - a(k))`, the document updating w(k+1) = w(k) - ... elsewhere): the row
    without its step tags `(k)`, each right after a name. Only the letter of an update the
    document writes, X(L+1) = ..., and only when the row writes L nowhere but in such tags and is
    not itself an update (those are `untagged`); any other row as it is."""
    letters = set(_STEP.findall(text))
    if not letters or any((tag := _tag(toks, k)) is not None and tag[2] == 1 for k in range(len(toks))):
        return toks  # an update: untagged's
    out, k, dropped = [], 0, False
    while k < len(toks):
        t = toks[k]
        tag = _tag(toks, k) if t.text == "(" and k > 0 else None
        after_name = k > 0 and (toks[k - 1].kind == "letter" or toks[k - 1].text == "}")
        if tag is not None and tag[1] in letters and tag[2] == 0 and after_name and toks[k - 1].touches(t):
            k, dropped = tag[0], True
            continue
        if t.kind == "letter" and t.text in letters:
            return toks  # the letter written otherwise: not only a step
        out.append(t)
        k += 1
    return out if dropped else toks
