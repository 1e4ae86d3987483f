r"""A decorated letter as the target, read off the loss (a Japanese note's E = \frac12\sum_i
(y_i^L - \tilde{y}_i)^2, with y_j^l every unit's output):

    E = c \sum_k (v_k - \tilde{v}_k)^2        (or (\tilde{v}_k - v_k)^2, \bar{v}_k)

A squared difference in a loss pairs the network's output with its target. When one side is the
document's own letter v, a quantity it defines or differentiates (y_j^l = f_l(u_j^l), ∂E/∂y_j^L),
and the other is the same letter under a tilde or a bar with the same index, which the document
never defines nor differentiates, the decorated letter can only be the target: \tilde{v}_k is
read as the target of output k. A hat is left alone (\hat{y} is the output in most notes:
target_letters.py reads it), and so is any name the user aliases. Pure: statements in, aliases
out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import PARTIAL
from .binding import Source
from .symbols import expressions

HOW = "target accent"  # a Source's how: codegen/verdict.py says it

_ACCENTED = re.compile(r"([A-Za-z]+)_(tilde|bar|star)(?:_([a-z0-9]+))?")
_PLAIN = re.compile(r"([A-Za-z]+)(?:_([a-z0-9]+))?")


def aliases(statements: list, outputs: int, given: dict | None = None) -> tuple[dict, list[Source]]:
    """The given aliases with each decorated target's units added (\\tilde{y}_k -> the target y_k),
    and a Source for each, on the line of its loss."""
    added, said = dict(given or {}), []
    defined, differentiated = _defined(statements), _differentiated(statements)
    for accented, letter, line in _pairs(statements):
        if accented.name in defined or accented.name in differentiated:
            continue
        if not any(n == letter or n.startswith(letter + "_") for n in defined | differentiated):
            continue  # the plain letter is no quantity of the network here
        m = _ACCENTED.fullmatch(accented.name)
        assert m is not None
        base = f"{m.group(1)}_{m.group(2)}"
        units = {sp.Symbol(f"{base}_{k}"): sp.Symbol(f"y_{k}") for k in range(1, outputs + 1)}
        if outputs == 1:
            units[sp.Symbol(base)] = sp.Symbol("y_1")
        if m.group(3) and m.group(3).isalpha():  # \tilde{y}_i: in its index letter, as the user's
            units[accented] = sp.Symbol(f"y_{m.group(3)}")
        if any(u in added for u in units):
            continue
        added.update(units)
        shown = f"{m.group(1)}^*" if m.group(2) == "star" else f"\\{m.group(2)}{{{m.group(1)}}}"
        said.append(Source(shown, sp.Symbol("target"), line, HOW))
    return added, said


def _pairs(statements: list) -> list[tuple[sp.Symbol, str, int]]:
    """(decorated name, the plain letter beside it) of each squared difference (v_k - ṽ_k)^2 in a
    statement's sides, the same index on both."""
    out: list[tuple[sp.Symbol, str, int]] = []
    for stmt in statements:
        if not isinstance(stmt, Statement) or not isinstance(stmt.lhs, sp.Symbol | Partial):
            continue
        # ∂P/∂y with P = -½(y^* - y)^2 read as its formula (own_names.py): the loss in a numerator
        numerator = (
            [stmt.lhs.num] if isinstance(stmt.lhs, Partial) and isinstance(stmt.lhs.num, sp.Basic) else []
        )
        for e in [*expressions(stmt), *numerator]:
            for p in sp.preorder_traversal(e):
                if not (isinstance(p, sp.Pow) and p.exp == 2 and isinstance(p.base, sp.Add)):
                    continue
                pair = _pair(p.base)
                if pair is not None and pair not in [o[:2] for o in out]:
                    out.append((*pair, stmt.line))
    return out


def _pair(diff: sp.Add) -> tuple[sp.Symbol, str] | None:
    if len(diff.args) != 2:
        return None
    a, b = diff.args
    signs = {_sign(a), _sign(b)}
    if signs != {1, -1}:
        return None
    terms = [t if _sign(t) > 0 else -t for t in (a, b)]
    accented = [t for t in terms if isinstance(t, sp.Symbol) and _ACCENTED.fullmatch(t.name)]
    if len(accented) != 1:
        return None
    m = _ACCENTED.fullmatch(accented[0].name)
    assert m is not None
    other = terms[1] if terms[0] is accented[0] else terms[0]
    base = other.base if isinstance(other, sp.Pow) else other  # y_i^L: the layer as a superscript
    if not isinstance(base, sp.Symbol):
        return None
    plain = _PLAIN.fullmatch(base.name)
    if plain is None or plain.group(1) != m.group(1) or plain.group(2) != m.group(3):
        return None
    return accented[0], m.group(1)


def _sign(t: sp.Expr) -> int:
    return -1 if t.could_extract_minus_sign() else 1


def _defined(statements: list) -> set[str]:
    """The names the document defines (the left side of a statement that is one name); not a value
    a worked example gives (y^* = 1: the target's value at its point, numbers alone)."""
    out = set()
    for stmt in statements:
        if isinstance(stmt, Statement) and all(
            isinstance(e, sp.Basic) and e.is_number for e in expressions(stmt)[1:]
        ):
            continue
        lhs = getattr(stmt, "lhs", None)
        base = lhs.base if isinstance(lhs, sp.Pow) else lhs
        if isinstance(base, sp.Symbol):
            out.add(base.name)
    return out


def _differentiated(statements: list) -> set[str]:
    """The names a derivative of the document has above or below its bar."""
    out = set()
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for obj in [stmt.lhs, *(f for side in stmt.sides for f in side.factors)]:
            pairs = [(obj.num, obj.den)] if isinstance(obj, Partial) else []
            if isinstance(obj, sp.Basic):
                pairs += [a.args for a in sp.preorder_traversal(obj) if getattr(a, "func", None) == PARTIAL]
            for pair in pairs:
                for e in pair:
                    base = e.base if isinstance(e, sp.Pow) else e
                    if isinstance(base, sp.Symbol):
                        out.add(base.name)
    return out
