"""Exactness for the evaluate stage: is a written product identically the true one?

`prove` decides hand == true without `simplify`, within one time budget, by routes of increasing
cost: the forward intermediates as independent symbols (`check.exact_zero`), every piecewise
branch at once (`piecewise.piecewise_zero`), then both sides fully expanded to inputs and
parameters. Pure: expressions in, (proved, suspect sign patterns) out.
"""

from __future__ import annotations

import sympy as sp

from ..check import exact_zero, expanded
from ..derivation import Derivation
from ..functions import expand_definitions
from ..memo import kept
from ..timelimit import bounded, small, time_limit
from .piecewise import PIECEWISE, piecewise_zero
from .resolve import Network

EXACT_SECONDS = 0.5
PROVED_KEPT = 4096  # proofs remembered per process (one key: the network and the difference)

Pattern = tuple[tuple[sp.Expr, int], ...]  # (unit, +1 on | -1 off) per unit


def prove(net: Network, hand: sp.Expr, true: sp.Expr) -> tuple[bool, tuple[Pattern, ...]]:
    """(proved hand == true, sign patterns where a piecewise comparison could not clear the
    difference). Routes, within one time budget: intermediates as symbols, then every
    piecewise branch at once (`piecewise`), then both again fully expanded."""
    d = net.d
    diff = hand - true
    for _ in range(d.spec.depth + 1):
        diff = diff.xreplace(net.delta_defs)
    diff = one_hot(d, diff)
    if diff == 0:  # the same expression once written in the network's symbols: no child process
        return True, ()  # needed (every route below starts by finding this zero)
    key = (d.spec, diff, frozenset(net.piecewise_outputs.items()))
    return kept(_PROVED, key, lambda: _prove(net, diff), PROVED_KEPT)


# A proof depends only on the network and the difference: a document verified again (a second
# option, a corrected line) or another holding the same statement reuses it. Its time budget is
# CPU time, so a proof that ran out runs out again: remembering it changes no verdict.
_PROVED: dict[tuple, tuple[bool, tuple[Pattern, ...]]] = {}


def _prove(net: Network, diff: sp.Expr) -> tuple[bool, tuple[Pattern, ...]]:
    d = net.d
    opened = diff.xreplace(net.piecewise_outputs)
    piecewise = expand_definitions(opened).has(*PIECEWISE)

    def intermediates() -> tuple[bool, tuple[Pattern, ...]]:
        if exact_zero(diff) or diff.has(sp.Max, sp.Min) and exact_zero(one_level(d, diff)):
            return True, ()  # e^{z_j - max(z)} / Σ_k e^{z_k - max(z)} = a_j: a_j opened in z
        c = piecewise_zero(opened)
        return c.zero, tuple(p for p in c.patterns if all(u.is_Symbol for u, _ in p))

    def full() -> bool:
        whole = one_hot(d, expanded(d, diff))
        return exact_zero(whole) or piecewise and piecewise_zero(whole).zero

    def both() -> bool:
        return exact_zero(diff) or full()

    if not piecewise and small(diff) and _zero_here(diff):  # cancelled here, no fork
        return True, ()
    try:
        if not piecewise:
            return bool(bounded(both, EXACT_SECONDS)), ()
        proved, suspects = bounded(intermediates, EXACT_SECONDS)
    except (TimeoutError, RuntimeError):
        return False, ()
    if proved:
        return True, ()
    try:
        return bool(bounded(full, EXACT_SECONDS)), suspects
    except (TimeoutError, RuntimeError):
        return False, suspects


def _zero_here(diff: sp.Expr) -> bool:
    """`exact_zero(diff)` in this process, within the time budget; False when it runs out (the
    forked routes then decide)."""
    try:
        with time_limit(EXACT_SECONDS):
            return exact_zero(diff)
    except Exception:  # noqa: BLE001 - TimeoutError, or SymPy failing on it: not proved here
        return False


def one_level(d: Derivation, expr: sp.Expr) -> sp.Expr:
    """expr with each output written by its own layer's net inputs (a_j = softmax(z)_j), one
    level down: an exact identity, cheaper than opening every layer down to the inputs."""
    opened = {eq.lhs: eq.rhs for eq in d.of_kind("forward") if eq.lhs in d.outputs}
    return one_hot(d, expr.xreplace(opened))


def one_hot(d: Derivation, expr: sp.Expr) -> sp.Expr:
    """cce assumes targets summing to 1: write the last one as 1 - the others."""
    ys = d.targets
    if d.spec.loss.name != "cce":
        return expr
    return expr.xreplace({ys[-1]: 1 - sp.Add(*ys[:-1])})
