r"""Layers written as plain subscripts (Sudeep Raja's matrix form): `x_i = f_i(W_i x_{i-1})`,
`\delta_i = W_{i+1}^T \delta_{i+1} \circ f_i'(W_i x_{i-1})`, `\frac{\partial E}{\partial W_i} =
\delta_i x_{i-1}^T`, x_0 the input, one activation letter per layer (f_1, f_2, f_L).

A subscript usually names a UNIT (Mazur's w_3, x_1; δ_3 of unit 3). It names a LAYER only when
the document says so, and `detect` reads that per document, from the text:
- a capital matrix letter with one subscript times a vector one layer below it (`W_3x_2`,
  `W_ix_{i-1}`): W is the weight letter, x the activation letter; and besides it
- a forward definition `x_k = f_k(W_k x_{k-1})`, or a matrix operation (a transpose ^T, an
  element-wise product \circ / \odot) in the document.
Without both nothing is detected and every subscript keeps the unit reading.

When detected, `rewrite` turns each row's tokens into the notation the matrix reader knows (Ng's
square-bracket layers: a^{[0]} = x the input, W^{[l]} into layer l): W_k (any weight letter) ->
W^{[k]}, x_k -> a^{[k]}, b_k -> b^{[k]}, \delta_k -> \delta^{[k]}, f_k'( -> f'(, the target
t -> y (in a document without y), and \|v\|_2^2 -> \|v\|^2. In a document that writes no bias,
W_k x_{k-1} as the argument of an activation (f_3'(W_3x_2)) or differentiated (\frac{\partial
W_3x_2}{\partial W_3}) is the net input z^{[k]}: the document's network has no bias, and its
gradients are the same with one; a forward definition x_k = f_k(W_k x_{k-1}) keeps W_k x_{k-1}
(verify/subscript_layers.py says it not checked). Token positions are kept: statements show the
text as written. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import Tok
from .vocabulary import GREEK

# a layer subscript: _3, _i, _L, _{i+1}, _{i-1}, _{L-1}, _{10}
_SUB = r"_(?:([0-9A-Za-z])|\{\s*([A-Za-z]?\s*(?:[+-]\s*\d+)?|\d+)\s*\})"
_TRANSPOSE = r"(?:\^(?:T|\{T\}|\\top|\{\\top\}))?"
_VECTOR = r"(\\[a-z]+|[a-zA-Z])"  # x_{i-1}, \delta_{i+1}; LeCun's capital X_{n-1}
# W_3x_2, W_{i+1}^T\delta_{i+1}, W_i x_{i-1}: a capital letter with one subscript times a vector
_PRODUCT = re.compile(rf"(?<![A-Za-z\\])([A-Z]){_SUB}({_TRANSPOSE})\s*{_VECTOR}{_SUB}")
_MATRIX_OPS = re.compile(r"\\circ|\\odot|\^T(?![A-Za-z])|\^\{T\}|\^\\top")
_BIAS = re.compile(r"(?<![A-Za-z\\])b_")
_LAYER = re.compile(r"([A-Za-z]?)([+-]\d+)?|(\d+)")
NO_LAYER = ("", 0)


@dataclass(frozen=True)
class Plan:
    """What a document's subscripts name: its weight letter, activation letter, error letters."""

    weight: str  # 'W'
    vector: str  # 'x' (x_0 the input)
    errors: frozenset  # {'delta'}
    target: bool  # t is the target (a document writing no y)
    biasless: bool  # no b_ anywhere: W_k x_{k-1} is the net input
    line: int  # the line of the first product that says it
    said: str  # that product as written (W_3x_2)
    net: str = ""  # Y of Y_n = W_n X_{n-1} (LeCun): the net input's letter, z^{[n]}


def layer(text: str) -> tuple[str, int] | None:
    """'3' -> ('', 3), 'i-1' -> ('i', -1), 'L' -> ('L', 0); None for anything else."""
    text = text.replace(" ", "")
    m = _LAYER.fullmatch(text)
    if not m or not text:
        return None
    if m.group(3):
        return "", int(m.group(3))
    return m.group(1), int(m.group(2) or 0)


def shift(f: str, e: str) -> int | None:
    """f - e for two written layers (2 and 3: -1; i-1 and i: -1), or None."""
    a, b = layer(f), layer(e)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] - b[1]


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def detect(text: str) -> Plan | None:
    """The document's subscript layers (the module's doc), or None: subscripts name units."""
    text = re.sub(r"(?<!\\)%[^\n]*", "", text)  # comments
    votes: dict[tuple[str, str], list[int]] = {}
    errors: set[str] = set()
    for m in _PRODUCT.finditer(text):
        weight, e, transpose, vector, f = m.group(1), m.group(2) or m.group(3), m.group(4), m.group(5), ""
        f = m.group(6) or m.group(7) or ""
        gap = shift(f, e)
        vector = vector.lstrip("\\")
        if gap == -1 and not transpose and vector.isalpha():
            votes.setdefault((weight, vector), []).append(m.start())
        elif gap == 0 and (transpose or vector in GREEK):  # W_{i+1}^T δ_{i+1}, W_3 δ_3: an error
            errors.add(vector)
    if len(votes) != 1:
        return None
    (weight, vector), where = next(iter(votes.items()))
    if vector in errors or weight.lower() == vector:
        return None
    forward = re.search(
        rf"(?<![A-Za-z\\]){vector}{_SUB}\s*&?=\s*[^=]*?\(\s*{weight}{_SUB}\s*{vector}{_SUB}\s*\)", text
    )
    if forward is None and not _MATRIX_OPS.search(text):
        return None
    errors = {e for e in errors if e in GREEK or e == "delta"} | {"delta"}
    target = (
        re.search(r"(?<![A-Za-z\\])y(?![A-Za-z])", text) is None
        and re.search(r"(?<![A-Za-z\\])t(?![A-Za-z])", text) is not None
    )
    first = min(where)
    said = _PRODUCT.match(text, first)
    net = re.search(  # Y_n = W_n X_{n-1} [+ b_n], the whole side: Y names the net input
        rf"(?<![A-Za-z\\])([A-Za-z]){_SUB}\s*&?=\s*{weight}{_SUB}\s*{vector}{_SUB}\s*(?:\+\s*b{_SUB}\s*)?"
        r"(?=\$|\\\\|\\\]|\\end|&|,|\.|\n|\Z)",
        text,
    )
    return Plan(
        weight,
        vector,
        frozenset(errors - {vector}),
        target,
        _BIAS.search(text) is None,
        _line(text, first),
        said.group(0) if said else "",
        net.group(1) if net and net.group(1) not in (weight, vector, "b") else "",
    )


# ------------------------------------------------------------------------------ tokens


def _sub(toks: list[Tok], k: int) -> tuple[list[Tok], int] | None:
    """The layer subscript at toks[k] ('_'): its tokens and the index after it, or None."""
    if k >= len(toks) or toks[k].text != "_" or k + 1 >= len(toks):
        return None
    t = toks[k + 1]
    if t.kind in ("letter", "num"):
        return [t], k + 2
    if t.text != "{":
        return None
    j, inner = k + 2, []
    while j < len(toks) and toks[j].text != "}":
        if toks[j].kind not in ("letter", "num") and toks[j].text not in ("+", "-"):
            return None
        inner.append(toks[j])
        j += 1
    if j >= len(toks) or layer("".join(u.text for u in inner)) is None:
        return None
    return inner, j + 1


def _layered(base: Tok, text: str, inner: list[Tok]) -> list[Tok]:
    """text^{[inner]} at base's position."""
    p, e = base.pos, base.end

    def tok(kind: str, t: str) -> Tok:
        return Tok(kind, t, p, e)

    head = Tok(base.kind if text == base.text else "letter", text, base.pos, base.end, base.space)
    return [head, tok("op", "^"), tok("op", "{"), tok("op", "["), *inner, tok("op", "]"), tok("op", "}")]


def _net_input(plan: Plan, toks: list[Tok], k: int, close: str) -> tuple[list[Tok], int] | None:
    """W_k x_{k-1}, or (W_k x_{k-1}), at toks[k], just before `close`: z^{[k]} and the index
    after it (the closing token left)."""
    if not plan.biasless or k >= len(toks):
        return None
    paren = toks[k].text == "("
    j = k + 1 if paren else k
    if j >= len(toks) or toks[j].text != plan.weight:
        return None
    w = _sub(toks, j + 1)
    if w is None or w[1] >= len(toks) or toks[w[1]].text != plan.vector:
        return None
    x = _sub(toks, w[1] + 1)
    if x is None:
        return None
    end = x[1]
    if paren:
        if end >= len(toks) or toks[end].text != ")":
            return None
        end += 1
    e, f = "".join(u.text for u in w[0]), "".join(u.text for u in x[0])
    if shift(f, e) != -1 or end >= len(toks) or toks[end].text != close:
        return None
    return _layered(toks[j], "z", w[0]), end


def rewrite(plan: Plan | None, toks: list[Tok]) -> list[Tok]:
    """A row's tokens in square-bracket layers (the module's doc); unchanged without a plan."""
    if plan is None or _labelled(toks):
        return toks
    out: list[Tok] = []
    forward = _defines_output(plan, toks)
    k = 0
    while k < len(toks):
        t = toks[k]
        close = "" if forward else _argument(out, plan)
        z = _net_input(plan, toks, k, close) if close else None
        if z is not None:  # f_3'(W_3x_2), \frac{\partial W_3x_2}{...}: the net input
            out += z[0]
            k = z[1]
            continue
        sub = _sub(toks, k + 1)
        base = t.text if t.kind in ("letter", "cmd") else ""
        entry = _entry(plan, toks, k, sub)
        if entry is not None:  # LeCun's y_n^i, w_n^{ij}: an entry of Y_n, W_n
            out += entry[0]
            k = entry[1]
            continue
        if sub is not None and base == plan.weight:
            out += _layered(t, "W", sub[0])  # V_2: the weights, whatever their letter
            k = sub[1]
            continue
        if sub is not None and base == plan.vector:
            out += _layered(t, "a", sub[0])
            k = sub[1]
            continue
        if sub is not None and plan.net and base == plan.net:  # Y_n: the net input of layer n
            out += _layered(t, "z", sub[0])
            k = sub[1]
            continue
        if sub is not None and t.kind == "letter" and base == "b":  # b_k: the bias of layer k
            out += _layered(t, "b", sub[0])
            k = sub[1]
            continue
        if sub is not None and t.kind == "cmd" and base in plan.errors:
            out += _layered(t, base, sub[0])
            k = sub[1]
            continue
        after = toks[sub[1]] if sub is not None and sub[1] < len(toks) else None
        if sub is not None and after is not None and after.text in ("'", "(") and _function(t, plan):
            out.append(t)  # f_3'(...), f_i(...): the layer's activation, as f
            k = sub[1]
            continue
        if t.text == "‖" and k + 2 < len(toks) and toks[k + 1].text == "_" and toks[k + 2].text == "2":
            out.append(t)  # \|v\|_2^2: the 2-norm
            k += 3
            continue
        if plan.target and t.kind == "letter" and t.text == "t":
            out.append(Tok("letter", "y", t.pos, t.end, t.space))
            k += 1
            continue
        out.append(t)
        k += 1
    return out


def _entry(plan: Plan, toks: list[Tok], k: int, sub: tuple[list[Tok], int] | None):
    """y_n^i, x_{n-1}^j, w_n^{ij} at toks[k] in a document whose vectors and matrices are
    capitals with layer subscripts (LeCun: Y_n = W_n X_{n-1}): the lower-case letter an entry,
    its superscript the unit indices (letters only: x_n^2 may be a square) -> z^{[n]}_i,
    a^{[n-1]}_j, W^{[n]}_{ij}, and the index after it; else None."""
    t = toks[k]
    if sub is None or t.kind != "letter" or not t.text.islower() or not plan.vector.isupper():
        return None
    names = {
        plan.vector.lower(): "a",
        plan.weight.lower(): "W",
        **({plan.net.lower(): "z"} if plan.net else {}),
    }
    end = sub[1]
    if t.text not in names or end + 1 >= len(toks) or toks[end].text != "^":
        return None
    if toks[end + 1].text == "{":
        close = next((j for j in range(end + 2, len(toks)) if toks[j].text == "}"), None)
        index, after = (toks[end + 2 : close], close + 1) if close is not None else ([], 0)
    else:
        index, after = [toks[end + 1]], end + 2
    if not index or not all(u.kind == "letter" and len(u.text) == 1 for u in index):
        return None
    p, e = index[0].pos, index[-1].end
    script = [Tok("op", "_", p, e), Tok("op", "{", p, e), *index, Tok("op", "}", p, e)]
    return _layered(t, names[t.text], sub[0]) + script, after


def _labelled(toks: list[Tok]) -> bool:
    """\\mbox{Input} = x_0: a row whose left side is a label, left as written (it defines a word)."""
    return len(toks) > 1 and toks[0].kind == "text" and toks[1].text == "="


def _defines_output(plan: Plan, toks: list[Tok]) -> bool:
    """x_k = ...: a forward definition (its W_k x_{k-1} stays as written: it has no bias)."""
    for k, t in enumerate(toks):
        sub = _sub(toks, k + 1) if t.text == plan.vector else None
        if sub is not None and sub[1] < len(toks) and toks[sub[1]].text == "=":
            return True
    return False


def _function(t: Tok, plan: Plan) -> bool:
    """f, g, \\sigma, \\phi: a function letter (not the document's weight, vector or error)."""
    if t.kind == "letter":
        return t.text.islower() and t.text not in (plan.vector, "t", "y")
    return t.kind == "cmd" and t.text in _FUNCTIONS and t.text not in plan.errors


_FUNCTIONS = ("sigma", "phi", "varphi", "psi")


def _argument(out: list[Tok], plan: Plan) -> str:
    """The token closing the group the next token opens, when that group is an activation's
    argument (the '(' after f or f') or a derivative's numerator (after \\partial); else ''."""
    if not out:
        return ""
    last = out[-1]
    if last.kind == "cmd" and last.text == "partial":
        return "}"
    if last.text == "(" and len(out) > 1:
        fn = out[-2]
        if fn.text == "'" or _function(fn, plan):
            return ")"
    return ""
