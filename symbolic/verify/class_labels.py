r"""Names indexed by the class label: `C = -\ln(a_y) = -[\sum_k w_{yk}\tilde{a}_k + b_y] + \ln(S)`
(Mathematics Stack Exchange 2303338), y the true class of the example.

With y the document's target letter (y, or t where y is the output) written as an index (a_y,
w_{yk}, b_y; y_j, the one-hot target, may stand beside them, a bare y may not), the statement says
something of the example whose class is y. It is checked for each class: y runs over the output
units like any index letter, and each instance is judged with the target one-hot at that class
(y_c = 1, the others 0; the loss C opened at that target), which is what the label means.

`expand` marks such a statement (Statement.label) and writes its weights in two letters with the
layer the document's own forward sum gave that weight letter (w_{ki} read as w^{(2)}_{ki} by
letter_sums.py: w_{yk} is then w^{(2)}_{yk}); `one_hot` puts the target of each resolved instance
in place. Only where the target letter is settled (no t, T, d target beside y, as kronecker.py
asks) and y is no bare name of the statement. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Statement
from .symbols import LAYERED, _all_symbols, map_expressions

_INDEXED = re.compile(r"([A-Za-z]+(?:_(?:tilde|hat|bar))?)_([A-Za-z0-9]+)(@.+)?")
_RIVAL = re.compile(r"(?:t|T|d)_[a-z0-9]+")
_WEIGHTS = ("w", "W")


def _weight_layers(statements: list) -> dict[str, set[str]]:
    """Weight base -> the layers its two-letter layered names carry (w_ki@2: {'w': {'2'}})."""
    out: dict[str, set[str]] = {}
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for s in _all_symbols(stmt):
            m = LAYERED.fullmatch(s.name)
            if m and m.group(1) in _WEIGHTS and m.group(2) and re.fullmatch(r"[a-z]{2}", m.group(2)):
                out.setdefault(m.group(1), set()).add(m.group(3))
    return out


def _labelled(stmt: Statement, label: str) -> bool:
    """Does stmt index a name by the label letter (a_y), and write no bare y?"""
    names = {s.name for s in _all_symbols(stmt)}
    if label in names:
        return False
    return any(
        (m := _INDEXED.fullmatch(n)) and m.group(1) != label and label in m.group(2) and m.group(2).isalpha()
        for n in names
    )


def expand(statements: list, targets: str = "y") -> list:
    """Statements indexing names by the class label y, marked (and their weights layered)."""
    names = {s.name for stmt in statements if isinstance(stmt, Statement) for s in _all_symbols(stmt)}
    if targets not in ("y", "t") or targets == "y" and any(_RIVAL.fullmatch(n) for n in names):
        return statements  # y beside another target letter: which one is the class is not settled
    layers = _weight_layers(statements)
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement) or stmt.label or not _labelled(stmt, targets):
            out.append(stmt)
            continue
        swap = {}
        for s in _all_symbols(stmt):
            m = _INDEXED.fullmatch(s.name)
            if (
                m
                and m.group(1) in _WEIGHTS
                and len(m.group(2)) == 2
                and targets in m.group(2)
                and not m.group(3)
            ):
                lay = layers.get(m.group(1), set())
                if len(lay) == 1:  # w_{yk} beside w_{ki}@2: the same layer's weight
                    swap[s] = sp.Symbol(f"{s.name}@{next(iter(lay))}")
        stmt = map_expressions(stmt, lambda e, w=swap: e.xreplace(w)) if swap else stmt
        out.append(replace(stmt, label=targets))
    return out


def one_hot(net, resolved: list) -> list:
    """Each resolved instance of a labelled statement with the target one-hot at its class (its
    δs opened first: the output's δ holds the target)."""
    d = net.d
    out = []
    for r in resolved:
        label = r.statement.label
        m = re.search(rf"(?:^|, ){label}=(\d+)", r.statement.instance) if label else None
        if m is None:
            out.append(r)
            continue
        c = int(m.group(1))
        target = {y: sp.Integer(1 if k == c else 0) for k, y in enumerate(d.targets, start=1)}
        swap = {**target, d.loss_symbol: d["L"].rhs.xreplace(target)}
        out.append(
            replace(
                r,
                true=tuple(replace(f, value=net.open(f.value).xreplace(swap)) for f in r.true),
                hands={k: tuple(net.open(h).xreplace(swap) for h in hs) for k, hs in r.hands.items()},
            )
        )
    return out
