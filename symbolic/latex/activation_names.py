r"""An activation letter named by its subscript, as blog posts write it: `g_{\text{ReLU}}(Z[l])`,
`g_{softmax}(Z[L])`, `\sigma_{\text{sigmoid}}(z)`, `f_{tanh}'(z)`, `g_{\tanh}(z)`,
`g'_{\text{ReLU}}(z)`: the function the subscript names (ReLU, softmax, ...), applied where it is
written; the verifier evaluates it as that function, so a layer whose activation is another one
makes the statement wrong, never
correct. Only a letter that writes an activation (g, f, h, \sigma, \varphi, \phi) followed by a
call ('(' or a prime) is read so; a subscript naming no activation stays as written.
"""

from __future__ import annotations

from ..activations import named
from .tokens import Tok
from .vocabulary import FUNCTIONS

_LETTERS = frozenset({"g", "f", "h", "sigma", "varphi", "phi"})


def _names() -> dict[str, str]:
    """Each spelling (lower case) of an activation -> the reader's word for it (the name its
    function has: sigmoid -> sigma, ReLU -> relu)."""
    out = {"softmax": "softmax"}
    for rule in named():
        word = rule.prime_word.removesuffix("_prime")
        if word not in FUNCTIONS:
            continue
        for spelling in (rule.name, *rule.spellings):
            if spelling.isascii():
                out.setdefault(spelling.lower(), word)
    return out


_NAMES = _names()


def _subscript(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """At toks[k] == '_': (the activation its subscript names, tokens of '_' and subscript)."""
    if k + 1 >= len(toks):
        return None
    inner, n = [toks[k + 1]], 2
    if toks[k + 1].text == "{":
        j = k + 2
        inner = []
        while j < len(toks) and toks[j].text != "}" and len(inner) < 8:
            inner.append(toks[j])
            j += 1
        if j >= len(toks) or toks[j].text != "}":
            return None
        n = j - k + 1
    if len(inner) == 1 and inner[0].kind == "cmd":  # g_{\tanh}
        return (_NAMES[inner[0].text], n) if inner[0].text in _NAMES else None
    if not inner or any(t.kind not in ("letter", "word", "text") for t in inner):
        return None
    if any(b.kind != "text" and not a.touches(b) for a, b in zip(inner, inner[1:])):
        return None  # g_{r e l u} spaced letters: not one word
    word = "".join(t.text.strip() for t in inner).lower()
    return (_NAMES[word], n) if word in _NAMES else None


def read(toks: list[Tok]) -> list[Tok]:
    """The tokens with each g_{NAME} (a call follows) as the one word NAME."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        letter = t.kind in ("letter", "word") and t.text in _LETTERS or t.kind == "cmd" and t.text in _LETTERS
        if letter:
            primes = 0
            while k + 1 + primes < len(toks) and toks[k + 1 + primes].text == "'":
                primes += 1  # g'_{\text{ReLU}}: the prime before the subscript
            j = k + 1 + primes
            sub = _subscript(toks, j) if j < len(toks) and toks[j].text == "_" else None
            after = j + sub[1] if sub else 0
            if sub and after < len(toks) and toks[after].text in ("(", "'"):
                word = Tok("word", sub[0], t.pos, toks[after - 1].end, t.space)
                out += [word, *toks[k + 1 : j]]
                k = after
                continue
        out.append(t)
        k += 1
    return out
