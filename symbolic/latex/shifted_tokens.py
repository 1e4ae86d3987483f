r"""A row's tokens in square-bracket layers, with the letter families' offsets that
latex/shifted_letters.py reads off the forward rows: f_{k-1} -> z^{[k]}, \Omega_0 -> W^{[1]}, h_k ->
a^{[k]}, \delta_k -> \delta^{[k]} (each by its own offset), x_i -> x and y_i -> y (i the example's
index), l_i and a bare loss letter -> L, a bare target letter -> y, the activation a[.] -> g(.)
when its letter is one the layers give a vector, \tanh[u] -> \tanh(u), the activation with the
row's layer as its subscript, \sigma_i(u) -> g(u) (each layer's own), a layer counted back from
the last, f_{K-1} -> a^{[L-1]}, and a layer's value written with its arguments, f_K(\theta, x) ->
a^{[L]}; positions kept, so that
statements show the text as written. A trailing range `k \in \{1, 2, \dots, K\}` is taken off and
returned (latex/layer_ranges.py). Pure functions.
"""

from __future__ import annotations

from .layer_ranges import Span, trailing_range
from .shifted_letters import Shifts
from .subscript_layers import layer
from .tokens import Tok

_VECTORS = {"a", "z", "b", "W", "x", "y"}  # the square-bracket layers' letters


def _sub(toks: list[Tok], k: int) -> tuple[tuple[str, int], int] | None:
    """At toks[k] '_': the layer it writes (('k', -1) for _{k-1}) and the index after it."""
    if k + 1 >= len(toks) or toks[k].text != "_":
        return None
    t = toks[k + 1]
    if t.kind in ("letter", "num") and layer(t.text) is not None:
        return layer(t.text), k + 2  # type: ignore[return-value]
    if t.text != "{":
        return None
    j = k + 2
    while j < len(toks) and toks[j].text != "}":
        j += 1
    written = layer("".join(u.text for u in toks[k + 2 : j]))
    return (written, j + 1) if written is not None and j < len(toks) else None


def _base(t: Tok) -> str:
    return t.text if t.kind == "letter" else f"\\{t.text}" if t.kind == "cmd" else ""


def _layer_toks(letter: str, c: int, at: Tok) -> list[Tok]:
    def tok(kind: str, text: str) -> Tok:
        return Tok(kind, text, at.pos, at.end)

    inner = [tok("letter", letter)] if letter else [tok("num", str(c))]
    if letter and c:
        inner += [tok("op", "+" if c > 0 else "-"), tok("num", str(abs(c)))]
    return [tok("op", "^"), tok("op", "{"), tok("op", "["), *inner, tok("op", "]"), tok("op", "}")]


def _close(toks: list[Tok], k: int) -> int | None:
    """The index of the bracket closing the one at toks[k]."""
    opener, depth = toks[k].text, 0
    closer = {"[": "]", "(": ")"}[opener]
    for j in range(k, len(toks)):
        depth += (toks[j].text == opener) - (toks[j].text == closer)
        if depth == 0:
            return j
    return None


def _call(shifts: Shifts, toks: list[Tok], k: int) -> tuple[int, int, bool] | None:
    """At toks[k] the activation of a call row, written with a bracket or under a letter the
    square-bracket layers give a vector (a[f]): its bracket's index, the closing one's, and
    whether it is renamed g; None when it is written as the reader reads it already."""
    t = toks[k]
    if t.kind not in ("letter", "cmd", "word", "text"):
        return None
    j = k + 1 + (k + 1 < len(toks) and toks[k + 1].text == "'")
    if j >= len(toks) or toks[j].text not in ("[", "("):
        return None
    bases = {b.lstrip("\\") for b in shifts.families}
    renamed = t.kind == "letter" and (t.text in bases or t.text in _VECTORS)
    end = _close(toks, j)
    if end is None or not (renamed or toks[j].text == "["):
        return None
    return j, end, renamed


def _past_arguments(toks: list[Tok], k: int) -> int:
    """Past a list of two or more arguments at toks[k], f_K(\\theta, x): the layer's value written
    as a function of the parameters and the input; k itself when there is none."""
    if k >= len(toks) or toks[k].text != "(":
        return k
    end = _close(toks, k)
    depth, commas = 0, 0
    for t in toks[k : end or k]:
        depth += (t.text in "([{") - (t.text in ")]}")
        commas += depth == 1 and t.text == ","
    return end + 1 if end is not None and commas else k


def _bare(toks: list[Tok], k: int) -> bool:
    """Is toks[k] a letter alone: no script, call or power after it (e of e^{-z} is Euler's)?"""
    after = toks[k + 1].text if k + 1 < len(toks) else ""
    before = toks[k - 1].text if k else ""
    return toks[k].kind == "letter" and after not in ("_", "^", "(", "[", "'") and before not in ("_", "^")


def rewrite(shifts: Shifts | None, toks: list[Tok]) -> tuple[list[Tok], Span | None]:
    """A row's tokens in square-bracket layers and its range (the module's doc)."""
    if shifts is None:
        return toks, None
    toks, span = trailing_range(shifts.tops, toks)
    out: list[Tok] = []
    closing: dict[int, Tok] = {}  # a bracket of a[.] -> its ')'
    k = 0
    while k < len(toks):
        t = toks[k]
        if k in closing:
            out.append(closing.pop(k))
            k += 1
            continue
        base = _base(t)
        prev = toks[k - 1].text if k else ""
        sub = _sub(toks, k + 1) if base and prev not in ("_", "^") else None
        if base in shifts.families and sub is not None:
            role, off = shifts.families[base]
            (letter, c), after = sub
            if letter in shifts.tops:  # f_{K-1}, K + tops[K] the last layer: L - 1
                letter, c = "L", c - shifts.tops[letter]
            head = (
                Tok("cmd", "delta", t.pos, t.end, t.space)
                if role == "delta"
                else Tok("letter", role, t.pos, t.end, t.space)
            )
            out += [head, *_layer_toks(letter, c + off, t)]
            k = _past_arguments(toks, after) if role in ("a", "z") else after
            continue
        if (
            t.text in shifts.calls
            and sub is not None
            and toks[sub[1] : sub[1] + 1]
            and toks[sub[1]].text == "("
        ):
            out.append(Tok("letter", "g", t.pos, t.end, t.space))  # \sigma_i(u): layer i's own activation
            k = sub[1]
            continue
        example = sub is not None and sub[0] == (shifts.example, 0) and bool(shifts.example)
        if example and base in shifts.inputs | {shifts.target}:
            out.append(Tok("letter", base, t.pos, t.end, t.space))  # x_i, y_i: example i's x, y
            k = sub[1]  # type: ignore[index]
            continue
        if base and base == shifts.loss and (example or _bare(toks, k)):
            out.append(Tok("letter", "L", t.pos, t.end, t.space))  # l_i, e: the loss
            k = sub[1] if example else k + 1  # type: ignore[index]
            continue
        if base and base == shifts.target and shifts.target != "y" and _bare(toks, k):
            out.append(Tok("letter", "y", t.pos, t.end, t.space))  # t: the target
            k += 1
            continue
        call = _call(shifts, toks, k) if t.text in shifts.calls and prev not in ("_", "^") else None
        if call is not None:  # a[f]: g(f), the activation at f; \tanh[u]: \tanh(u)
            j, end, renamed = call
            out.append(Tok("letter", "g", t.pos, t.end, t.space) if renamed else t)
            out += toks[k + 1 : j]
            out.append(Tok("op", "(", toks[j].pos, toks[j].end, toks[j].space))
            closing[end] = Tok("op", ")", toks[end].pos, toks[end].end, toks[end].space)
            k = j + 1
            continue
        out.append(t)
        k += 1
    return out, span
