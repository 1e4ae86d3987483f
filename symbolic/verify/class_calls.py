r"""softmax of a class label: `softmax(b)` for the softmax output of class b (Cross Validated 235528:
`\frac{\partial o_b}{\partial z_b} = ... = softmax(b) - softmax^2(b) = o_b - o_b^2`).

The document applies softmax to its net inputs in a letter elsewhere (`o_j = softmax(z_j)`): z is
then its name for the softmax's input, and softmax(b), of a bare letter, is softmax(z_b), class
b's output. Only when exactly one base is so written (softmax(z_j), never also softmax(u_k)), the
label is one lowercase letter, and the statement itself names unit b with that base (z_b): the
letter is then a unit of the statement, read by it. Anything else is left as written (not
checked: softmax of a name that is not a net input). Pure: statements in, statements out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from ..latex.vocabulary import SOFTMAX
from .symbols import _all_symbols, expressions, map_expressions

_IN_LETTER = re.compile(r"([A-Za-z]+)_([a-z])")


def _bases(statements: list) -> set[str]:
    """The bases X of the document's softmax(X_j) calls, in an index letter."""
    out: set[str] = set()
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for e in expressions(stmt):
            for call in e.atoms(SOFTMAX):
                arg = call.args[0] if len(call.args) == 1 else None
                m = _IN_LETTER.fullmatch(arg.name) if isinstance(arg, sp.Symbol) else None
                if m:
                    out.add(m.group(1))
    return out


def apply(statements: list) -> list:
    """Each softmax(b) of a class label b written softmax(z_b), z the document's softmax input."""
    bases = _bases(statements)
    if len(bases) != 1:
        return statements
    (base,) = bases
    out = []
    for stmt in statements:
        if not isinstance(stmt, Statement):
            out.append(stmt)
            continue
        written = {s.name for s in _all_symbols(stmt)}
        swap = {
            call: SOFTMAX(sp.Symbol(f"{base}_{call.args[0].name}"))
            for e in expressions(stmt)
            for call in e.atoms(SOFTMAX)
            if len(call.args) == 1
            and isinstance(call.args[0], sp.Symbol)
            and re.fullmatch(r"[a-z]", call.args[0].name)
            and f"{base}_{call.args[0].name}" in written
        }
        out.append(map_expressions(stmt, lambda e, s=swap: e.xreplace(s)) if swap else stmt)
    return out
