"""Rewrite the overflow-prone exp patterns of user formulas into stable functions, before printing.

A custom activation or loss arrives as plain SymPy: `z/(1+exp(-z))` differentiates to
`z·exp(-z)/(1+exp(-z))² + 1/(1+exp(-z))`, which NumPy evaluates as inf/inf = nan once exp(-z)
overflows (z < -709 in float64). For every u that appears as `1 + exp(u)`, with s = σ(u) and
r = σ(-u) (so exp(u) = s/r and 1 + exp(u) = 1/r):

    exp(a) + exp(b)           ->  exp(a)·(1 + exp(b - a))   (only if no exp is left over)
    log(exp(a)·(1 + exp(u)))  ->  a + softplus(u)
    1 + exp(u)                ->  1/r
    exp(c·u), c an integer     ->  (s/r)^c

SymPy then collects the powers, so exp(u)^m / (1 + exp(u))^k becomes σ(u)^m σ(-u)^(k-m): the
sigmoid-shaped products that arise from differentiating such formulas come out as products of
sigmoids, each bounded by 1. The rewrite is an identity; it only changes how the code computes.
Built-in activations never reach it: they print from the activation table's stable spellings.
"""

from __future__ import annotations

import sympy as sp

from symbolic import functions as fn


def stabilize(expr):
    """expr with the patterns above rewritten (anything without them is returned as is).

    Splitting exp(a) + exp(b) pulls out a factor exp(a) that is only safe when it cancels
    (exp(a)/(exp(a) + exp(b)) = σ(a - b)): 1/(exp(a) + exp(b)) with a = -800, b = 0 would
    become exp(800)·σ(-800) = inf·0. So that split is kept only when no exp is left at the end.
    """
    if not isinstance(expr, sp.Basic) or not expr.has(sp.exp):
        return expr
    pairs = {
        add: sp.exp(a) * (1 + sp.exp(b - a))
        for add in expr.atoms(sp.Add)
        if (ab := _exp_pair(add)) is not None
        for a, b in [ab]
    }
    if pairs:
        split = _sigmoids(expr.xreplace(pairs))
        if not split.has(sp.exp):
            return split
    return _sigmoids(expr)


def _sigmoids(expr):
    """The softplus and 1 + exp(u) rules of the module docstring."""
    softplus = {
        log: sp.Add(*outside, fn.softplus(u))
        for log in expr.atoms(sp.log)
        if (split := _log_split(log.args[0])) is not None
        for u, outside in [split]
    }
    if softplus:
        expr = expr.xreplace(softplus)
    us = {u for add in expr.atoms(sp.Add) if (u := _one_plus_exp(add)) is not None}
    if not us:
        return expr
    us = sorted(us, key=sp.default_sort_key)
    expr = expr.xreplace({1 + sp.exp(u): 1 / fn.sigmoid(-u) for u in us})
    exps = {}
    for e in sorted(expr.atoms(sp.exp), key=sp.default_sort_key):
        for u in us:
            c = sp.cancel(e.args[0] / u)
            if c.is_Integer:  # exp(c·u) = (σ(u)/σ(-u))^c
                exps[e] = (fn.sigmoid(u) / fn.sigmoid(-u)) ** c
                break
    return expr.xreplace(exps)


def _exp_pair(expr):
    """(a, b), in a fixed order, when expr is exactly exp(a) + exp(b), else None."""
    if not expr.is_Add or len(expr.args) != 2 or not all(isinstance(t, sp.exp) for t in expr.args):
        return None
    a, b = sorted((t.args[0] for t in expr.args), key=sp.default_sort_key)
    return a, b


def _log_split(arg):
    """(u, [a, ...]) when arg is exp(a)·... · (1 + exp(u)): its log is a + ... + softplus(u)."""
    factors = sp.Mul.make_args(arg)
    ones = [f for f in factors if _one_plus_exp(f) is not None]
    rest = [f for f in factors if f not in ones]
    if len(ones) != 1 or not all(isinstance(f, sp.exp) for f in rest):
        return None
    return _one_plus_exp(ones[0]), [f.args[0] for f in rest]


def _one_plus_exp(expr):
    """u when expr is exactly 1 + exp(u), else None."""
    if not expr.is_Add or len(expr.args) != 2 or sp.S.One not in expr.args:
        return None
    other = expr.args[0] if expr.args[1] == sp.S.One else expr.args[1]
    return other.args[0] if isinstance(other, sp.exp) else None
