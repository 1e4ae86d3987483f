"""A closed-form definition of the output, `O = s(s(s(Iw_1+1)w_2+1)w_4 + ... + 1)`: which output of
the network it is, and the constants it fixes (every bias written as 1).

`match_output` compares the written expression (in the network's inputs and weights, the
document's functions already substituted) with each output's forward expression in inputs and
parameters: the two must have the same shape, the written numbers standing where the network
has biases (`unify`, commutative in sums and products, bounded). Pure: expressions in, a
binding out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import permutations

import sympy as sp

from ..check import substitute_intermediates
from ..derivation import Derivation

MAX_STEPS = 20_000  # unification steps before giving up (a match is a few hundred at most)
MAX_TERMS = 7  # terms of one sum or product tried in every order


@dataclass(frozen=True)
class OutputMatch:
    output: sp.Symbol  # the network's quantity (an output, an activation, a z) it is
    fixed: dict  # bias symbol -> the constant the written expression puts in its place


def biases(d: Derivation) -> list[sp.Symbol]:
    return [b for layer in range(1, d.spec.depth + 1) for b in d.biases(layer)]


def quantities(d: Derivation) -> list[sp.Symbol]:
    """What a closed form may be: the outputs first, then every activation and z, in order."""
    forward = [eq.lhs for eq in d.of_kind("forward")]
    return list(d.outputs) + [q for q in forward if q not in d.outputs]


def match_output(d: Derivation, written: sp.Expr, candidates: list | None = None) -> OutputMatch | None:
    """The quantity (an output first) whose forward expression is `written` for some constant
    biases, else None; `candidates` limits the quantities tried."""
    free = frozenset(biases(d))
    for out in quantities(d) if candidates is None else candidates:
        forward = substitute_intermediates(d, out)
        binding: dict = {}
        budget = [MAX_STEPS]
        if unify(forward, written, free, binding, budget) and set(binding) >= forward.free_symbols & free:
            return OutputMatch(out, binding)
    return None


def unify(p: sp.Basic, t: sp.Basic, free: frozenset, bind: dict, budget: list) -> bool:
    """Is `t` the pattern `p` with each symbol of `free` in `p` a number? Binds them in `bind`
    (undone on failure); `budget` counts steps down."""
    budget[0] -= 1
    if budget[0] < 0:
        return False
    if p in free:
        if not (isinstance(t, sp.Expr) and t.is_number):
            return False
        if p in bind:
            return bool(sp.simplify(bind[p] - t) == 0)
        bind[p] = t
        return True
    if not (p.free_symbols & free):
        return p == t
    if p.is_Add:
        return _sum(p, t, free, bind, budget)
    if p.func != t.func or len(p.args) != len(t.args):
        return False
    if p.is_Mul:
        return _any_order(list(p.args), list(t.args), free, bind, budget)
    return _in_order(p.args, t.args, free, bind, budget)


def _sum(p: sp.Expr, t: sp.Basic, free: frozenset, bind: dict, budget: list) -> bool:
    """A sum: the terms without a free symbol alone matched to terms of t in some order; the
    free symbol standing alone (the bias) takes what is left, a number (0 when nothing is)."""
    alone = [a for a in p.args if a in free]
    rest = [a for a in p.args if a not in free]
    terms = list(sp.Add.make_args(t))
    numbers = [a for a in terms if a.is_number]
    others = [a for a in terms if not a.is_number]
    if len(alone) > 1 or len(rest) != len(others):
        return False
    if not alone and numbers:
        return False
    saved = dict(bind)
    if not _any_order(rest, others, free, bind, budget):
        return False
    if alone and not unify(alone[0], sp.Add(*numbers), free, bind, budget):
        bind.clear()
        bind.update(saved)
        return False
    return True


def _in_order(ps: Iterable, ts: Iterable, free: frozenset, bind: dict, budget: list) -> bool:
    saved = dict(bind)
    for a, b in zip(ps, ts):
        if not unify(a, b, free, bind, budget):
            bind.clear()
            bind.update(saved)
            return False
    return True


def _any_order(ps: list, ts: list, free: frozenset, bind: dict, budget: list) -> bool:
    if len(ps) != len(ts):
        return False
    if len(ps) > MAX_TERMS:
        return _in_order(ps, ts, free, bind, budget)
    for order in permutations(ts):
        if budget[0] < 0:
            return False
        if _in_order(ps, order, free, bind, budget):
            return True
    return False


def constants_text(fixed: dict, shown) -> str:
    """'b = 1' when every bias is the same constant, else 'b1 = 1, b2 = 0'; `shown` names a symbol."""
    values = set(fixed.values())
    if len(values) == 1:
        return f"b = {next(iter(values))}"
    return ", ".join(f"{shown(b)} = {v}" for b, v in sorted(fixed.items(), key=lambda kv: str(kv[0])))
