r"""Layers written as subscripts that each letter family counts its own way (Prince, *Understanding
Deep Learning* §7.4): `f_0 = \beta_0 + \Omega_0 x_i`, `h_k = a[f_{k-1}]`, `f_k = \beta_k + \Omega_k
h_k`, `l_i = l[f_K, y_i]`. f_0 is the first layer's net input, h_1 its output: each family's
subscript is its layer plus an offset of its own, and only the forward rows say which.

`detect(text)` reads the document's forward rows, each by its structure, never by its letters:
- an affine row `OUT_s = B_s + M_s V_t` (or `M V + B`, or `M V`; M a capital, the weights): OUT, M
  and B sit in one layer, V in the layer below;
- a call row `A_t = F(OUT_u)` or `F[OUT_u]` on such a net input: A is that layer's output;
- an alias row `V_0 = x`: V_0 is the input;
- the input: the vector V of an affine row that no row defines; a letter as its subscript
  (x_i) is the example's index, not a layer;
- a composed row `A_s = F(M_t V_u + B_t)` with no letter for the net input (Deisenroth, Faisal &
  Ong, MML §5.6.1: `f_i := \sigma_i(A_{i-1} f_{i-1} + b_{i-1})`, `f_0 := x`, `i = 1, \ldots, K`):
  A is the output, M and B of its layer, V the output below, V_0 = x the input, and the range's
  last letter K the last layer (`composed_shifts`; read only in a document with no affine row, and
  a document with both is not read: the affine rows alone would place the composed row's output
  as the input, `h = \tanh(W_1 x + b_1)`, `z_2 = W_2 h + b_2`: W_2 the first layer's).
Each row is an equation between two families' offsets (for a generic row in k: f_{k-1} and h_k
one layer apart); they are solved from the input. `Shifts.families`: written letter -> (role,
offset) with role W, b, z (net input), a (output), symprop's layer = subscript + offset. A loss row
`l_i = l[f_K, y_i]` names the loss (l), the target (y) and the letter of the output's subscript
(K = depth - offset). Nothing is detected (None, the letters stay unread) when a row mixes two
layer letters, a family takes two roles or two offsets, a family is left unplaced, or the document
writes layer marks itself.
A row's tokens are rewritten with them by latex/shifted_tokens.py. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .subscript_layers import layer

_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathbfit|pmb|vec)\s*\{\s*([^{}]*?)\s*\}")
_CUT = re.compile(r"\\\\|\$|\n\s*\n|\\tag\s*\{[^}]*\}|\\begin\{[^}]*\}(?:\{[^}]*\})?|\\end\{[^}]*\}")
_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])"
_SCRIPT = r"(?:_\s*(?:[0-9A-Za-z]|\{[^{}]*\}))?"
_MEMBER = _NAME + _SCRIPT
_FUNC = r"(?:\\(?:text|mathrm|operatorname)\s*\{\s*[A-Za-z]+\s*\}|\\[A-Za-z]+|[A-Za-z]+)" + _SCRIPT
_OPEN = r"\s*(?:\\left\s*)?[(\[]\s*"
_SHUT = r"\s*(?:\\right\s*)?[)\]]\s*"
_PRODUCT = rf"(?P<m>{_MEMBER})\s*(?:\\cdot\s*)?(?P<v>{_MEMBER})"
_AFFINE = [
    re.compile(rf"^(?P<out>{_MEMBER})\s*=\s*{_PRODUCT}\s*(?:\+\s*(?P<b>{_MEMBER}))?$"),
    re.compile(rf"^(?P<out>{_MEMBER})\s*=\s*(?P<b>{_MEMBER})\s*\+\s*{_PRODUCT}$"),
]
_CALL = re.compile(rf"^(?P<out>{_MEMBER})\s*=\s*(?P<f>{_FUNC}){_OPEN}(?P<v>{_MEMBER}){_SHUT}$")
# f_i = \sigma_i(A_{i-1} f_{i-1} + b_{i-1}): the activation of an affine map, no letter for the net input
_CALL_AFFINE = re.compile(
    rf"^(?P<out>{_MEMBER})\s*=\s*(?P<f>{_FUNC}){_OPEN}{_PRODUCT}\s*(?:\+\s*(?P<b>{_MEMBER}))?{_SHUT}$"
)
# i = 1, \ldots, K beside a forward row: its layers run to K, the last
_RANGE = re.compile(r"^(?P<i>[a-z])\s*=\s*1\s*,\s*(?:2\s*,\s*)?\\[lc]?dots\s*,\s*(?P<top>[A-Z])$")
_LOSS = re.compile(
    rf"^(?P<out>{_MEMBER})\s*=\s*(?P<f>{_FUNC}){_OPEN}(?P<v>{_MEMBER})\s*,\s*(?P<y>{_MEMBER}){_SHUT}$"
)
_ALIAS = re.compile(rf"^(?P<out>{_MEMBER})\s*=\s*(?P<v>{_NAME})$")
# \delta_k = \frac{\partial L}{\partial z_k} (= ...): an error letter, placed by what it differentiates
_ERROR = re.compile(
    rf"^(?P<d>\\(?:delta|epsilon|varepsilon|xi){_SCRIPT})\s*(?:=|\\equiv)\s*"
    rf"\\frac\s*\{{\s*\\partial\s*{_MEMBER}\s*\}}\s*\{{\s*\\partial\s*(?P<z>{_MEMBER})\s*\}}\s*(?:$|=)"
)
# a layer the document marks itself: W^{(1)}, a^{[2]}, W^l
_MARKED = re.compile(r"[A-Za-z]\s*\^\s*(?:\{\s*[(\[]|\{?\s*[lL](?![A-Za-z]))")
_FUNCTION_WORDS = {"sigma", "tanh", "phi", "varphi", "psi", "exp", "log", "ln", "max", "text", "mathrm"}


@dataclass(frozen=True)
class Shifts:
    """A document's letter families (the module's doc)."""

    families: dict[str, tuple[str, int]]  # 'f' -> ('z', 1), '\\Omega' -> ('W', 1), 'h' -> ('a', 0)
    inputs: frozenset[str] = frozenset()  # 'x': the input, its subscript the example's index
    example: str = ""  # 'i' of x_i, y_i, l_i
    loss: str = ""  # 'l' of l_i = l[f_K, y_i]
    target: str = ""  # 'y'
    tops: dict[str, int] = field(default_factory=dict)  # 'K' -> 1: K + 1 is the output layer
    calls: frozenset[str] = frozenset()  # 'a' of h_k = a[f_{k-1}], 'tanh': the activation's spelling
    line: int = 0  # the first forward row's line
    said: str = ""  # that row as written


def _member(text: str) -> tuple[str, str]:
    """'\\Omega_{k-1}' -> ('\\Omega', 'k-1'); 'x' -> ('x', '')."""
    text = re.sub(r"\s+", "", text)
    base, _, sub = text.partition("_")
    return base, sub.strip("{}")


def _rows(text: str) -> list[tuple[str, int]]:
    """The rows with '=' (their first column: a second is a range), and their lines."""
    out = []
    text = _BOLD.sub(r"\1", re.sub(r"(?<!\\)%[^\n]*", "", text))
    pos, line = 0, 1  # the line of text[pos], counted on from piece to piece: linear in the text
    for piece in _CUT.split(text):
        at = text.find(piece, pos)
        start, end = at + len(piece) - len(piece.lstrip()), at + len(piece)
        line += text.count("\n", pos, start)
        first_line = line
        line += text.count("\n", start, end)
        pos = end
        piece = re.sub(r"\s+", " ", piece)
        piece = re.sub(r"&\s*=", "=", piece).split("&")[0]
        for part in re.split(r"\\q?quad|\\[;:]", piece):  # z_1 = W_1 a_0 + b_1, \quad a_0 = x
            part = re.sub(r"\\[,!]", " ", part).strip(" ,.").replace(":=", "=")  # f_0 := x
            if "=" in part:
                out += [(row, first_line) for row in _commas(part)]
    return out


def _commas(row: str) -> list[str]:
    """A row holding two statements split at its top-level commas (a_0 = x, z_1 = W_1 a_0)."""
    if row.count("=") < 2:
        return [row]
    parts, depth, start = [], 0, 0
    for k, c in enumerate(row):
        depth += (c in "([{") - (c in ")]}")
        if c == "," and depth == 0:
            parts.append(row[start:k].strip())
            start = k + 1
    parts.append(row[start:].strip())
    return [p for p in parts if "=" in p]


class _Refused(Exception):
    pass


def detect(text: str) -> Shifts | None:
    """The document's families and offsets, or None (the module's doc)."""
    if _MARKED.search(_BOLD.sub(r"\1", re.sub(r"(?<!\\)%[^\n]*", "", text))):
        return None
    affine, calls, aliases, losses, errors = [], [], [], [], []
    composed, ranges = [], {}
    first = (0, "")
    for row, line in _rows(text):
        m = _ERROR.match(row)
        if m:
            errors.append((_member(m["d"]), _member(m["z"])))
            continue
        m = _RANGE.match(row)
        if m:
            ranges[m["i"]] = m["top"]
            continue
        m = _CALL_AFFINE.match(row)
        if m and _matrix(m["m"]):
            bias = _member(m["b"]) if m["b"] else None
            composed.append((_member(m["out"]), _member(m["m"]), _member(m["v"]), bias, m["f"]))
            first = first if first[0] else (line, row)
            continue
        m = _AFFINE[0].match(row) or _AFFINE[1].match(row)
        if m and _matrix(m["m"]):
            bias = _member(m["b"]) if m["b"] else None
            affine.append((_member(m["out"]), _member(m["m"]), _member(m["v"]), bias))
            first = first if first[0] else (line, row)
            continue
        m = _CALL.match(row)
        if m:
            calls.append((_member(m["out"]), _member(m["v"]), m["f"]))
            continue
        m = _LOSS.match(row)
        if m:
            losses.append((_member(m["out"]), _member(m["v"]), _member(m["y"])))
            continue
        m = _ALIAS.match(row)
        if m:
            aliases.append((_member(m["out"]), m["v"]))
    if composed and not affine:
        try:
            return composed_shifts(composed, aliases, ranges, first)
        except _Refused:
            return None
    if not affine or not any(sub for _, (_, sub), _, _ in affine):
        return None  # no subscripted weights: not this module's notation
    if composed:
        return None  # h = \tanh(W_1 x + b_1) beside z_2 = W_2 h + b_2: _solve would take h for the input
    try:
        shifts = _solve(affine, calls, aliases, losses, first)
    except _Refused:
        return None
    shifts = _errors(shifts, errors)
    if shifts.target not in ("", "y") and re.search(r"(?<![A-Za-z\\])y(?![A-Za-z])", text):
        return replace(shifts, target="")  # y names something else: the target keeps its letter
    return shifts


def _matrix(text: str) -> bool:
    base = _member(text)[0].lstrip("\\")
    return bool(base) and base[0].isupper() and base.lower() not in _FUNCTION_WORDS


def _errors(shifts: Shifts, errors: list) -> Shifts:
    """The error letter of `\\delta_k = \\frac{\\partial L}{\\partial f_{k-1}}`: its family placed
    in f's layer (here offset 0 against f's 1); unplaced when its rows disagree or f is no net
    input (the δ's then stay as written)."""
    placed: dict[str, int] = {}
    for (d, ds), (z, zs) in errors:
        if shifts.families.get(z, ("", 0))[0] != "z" or d in shifts.families:
            return shifts
        (l1, c1), (l2, c2) = layer(ds or "x") or ("?", 0), layer(zs or "x") or ("!", 0)
        if (
            l1 != l2
            or placed.setdefault(d, c2 + shifts.families[z][1] - c1) != c2 + shifts.families[z][1] - c1
        ):
            return shifts
    return replace(shifts, families={**shifts.families, **{d: ("delta", o) for d, o in placed.items()}})


def _solve(affine, calls, aliases, losses, first) -> Shifts:
    roles: dict[str, str] = {}

    def role(base: str, r: str) -> None:
        if roles.setdefault(base, r) != r:
            raise _Refused  # one letter in two roles

    defined = {out[0] for out, *_ in affine} | {out[0] for out, *_ in calls}
    # equations: sub1 + off(b1) = sub2 + off(b2) + d; anchors: sub + off(b) = value
    equations: list[tuple[tuple[str, str], tuple[str, str], int]] = []
    anchors: list[tuple[tuple[str, str], int]] = []
    inputs: set[str] = set()
    example = ""
    alias_of = {out[0]: (out, v) for out, v in aliases}
    for out, matrix, v, bias in affine:
        role(out[0], "z")
        role(matrix[0], "W")
        if bias:
            role(bias[0], "b")
        same = [m for m in (matrix, bias) if m]
        for m in same:
            equations.append((m, out, 0))
        if v[0] in alias_of and alias_of[v[0]][0] == v:  # a_0 = x: the input under a family's letter
            role(v[0], "a")
            equations.append((out, v, 1))
            anchors.append((v, 0))
            inputs.add(alias_of[v[0]][1])
        elif v[0] in defined:
            role(v[0], "a")
            equations.append((out, v, 1))
        else:  # the input
            if layer(v[1] or "0") is None or (v[1] and not v[1].isalpha() and not v[1].isdigit()):
                raise _Refused
            if v[1].isalpha():
                if example and example != v[1]:
                    raise _Refused
                example = v[1]
            elif v[1]:
                raise _Refused  # x_0 with no row saying it is the input
            inputs.add(v[0])
            role(v[0], "x")
            anchors.append((out, 1))
    funcs = set()
    for out, v, f in calls:
        if roles.get(v[0]) != "z":
            raise _Refused  # an activation of something that is no net input
        role(out[0], "a")
        equations.append((out, v, 0))
        f = re.sub(r"^\\(?:text|mathrm|operatorname)\s*\{\s*([A-Za-z]+)\s*\}", r"\1", f)
        funcs.add(re.sub(r"_.*$", "", f).lstrip("\\"))  # \tanh, a, \mathrm{ReLU}, f_k: tanh, a, ReLU, f
    offsets = _offsets(equations, anchors)
    if set(offsets) != set(roles) - inputs:
        raise _Refused  # a family left unplaced
    tops: dict[str, int] = {}
    loss = target = ""
    for out, v, y in losses:
        sub = layer(v[1]) if v[1] else None
        if v[0] in offsets and sub and roles[v[0]] in ("z", "a"):
            loss, target = out[0], y[0]  # l[f_K, y]: the loss of the output f_K and the target y
            if sub[0]:
                tops[sub[0]] = offsets[v[0]] + sub[1]  # K + off is the last layer
    return Shifts(
        {b: (roles[b], o) for b, o in offsets.items()},
        frozenset(inputs),
        example,
        loss,
        target,
        tops,
        frozenset(funcs),
        *first,
    )


def _value(sub: str) -> tuple[str, int]:
    v = layer(sub) if sub else None
    if v is None:
        raise _Refused
    return v


def _offsets(equations, anchors) -> dict[str, int]:
    """Each family's offset from the rows' equations (the module's doc); refused on a conflict."""
    off: dict[str, int] = {}
    for (base, sub), value in anchors:
        letter, c = _value(sub)
        if letter:
            raise _Refused  # the first layer written with a letter
        if off.setdefault(base, value - c) != value - c:
            raise _Refused
    changed = True
    while changed:
        changed = False
        for (b1, s1), (b2, s2), d in equations:
            (l1, c1), (l2, c2) = _value(s1), _value(s2)
            if l1 != l2:
                raise _Refused  # two layer letters in one row, or a letter beside a number
            for known, unknown, value in ((b1, b2, c1 - c2 - d), (b2, b1, c2 - c1 + d)):
                if known in off and unknown not in off:
                    off[unknown] = off[known] + value
                    changed = True
    for (b1, s1), (b2, s2), d in equations:
        (_, c1), (_, c2) = _value(s1), _value(s2)
        if b1 in off and b2 in off and c1 + off[b1] != c2 + off[b2] + d:
            raise _Refused  # two rows place one family two ways
    return off


def composed_shifts(rows, aliases, ranges: dict[str, str], first) -> Shifts:
    """Deisenroth, Faisal & Ong's f_i = \\sigma_i(A_{i-1} f_{i-1} + b_{i-1}), f_0 = x, i = 1, \\ldots, K:
    each row's output (a), weights (W) and bias (b) in one layer, its input the output of the layer
    below; an alias row V_0 = x anchors the input; the range's last letter (K) the last layer."""
    roles: dict[str, str] = {}
    equations, anchors, inputs, funcs = [], [], set(), set()
    for out, matrix, v, bias, f in rows:
        for member, r in ((out, "a"), (matrix, "W"), (v, "a"), *([(bias, "b")] if bias else [])):
            if roles.setdefault(member[0], r) != r:
                raise _Refused
        equations += [(m, out, 0) for m in (matrix, bias) if m] + [(out, v, 1)]
        funcs.add(re.sub(r"_.*$", "", f).lstrip("\\"))
    for out, v in aliases:
        if roles.get(out[0]) == "a":  # f_0 = x: the input
            anchors.append((out, 0))
            inputs.add(v)
    offsets = _offsets(equations, anchors)
    if set(offsets) != set(roles) or not inputs:
        raise _Refused
    tops = {}
    for out, *_ in rows:
        top = ranges.get(out[1])
        if top and layer(out[1]) == (out[1], 0):
            tops[top] = offsets[out[0]]  # f_K the last layer: K + its offset
    return Shifts(
        {b: (roles[b], o) for b, o in offsets.items()},
        frozenset(inputs),
        tops=tops,
        calls=frozenset(funcs),
        line=first[0],
        said=first[1],
    )
