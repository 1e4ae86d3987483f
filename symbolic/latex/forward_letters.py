r"""Letters a document defines by its own forward pass, with no layer marks: Clark's CS224n notes
write `z = Wx + b_1`, `h = ReLU(z)`, `\theta = Uh + b_2`, `\hat{y} = softmax(\theta)`, others
`u = Vs + c`, `o = \tanh(u)`, `\hat{y} = \mathbf{v}^\top \mathbf{a} + c` (role 'w', the last
layer only: v^T is the layer's W, one output's row or a matrix stored input-by-output, and v alone
is W^T). Each letter is bound to a
layer by the structure of the row that defines it, never by the letter: in an affine row
`out = M v + c` (or `c + M v`, or `M v`), M is the weight matrix of the layer that reads v, c its
bias and out its net input; in a call row `out = f(v)` on such a net input, out is that layer's
output; `out = f(M v + c)` is both. The chain starts at the one vector no row defines (the
input) and goes on through the outputs; the layers are counted from the first weight matrix, as
`z^{(1)} = W^{(1)} x` counts them.

`detect(text)`: written name -> (role, layer) for a chain that binds every such row once; {} when
the document writes layer marks itself, when no affine row is written, or when the binding is
ambiguous (two rows read one vector, a name defined twice or in two roles, a row left out of the
chain, two inputs): the names then stay unknown and their statements "not checked".
`rewrite(bound, toks)`: each bound name in a row's tokens spelled as its layer's (W -> W^{(1)},
h -> a^{(1)}, b_2 -> b^{(2)}), positions kept; an input other than x is x; where the output is
named y, t is the target's letter (`\|t - y\|^2`) and spelled y. Pure functions.
"""

from __future__ import annotations

import re

from .error_layers import errors
from .function_sides import row_without_function_sides
from .tokens import Tok
from .vocabulary import GREEK

# the names a forward pass defines: a lower-case letter, a Greek letter other than the ones that
# name functions, rates and errors, \hat{y}, each with at most one digit as subscript
_SKIP_GREEK = {"sigma", "delta", "eta", "lambda", "epsilon", "varepsilon", "pi"}
_GREEK = "|".join(sorted(GREEK - _SKIP_GREEK, key=len, reverse=True))
_SUB = r"(?:_\s*(?:\d|\{\s*\d\s*\}))?"
_NODE = rf"(?:\\hat\s*\{{\s*[a-z]\s*\}}|\\hat\s+[a-z]|\\(?:{_GREEK})(?![A-Za-z])|[a-z](?![A-Za-z])){_SUB}"
_MATRIX = rf"[A-Z]{_SUB}"
_TIMES = r"\s*(?:\\cdot\s*)?"
_WORD = r"\s*\{\s*[A-Za-z]+\s*\}"
_FUNC = rf"(?:\\(?:text|mathrm|operatorname|rm){_WORD}|\{{\s*\\rm\s+[A-Za-z]+\s*\}}|\\[A-Za-z]+|[A-Za-z]+)"
_OUT = rf"^(?P<out>{_NODE})\s*=\s*"
_PRODUCT = rf"(?P<m>{_MATRIX}){_TIMES}(?P<v>{_NODE})"
_ROW = rf"(?P<v>{_NODE}){_TIMES}(?P<m>{_MATRIX})"  # x W + b: vectors as rows (NumPy's X @ W)
_TOP = r"\^\s*(?:\\top|T|\\intercal|\{\s*(?:\\top|T|\\intercal)\s*\})"
_COLUMN = rf"(?P<m>[a-z](?![A-Za-z]){_SUB})\s*{_TOP}{_TIMES}(?P<v>{_NODE})"  # v^T a: one unit's weights
_SUMS = [
    rf"{_PRODUCT}\s*(?:\+\s*(?P<c>{_NODE}))?",
    rf"(?P<c>{_NODE})\s*\+\s*{_PRODUCT}",
    rf"{_ROW}\s*(?:\+\s*(?P<c>{_NODE}))?",
    rf"(?P<c>{_NODE})\s*\+\s*{_ROW}",
    rf"{_COLUMN}\s*(?:\+\s*(?P<c>{_NODE}))?",
    rf"(?P<c>{_NODE})\s*\+\s*{_COLUMN}",
]
_CALLED = rf"(?:(?P<f>{_FUNC})|\\max)\s*(?:\\left)?\(\s*(?(f)|0\s*,\s*)"  # f(Ax + c), \max(0, Ax + c)
_SHUT = r"\s*(?:\\right)?\)$"
_AFFINE = [re.compile(rf"{_OUT}{inner}$") for inner in _SUMS]
_FUSED = [re.compile(rf"{_OUT}{_CALLED}{inner}{_SHUT}") for inner in _SUMS]  # h = \tanh(Ax + c)
_CALL = re.compile(rf"{_OUT}{_CALLED}(?P<v>{_NODE}){_SHUT}")
# a layer the document marks itself: W^{(1)}, a^{[2]}, W^l, z^{(L)}, x_i = f_i(W_i x_{i-1}) is
# subscript_layers' (its W_i is no bare capital)
_MARKED = re.compile(r"[A-Za-z]\s*\^\s*(?:\{\s*[(\[]|\{?\s*[lL](?![A-Za-z]))")
_CUT = re.compile(  # rows apart: a line break, a display's or a math span's delimiters, a wide space
    r",\s*&|\\\\|\\\[|\\\]|\$|\n|\\ \\ |\\quad|\\qquad|\\begin\{[^}]*\}(?:\{[^}]*\})?|\\end\{[^}]*\}"
)
# a row's trailing commas and thin spaces, matched from the end only (the row is rstripped first:
# a `(?:\s|...)+$` scanned from every space of a long blank run is quadratic)
_TAIL = re.compile(r"(?<![\s,;.])(?:\s|\\[,;!]|[,;.])+$")
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathbfit|pmb)\s*\{\s*([^{}]*?)\s*\}")
_GLUED = re.compile(_BOLD.pattern + r"(?=[A-Za-z])")
_REASON = re.compile(r"&\s*\{?\s*\\text\s*\{[^}]*\}\s*\}?\s*$")  # an array's column of reasons


def _key(name: str) -> str:
    """One spelling per name: spaces and the braces of a digit subscript or a hat dropped."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"_\{(\d)\}", r"_\1", name)
    return re.sub(r"\\hat\{?([a-z])\}?", r"\\hat{\1}", name)


def _unbold(text: str) -> str:
    """\\mathbf{x} as x; apart from a letter glued after it (\\mathbf{x}W_1: x W_1, two names, as
    the tokens read them)."""
    return _BOLD.sub(r"\1", _GLUED.sub(r"\1 ", text))


def _rows(text: str) -> list[str]:
    out = []
    text = _unbold(re.sub(r"(?<!\\)%[^\n]*", "", text))  # \mathbf{W}: W, as the tokens read it
    for piece in _CUT.split(text):
        piece = row_without_function_sides(_REASON.sub("", piece).replace("&", " "))
        piece = _TAIL.sub("", piece.rstrip())  # h = \tanh(Ax + c), \qquad ...: its comma
        while piece.startswith("{") and piece.endswith("}"):
            piece = piece[1:-1].strip()
        if "=" in piece:
            out.append(piece)
    return out


def detect(text: str) -> dict[str, tuple[str, int]]:
    """Name -> (role, layer): role 'W', 'b', 'z' (net input), 'a' (output), 'x' (the input)."""
    if _MARKED.search(_BOLD.sub(r"\1", re.sub(r"(?<!\\)%[^\n]*", "", text))):
        return {}
    affine: list[tuple[str, str, str, str]] = []  # (out, M, v, c)
    calls: list[tuple[str, str]] = []  # (out, v)
    for row in _rows(text):
        m = next((m for pattern in _AFFINE if (m := pattern.match(row))), None)
        if m:
            affine.append((_key(m["out"]), _key(m["m"]), _key(m["v"]), _key(m["c"]) if m["c"] else ""))
            continue
        m = next((m for pattern in _FUSED if (m := pattern.match(row))), None)
        if m:  # out = f(M v + c): a net input the document does not name, then its output
            unnamed = "#" + _key(m["out"])
            affine.append((unnamed, _key(m["m"]), _key(m["v"]), _key(m["c"]) if m["c"] else ""))
            calls.append((_key(m["out"]), unnamed))
            continue
        m = _CALL.match(row)
        if m:
            calls.append((_key(m["out"]), _key(m["v"])))
    if not affine:
        return {}
    bound = _chain(affine, calls)
    if not _last_columns(bound):
        return {}
    inputs = [name for name, (role, _) in bound.items() if role == "x" and name != "x"]
    if inputs and re.search(r"(?<![A-Za-z\\])x(?![A-Za-z])", _prose_free(text)):
        return {}  # the input is not x, and x names something else
    return {**bound, **errors(bound, text)}  # δ_2 beside W_2: layer 2's error (error_layers.py)


def _last_columns(bound: dict[str, tuple[str, int]]) -> bool:
    """A lowercase weight written transposed (v^T a + c), role 'w' in `bound`, is read only in the
    output layer (a hidden layer's v^T x would be one unit's sum). True when it is so."""
    last = max((layer for _, layer in bound.values()), default=0)
    return all(layer == last for role, layer in bound.values() if role == "w")


def _prose_free(text: str) -> str:
    return re.sub(r"\\(?:text|mathrm|operatorname)\s*\{[^}]*\}", " ", re.sub(r"(?<!\\)%[^\n]*", "", text))


def _chain(affine, calls) -> dict[str, tuple[str, int]]:
    outs = [row[0] for row in affine] + [row[0] for row in calls]
    if len(set(outs)) != len(outs):
        return {}  # a name defined twice
    starts = [row for row in affine if row[2] not in outs]
    if len(starts) != 1:
        return {}  # no input, or two
    v = starts[0][2]
    bound: dict[str, tuple[str, int]] = {v: ("x", 0)}
    layer = 0
    while rows := [row for row in affine if row[2] == v]:
        if len(rows) > 1:
            return {}  # two layers read one vector
        out, matrix, _, bias = rows[0]
        layer += 1
        weight = "w" if matrix.islower() else "W"  # v^T a (_COLUMN): a column, its layer's one row
        for name, role in ((matrix, weight), (bias, "b"), (out, "z")):
            if name in bound:
                return {}  # one name in two roles, or a layer reading its own output
            if name:
                bound[name] = (role, layer)
        acts = [row for row in calls if row[1] == out]
        if len(acts) > 1:
            return {}
        v = acts[0][0] if acts else out  # without a call: a linear layer, its net input the output
        if acts:
            if v in bound:
                return {}
            bound[v] = ("a", layer)
    if layer != len(affine):
        return {}  # an affine row outside the chain: which layer it is, is not written
    # ŷ: the output's own name; '#h': the net input of h = f(Mv + c), written nowhere
    return {name: role for name, role in bound.items() if name != "\\hat{y}" and name[0] != "#"}


def _name_at(toks: list[Tok], k: int) -> tuple[str, int]:
    """The name starting at toks[k] (its spelling as `_key` gives it) and the index after it."""
    t = toks[k]
    if t.kind == "cmd" and t.text == "hat":
        j = k + 1
        if _texts(toks, j, 3) == ["{", None, "}"] and toks[j + 1].kind == "letter":
            return f"\\hat{{{toks[j + 1].text}}}", j + 3
        if j < len(toks) and toks[j].kind == "letter":
            return f"\\hat{{{toks[j].text}}}", j + 1
        return "", k + 1
    if t.kind == "letter":
        return t.text, k + 1
    if t.kind == "cmd" and t.text in GREEK:
        return f"\\{t.text}", k + 1
    return "", k + 1


def _texts(toks: list[Tok], k: int, n: int) -> list[str | None]:
    """The texts of toks[k:k+n], the middle ones as None (a shape to compare), [] past the end."""
    if k + n > len(toks):
        return []
    return [t.text if j in (0, n - 1) else None for j, t in enumerate(toks[k : k + n])]


def _digit(toks: list[Tok], k: int) -> tuple[str, int] | None:
    """At toks[k] '_': a one-digit subscript and the index after it."""
    if k + 1 >= len(toks) or toks[k].text != "_":
        return None
    if toks[k + 1].kind == "num" and len(toks[k + 1].text) == 1:
        return toks[k + 1].text, k + 2
    if _texts(toks, k + 1, 3) == ["{", None, "}"] and toks[k + 2].kind == "num":
        return toks[k + 2].text, k + 4
    return None


def _in_scripts(toks: list[Tok]) -> set[int]:
    """The indices of the tokens inside a braced sub- or superscript (_{...}, ^{...}); not \nabla's
    subscript, which holds a name (\nabla_{W_2} E: the gradient by W_2)."""
    inside: set[int] = set()
    opened: list[bool] = []  # for each open brace: does it open a script
    for k, t in enumerate(toks):
        if t.text == "{":
            nabla = k > 1 and toks[k - 2].kind == "cmd" and toks[k - 2].text == "nabla"
            opened.append(k > 0 and toks[k - 1].text in ("^", "_") and not nabla)
        elif t.text == "}" and opened:
            opened.pop()
        elif any(opened):
            inside.add(k)
    return inside


def _transpose_end(toks: list[Tok], k: int) -> int:
    """The index after a transpose mark ^T, ^\\top, ^{\\top} at toks[k], else 0."""
    if k + 1 >= len(toks) or toks[k].text != "^":
        return 0
    marks = ("T", "top", "intercal")
    if toks[k + 1].text in marks:
        return k + 2
    if _texts(toks, k + 1, 3) == ["{", None, "}"] and toks[k + 2].text in marks:
        return k + 4
    return 0


def rewrite(bound: dict[str, tuple[str, int]], toks: list[Tok]) -> list[Tok]:
    """Each bound name spelled as its layer's; unchanged without a binding."""
    if not bound:
        return toks
    out: list[Tok] = []
    scripts = _in_scripts(toks)
    target = "y" in bound and "t" not in bound  # y the output's name: t is then the target's
    k = 0
    while k < len(toks):
        if target and toks[k].kind == "letter" and toks[k].text == "t" and k not in scripts:
            if not k or toks[k - 1].text not in ("^", "_"):
                out.append(Tok("letter", "y", toks[k].pos, toks[k].end, toks[k].space))
                k += 1
                continue
        name, after = _name_at(toks, k)
        sub = _digit(toks, after) if name else None
        key, end = (f"{name}_{sub[0]}", sub[1]) if sub and f"{name}_{sub[0]}" in bound else (name, after)
        prev = toks[k - 1].text if k else ""
        # an index or power (W_{ij}, \sum_{c=1}: the script's letters), or Leibniz's d in dE/dQ
        differential = name == "d" and after < len(toks) and toks[after].kind in ("letter", "cmd", "word")
        differential = differential and toks[k].touches(toks[after])
        if key not in bound or prev in ("^", "_") or k in scripts or differential:
            out += toks[k:after]
            k = after
            continue
        role, layer = bound[key]
        t = toks[k]

        def tok(text: str, kind: str = "op", at: Tok = t) -> Tok:
            return Tok(kind, text, at.pos, at.end)

        if role == "x":
            spelled = [tok("x", "letter")]
        else:
            marks = [tok("^"), tok("{"), tok("("), tok(str(layer), "num"), tok(")"), tok("}")]
            spelled = [tok("W" if role == "w" else role, "cmd" if role == "delta" else "letter"), *marks]
        if role == "w":  # v^T = W^{(n)}: the transpose dropped; v alone is (W^{(n)})^T
            after_top = _transpose_end(toks, end)
            if after_top:
                out += spelled
                k = after_top
                continue
            spelled = [tok("("), *spelled, tok(")"), tok("^"), tok("top", "cmd")]
        if end < len(toks) and toks[end].text == "^" and role != "x":
            spelled = [tok("("), *spelled, tok(")")]  # h^T: (a^{(1)})^T
        out += spelled
        k = end
    return out
