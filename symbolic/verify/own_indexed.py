r"""A name of the document's own in one index letter, read as its definition where the
per-index reading (per_index.py) cannot reach it: inside a sum over its letter, and on a line
above its definition.

Mehlig's lecture notes define the output error `\Delta_m = (t_m - O_m) g'(B_m)` and use it as
`\delta_m = \sum_i \Delta_i W_{im} g'(b_m)` (summed: the sum's letter has no value of its own
at an instance) and, one line before the definition, `\delta W_{mn} = \eta \sum_\mu \Delta_m
V_n` ("where \Delta_m = ..."). per_index.py reads a name so defined only at an instance that
gives its letter a value, after its definition; there the name stays unknown. Here each such use
`X_b` becomes the formula with the definition's letter read as b (Δ_i: (t_i - O_i) g'(B_i)).
Other uses and the definition itself are left to per_index.py, as before.

Never a guess: the left side is a name in exactly one index letter and no layer (Δ_m, e_k),
not a letter of the network nor a unit letter the reader gives roles to (z, a, w, b, δ, x, y, t,
o, net, h, ...; the letters roles.role_bases reads), not a unit's forward definition (one
function applied, or a sum: o_k = f(net_k), net_k = \sum_j w_{kj} y_j), defined by
exactly one statement of one side (no derivative on it), never in terms of itself, never
differentiated by, written with no layer anywhere; every other index letter of the formula is
bound by a sum in it (a free k beside Δ_m's m would be read at the use's k: a different name).
A use whose letter a sum inside the formula binds is left as written. Pure: statements in,
statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Partial, Statement
from .layer_own_names import _NETWORK, _differentiated, _summed
from .roles import role_bases
from .symbols import _all_symbols, map_expressions

_OWN = re.compile(r"([A-Za-z]+)_([a-z])")  # Δ_m, e_k: one index letter, no layer
# the reader's unit letters (letter_readings, roles): never an own name here
_UNITS = _NETWORK | {"delta", "z", "net", "b", "a", "y", "o", "x", "h", "s", "u", "v", "in", "out"}
_SUB = re.compile(r"([A-Za-z]+)_([A-Za-z0-9,]+)(@.*)?")  # a name's subscript (and layer mark)


def _letters(formula: sp.Expr) -> set[str]:
    """The lowercase index letters of the formula's names."""
    out: set[str] = set()
    for s in formula.free_symbols:
        m = _SUB.fullmatch(s.name)
        if m:
            out |= {c for c in m.group(2) if c.isalpha() and c.islower()}
        elif len(s.name) == 1 and s.name.islower():
            out.add(s.name)
    return out


def _definitions(statements: list) -> dict[str, tuple[str, sp.Expr, int]]:
    """base -> (its letter, formula, the definition's line), for the names the module reads."""
    found: dict[str, set] = {}
    for st in statements:
        if not isinstance(st, Statement) or not isinstance(st.lhs, sp.Symbol):
            continue
        m = _OWN.fullmatch(st.lhs.name)
        if m is None or m.group(1) in _NETWORK:
            continue
        ok = len(st.sides) == 1 and all(
            isinstance(f, sp.Basic) and not isinstance(f, Partial) for f in st.sides[0].factors
        )
        formula = sp.Mul(*st.sides[0].factors) if ok else None
        found.setdefault(m.group(1), set()).add((st.line, st.col, m.group(2), formula))
    out = {}
    roles = role_bases(statements)
    units = _UNITS | ({roles[0], roles[1]} if roles else set())
    written = {s.name for st in statements if isinstance(st, Statement) for s in _all_symbols(st)}
    across = _differentiated(statements)
    for base, defs in found.items():
        if len(defs) != 1:
            continue
        ((line, _col, letter, formula),) = defs
        if formula is None or not formula.free_symbols or _forward(formula) or base in units:
            continue
        if any(_SUB.fullmatch(s.name) and s.name.startswith(base + "_") for s in formula.free_symbols):
            continue  # in terms of itself
        if any(n.startswith(base + "_") and "@" in n for n in written):
            continue  # written with a layer somewhere: a layer's quantity, not one name
        if any(n.startswith(base + "_") for n in across):
            continue  # differentiated by: a quantity of the network
        if _letters(formula) - {letter} - _summed(formula):
            continue  # another free index letter
        out[base] = (letter, formula, line)
    return out


def _forward(formula: sp.Expr) -> bool:
    """A unit's forward definition (o_k = f(net_k), net_k = \\sum_j w_{kj} y_j): one function
    applied, or a sum, as the whole formula; a quantity of the network, not an own name."""
    return isinstance(formula, sp.core.function.AppliedUndef) or type(formula).__name__ == "Summation"


def _renamed(formula: sp.Expr, letter: str, use: str) -> sp.Expr:
    """The formula with its index letter read as `use`."""
    swap: dict = {sp.Symbol(letter): sp.Symbol(use)}
    for s in formula.free_symbols:
        m = _SUB.fullmatch(s.name)
        if m and letter in m.group(2):
            swap[s] = sp.Symbol(f"{m.group(1)}_{m.group(2).replace(letter, use)}{m.group(3) or ''}")
    return formula.xreplace(swap)


def _use(base: str, letter: str, formula: sp.Expr, use: str) -> sp.Expr | None:
    if use != letter and use in _summed(formula):
        return None  # the use's letter is bound inside the formula
    return formula if use == letter else _renamed(formula, letter, use)


def _in_sums(e: sp.Basic, defs: dict) -> sp.Basic:
    """e with each own name in a sum over its letter read as its formula."""
    if not isinstance(e, sp.Basic) or not e.args:
        return e
    args = [_in_sums(a, defs) for a in e.args]
    if type(e).__name__ == "Summation" and len(args) > 1 and isinstance(args[1], sp.Symbol):
        v = args[1].name
        subs = {}
        for base, (letter, formula, _line) in defs.items():
            value = _use(base, letter, formula, v)
            if value is not None:
                subs[sp.Symbol(f"{base}_{v}")] = value
        args[0] = args[0].xreplace(subs)
    return e.func(*args) if args != list(e.args) else e


def _above(e: sp.Basic, defs: dict, line: int) -> sp.Basic:
    """e on a line above the definitions: each own name, in any letter, read as its formula."""
    subs = {}
    for s in e.free_symbols if isinstance(e, sp.Basic) else ():
        m = _OWN.fullmatch(s.name)
        hit = defs.get(m.group(1)) if m else None
        if hit is None or line >= hit[2]:
            continue
        value = _use(m.group(1), hit[0], hit[1], m.group(2))  # type: ignore[union-attr]
        if value is not None:
            subs[s] = value
    return e.xreplace(subs) if subs else e


def inline(statements: list) -> list:
    """Each use of an own indexed name in a sum over its letter, or above its definition, read
    as the definition's formula (module doc)."""
    defs = _definitions(statements)
    if not defs:
        return statements
    out = []
    for st in statements:
        if not isinstance(st, Statement) or isinstance(st.lhs, sp.Symbol) and _own_def(st, defs):
            out.append(st)
            continue
        line = st.line
        out.append(map_expressions(st, lambda e, n=line: _above(_in_sums(e, defs), defs, n)))
    return out


def _own_def(st: Statement, defs: dict) -> bool:
    m = _OWN.fullmatch(getattr(st.lhs, "name", ""))
    return bool(m and m.group(1) in defs)
