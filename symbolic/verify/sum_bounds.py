r"""A sum's bounds written as numbers, held against the units its index runs over.

The reader expands `\sum_k` over the units of the layer its index names and skips the bounds
(`\sum_{k=1}^{K}`, `\sum_{j=1}^{s_{l+1}}` say "every unit"). Bounds written as numbers say which
units: `\sum_{k=1}^{2}` over a layer of 2 units is every unit, but `\sum_{k=2}^{2}` leaves unit 1
out and `\sum_{k=1}^{3}` runs past a layer of 2; judged as "every unit" such a sum would be called
correct where it is not the sum written. Here a statement's numeric bounds are read off its source
(`written`), and the units its sum was expanded over are compared with them (`slip`): a range that
leaves a unit out or names one the layer does not have is said, and the statement not checked.
A lower bound 0 keeps its reading (the bias input x_0 = 1 of `\sum_{i=0}^{D} w_{ji} x_i`, or a
document counting units from 0). Pure functions: text in, ranges out.
"""

from __future__ import annotations

import re

# \sum_{k=2}^{3}, \sum\limits_{k = 1}^2, \sum_{k=2}^{K} (an upper bound that is not a number: None)
_SUM = re.compile(
    r"\\sum(?:\\limits|\\nolimits)?\s*_\s*\{\s*([A-Za-z])\s*=\s*(-?\d+)\s*\}"
    r"(?:\s*\^\s*(?:\{\s*(-?\d+)\s*\}|(\d)(?![\w.])|(\{[^{}]*\}|\\?\w+)))?"
)

FIX = "write the sum over every unit of the layer (its bounds as letters: \\sum_{k=1}^{K}), or check --net"


def written(source: str) -> dict[str, set[tuple[int, int | None]]]:
    """letter -> the (lower, upper) bounds of each sum over it whose lower bound is a number; the
    upper bound None when it is not one (`\\sum_{k=2}^{K}`)."""
    out: dict[str, set[tuple[int, int | None]]] = {}
    for m in _SUM.finditer(source):
        upper = m.group(3) or m.group(4)
        out.setdefault(m.group(1), set()).add((int(m.group(2)), int(upper) if upper else None))
    return out


def slip(letter: str, bounds: set[tuple[int, int | None]], units: list[int], first: int) -> str | None:
    """Why the numeric bounds of a sum over `letter` are not the units it was expanded over
    (`units`, the document's numbering; `first` its first unit, 1 or 0), else None. A unit 0
    below the first (the bias input of a sum from 0) may be in the range or not."""
    if not units:
        return None
    have = set(units)
    proper = {u for u in have if u >= first}
    for lo, hi in sorted(bounds, key=lambda b: (b[0], -1 if b[1] is None else b[1])):
        top = max(have) if hi is None else hi
        left_out = sorted(u for u in proper if not lo <= u <= top)
        extra = _extra(lo, top, have, first)
        if not left_out and not extra:
            continue
        shown = f"{letter} = {lo}, ..., {top}" if top > lo else f"{letter} = {lo}" if top == lo else "no term"
        what = (
            f"leaves out {letter} = {', '.join(map(str, left_out))}"
            if left_out
            else f"names {letter} = {', '.join(extra)}, which this layer does not have"
        )
        return (
            f"a sum over {shown} {what} (the layer's units are {letter} = {min(proper)}, ..., {max(proper)})"
            if proper
            else None
        )
    return None


def _extra(lo: int, top: int, have: set[int], first: int, shown: int = 3) -> list[str]:
    """The first few units of lo..top the layer does not have (a unit 0 below the first is the
    bias input), '...' after them when more follow; never the whole range
    (\\sum_{k=1}^{100000000} is a range of a hundred million)."""
    out: list[str] = []
    u = lo
    while u <= top:
        if u not in have and not (u == 0 and first == 1):
            if len(out) == shown:
                return [*out, "..."]
            out.append(str(u))
        u += 1  # past the layer's last unit every u is one: at most len(have) + shown steps
    return out
