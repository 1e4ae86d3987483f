r"""Braces an equation editor writes that group nothing visible: read as the formula renders.

Equation editors (MathType's LaTeX export, as blog posts paste it) wrap every operand twice,
`\frac{{\partial J\left( \theta \right)}}{{\partial \theta _{11}^{(2)}}}`,
`{\left( {{\theta ^{(l)}}} \right)^T}`, and put a sum's body in braces,
`\sum\limits_i {\delta _i^{(3)}\theta _{ij}^{(2)}} f'\left( {z_j^{(2)}} \right)`. Neither shows
in the rendered formula:
- a group whose whole content is one group, `{{X}}`, is the group `{X}` (`{{{X}}}` too); a group
  holding more (`{{y_i} - a_i}`) or nothing (`{}^{2}Z`) is left as it is;
- a group right after a sum's limits (`\sum_i {A B} C`, `\sum_{j=1}^{n} {A}`) is the sum's body as
  written without the braces, Σ_i A B C, so a factor in it is counted as the reader counts the
  unbraced sum's (factor 2 is B), not as one group.
Pure: tokens in, tokens out.
"""

from __future__ import annotations

from typing import Any


def _brace(t: Any, c: str) -> bool:
    return t.kind == "op" and t.text == c


def _closes(toks: list) -> dict[int, int]:
    close: dict[int, int] = {}
    stack: list[int] = []
    for i, t in enumerate(toks):
        if _brace(t, "{"):
            stack.append(i)
        elif _brace(t, "}") and stack:
            close[stack.pop()] = i
    return close


def _after_limits(toks: list, k: int, close: dict[int, int]) -> int:
    """The index after \\sum's limits (_i, _{i=1}, ^{n}, either order) at toks[k], the sum."""
    i = k + 1
    for _ in range(2):
        if i + 1 < len(toks) and toks[i].kind == "op" and toks[i].text in ("_", "^"):
            i = close[i + 1] + 1 if _brace(toks[i + 1], "{") and i + 1 in close else i + 2
    return i


def read(toks: list) -> list:
    close = _closes(toks)
    drop = {
        k
        for i, c in close.items()
        if i + 1 in close and close[i + 1] == c - 1 and c - 1 > i + 1
        for k in (i + 1, c - 1)
    }
    for k, t in enumerate(toks):
        if t.kind == "cmd" and t.text == "sum":
            i = _after_limits(toks, k, close)
            if i > k + 1 and i < len(toks) and i in close and close[i] > i + 1:
                drop |= {i, close[i]}
    return toks if not drop else [t for i, t in enumerate(toks) if i not in drop]
