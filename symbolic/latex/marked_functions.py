r"""Functions and primes marked in the tokens, read as the plain prime and activation:
`g_o'(a)`, `g_{o}(a)` (Brilliant: the output layer's activation, its subscript dropped, the
argument's layer says which), `g^{\prime}(a)`, `f^{\prime\prime}`, `h^{'}(a)` and `h^\prime(a_j)` (a
prime in braces or bare is the prime '), Ng's `g^{\prime[l]}` written prime first.
Pure: tokens (tokens.Tok) in, tokens out, positions kept.
"""

from __future__ import annotations

from dataclasses import replace

_OUTPUT_SUBS = ({"o"}, {"out"}, {"output"})
_ACTIVATION_LETTERS = ("g", "f", "h", "sigma", "varphi", "phi")


def output_functions(toks: list) -> list:
    """g_o'(a), g_{o}(a): the output layer's activation (Brilliant) is the activation applied to
    the output layer's net input: the subscript is dropped (the argument's layer says which)."""
    out: list = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if (
            t.text in ("g", "f", "h", "sigma", "varphi", "phi")
            and k + 3 < len(toks)
            and toks[k + 1].text == "_"
        ):
            braced = toks[k + 2].text == "{"
            sub = toks[k + 3] if braced else toks[k + 2]
            after = k + (5 if braced else 3)
            closed = not braced or (after - 1 < len(toks) and toks[after - 1].text == "}")
            if closed and {sub.text} in _OUTPUT_SUBS and after < len(toks) and toks[after].text in ("'", "("):
                out.append(t)
                k = after
                continue
        out.append(t)
        k += 1
    return out


def _prime_first(toks: list, k: int) -> bool:
    return (
        toks[k].text == "^"
        and k + 3 < len(toks)
        and toks[k + 1].text == "{"
        and toks[k + 2].kind == "cmd"
        and toks[k + 2].text == "prime"
        and toks[k + 3].text == "["
    )


def braced_primes(toks: list) -> list:
    r"""g^{\prime}(a), f^{\prime\prime}, h^{'}(a): a prime in braces is the prime ' (Brilliant, notes);
    so is h^\prime(a_j) without braces (TeX reads ^ with the one token after it)."""
    out: list = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if _prime_first(toks, k):  # g^{\prime[l]}: Ng's g^{[l]\prime} written prime first
            end = k + 3
            while end < len(toks) and toks[end].text != "}":
                end += 1
            out += [t, toks[k + 1], *toks[k + 3 : end], toks[k + 2]]
            k = end
            continue
        if t.text == "^" and k + 1 < len(toks) and toks[k + 1].kind == "cmd" and toks[k + 1].text == "prime":
            out.append(replace(toks[k + 1], kind="op", text="'", space=t.space))
            k += 2
            continue
        if t.text == "^" and k + 2 < len(toks) and toks[k + 1].text == "{":
            end = k + 2
            while end < len(toks) and (  # ^{\prime}, and ^{'} (h^{'}(a_j): Obsidian, Typora)
                toks[end].kind == "cmd" and toks[end].text == "prime" or toks[end].text == "'"
            ):
                end += 1
            if end > k + 2 and end < len(toks) and toks[end].text == "}":
                out += [
                    replace(toks[p], kind="op", text="'", space=t.space if p == k + 2 else False)
                    for p in range(k + 2, end)
                ]
                k = end + 1
                continue
        out.append(t)
        k += 1
    return out
