"""Unknown-name messages: one statement's, and many folded into one line saying which network
(--net, --naming) they imply.

`unknown_message` says which written names are unknown (with the shape of a layer an index is out
of) and lists the network's names in their display form, δ included; `unknown_names_in` reads the
names such a message lists (as shown, back in the reader's spelling); `unknown_summary` folds the
messages of a document. Pure functions.
"""

from __future__ import annotations

import re

from .display import said
from .hints import out_of_range, raw, shown

# W1_2_1 (a code name) or W_1,21 (shown as W^{(1)}_{21} and read back); b2_1, delta_2,1; x1, y2
_LAYERED = re.compile(
    r"(?:W|w)_?(\d+)_(\d+)_(\d+)|(?:W|w)_(\d+),(\d)(\d)|(?:b|z|a|delta)_?(\d+)[_,](\d+)|x_?(\d+)|y_?(\d+)"
)
_LAYER_BIAS = re.compile(r"b_?(\d+)")
_SEED = re.compile(r"w_?\d\d|w_[a-z]|b_?\d|[za]_h\d+|z_o|y_T|out")


KNOWN_SHOWN = 40  # names listed in full; a longer list shows each kind's first and last
_KINDS = ("L", "W", "w", "b", "z", "a", "delta", "x", "y")  # the order kinds are listed in


def known_names(resolver) -> str:
    """The network's names a document may use, in display form, grouped by kind (L, W, b, z,
    a, δ, x, y): every one when they are few, else each kind's first two and last."""
    d = resolver.d
    groups: dict[str, list] = {}
    for code, s in sorted(resolver.codes.items()):
        groups.setdefault(re.sub(r"[\d_].*", "", code), []).append(s)
    total = sum(len(g) for g in groups.values())
    out = []
    for kind in sorted(groups, key=lambda k: _KINDS.index(k) if k in _KINDS else len(_KINDS)):
        names = [said(d, s) for s in groups[kind]]
        out += names if total <= KNOWN_SHOWN or len(names) <= 3 else [*names[:2], "...", names[-1]]
    return ", ".join(out)


def unknown_message(resolver, names: list[str], where: str = "") -> tuple[str, str]:
    """(problem, fix) of a statement whose names the network does not have."""
    if "xi" in names:
        return (
            f"{where}a placeholder argument (·) inside a derivative",
            "write the argument, e.g. \\sigma(z_{h1})",
        )
    noted = [n for n in sorted(set(names)) if n in resolver.notes]
    if noted:  # bound two ways, or a role the document does not settle (binding.py)
        problem, fix = resolver.notes[noted[0]]
        return f"{where}{problem}", fix
    unique = sorted(set(names))
    what = ", ".join(shown(n) for n in unique)
    ranges = list(dict.fromkeys(h for h in (range_hint(resolver.d.spec.sizes, n) for n in unique) if h))
    return (
        f"{where}unknown name{'s' if len(unique) > 1 else ''} {what}" + "".join(f" ({h})" for h in ranges),
        f"use the network's names ({known_names(resolver)}) or declare an alias"
        + (
            f" (% symprop: alias {shown(unique[0])} = ...), or define it in the document "
            "(e.g. net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2)"
            if len(resolver.codes) <= KNOWN_SHOWN
            else ""
        ),
    )


def range_hint(sizes, name: str) -> str:
    """'W⁽²⁾ is 2×3; did you mean W^{(2)}_{13}?' for a layered name whose indices are out of
    range (W_2,31 or W_2,3,1), else ''."""
    m = re.fullmatch(r"([A-Za-z]+)_(\d+),(\d+)(?:,(\d+))?", name)
    if not m:
        return ""
    base, lay, a, b = m.groups()
    if b is None and len(a) == 2 and base in ("w", "W"):
        a, b = a[0], a[1]
    idx = [int(a)] + ([int(b)] if b else [])
    kind = "W" if base in ("w", "W", "Theta") else "unit"
    layer, depth = int(lay), len(sizes) - 1
    fits = 1 <= layer <= depth and 1 <= idx[0] <= sizes[layer]
    if fits and (kind == "unit" or len(idx) == 2 and 1 <= idx[1] <= sizes[layer - 1]):
        return ""  # every index in range: the layer's shape says nothing the name does not
    return out_of_range(kind, int(lay), idx, list(sizes), shown(name))


def unknown_names_in(problem: str) -> list[str]:
    """The names an `unknown(...)` message lists (empty for any other problem)."""
    return [raw(n) for n in _written_names(problem)]


def _written_names(problem: str) -> list[str]:
    """The names an `unknown(...)` message lists, as it shows them (\\hat{y}, v_{\\iota\\zeta})."""
    m = re.search(r"unknown names? (.*?)(?: \(.*\))?; use the network's names", problem)
    return m.group(1).split(", ") if m else []


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
        w_l, w_i, w_j, c_l, c_i, c_j, l, i, x, y = (int(g) if g else 0 for g in m.groups())
        if "," in name and max(c_l, l) <= spec.depth and len(unknown) == 1:
            continue  # one statement's W^{(2)}_{31}: its index out of range says more than a --net
        w_l, w_i, w_j = (w_l, w_i, w_j) if w_l else (c_l, c_i, c_j)
        for layer, width in ((w_l, w_i), (w_l - 1, w_j), (l, i), (0, x), (len(sizes) - 1, y)):
            if 0 < layer or width:
                sizes += [1] * (layer + 1 - len(sizes))
                sizes[layer] = max(sizes[layer], width)
    if sizes != list(spec.sizes):
        hints.insert(0, "--net " + "-".join(map(str, sizes)))
    if not hints and len(unknown) == 1:
        return None
    written = {raw(n): n for p in problems for n in _written_names(p)}  # as the messages show them
    listed = ", ".join(written.get(n) or shown(n) for n in names[:6]) + (
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
