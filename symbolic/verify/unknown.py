"""Many unknown names folded into one line saying which network (--net, --naming) they imply.

`unknown_names_in` reads the names an unknown-name message lists (as shown, back in the reader's
spelling); `unknown_summary` folds the messages of a document. Pure functions on messages.
"""

from __future__ import annotations

import re

from .hints import raw, shown

_LAYERED = re.compile(r"(?:W|w)_?(\d+)_(\d+)_(\d+)|(?:b|z|a|delta)_?(\d+)_(\d+)|x_?(\d+)|y_?(\d+)")
_LAYER_BIAS = re.compile(r"b_?(\d+)")
_SEED = re.compile(r"w_?\d\d|w_[a-z]|b_?\d|[za]_h\d+|z_o|y_T|out")


def unknown_names_in(problem: str) -> list[str]:
    """The names an `unknown(...)` message lists (empty for any other problem)."""
    m = re.search(r"unknown names? (.*?)(?: \(.*\))?; use the network's names", problem)
    return [raw(n) for n in m.group(1).split(", ")] if m else []


def unknown_summary(problems: list[str], spec) -> tuple[list[str], str] | None:
    """Unknown-name problems folded into one line naming the --net / --naming the names imply,
    or None when there is nothing to fold or suggest."""
    names = sorted({n for p in problems for n in unknown_names_in(p)})
    if not names:
        return None
    unknown = [p for p in problems if unknown_names_in(p)]
    hints = []
    # b_1, b_2: one bias per layer (Mazur's), on a layered net with a bias per unit
    layer_biases = [n for n in names if (m := _LAYER_BIAS.fullmatch(n)) and 1 <= int(m[1]) <= spec.depth]
    seed_like = [n for n in names if _SEED.fullmatch(n)]
    if (
        spec.naming == "layered"
        and not spec.shared_bias
        and layer_biases
        and set(seed_like) <= set(layer_biases)
    ):
        hints.append("--shared-bias")
    elif spec.naming == "layered" and seed_like:
        hints.append("--naming seed")
    elif spec.naming == "seed" and any(_LAYERED.fullmatch(n) for n in names):
        hints.append("--naming layered")
    sizes = list(spec.sizes)
    for name in names:
        m = _LAYERED.fullmatch(name)
        if not m:
            continue
        w_l, w_i, w_j, l, i, x, y = (int(g) if g else 0 for g in m.groups())
        for layer, width in ((w_l, w_i), (w_l - 1, w_j), (l, i), (0, x), (len(sizes) - 1, y)):
            if 0 < layer or width:
                sizes += [1] * (layer + 1 - len(sizes))
                sizes[layer] = max(sizes[layer], width)
    if sizes != list(spec.sizes):
        hints.insert(0, "--net " + "-".join(map(str, sizes)))
    if not hints and len(unknown) == 1:
        return None
    listed = ", ".join(shown(n) for n in names[:6]) + (
        f" and {len(names) - 6} more" if len(names) > 6 else ""
    )
    line = (
        f"{len(unknown)} statement{'s use' if len(unknown) > 1 else ' uses'} names the "
        f"{spec.arch} {spec.naming} network does not have ({listed})"
    )
    fix = (
        f"these names fit {' '.join(hints)}"
        if hints
        else "use the network's names (symprop derive shows them) or declare aliases"
    )
    others = [p for p in problems if not unknown_names_in(p)]
    return [line, *others], fix
