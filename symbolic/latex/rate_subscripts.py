r"""A learning rate subscripted by the parameter it updates (Sudeep Raja's
`w = w - \alpha_w \frac{\partial E}{\partial w}`, `W_i = W_i - \alpha_{W_i}\circ \frac{\partial E}
{\partial W_i}`): one rate per parameter, or per entry (its \circ blanked too). Whether an update
is right does not depend on the rate's value, so the subscript is blanked and the rate read as the
learning rate; only when the subscript is the very name the row updates (P = P - \alpha_P ..., or
+ by a slip), never otherwise (\alpha_{ij} stays a name of its own). Pure: text in, text of the
same length out (positions kept).
"""

from __future__ import annotations

import re

_RATE = re.compile(r"\\(?:alpha|eta|epsilon|varepsilon)(?![A-Za-z])\s*_\s*")
_ROW_START = re.compile(r"\\\\|\$|\\\[|\\begin\s*\{[^{}]*\}|\n\s*\n")
_HADAMARD = re.compile(r"\s*\\(?:circ|odot)(?![A-Za-z])")
_ASSIGN = r"(?:=|:=|\\leftarrow|\\gets|\\longleftarrow)"


def _group(text: str, i: int) -> int | None:
    """The end of the subscript at i: one letter, or a balanced {...} group."""
    if i >= len(text):
        return None
    if text[i] != "{":
        return i + 1 if text[i].isalpha() else None
    depth = 0
    for j in range(i, min(len(text), i + 80)):
        depth += (text[j] == "{") - (text[j] == "}")
        if depth == 0:
            return j + 1
    return None


def _plain(text: str) -> str:
    """A name or a row without spaces, braces, alignment marks and \\left/\\right."""
    text = re.sub(r"\\left|\\right|\\mathit|\\mathbf|\\boldsymbol|[\s{}&]", "", text)
    return text


def blank(text: str) -> str:
    """The text with each rate's subscript naming the updated parameter blanked."""
    out = list(text)
    for m in _RATE.finditer(text):
        end = _group(text, m.end())
        if end is None:
            continue
        name = _plain(text[m.end() : end])
        starts = [r.end() for r in _ROW_START.finditer(text, 0, m.start())]
        row = _plain(text[starts[-1] if starts else 0 : m.start()])
        if not name or not re.search(re.escape(name) + _ASSIGN + re.escape(name) + r"[-+]$", row):
            continue
        had = _HADAMARD.match(text, end)  # α_{W} ∘ ∂E/∂W: a rate per entry, read as one rate
        for k in range(m.start() + len(m.group().split("_")[0].rstrip()), had.end() if had else end):
            if out[k] != "\n":
                out[k] = " "
    return "".join(out)
