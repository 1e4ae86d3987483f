r"""The letter of the targets, read off a document when it says it (as `--targets` would).

- d, the desired response (Haykin's `e_j = d_j - y_j`, Rumelhart's `E = \frac12\sum_j (y_j -
  d_j)^2`): a difference of d and y with one index, in a document that defines y as a unit's
  output (`y_j = \varphi_j(v_j)`, `y_j = 1/(1+e^{-x_j})`), never defines d, and pairs no t with
  y. Then d is the target and y the output. Likewise Zurada's `E = \frac12\sum_k (d_k - o_k)^2`
  beside `o_k = f(net_k)`: d against an output o the document defines in an index letter.
- r, the required output (Alpaydin's `E = \frac12\sum_t (r^t - y^t)^2` with `y^t = \sum_h v_h
  z_h^t + v_0`): read as d is.
- t in a document that writes no y at all (Cross Validated's `E = -\sum_j t_j \ln o_j`): t
  appears in the definition of the quantity the document differentiates (its loss), or on the
  right of a derivative of a loss (Rashid's `\frac{\partial E}{\partial w_{jk}} = -2 (t_k - o_k)
  \frac{\partial o_k}{\partial w_{jk}}`, E never defined); then t is the target (y, never
  written, changes nothing). A document writing t beside y is read by `definitions.y_is_output`
  (binding), or said ambiguous there; one whose vector rows define y by the layer below and write
  t (`\mathbf{y} = \sigma(\mathbf{W}_2 \mathbf{h})`, `\|\mathbf{t} - \mathbf{y}\|^2`) says t here
  (definitions.vector_y), before its rows are read entry by entry.
- \hat{y} (`--targets hat`) in a document that differentiates y by a quantity of the network
  (`\frac{\partial y_k}{\partial z_j} = w_{kj}`, a student's note on Bishop's letters) and also
  writes \hat{y}, with no t or d beside y: y is then the output, so \hat{y} is the target.
- t in a document that writes no target letter at all (t, d, r) and defines y by the network
  (Bishop's slides: `z_j = h(a_j)`, `y_k = \sigma(a_k)`): y is the output, the target unwritten.
Anything else keeps the default (y the target); options the user gives win. Pure.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Partial, Statement
from ..latex.statements import INDICATOR, PARTIAL, SUMMATION
from . import use_roles
from .definitions import Y_NAME, definitions, symbols_of, vector_y
from .symbols import expressions

_INDEXED = re.compile(r"([drtyo])((?:_.+)?)")
_O_NAME = re.compile(r"o_[a-z]")  # o_k = f(net_k): Zurada's output unit, in an index letter
_T = re.compile(r"t(?:_.+)?")


def differences(statements) -> dict[tuple[str, str], int]:
    """(letter, letter) -> the first line of a difference X_s - Y_s of two of d, t, y with one
    index s (d_j - y_j, y - t), each pair sorted."""
    out: dict[tuple[str, str], int] = {}
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for e in expressions(stmt):
            for add in (a for a in sp.preorder_traversal(e) if isinstance(a, sp.Add) and len(a.args) == 2):
                plus = [t for t in add.args if isinstance(t, sp.Symbol)]
                minus = [-t for t in add.args if isinstance(-t, sp.Symbol) and (-t) not in plus]
                if len(plus) != 1 or len(minus) != 1:
                    continue
                p, m = _INDEXED.fullmatch(plus[0].name), _INDEXED.fullmatch(minus[0].name)
                if p and m and p.group(2) == m.group(2) and p.group(1) != m.group(1):
                    a, b = sorted((p.group(1), m.group(1)))
                    out.setdefault((a, b), stmt.line)
    return out


def _defined(defs, pattern: re.Pattern) -> bool:
    return any(not df.implied and pattern.fullmatch(getattr(df.lhs, "name", "")) for df in defs)


def _differentiated(statements) -> set[str]:
    """The names the document takes a derivative of (its loss, its units)."""
    out = set()
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        for obj in [stmt.lhs, *(f for side in stmt.sides for f in side.factors)]:
            if isinstance(obj, Partial) and isinstance(obj.num, sp.Symbol):
                out.add(obj.num.name)
    return out


def _names(e: sp.Expr) -> set[sp.Symbol]:
    """The names of `e`, a \\sum's index left out (\\sum_t over time steps is no target)."""
    indices = {s.args[1] for s in sp.preorder_traversal(e) if getattr(s, "func", None) == SUMMATION}
    return e.free_symbols - indices


_HAT = re.compile(r"(?:y_?hat|hat_?y)(?:_?\d+|_[a-z])?")
_LOSSES = re.compile(r"(?:E|L|C|J|R)(?:_.+)?")


def _output_y(statements) -> int:
    """The first line that differentiates y (y_k) by a quantity that is not a loss (0: none)."""
    for stmt in statements:
        for obj in [stmt.lhs, *(f for side in stmt.sides for f in side.factors)]:
            pairs = (
                [(obj.num, obj.den)]
                if isinstance(obj, Partial)
                else [a.args for a in sp.preorder_traversal(obj) if getattr(a, "func", None) == PARTIAL]
                if isinstance(obj, sp.Basic)
                else []
            )
            for num, den in pairs:
                if (
                    isinstance(num, sp.Symbol)
                    and Y_NAME.fullmatch(num.name)
                    and isinstance(den, sp.Symbol)
                    and not _LOSSES.fullmatch(den.name)
                    and not Y_NAME.fullmatch(den.name)
                ):
                    return stmt.line
    return 0


_ANY_TARGET = re.compile(r"(?:t|T|d|r)(?:_?\d+|_[a-z])?")
_STARRED = re.compile(r"y_star(?:_.+)?")  # y^*, the desired output (target_accents.py)


def _y_defined_alone(defs, names) -> int | None:
    r"""The line defining y by the network (Bishop's y_k = \sigma(a_k)) in a document writing no
    target letter at all (t, d, r) and no other y (\hat{y}, Negnevitsky's y_{d,k}: one of them may be
    the target; a starred y^* is the target itself): y is the output there, never the target (t,
    unwritten, changes nothing); else None."""
    if any(_ANY_TARGET.fullmatch(n) for n in names):
        return None
    if any(n.startswith("y") and not Y_NAME.fullmatch(n) and not _STARRED.fullmatch(n) for n in names):
        return None
    for df in defs:
        if not df.implied and Y_NAME.fullmatch(getattr(df.lhs, "name", "")) and _computed(df.rhs):
            return df.line
    return None


def _computed(e) -> bool:
    """A unit's value: an activation applied to something, sigma(a_k), 1/(1 + e^{-z}) (an indicator,
    a class label's 1(c = k), is none)."""
    calls = [f for f in getattr(e, "atoms", lambda *_: set())(sp.Function) if f.func != INDICATOR]
    return bool(calls) and bool(e.free_symbols)


def _said(statements) -> tuple[dict, int]:
    """({"targets": letter} or {}, the line that says it)."""
    vector = vector_y(statements)  # y = \sigma(W_2 h) beside \|t - y\|^2, in vector rows
    statements = [s for s in statements if isinstance(s, Statement)]
    try:
        defs = definitions(statements)
        pairs = differences(statements)
    except (TypeError, ValueError, AttributeError):
        return {}, 0
    if not {("d", "y"), ("t", "y")} & set(pairs) and any(_HAT.fullmatch(n) for n in symbols_of(statements)):
        line = _output_y(statements)
        if line:
            return {"targets": "hat"}, line
    for letter in ("d", "r"):  # Haykin's d, Alpaydin's r (the required output)
        if (letter, "y") in pairs and ("t", "y") not in pairs:
            if _defined(defs, Y_NAME) and not _defined(defs, re.compile(letter + r"(?:_.+)?")):
                return {"targets": letter}, pairs[(letter, "y")]
            return {}, 0
    if ("d", "o") in pairs and not {("t", "y"), ("d", "y"), ("o", "t")} & set(pairs):  # Zurada's d_k - o_k
        if _defined(defs, _O_NAME) and not _defined(defs, re.compile(r"d(?:_.+)?")):
            return {"targets": "d"}, pairs[("d", "o")]
    if vector is not None:
        return {"targets": "t"}, vector
    names = symbols_of(statements)
    if (used := use_roles.target_line(statements)) is not None:  # t_j - y_j, f'(y_j): y a unit's
        return {"targets": "t"}, used
    if (defined := _y_defined_alone(defs, names)) is not None:  # y_k = sigma(a_k), no target written
        return {"targets": "t"}, defined
    if any(Y_NAME.fullmatch(n) or n.startswith("y_") for n in names):
        return {}, 0
    losses = _differentiated(statements)
    for df in defs:
        lhs = getattr(df.lhs, "name", "")
        if not df.implied and lhs in losses and any(_T.fullmatch(s.name) for s in _names(df.rhs)):
            return {"targets": "t"}, df.line
    for stmt in statements:  # Rashid's dE/dw_{jk} = -2 (t_k - o_k) ...: t in a loss's derivative
        lhs = stmt.lhs
        if isinstance(lhs, Partial) and isinstance(lhs.num, sp.Symbol) and _LOSSES.fullmatch(lhs.num.name):
            sides = [f for side in stmt.sides for f in side.factors if isinstance(f, sp.Basic)]
            if any(_T.fullmatch(s.name) for f in sides for s in _names(f)):
                return {"targets": "t"}, stmt.line
    return {}, 0


def detected(statements) -> dict:
    """{"targets": "d"}, "r", "t" or "hat" when the document says so (module doc), else {}."""
    return _said(statements)[0]


def line(statements) -> int:
    """The line that says the target letter (0 when none does)."""
    return _said(statements)[1]
