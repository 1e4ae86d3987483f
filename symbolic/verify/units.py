"""Role-named units: a prefix and a unit label, the label saying the layer (Mazur's net_{h1},
out_{o1}, target_{o2}, i_1; w_{h1o1} between two labelled units).

Unit labels: i (an input), h (a hidden unit; only in a network with one hidden layer), o (an
output), each with its number (h1, h_1). Prefixes read here are the ones no document uses for
anything else: net, in, z, sum, s (the pre-activation), out, output, a, o, act (the activation; of
an input: the input itself), target, t (an output's target), delta (the unit's δ), b (its bias). y and d (an
output or a target, by document) are left to `binding`, which looks at what the document does
with them. Pure functions on raw names; the value is the network's raw name (z_2,1, a_1,1, x_1,
y_1, W_2,1,1), read by `names.Resolver.lookup`.
"""

from __future__ import annotations

import re

PRE = {"net", "in", "z", "sum", "s"}
ACT = {"out", "output", "a", "o", "act"}
TARGET = {"target", "t"}
DECIDED = {"y", "d"}  # the output in one document, the target in another: decided by `binding`

_UNIT = re.compile(r"([A-Za-z]+)_([iho])_?(\d+)")
_BARE = re.compile(r"i_?(\d+)")
_PAIR = re.compile(r"w_([iho])_?(\d+)[_,]?([iho])_?(\d+)")


def label_layer(label: str, sizes: tuple | list) -> int | None:
    """i -> 0, o -> the output layer, h -> 1 when the network has one hidden layer, else None."""
    depth = len(sizes) - 1
    return {"i": 0, "o": depth, "h": 1 if depth == 2 else None}[label]


def unit_of(name: str, sizes: tuple | list) -> tuple[str, int, int] | None:
    """out_h1 -> ('out', 1, 1): prefix, layer, unit (1-based, within the layer's width)."""
    m = _UNIT.fullmatch(name)
    if not m:
        return None
    prefix, label, k = m.group(1), m.group(2), int(m.group(3))
    if prefix != "Delta":  # Net_{h1}, Out_{o1}; \Delta (a change, an accumulator) is no δ
        prefix = prefix.lower()
    layer = label_layer(label, sizes)
    if layer is None or not 1 <= k <= sizes[layer]:
        return None
    return prefix, layer, k


def role_unit(name: str, sizes: tuple | list) -> str | None:
    """The network's raw name for a role-named unit whose prefix says what it is, else None."""
    m = _BARE.fullmatch(name)
    if m and 1 <= int(m.group(1)) <= sizes[0]:
        return f"x_{m.group(1)}"
    m = _PAIR.fullmatch(name)
    if m:
        ends: list[tuple[int, int]] = []
        for label, k in ((m.group(1), int(m.group(2))), (m.group(3), int(m.group(4)))):
            lay = label_layer(label, sizes)
            if lay is None or not 1 <= k <= sizes[lay]:
                return None
            ends.append((lay, k))
        (la, ka), (lb, kb) = sorted(ends)
        return f"W_{lb},{kb},{ka}" if lb == la + 1 else None
    unit = unit_of(name, sizes)
    if unit is None:
        return None
    prefix, layer, k = unit
    if prefix in PRE and layer >= 1:
        return f"z_{layer},{k}"
    if prefix in ACT:
        return f"x_{k}" if layer == 0 else f"a_{layer},{k}"
    if prefix in TARGET and layer == len(sizes) - 1:
        return f"y_{k}"
    if prefix == "delta" and layer >= 1:
        return f"delta_{layer},{k}"
    if prefix == "b" and layer >= 1:  # b_{h1}: the unit's own bias
        return f"b_{layer},{k}"
    return None
