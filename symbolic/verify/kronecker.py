r"""An identity with Kronecker's delta of the class label on its left: `\delta_{yj} = y_j`.

With y the true class (the label), `\delta_{yj}` is 1 for the class j = y and 0 for the others:
the one-hot target's entry j (as `\mathbb{1}(y_i = k)` reads inside a formula, indices.py). A
statement whose left side is that delta, in an index letter, is the identity it says for each
output unit: `\delta_{yj} = y_j` reads as `y_1 = y_1`, `y_2 = y_2`, ... (correct), `\delta_{yj} =
a_j` as `y_1 = a_1`, ... (wrong). One statement per unit of the output layer (the classes), the
letter replaced in every name it indexes (`a_j` -> `a_1`, `\tilde{a}_j` -> `\tilde{a}_1`); a name
that indexes the letter otherwise (`w_{kj}`) stays as written, unknown, so not checked.

Only the label against one index letter, and only when the label is the document's target letter
(y, or t where y is the output) and no other target letter is written beside y (t_k, T_k, d_k:
then which one is the target is not settled): `\delta_{ij}` of two indices, or a delta in such a
document, is left as it is (not checked, as before). Pure: statements in, statements out.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..latex import Partial, Product, Statement
from ..latex.statements import INDICATOR

_LABEL = ("y", "t")
_RIVAL = {"t", "T", "d"}  # another target letter written beside the label y


def _letters(statements) -> set[str]:
    """The base letters of the indexed names written (t of t_k), and a lone T (a bare t is often
    a summation index: \\sum_t)."""
    out: set[str] = set()
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
            parts = [obj.num, obj.den] if isinstance(obj, Partial) else [obj]
            for e in parts:
                names = [x.name for x in e.atoms(sp.Symbol)] if isinstance(e, sp.Basic) else []
                out |= {n.split("_")[0] for n in names if "_" in n or n == "T"}
    return out


def _kronecker(lhs: object) -> tuple[str, str] | None:
    """(label, letter) of `\\delta_{yj}` on a left side, else None."""
    if not isinstance(lhs, sp.Basic) or getattr(lhs, "func", None) != INDICATOR or len(lhs.args) != 3:
        return None
    a, b, code = lhs.args
    if code != 0 or not isinstance(a, sp.Symbol) or not isinstance(b, sp.Symbol):
        return None
    for label, letter in ((a.name, b.name), (b.name, a.name)):
        if label in _LABEL and letter not in _LABEL and re.fullmatch(r"[a-z]", letter):
            return label, letter
    return None


def _at(obj, letter: str, k: int):
    """A factor with the index letter replaced by the unit k in the names it indexes."""
    if isinstance(obj, Partial):
        return Partial(_at(obj.num, letter, k), _at(obj.den, letter, k))
    if not isinstance(obj, sp.Basic):
        return obj
    swap = {
        s: sp.Symbol(re.sub(rf"(?<=[_,]){letter}(?![A-Za-z0-9])", str(k), s.name))
        for s in obj.free_symbols
        if isinstance(s, sp.Symbol)
    }
    return obj.xreplace({s: new for s, new in swap.items() if new != s})


def expand(statements: list, classes: int, targets: str = "y") -> list:
    """Each `\\delta_{yj} = ...` as one statement per class (output unit), in order; only when the
    label is the document's target letter (`targets`: 't' where y is the output, t the target)."""
    if targets == "y" and _RIVAL.intersection(_letters(statements)):
        return statements  # y beside t (or d): which one is the target is not settled
    out = []
    for stmt in statements:
        said = _kronecker(stmt.lhs) if isinstance(stmt, Statement) else None
        if said is None or not stmt.sides or said[0] != targets:
            out.append(stmt)
            continue
        label, letter = said
        for k in range(1, classes + 1):
            sides = tuple(
                Product(tuple(_at(f, letter, k) for f in p.factors), p.text, p.col, p.line, p.parts)
                for p in stmt.sides
            )
            out.append(replace(stmt, lhs=sp.Symbol(f"{label}_{k}"), sides=sides, instance=f"{letter}={k}"))
    return out
