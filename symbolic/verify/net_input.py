"""y as the output's NET input: a document that defines \\hat{y}_k = \\sigma(y_k) writes y_k for the
pre-activation of output k and \\hat{y}_k for its activation (melfm's notes: y1 = w5 * h1 + w6 *
h2 + b2, \\hat{y1} = \\sigma(y1)). By default y_k is the target (or, beside t, the output): such a
document is read with y_k = z⁽ᴸ⁾_k for every output k and, when it writes t or t_k, t the target.

Shown only by a definition NAME = f(y_k) whose NAME the network reads as output k's activation
(\\hat{y}_k, out_{o_k}), with f one function of y_k alone. Never overrides an explicit alias.
Pure: statements in, (aliases, conventions, inferred names) out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..errors import SympropError
from .binding import FAULTS, Source
from .definitions import definitions, symbols_of
from .names import Resolver

_Y = re.compile(r"y_?(\d+)")
_T = re.compile(r"[tT](?:_?\d+)?")


def detect(d, statements, aliases: dict | None = None, conventions: dict | None = None):
    """(aliases y_k -> z⁽ᴸ⁾_k, conventions, [Source]) when the document shows y as the net input;
    else (aliases, conventions, [])."""
    explicit = dict(aliases or {})
    if (conventions or {}).get("targets") not in (None, "", "t"):
        return explicit, conventions, []
    try:
        defs = definitions(statements)
        names = symbols_of(statements)
    except FAULTS:
        return explicit, conventions, []
    resolver = Resolver(d)
    outputs = list(d.outputs)
    shown = None
    for df in defs:
        lhs, rhs = df.lhs, df.rhs
        if df.implied or not isinstance(lhs, sp.Symbol) or not _applied_to_one(rhs):
            continue
        arg = rhs.args[0]
        m = _Y.fullmatch(arg.name)
        try:
            value = resolver.lookup(lhs.name)
        except SympropError:
            continue
        if m and value in outputs and outputs.index(value) + 1 == int(m.group(1)):
            shown = df.line
            break
    if shown is None:
        return explicit, conventions, []
    depth = d.spec.depth
    added, sources = {}, []
    for k in range(1, len(outputs) + 1):  # every y_k: the letter is the net input's
        z = resolver.lookup(f"z_{depth},{k}")
        for name in (f"y_{k}", f"y{k}"):
            if z is None or sp.Symbol(name) in explicit:
                continue
            added[sp.Symbol(name)] = sp.Symbol(z.name)
            if name in names:
                sources.append(Source(name, z, shown, "definition"))
    if not added:
        return explicit, conventions, []
    if any(_T.fullmatch(n) for n in names):
        conventions = {**(conventions or {}), "targets": "t"}
    return {**added, **explicit}, conventions, sources


def _applied_to_one(rhs: sp.Expr) -> bool:
    """f(y_k): one function (the document's own or SymPy's) of one name."""
    return isinstance(rhs, sp.Function) and len(rhs.args) == 1 and isinstance(rhs.args[0], sp.Symbol)


_LABELLED = re.compile(r"([A-Za-z]+)_([A-Za-z]+)_?(\d*)")  # net_{h1}; net_o, o a name bound
ACT = {"out", "output", "act"}  # out_{y2}: the activation of the unit whose net input is y_2
PRE = {"net", "in", "sum"}  # net_{h1} where h_1 is an activation the document bound: its z


def labelled(d, binding, statements, explicit: dict | None = None):
    """out_{y2} (melfm): a prefix saying activation or net input, and a label that is a unit the
    document names (y_2, the net input of output 2; o, the one output a blog defines as
    o = σ(w_5 h_1 + w_6 h_2 + b_2), in net_o): bound to that unit's activation (or z)."""
    from dataclasses import replace

    given = {**binding.aliases, **dict(explicit or {})}
    try:
        written = symbols_of(statements)
    except FAULTS:
        return binding
    resolver = Resolver(d)
    aliases, sources = dict(binding.aliases), list(binding.sources)
    for name, line in written.items():
        m = _LABELLED.fullmatch(name)
        if not m or sp.Symbol(name) in given or name in binding.notes:
            continue
        prefix, label = m.group(1).lower(), f"{m.group(2)}_{m.group(3)}" if m.group(3) else m.group(2)
        value = given.get(sp.Symbol(label))
        unit = re.fullmatch(r"([az])(\d+)_(\d+)", getattr(value, "name", ""))
        if unit is None:
            continue
        kind = "a" if prefix in ACT else "z" if prefix in PRE else None
        try:
            if kind is None or kind == unit.group(1) or resolver.lookup(name) is not None:
                continue
            target = resolver.lookup(f"{kind}_{unit.group(2)},{unit.group(3)}", conventions=False)
        except SympropError:
            continue
        if target is not None:
            aliases[sp.Symbol(name)] = sp.Symbol(target.name)
            sources.append(Source(name, target, line, "label"))
    if len(sources) == len(binding.sources):
        return binding
    sources.sort(key=lambda s: (s.line, s.name))
    return replace(binding, aliases=aliases, sources=sources)
