"""Names in messages as their author writes them, and hints for an index out of range.

The readers give raw names (`delta_h1`, `W_2,31`, `w_kj@l+1`); a message shows them in LaTeX as
written (`\\delta_{h1}`, `W^{(2)}_{31}`, `w^{l+1}_{kj}`), never in the reader's spelling, and
`raw` turns a shown name back. `out_of_range` says what shape a layer has and which name was
probably meant (`W^{(2)}_{31}: W⁽²⁾ is 2×3; did you mean W^{(2)}_{13}?`). Pure functions.
"""

from __future__ import annotations

import re

GREEK = {
    "delta",
    "sigma",
    "eta",
    "theta",
    "Theta",
    "varphi",
    "phi",
    "ell",
    "alpha",
    "beta",
    "gamma",
    "lambda",
    "mu",
    "epsilon",
    "Delta",
    "nabla",
    *"nu rho kappa tau xi zeta iota chi psi omega pi Gamma Lambda Phi Psi Omega vartheta".split(),
}
_SUP = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def shown(name: str) -> str:
    """A raw name as LaTeX: delta_h1 -> \\delta_{h1}, W_2,31 -> W^{(2)}_{31}, a_k@l-1 -> a^{l-1}_{k}."""
    if name.endswith("^+"):  # the updated parameter w^{+} (verify/signs.py): said as the parameter
        return shown(name[:-2])
    m = re.fullmatch(r"([A-Za-z]+)(?:_([A-Za-z0-9,]+))?@(.+)", name)
    if m:
        base, sub, lay = m.groups()
        lay = lay + "]" if lay.startswith("[") else lay  # Ng's [l: his brackets back
        return f"{_base(base)}^{{{lay}}}" + (f"_{{{_sub(sub)}}}" if sub else "")
    m = re.fullmatch(r"([A-Za-z]+)_(\d+),([0-9,]+)", name)
    if m:
        base, lay, sub = m.groups()
        return f"{_base(base)}^{{({lay})}}_{{{sub.replace(',', '')}}}"
    m = re.fullmatch(r"([A-Za-z]+)(\d+)_(\d+)_(\d+)", name) or re.fullmatch(r"(delta)(\d+)_(\d+)()", name)
    if m:  # a code name (a plain-text document's W1_2_1, delta2_1): the layered name it is
        base, lay, i, j = m.groups()
        return f"{_base(base)}^{{({lay})}}_{{{i}{j}}}"
    m = re.fullmatch(r"([A-Za-z]+\d+)_([A-Za-z0-9,]+)", name)
    if m:  # a layer in the name itself (W2_{11}, h1_1): braced, as LaTeX reads it
        return f"{m.group(1)}_{{{_sub(m.group(2).replace(',', ''))}}}"
    m = re.fullmatch(r"([A-Za-z]+)_(hat|tilde|bar|star)(?:_([A-Za-z0-9,]+))?", name)
    if m:  # \hat{y}_1, read as y_hat_1: the accent back on its letter; y_star: y^*
        base, accent, sub = m.groups()
        sub = _sub((sub or "").replace(",", ""))
        marked = f"{_base(base)}^*" if accent == "star" else f"\\{accent}{{{_base(base)}}}"
        return marked + (f"_{{{sub}}}" if len(sub) > 1 else f"_{sub}" if sub else "")
    m = re.fullmatch(r"([A-Za-z]+)_(.+)", name)
    if m:
        base, sub = m.groups()
        sub = _sub(sub.replace(",", ""))
        return f"{_base(base)}_{{{sub}}}" if len(sub) > 1 else f"{_base(base)}_{sub}"
    return _base(name)


def function_shown(name: str) -> str:
    """A parsed function name as written: h_prime -> h', sigma -> \\sigma, varphi_prime -> \\varphi'."""
    prime = name.endswith("_prime")
    base = name.removesuffix("_prime")
    return _base(base) + ("'" if prime else "")


def _base(base: str) -> str:
    return f"\\{base}" if base in GREEK else base


_LOWER_GREEK = sorted((g for g in GREEK if g.islower() and g != "ell"), key=len, reverse=True)
_GREEK_WORD = re.compile("|".join(_LOWER_GREEK))
_GREEK_ONLY = re.compile(f"(?:{_GREEK_WORD.pattern})+")
_LONG_GREEK = re.compile("|".join(g for g in _LOWER_GREEK if len(g) > 2))


def _sub(sub: str) -> str:
    r"""A subscript's Greek letters with their backslash: the reader glues a subscript's parts
    (v_{\iota\zeta} is read v_iotazeta, w_{j\kappa} w_jkappa), and a message shows them as
    written (v_{\iota\zeta}, w_{j\kappa}, w_{\theta i})."""
    return greek_spelled(sub, lambda g, glued: "\\" + g + " " * glued)


def greek_spelled(sub: str, spell) -> str:
    """`sub` with each Greek name in it spelled by `spell(name, glued)`, glued when a Latin letter
    follows it. A Greek name of three letters or more is one wherever it stands; a two-letter one
    (mu, nu, xi, pi) only in a subscript made of Greek names alone, as p and i glued (w_{pi}) are
    two letters."""
    words = _GREEK_WORD if _GREEK_ONLY.fullmatch(sub) else _LONG_GREEK

    def spelled(m: re.Match) -> str:
        glued = sub[m.end() : m.end() + 1].isalpha() and not words.match(sub, m.end())
        return spell(m.group(0), glued)

    return words.sub(spelled, sub)


def raw(text: str) -> str:
    """A name `shown` gives, back in the reader's spelling (for folding messages)."""
    m = re.fullmatch(r"\\?([A-Za-z]+)\^\{\((\d+)\)\}_\{(\d+)\}", text)
    if m:
        return f"{m.group(1)}_{m.group(2)},{m.group(3)}"
    return re.sub(r"[\\{} ]", "", text)


def out_of_range(kind: str, layer: int, idx: list[int], sizes: list[int], written: str) -> str:
    """What a layer holds, for a name whose indices it does not have; '' when the layer itself
    is not in the network. `written` is the name as shown; `kind` 'W' for a weight, else a unit."""
    depth = len(sizes) - 1
    if kind == "W":
        if not 1 <= layer <= depth or len(idx) != 2:
            return ""
        rows, cols = sizes[layer], sizes[layer - 1]
        text = f"W{f'({layer})'.translate(_SUP)} is {rows}×{cols}"
        i, j = idx
        if 1 <= j <= rows and 1 <= i <= cols and (i, j) != (j, i):
            swapped = written.replace(f"{i}{j}", f"{j}{i}", 1) if f"{i}{j}" in written else ""
            if swapped and swapped != written:
                text += f"; did you mean {swapped}?"
        return text
    if not 0 <= layer <= depth or len(idx) != 1:
        return ""
    return f"layer {layer} has {sizes[layer]} unit{'s' if sizes[layer] != 1 else ''}"
