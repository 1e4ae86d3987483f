"""A document's definitions, as `binding` reads them: `NAME = formula` sides, the definitions
implied by a chain of derivatives of one thing, the names it writes, a definition in an index
letter at one unit, and whether it defines y beside t (t the target). Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from ..latex import Partial, Statement
from ..latex.matrix import MatrixStatement
from .matrix_nodes import tree_nodes

_DECIMAL = re.compile(r"(?<![A-Za-z_^])[0-9]*\.[0-9]+")
Y_NAME = re.compile(r"y(?:_?\d+|_[a-z])?")
_T_NAME = re.compile(r"(?:t|T)(?:_?\d+|_[a-z])?")


@dataclass(frozen=True)
class Definition:
    line: int
    lhs: sp.Expr
    rhs: sp.Expr
    implied: bool  # read from two derivatives of one thing (∂X/∂v = ∂(formula)/∂v)


def definitions(statements) -> list[Definition]:
    """`NAME = formula` sides (numbers left out), and the definitions implied by a chain of equal
    derivatives with one variable: ∂X/∂v beside ∂(formula)/∂v at the same place."""
    out: list[Definition] = []
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        lhs = stmt.lhs
        if isinstance(lhs, sp.Symbol):
            if lhs.name.startswith("delta") or lhs.name.endswith("^+"):
                continue
            for side in stmt.sides:
                if _DECIMAL.search(side.text) or not all(isinstance(f, sp.Basic) for f in side.factors):
                    continue
                rhs = sp.Mul(*side.factors)
                if rhs.free_symbols:
                    out.append(Definition(stmt.line, lhs, rhs, False))
            continue
        if not isinstance(lhs, Partial):
            continue
        rows = [[lhs]] + [list(s.factors) for s in stmt.sides]
        for a in range(len(rows)):
            for b in range(a + 1, len(rows)):
                if len(rows[a]) != len(rows[b]):
                    continue
                for p, q in zip(rows[a], rows[b]):
                    if (
                        isinstance(p, Partial)
                        and isinstance(q, Partial)
                        and p.den == q.den
                        and p.num != q.num
                    ):
                        for x, y in ((p.num, q.num), (q.num, p.num)):
                            if isinstance(x, sp.Symbol) and not isinstance(y, sp.Symbol):
                                out.append(Definition(stmt.line, x, y, True))
    return out


def written(statements) -> set[str]:
    """The raw names a document writes."""
    return set(symbols_of(statements))


def symbols_of(statements) -> dict[str, int]:
    """Every raw name the document writes -> the first line it is on."""
    seen: dict[str, int] = {}
    for stmt in statements:
        if not isinstance(stmt, Statement):
            continue
        objs = [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]
        for obj in objs:
            for e in (
                [obj.num, obj.den] if isinstance(obj, Partial) else [obj] if isinstance(obj, sp.Basic) else []
            ):
                for s in sorted(e.atoms(sp.Symbol), key=lambda s: s.name):
                    seen.setdefault(s.name, stmt.line)
    return seen


def y_is_output(statements, defs: list[Definition]) -> int | None:
    """The line defining y (y = \\sigma(net), y_k = ...) in a document that writes t or t_k:
    there y is the output and t the target (as --targets t says); else None."""
    if not any(_T_NAME.fullmatch(n) for n in symbols_of(statements)):
        return None
    for df in defs:
        name = getattr(df.lhs, "name", "")
        if not df.implied and Y_NAME.fullmatch(name) and df.rhs.free_symbols:
            return df.line
    for stmt in statements:
        if isinstance(stmt, Statement) and _y_equated(stmt):
            return stmt.line
    return None


def vector_y(statements) -> int | None:
    r"""The line of a vector row defining y by the layer below (`\mathbf{y} = \sigma(\mathbf{W}_2
    \mathbf{h})`), in a document whose vector rows write t (`\|\mathbf{t} - \mathbf{y}\|^2`):
    y is the output there, t the target; else None."""
    matrices = [m for m in statements if isinstance(m, MatrixStatement)]
    if not any(n.args[0] == "t" and not n.args[2] for m in matrices for n in _matrix_names(m)):
        return None
    for m in matrices:
        lhs = m.lhs
        if lhs.kind != "name" or lhs.args[0] != "y" or lhs.args[1] or lhs.args[2] or len(m.sides) != 1:
            continue
        node = m.sides[0].node
        names = [n for n in tree_nodes(node) if n.kind == "name"]
        if node.kind in ("call", "prod", "sum") and any(n.args[0] != "y" for n in names):
            return m.line
    return None


def _matrix_names(m) -> list:
    return [n for n in tree_nodes((m.lhs, *(side.node for side in m.sides))) if n.kind == "name"]


def _y_equated(stmt: Statement) -> bool:
    """Do two sides of the statement say y is another name (Hjorth-Jensen's (y_i - t_i)^2 =
    (a_i^L - t_i)^2; Wikipedia's \\frac{\\partial E}{\\partial o_j} = \\frac{\\partial E}{\\partial y})?"""
    rows = [stmt.lhs]
    for side in stmt.sides:
        if len(side.factors) == 1:
            rows.append(side.factors[0])
        elif all(isinstance(f, sp.Basic) for f in side.factors):
            rows.append(sp.Mul(*side.factors))
    pairs = []
    for a in range(len(rows)):
        for b in range(a + 1, len(rows)):
            p, q = rows[a], rows[b]
            if isinstance(p, Partial) and isinstance(q, Partial):
                if p.num == q.num:
                    pairs.append((p.den, q.den))
                elif p.den == q.den:
                    pairs.append((p.num, q.num))
            elif isinstance(p, sp.Basic) and isinstance(q, sp.Basic) and not p.is_Symbol and not q.is_Symbol:
                pairs.append((p, q))
    for p, q in pairs:
        for x, y in ((p, q), (q, p)):
            ys = [s for s in x.free_symbols if Y_NAME.fullmatch(s.name)]
            if not ys or any(Y_NAME.fullmatch(s.name) for s in y.free_symbols):
                continue
            wild = {s: sp.Wild(f"w{k}", properties=[lambda e: e.is_Symbol]) for k, s in enumerate(ys)}
            found = y.match(x.xreplace(wild)) if isinstance(y, sp.Expr) else None
            if found and all(
                v.is_Symbol and not _T_NAME.fullmatch(v.name) for w, v in found.items() if w in wild.values()
            ):
                return True
    return False


def instance(rhs: sp.Expr, letter: str, width: int) -> sp.Expr | None:
    """A formula in an index letter at unit 1 (X_k -> X_1), each \\sum_j over 1..width; None when
    it has no sum or a sum leaves out a unit (\\sum_{j \\neq k})."""
    sums = [e for e in sp.preorder_traversal(rhs) if type(e).__name__ == "Summation"]
    if not sums or any(e.args[2] != 0 for e in sums):
        return None

    def at(expr: sp.Expr, var: str, value: int) -> sp.Expr:
        return expr.xreplace(
            {x: sp.Symbol(f"{x.name[:-2]}_{value}") for x in expr.free_symbols if x.name.endswith(f"_{var}")}
        )

    def open_sums(expr):
        if type(expr).__name__ == "Summation":
            body, var = expr.args[0], expr.args[1].name
            return sp.Add(*[at(open_sums(body), var, v) for v in range(1, width + 1)])
        if not expr.args:
            return expr
        return expr.func(*[open_sums(a) for a in expr.args])

    return at(open_sums(rhs), letter, 1)


def in_letter(env: dict, layers) -> dict[str, tuple[str, int]] | None:
    """{base: (a or z, layer)} when every name base_v of `env` is unit v of one layer."""
    out: dict[str, tuple[str, int]] = {}
    for name, value in env.items():
        m = re.fullmatch(r"([A-Za-z]+)_(\d+)", name)
        layer, kind = layers.unit_layer(value)
        if not m or layer is None or layer < 1 or value.name != f"{kind}{layer}_{m.group(2)}":
            return None
        if out.setdefault(m.group(1), (kind, layer)) != (kind, layer):
            return None
    return out
