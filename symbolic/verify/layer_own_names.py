r"""A name of the document's own, in a unit letter and a layer letter, read as its definition
wherever it is used: Theodoridis and Koutroumbas define `e_j^{r-1}(i) = \sum_{k=1}^{k_r}
\delta_k^r(i) w_{kj}^r` and then write `\delta_j^{r-1}(i) = e_j^{r-1}(i) f'(v_j^{r-1}(i))`.

The index-free names of own_names.py, extended to a name with one unit letter and a layer (e_j@l-1
once the layer letters are symprop's): defined exactly once, by one formula holding a \sum, by a
letter the network does not have (not z, a, w, b, δ, x, y, ...), never in terms of itself and
never differentiated by. A use at the same layer, in any unit letter, reads as the formula with
the definition's unit letter renamed to the use's; a use at another layer, or in a letter the
formula sums over, is left as written (not checked there, said by the resolver). The definition
itself, once used so, is a name of the document's own: not checked, said so. Pure: statements
in, statements and those definitions out.
"""

from __future__ import annotations

import sympy as sp

from ..latex import Partial, Statement
from ..latex.names import LAYERED as READER_LAYERED
from .ditto import Unchecked
from .own_names import OWN
from .symbols import LAYERED, _all_symbols, expressions, map_expressions

_NETWORK = READER_LAYERED | {"x", "y", "t", "d", "f", "g", "sigma", "L", "E", "C", "J"}


def _summed(e: sp.Basic) -> set[str]:
    """The letters the formula's sums bind."""
    return {
        str(x.args[1])
        for x in sp.preorder_traversal(e)
        if type(x).__name__ == "Summation" and len(x.args) > 1
    }


def _definitions(statements: list) -> dict[sp.Symbol, tuple[str, str, str, sp.Expr]]:
    """Own name -> (its base, unit letter, layer, formula), for the names defined once (module doc)."""
    found: dict[sp.Symbol, list] = {}
    for st in statements:
        if not isinstance(st, Statement) or not isinstance(st.lhs, sp.Symbol) or len(st.sides) != 1:
            continue
        m = LAYERED.fullmatch(st.lhs.name)
        if not m or m.group(4) or m.group(1) in _NETWORK or not m.group(2) or len(m.group(2)) != 1:
            continue
        factors = [f for f in st.sides[0].factors if isinstance(f, sp.Basic)]
        if len(factors) != len(st.sides[0].factors) or not factors:
            continue
        formula = sp.Mul(*factors)
        if type(formula).__name__ == "Summation" or any(
            type(x).__name__ == "Summation" for x in sp.preorder_traversal(formula)
        ):
            found.setdefault(st.lhs, []).append((m.group(1), m.group(2), m.group(3), formula))
    return {k: v[0] for k, v in found.items() if len(v) == 1 and k not in v[0][3].free_symbols}


def _differentiated(statements: list) -> set[str]:
    """Names some derivative is taken with respect to."""
    out: set[str] = set()
    for st in statements:
        if not isinstance(st, Statement):
            continue
        for obj in [st.lhs, *(f for p in st.sides for f in p.factors)]:
            if isinstance(obj, Partial) and isinstance(obj.den, sp.Basic):
                out |= {s.name for s in obj.den.free_symbols}
        for e in expressions(st):
            for x in sp.preorder_traversal(e):
                if type(x).__name__ == "Partial" and len(x.args) == 2:
                    out |= {s.name for s in x.args[1].free_symbols}
    return out


def inline(statements: list) -> tuple[list, list[Unchecked]]:
    """Each use of a layered own name read as its definition (module doc), and each definition
    used so, said not checked (a name of the document's own)."""
    defs = _definitions(statements)
    if not defs:
        return statements, []
    across = _differentiated(statements)
    by_family = {
        (b, lay): (s, unit, formula) for s, (b, unit, lay, formula) in defs.items() if s.name not in across
    }
    out, used = [], set()
    for st in statements:
        if not isinstance(st, Statement) or isinstance(st.lhs, sp.Symbol) and st.lhs in defs:
            out.append(st)
            continue
        subs = {}
        for s in _all_symbols(st):
            m = LAYERED.fullmatch(s.name)
            hit = by_family.get((m.group(1), m.group(3))) if m and not m.group(4) else None
            if m is None or not hit or not m.group(2) or len(m.group(2)) != 1:
                continue
            name, unit, formula = hit
            use = m.group(2)
            if use != unit and use in _summed(formula):  # Σ_k beside a use in k: the sum's letter anew
                taken = {c for x in sp.preorder_traversal(formula) for c in str(x)}
                fresh = next((c for c in "pqmnuv" if c not in taken), None)
                formula = _renamed(formula, use, fresh) if fresh else formula
            if use != unit and (use in _summed(formula) or sp.Symbol(use) in formula.free_symbols):
                continue  # the use's letter is bound, or already free, in the formula
            subs[s] = formula if use == unit else _renamed(formula, unit, use)
            used.add(name)
        out.append(map_expressions(st, lambda e, subs=subs: e.xreplace(subs)) if subs else st)
    kept, said = [], []
    for st in out:
        if isinstance(st, Statement) and isinstance(st.lhs, sp.Symbol) and st.lhs in used:
            said.append(Unchecked(st.line, st.col, OWN.format(st.source.partition("=")[0].strip())))
        else:
            kept.append(st)
    return kept, said


def _renamed(formula: sp.Expr, unit: str, use: str) -> sp.Expr:
    """The formula with the unit letter `unit` read as `use` in every name's subscript (and as a
    sum's letter)."""
    rename: dict = {sp.Symbol(unit): sp.Symbol(use)}
    for s in formula.free_symbols:
        m = LAYERED.fullmatch(s.name)
        if m and m.group(2) and unit in m.group(2):
            sub = m.group(2).replace(unit, use)
            rename[s] = sp.Symbol(f"{m.group(1)}_{sub}@{m.group(3)}{m.group(4) or ''}")
    return formula.xreplace(rename)
