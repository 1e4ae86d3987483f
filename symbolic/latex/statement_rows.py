r"""One statement from the tokens of a row: `lhs = side = side ...`, each side as its top-level
factors (`Product`), the written order of a factor's items kept for naming the wrong one, a row
starting with '=' continuing the statement above it. Pure: a row's tokens in, a `Statement` out.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from .expressions import Parser
from .source import LatexParseError, Source
from .statements import DITTO, ORDERED, PARTIAL, Partial, Product, Statement
from .tokens import Tok


def _bare_partial(value: sympy.Expr) -> sympy.Expr | Partial:
    r"""A factor that is one derivative in brackets, (\frac{\partial E}{\partial L_k}), is that
    derivative."""
    if isinstance(value, sympy.Function) and value.func == PARTIAL and len(value.args) == 2:
        return Partial(*value.args)
    return value


def _side(p: Parser, depth: int) -> Product:
    """One side of a chain: its top-level factors."""
    first = p.i
    terms = _boxed(p, depth) or p.sum(depth, frozenset({"=", None}))
    toks = p.toks[first : p.i]
    src = p.src
    line, col = src.where(toks[0].pos)
    text = src.text[toks[0].pos : toks[-1].end]
    if len(terms) > 1:
        return Product((p.fold(terms),), text, col, line)
    term = terms[0]
    groups: list[tuple[list, list]] = []
    for k, item in enumerate(term.items):
        op = term.ops[k - 1] if k else "*"
        alone = ("bracket", "partial", "ditto")
        if op == "*" or op == "juxt" and (item.kind in alone or groups[-1][0][-1].kind in alone):
            groups.append(([item], []))
        else:
            if op == "/" and groups[-1][0][-1].kind == "ditto":
                raise p.fail(item.tok, "division of a // factor", "write the factor out")
            groups[-1][0].append(item)
            groups[-1][1].append(op)
    factors: list = []
    parts: list = []
    for items, ops in groups:
        if len(items) == 1 and items[0].kind in ("partial", "ditto"):
            factors.append(items[0].value)
            parts.append(None)
        else:
            factors.append(_bare_partial(p.fold_items(items, ops)))
            parts.append(_ordered(p, items, ops))
    if term.sign < 0:  # -2 (t_k - o_k) ...: the sign on the first item written, the order kept
        first = parts[0]
        parts[0] = ORDERED(-first.args[0], *first.args[1:]) if first is not None else None
        if isinstance(factors[0], sympy.Expr):
            factors[0] = -factors[0]
        else:
            factors.insert(0, sympy.Integer(-1))
            parts.insert(0, None)
    return Product(tuple(factors), text, col, line, tuple(parts))


def _boxed(p: Parser, depth: int) -> list | None:
    r"""A side that is one box, `= \boxed{w_5 * f'(z)}`: the box's own terms, so its factors count
    as written (a box inside a side stays one value); None, the cursor unmoved, for any other."""
    t, start = p.peek(), p.i
    if t is None or t.kind != "cmd" or t.text != "boxed" or start + 1 >= len(p.toks):
        return None
    opener = p.toks[start + 1]
    if opener.kind != "op" or opener.text != "{":
        return None
    p.i += 2
    try:
        terms = p.sum(depth + 1, frozenset({"}"}), opener)
        p.expect("}", opener)
    except LatexParseError:
        p.i = start
        return None
    if p.peek() is not None and not p.is_("="):  # \boxed{a} b: the box one value of the side
        p.i = start
        return None
    return terms


def _ordered(p: Parser, items: list, ops: list) -> sympy.Expr | None:
    """A factor of juxtaposed items (or one \\sum) in written order, for naming the wrong one."""
    if "/" in ops or any(it.kind not in ("expr", "bracket", "partial") for it in items):
        return None
    values = p.in_order(items)
    if len(values) == 1 and not values[0].has(ORDERED):
        return None
    return ORDERED(*values)


def statement(src: Source, toks: list[Tok], prev: tuple | None) -> tuple:
    """lhs = side = side ...; a row starting with '=' continues prev.

    Returns (statement, start offset) so that a continuation can extend the source text.
    """
    p = Parser(src, toks, toks[-1].end)
    first = toks[0]
    if first.text == "=":
        if prev is None:
            raise src.error(
                first.pos, "'=' starts a line with nothing to continue", "write the left-hand side first"
            )
        stmt, start = prev
        sides = list(stmt.sides)
    else:
        lhs_side = _side(p, 0)
        if any(f is DITTO for f in lhs_side.factors):
            raise src.error(first.pos, "// on the left of '='", "write the left-hand side out")
        f = lhs_side.factors
        lhs = f[0] if len(f) == 1 else sympy.Mul(*(x.as_expr() if isinstance(x, Partial) else x for x in f))
        stmt, start, sides = None, first.pos, []
    p.lhs = lhs if stmt is None else stmt.lhs  # a bare \sum's index is the summand's letter lhs lacks
    while p.is_("="):
        p.i += 1
        if p.peek() is None and sides:  # a chain left open at the end ('... = (x)(y)=', prose goes on)
            break
        if p.peek() is None or p.is_("="):
            raise p.fail(p.peek(), "nothing after '='", "write the right-hand side")
        sides.append(_side(p, 0))
    if not sides:
        raise src.error(first.pos, "no '=' in this formula", "write lhs = rhs")
    source = src.text[start : toks[-1].end]
    if stmt is not None:
        return replace(stmt, sides=tuple(sides), source=source), start
    line, col = src.where(first.pos)
    return Statement(lhs, tuple(sides), line, source, col), start
