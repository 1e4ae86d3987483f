r"""The weight after one update, as the textbooks mark it on an update line's left side.

Zurada writes w'_{kj} = w_{kj} + \eta \delta_{ok} y_j (the prime: the weight after the step),
Fausett w_{jk}(\text{new}) = w_{jk}(\text{old}) + \Delta w_{jk}, Negnevitsky's worked example
w_{13} = w_{13} + \Delta w_{13} with no mark at all (a name plus its own increment is no identity:
the left is the new value). All are the update that
w^{+}_{kj} = w_{kj} + ... (names.py: w^{new}, w^{old}) already writes, and are read as it is,
but only where the row has that shape: the marked name alone on the left, and the right side
opening with the same name and subscript (maybe marked old; a numbered weight's may be another's,
NBIS's slip w'_2 = w_1 - \eta ..., judged as w_2's update) followed by '+' or '-' and a step
holding a learning rate or a Δ (f' = f - f^2 is no update). A prime
anywhere else keeps its meaning (f'(x), a derivative), and a name with a prime and no update
after it is still refused by the name reader. Positions kept. Pure functions on tokens.
"""

from __future__ import annotations

from .tokens import Tok
from .update_words import NEW, OLD

_NEW, _OLD = NEW, OLD  # in each language the corpus reads (update_words.py)
# a step holds a learning rate or a Δ (verify/signs.py's RATES); f' = f - f^2 has none: not an update
_STEP = frozenset({"eta", "alpha", "varepsilon", "epsilon", "gamma", "Delta"})


def _subscript(toks: list[Tok], k: int) -> int:
    """At toks[k] '_': the index after the subscript (a group or one token); k if none."""
    if k + 1 >= len(toks) or toks[k].text != "_":
        return k
    if toks[k + 1].text != "{":
        return k + 2 if toks[k + 1].kind in ("letter", "num") else k
    depth = 0
    for j in range(k + 1, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[j].text, 0) if toks[j].kind == "op" else 0
        if depth == 0:
            return j + 1
    return k


def _called(toks: list[Tok], k: int, words: frozenset[str]) -> int:
    r"""At toks[k]: the index after `(\text{new})` (one of `words` in \text, in parentheses); k if none."""
    if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")":
        t = toks[k + 1]
        if t.kind in ("text", "word") and t.text.strip() in words:
            return k + 3
    return k


def _mark(at: Tok) -> list[Tok]:
    """The tokens of ^{+}, placed where the author's mark stood."""
    return [Tok("op", s, at.pos, at.end) for s in ("^", "{", "+", "}")]


def _numbered(sub: list[Tok]) -> bool:
    r"""A subscript of numbers only (_2, _{12}): w'_2 = w_1 - \eta ... names two weights for sure
    (NBIS's slip, judged as w_2's update); index letters (w'_{kj} = w_{jk}) may be one weight."""
    inner = [t for t in sub if t.text not in ("_", "{", "}")]
    return bool(inner) and all(t.kind == "num" for t in inner)


def _texts(toks: list[Tok]) -> list[str]:
    return [t.text for t in toks]


def rewrite(toks: list[Tok]) -> list[Tok]:
    r"""w'_{kj} = w_{kj} + ... and w_{jk}(\text{new}) = w_{jk}(\text{old}) + ... as
    w^{+}_{kj} = w_{kj} + ...; any other row unchanged."""
    star = _star(toks)
    if star:  # {}^{*}W_6 = W_6 - a (...): hmkcode's star before the name marks the new value
        toks = toks[star:]
    if len(toks) < 4 or toks[0].kind not in ("letter", "cmd"):
        return toks
    k = 1
    primed = toks[k].text == "'" and toks[k].kind == "op"
    k += primed
    sub_end = _subscript(toks, k)
    sub = toks[k:sub_end]
    k = sub_end
    mark: Tok | None = toks[1] if primed else None
    if not primed and k < len(toks) and toks[k].text == "'" and toks[k].kind == "op":
        mark, k = toks[k], k + 1
    if mark is None and star:
        mark = toks[0]
    if mark is None:
        after = _called(toks, k, _NEW)
        if after == k:
            return _self_increment(toks, sub, k)
        mark, k = toks[k], after
    if k >= len(toks) or toks[k].text != "=":
        return toks
    eq = k
    r = eq + 1
    if r >= len(toks) or toks[r].text != toks[0].text or toks[r].kind != toks[0].kind:
        return toks
    r_sub_end = _subscript(toks, r + 1)
    if _texts(toks[r + 1 : r_sub_end]) != _texts(sub) and not (
        _numbered(sub) and _numbered(toks[r + 1 : r_sub_end])
    ):
        return toks  # w'_{kj} = w_{jk} + ...: maybe the same weight, another way round: unread
    r_end = _called(toks, r_sub_end, _OLD)
    if r_end >= len(toks) or toks[r_end].text not in ("+", "-") or toks[r_end].kind != "op":
        return toks
    if not star and not any(t.kind == "cmd" and t.text in _STEP or t.text == "lr" for t in toks[r_end:]):
        return toks  # a prime marks the new value only before a step (f' = f - f^2 is no update)
    left = [toks[0], *sub, *_mark(mark)]
    return [*left, *toks[eq:r_sub_end], *toks[r_end:]]


def _self_increment(toks: list[Tok], sub: list[Tok], k: int) -> list[Tok]:
    r"""w_{13} = w_{13} + \Delta w_{13} (then numbers, maybe): the same name and subscript on
    both sides, then + or - and \Delta with that name again, as w^{+}_{13} = w_{13} + \Delta w_{13};
    any other row unchanged."""
    n = len(sub)
    want = [toks[0].text, *_texts(sub)]
    if k + 2 + 2 * (n + 1) >= len(toks) or toks[k].text != "=":
        return toks
    r = k + 1
    op = r + n + 1
    if _texts(toks[r:op]) != want or toks[op].text not in ("+", "-") or toks[op].kind != "op":
        return toks
    if not (toks[op + 1].kind == "cmd" and toks[op + 1].text == "Delta"):
        return toks
    if _texts(toks[op + 2 : op + 3 + n]) != want:
        return toks
    end = op + 3 + n
    if end < len(toks) and toks[end].text in ("_", "^", "("):  # Δw_{13}^2, Δw(…): something else
        return toks
    return [toks[0], *sub, *_mark(toks[k]), *toks[k:]]


def _star(toks: list[Tok]) -> int:
    """At a row's start, `{}^{*}` or `{}^*` (an empty group with a star above it) before a name:
    the index of the name; 0 if none."""
    texts = _texts(toks[:6])
    if texts[:5] == ["{", "}", "^", "{", "*"] and len(toks) > 6 and toks[5].text == "}":
        return 6
    if texts[:4] == ["{", "}", "^", "*"] and len(toks) > 4:
        return 4
    return 0
