r"""A parameter's increment written with a small delta: `\delta W_{mn} = -\eta \frac{\partial H}
{\partial W_{mn}}`, `\delta \theta_m = -\eta \sum_\mu \delta_m^{(\mu)}` (Mehlig's lecture notes;
physics-minded texts write a small change of w as \delta w). It is the increment the classic
texts write \Delta w_{ji} (verify/signs.py reads `\Delta w = RHS` as the update w^{+} = w + RHS),
and is read as that one.

Only where nothing else can be meant: the whole left side is a bare \delta (no index, no layer)
times one weight, bias or threshold name (w, W, b, \theta, \Theta, with its subscripts), some
side names a learning rate (\eta, \alpha, ...: signs.RATES), and the document defines no bare
\delta of its own (`\delta = y - t` would make \delta W an error times a weight). A \delta with an
index (\delta_j, \delta^{(l)}) is an error signal and is never touched; nor is a \delta W on a
right side. Pure: statements in, statements out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from ..latex import Statement
from .signs import is_param_name, is_rate

SMALL = sp.Symbol("delta")
DELTA = sp.Symbol("Delta")


def _parameter(lhs) -> sp.Symbol | None:
    """W_mn of δ·W_mn; None for any other left side."""
    if not isinstance(lhs, sp.Mul) or len(lhs.args) != 2 or SMALL not in lhs.args:
        return None
    (w,) = [a for a in lhs.args if a != SMALL]
    return w if isinstance(w, sp.Symbol) and is_param_name(w.name) else None


def _rated(stmt: Statement) -> bool:
    """A side names a learning rate."""
    return any(
        is_rate(s) for p in stmt.sides for f in p.factors if isinstance(f, sp.Basic) for s in f.free_symbols
    )


def apply(statements: list) -> list:
    """Each `\\delta w = ... \\eta ...` as `\\Delta w = ...` (see the module's doc)."""
    own = any(isinstance(s, Statement) and s.lhs == SMALL and s.sides for s in statements)
    if own:
        return statements
    out = []
    for stmt in statements:
        w = _parameter(stmt.lhs) if isinstance(stmt, Statement) and stmt.sides else None
        out.append(replace(stmt, lhs=DELTA * w) if w is not None and _rated(stmt) else stmt)
    return out
