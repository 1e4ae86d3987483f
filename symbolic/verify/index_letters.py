"""The index letters of a generic statement (mixed into verify/indices.py's Instantiator): which
letters it ranges over (not bound by a sum; a letter only \\hat{y} carries on the right names one
output, not every output), the names that carry a role's letters, and whether its condition
(latex/conditions.py) holds at an instance. Pure: statements in, letters out."""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from ..latex import Statement
from ..latex.statements import COMPARISONS, SUMMATION, compare
from ..latex.vector_max import BINDERS
from .index_terms import Invalid
from .roles import LAYER, Roles
from .symbols import LAYERED, _all_symbols, _outside_sums, _parts

_NAME = LAYERED
_LAYER = re.compile(r"(l|L|nl|\d+)([+-]\d+)?")
_INPUT = re.compile(r"x_([a-z])")  # an input in an index letter, no layer
HAT = re.compile(r"(y_hat|yhat|hat_y)_([a-z])")  # the output: its letter is a unit of the output


class Letters:
    """Free letters, role names and conditions of a statement; the Instantiator supplies the state."""

    names: Any
    roles: Roles | None
    depth: int
    off: int

    def free(self, stmt: Statement) -> list[str]:
        """Index letters of the layered names not bound by a sum, in alphabetical order."""
        bound: set[str] = set()
        for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
            for e in _parts(obj):
                for a in sp.preorder_traversal(e):
                    if getattr(a, "func", None) == SUMMATION or type(a).__name__ in BINDERS:
                        bound.add(a.args[1].name)
        symbols = _all_symbols(stmt)
        letters = self._letters(symbols)
        if letters:  # x_k beside a generic statement's letters: k ranges too (a slip for x_j)
            letters |= {m.group(1) for s in symbols if (m := _INPUT.fullmatch(s.name))}
        # L = -\log \hat{y}_d, d the correct class: a letter only \hat{y} carries, and not on the
        # left, names one output the author has in mind, not every output
        hats = {m.group(2) for s in symbols if (m := HAT.fullmatch(s.name))}
        others = self._letters({s for s in symbols if not HAT.fullmatch(s.name)})
        left = {c for e in _parts(stmt.lhs) for s in e.atoms(sp.Symbol) for c in self._letters({s})}
        letters -= {c for c in hats - others if c not in left}
        # o_j = e^{z_j} / \sum_j e^{z_j}: a sum's index that also names units outside it stays free
        outside = self._letters(_outside_sums(stmt))
        return sorted(letters - (bound - outside))

    def _letters(self, symbols: set[sp.Symbol]) -> set[str]:
        """The index letters of these names: layered names', role names', generic aliases'."""
        letters: set[str] = set()
        for s in symbols:
            m = _NAME.fullmatch(s.name)
            if m:
                letters |= {c for c in (m.group(2) or "") if c.isalpha()}
                lay = m.group(3).removeprefix("[")
                letters |= {"l"} if _LAYER.fullmatch(lay) and lay.startswith("l") else set()
            if self.roles is not None and self.roles.letters(s.name):
                letters |= self.roles.letters(s.name)
            letter = self.names.generic_letter(s.name)
            letters |= {letter} if letter else set()
            m = HAT.fullmatch(s.name)  # \hat{y}_j: the output's units, its one layer
            letters |= {m.group(2)} if m and m.group(2) not in "lL" else set()
        return letters

    def role_symbols(self, stmt: Statement) -> set[sp.Symbol]:
        if self.roles is None:
            return set()
        out = set()
        for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
            for e in _parts(obj):
                out |= {s for s in e.atoms(sp.Symbol) if self.roles.letters(s.name)}
        return out

    def holds(self, condition: tuple, env: dict) -> bool:
        """Does a statement's condition (latex/conditions.py) hold for the instance `env`?
        Raises Invalid when it speaks of indices the statement does not range over."""
        for clause in condition:
            if clause[0] == "none of":
                if any(self.holds(c, env) for c in clause[1]):
                    return False
                continue
            if clause[0] == "role" and self.roles is not None and LAYER in env and clause[1] in env:
                if (self.roles.layer_of(clause[1], env) == self.depth) != (clause[2] == "output"):
                    return False
                continue
            if clause[0] == "role":
                letter, where = clause[1], clause[2]
                if "l" not in env or letter not in env:
                    raise Invalid(f"{letter} is {'an output' if where == 'output' else 'a hidden'} unit")
                if (env["l"] == self.depth + self.off) != (where == "output"):
                    return False
                continue
            a, code, b = clause
            top = {"L": self.depth + self.off} if "l" in env else {}  # (l = L): L the output layer
            values = [env.get(x, top.get(x)) if isinstance(x, str) else x for x in (a, b)]
            if None in values:
                raise Invalid(f"{a} {COMPARISONS[code]} {b}")
            if not compare(values[0], values[1], code):
                return False
        return True
