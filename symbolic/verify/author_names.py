r"""Messages in the author's letters for a document read with a letter per layer (layer_names.py).

Zhou Zhihua's b_h, v_{ih}, γ_h, α_h, \hat{y}_j, w_{hj}, θ_j, β_j are rewritten in Ng's bracket
layers before the statements are checked (θ_j as -b^{[2]}_j), so a verdict's left side and its
fault's written factor come back in the network's names: `∂E/∂(−b⁽²⁾₁)` where the author wrote
∂E/∂θ_1. This turns them back, for display only, into the author's names at that instance
(θ_1, \hat{y}_1, w_{11}, β_1), from the same layers layer_names read: a unit's output, a weight
(its indices in the author's order), a bias or threshold (the bias negated), a weighted sum
without its bias (z - b). What was checked is unchanged. Pure: verdicts in, verdicts out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial
from . import layer_names

_NET = re.compile(r"([abzW])_(\d+),(\d+)(?:,(\d+))?")


def of(statements: list, depth: int) -> list:
    """The layers the document names a letter per layer (layer_names.read), [] when none."""
    try:
        return layer_names.read(statements, depth)
    except Exception:  # noqa: BLE001 - a document this reading does not fit: nothing to restore
        return []


def _author(layers: list):
    """A function: an expression in the network's symbols -> the same in the author's names."""
    by_n = {layer.n: layer for layer in layers}

    def name(s: sp.Symbol) -> sp.Expr | None:
        m = _NET.fullmatch(s.name)
        if not m or int(m.group(2)) not in by_n:
            return None
        kind, layer = m.group(1), by_n[int(m.group(2))]
        unit = m.group(3)
        if kind == "a":  # z_j = f(z_in_j): the activation's own letter (Fausett's z)
            return sp.Symbol(f"{layer.act or layer.out}_{unit}")
        if kind == "z" and layer.act:  # its net input's, z_in
            return sp.Symbol(f"{layer.out}_{unit}")
        if kind == "W" and m.group(4):
            into, source = unit, m.group(4)
            return sp.Symbol(
                f"{layer.weight}_{source}{into}" if layer.input_first else f"{layer.weight}_{into}{source}"
            )
        if kind == "b" and layer.bias:
            return layer.sign * sp.Symbol(f"{layer.bias}_{unit}")  # a threshold θ: -θ is the bias
        return None

    def summed(e: sp.Expr) -> sp.Expr | None:
        """z - b of a layer whose weighted sum without its bias the author names (β_j)."""
        if not isinstance(e, sp.Add) or len(e.args) != 2:
            return None
        for layer in layers:
            if not layer.summed:
                continue
            for s in e.atoms(sp.Symbol):
                m = _NET.fullmatch(s.name)
                if m and m.group(1) == "z" and int(m.group(2)) == layer.n:
                    b = sp.Symbol(f"b_{layer.n},{m.group(3)}")
                    if sp.expand(e - (s - b)) == 0:
                        return sp.Symbol(f"{layer.summed}_{m.group(3)}")
        return None

    def back(e):
        if not isinstance(e, sp.Basic):
            return e
        whole = summed(e)
        if whole is not None:
            return whole
        subs = {s: v for s in e.atoms(sp.Symbol) if (v := name(s)) is not None}
        if not subs:
            return e
        return e.xreplace(subs)

    return back


def restore(verdicts: list, layers: list) -> list:
    """The verdicts with their written left side and written faulty factor in the author's names."""
    if not layers:
        return verdicts
    back = _author(layers)
    out = []
    for v in verdicts:
        written = getattr(v, "written", None)
        if isinstance(written, Partial):
            v = replace(v, written=Partial(back(written.num), back(written.den)))
        fault = getattr(v, "fault", None)
        if fault is not None and getattr(fault, "wrote", None) is not None:
            wrote = fault.wrote
            if isinstance(wrote, tuple):
                new = tuple(
                    Partial(back(w.num), back(w.den)) if isinstance(w, Partial) else back(w) for w in wrote
                )
            else:
                new = _back_written(back, wrote)
            v = replace(v, fault=replace(fault, wrote=new))
        out.append(v)
    return out


def _back_written(back, w):
    """One written factor (a Partial or an expression) in the author's names."""
    return Partial(back(w.num), back(w.den)) if isinstance(w, Partial) else back(w)
