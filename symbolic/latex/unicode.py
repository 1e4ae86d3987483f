"""Unicode math as published pages paste it (δ_k=(t_k−z_k)f′(y_k), ∂E/∂wᵢⱼ, w₁₂, a², ŷ, W ← W): each
character read as the LaTeX it renders, for the tokenizer.

`read(text, i, end)` -> ([(kind, text), ...], next offset), or None when the character at i is
not one of these. Kinds are the tokenizer's ('cmd', 'op', 'num', 'letter'), or 'space'.
"""

from __future__ import annotations

COMMANDS = {  # character -> the command it renders
    **dict(
        zip(
            "αβγδεζηθικλμνξπρστυχψω",
            "alpha beta gamma delta epsilon zeta eta theta iota kappa "
            "lambda mu nu xi pi rho sigma tau upsilon chi psi omega".split(),
        )
    ),
    "φ": "varphi",
    "ϕ": "phi",
    "ϵ": "epsilon",
    "ϑ": "vartheta",
    **dict(zip("ΓΔΘΛΞΦΨΩ", "Gamma Delta Theta Lambda Xi Phi Psi Omega".split())),
    "∑": "sum",
    "Σ": "sum",
    "∂": "partial",
    "∇": "nabla",
    "⊙": "odot",
    "∘": "circ",
    "◦": "circ",  # U+25E6 WHITE BULLET: the Hadamard product as PDF-extracted notes paste it
    "•": "bullet",
    "∙": "bullet",
    "≠": "neq",
    "≤": "leq",
    "≥": "geq",
    "∈": "in",
    "ℓ": "ell",
    "⊤": "top",
    "√": "sqrt",
}
# ≈: a worked example's rounded value, '=' to a unit of its last digit (verify/claims.py)
OPS = {
    "≈": "=",
    "−": "-",
    "–": "-",
    "∗": "*",
    "′": "'",
    "＝": "=",
    "⁄": "/",
    "∕": "/",
    "←": "←",
}  # ← as \leftarrow
SPACES = {"\u00a0", "\u2009", "\u200a", "\u202f", "\u2002", "\u2003", "\u2061", "\u2062", "\u2063"}
HATS = {"ŷ": "y", "Ŷ": "Y"}  # precomposed: ŷ is \hat{y}
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ᵀ", "0123456789+-T"))
SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₗₘₙₒₚₕₜₓₐₑ", "0123456789ijklmnophtxae"))


def _script(chars: str, mark: str) -> list[tuple[str, str]]:
    """A run of sub- or superscript characters: one braced script (w₁₂ is w_{12})."""
    body: list[tuple[str, str]] = []
    for c in chars:
        kind = "num" if c.isdigit() else "letter" if c.isalpha() else "op"
        if kind == "num" and body and body[-1][0] == "num":
            body[-1] = ("num", body[-1][1] + c)
        else:
            body.append((kind, c))
    return [("op", mark), ("op", "{"), *body, ("op", "}")]


def read(text: str, i: int, end: int) -> tuple[list[tuple[str, str]], int] | None:
    c = text[i]
    if c in COMMANDS:
        return [("cmd", COMMANDS[c])], i + 1
    if c in OPS:
        return [("op", OPS[c])], i + 1
    if c in HATS:
        return [("cmd", "hat"), ("op", "{"), ("letter", HATS[c]), ("op", "}")], i + 1
    if c in SPACES:
        return [("space", " ")], i + 1
    for table, mark in ((SUPERSCRIPTS, "^"), (SUBSCRIPTS, "_")):
        if c in table:
            j = i
            while j < end and text[j] in table:
                j += 1
            return _script("".join(table[x] for x in text[i:j]), mark), j
    return None
