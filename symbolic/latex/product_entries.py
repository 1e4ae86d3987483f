r"""One entry of a matrix-vector product, written as the product in parentheses with the entry's
index after it (Higham & Higham's proof of Lemma 5.1: `\sigma'(z^{[l]}_j) ((W^{[l+1]})^T
\delta^{[l+1]})_j`). The entry is rewritten as the sum it is, over a letter the row does not use:
(M^T v)_j = \sum_k M_{kj} v_k and (M v)_j = \sum_k M_{jk} v_k, each name keeping its own layer
mark, so the scalar reader reads it as it reads Nielsen's \sum_k w^{l+1}_{kj} \delta^{l+1}_k.
Only that shape is rewritten: one capital letter (the matrix) with a layer mark or none, its
transpose or not, times one vector name with no subscript; anything else is left as written.
Pure: tokens in, tokens out.
"""

from __future__ import annotations

from .tokens import Tok

_FRESH = "kmpqrsuv"  # the summed letter: the first of these the row does not write
_TRANSPOSE = {"T", "top", "intercal", "mathsf"}


def _mark(toks: list[Tok], k: int) -> int:
    """The index after a layer mark `^{...}` (balanced braces) starting at k, or k when none."""
    if k + 1 >= len(toks) or toks[k].text != "^" or toks[k + 1].text != "{":
        return k
    depth, j = 0, k + 1
    while j < len(toks):
        depth += (toks[j].text == "{") - (toks[j].text == "}")
        j += 1
        if depth == 0:
            return j
    return k


def _transpose(toks: list[Tok], k: int) -> int:
    """The index after a transpose mark ^T, ^\\top, ^{T} at k, or k when none."""
    if k + 1 < len(toks) and toks[k].text == "^":
        if toks[k + 1].text in _TRANSPOSE:
            return k + 2
        if toks[k + 1].text == "{" and k + 3 < len(toks) and toks[k + 2].text in ("T", "top"):
            return k + 4 if toks[k + 3].text == "}" else k
    return k


def _matrix(toks: list[Tok]) -> tuple[list[Tok], list[Tok], bool] | None:
    """The inside of the parentheses as (matrix with its mark, vector with its mark, transposed)."""
    k, transposed = 0, False
    wrapped = bool(toks) and toks[0].text == "("
    k = 1 if wrapped else 0
    if k >= len(toks) or toks[k].kind != "letter" or not toks[k].text.isupper() or len(toks[k].text) != 1:
        return None
    end = _mark(toks, k + 1)
    matrix = toks[k:end]
    if wrapped:
        if end >= len(toks) or toks[end].text != ")":
            return None
        end += 1
    after = _transpose(toks, end)
    transposed = after != end
    if wrapped and not transposed:
        return None
    v = after
    if (
        v >= len(toks)
        or toks[v].kind not in ("letter", "cmd")
        or toks[v].kind == "cmd"
        and toks[v].text == "sum"
    ):
        return None
    stop = _mark(toks, v + 1)
    if stop != len(toks) or stop == v + 1 and toks[v].kind == "letter" and toks[v].text.isupper():
        return None
    return matrix, toks[v:stop], transposed


def _subscripted(toks: list[Tok]) -> dict[int, int]:
    """Each '(' whose matching ')' is followed by `_` and one letter -> that ')' (one pass)."""
    out, stack = {}, []
    for j, t in enumerate(toks):
        if t.text == "(":
            stack.append(j)
        elif t.text == ")" and stack:
            k = stack.pop()
            if j + 2 < len(toks) and toks[j + 1].text == "_" and toks[j + 2].kind == "letter":
                out[k] = j
    return out


def _sub(at: Tok, letters: str) -> list[Tok]:
    return [
        Tok("op", "_", at.pos, at.end),
        Tok("op", "{", at.pos, at.end),
        *(Tok("letter", c, at.pos, at.end) for c in letters),
        Tok("op", "}", at.pos, at.end),
    ]


def rewrite(toks: list[Tok]) -> list[Tok]:
    """The row with each `(M^T v)_j`, `(M v)_j` written as its sum (the module's doc)."""
    used = {t.text for t in toks if t.kind == "letter"}
    fresh = next((c for c in _FRESH if c not in used), None)
    if fresh is None:
        return toks
    out: list[Tok] = []
    closes = _subscripted(toks)
    k = 0
    while k < len(toks):
        close = closes.get(k)
        index = close + 2 if close is not None else 0
        if (
            close is None
            or len(toks[index].text) != 1
            or index + 1 < len(toks)
            and toks[index + 1].text in ("_", "^")
        ):
            out.append(toks[k])
            k += 1
            continue
        read = _matrix(toks[k + 1 : close])
        if read is None:
            out.append(toks[k])
            k += 1
            continue
        matrix, vector, transposed = read
        j, at = toks[index].text, toks[k]
        pair = fresh + j if transposed else j + fresh
        out += [
            Tok("op", "(", at.pos, at.end, at.space),
            Tok("cmd", "sum", at.pos, at.end),
            *_sub(at, fresh),
            *matrix,
            *_sub(at, pair),
            *vector,
            *_sub(at, fresh),
            Tok("op", ")", at.pos, at.end),
        ]
        k = index + 1
    return out
