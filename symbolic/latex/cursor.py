"""The parser's cursor over tokens, and what it builds: items (values) and terms.

The recursive-descent parser is built in layers, each a subclass of the one before: `Cursor`
(token helpers), `names.Names` (names and scripts), `derivatives.Derivatives` (fractions,
derivatives, roots) and `expressions.Parser` (sums, products, operands, calls).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sympy

from .source import LatexParseError, Source, show
from .tokens import Tok


@dataclass
class Item:
    value: Any  # sympy.Expr | Partial | DITTO
    kind: str  # expr bracket partial ditto
    tok: Tok
    inner: Any = None  # a bracket holding one product: its Term ((\delta_l w_{h,l}) in a \sum)


@dataclass
class Term:
    sign: int
    items: list = field(default_factory=list)
    ops: list = field(default_factory=list)  # ops[k] joins items[k] and items[k+1]: * / juxt


class Cursor:
    """A position in a formula's tokens, with positioned errors."""

    def __init__(self, src: Source, toks: list[Tok], end: int):
        self.src, self.toks, self.i, self.end = src, toks, 0, end
        self.operands = 0

    # -- token helpers
    def peek(self, k: int = 0) -> Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self) -> Tok:
        t = self.peek()
        if t is None:
            raise self.src.error(self.end, "formula ends too early", "complete the formula")
        self.i += 1
        return t

    def is_(self, text: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind in ("op", "cmd", "ditto") and t.text == text

    def fail(self, tok: Tok | None, what: str, fix: str = "") -> LatexParseError:
        return self.src.error(tok.pos if tok else self.end, what, fix)

    def expect(self, text: str, opener: Tok | None = None) -> Tok:
        t = self.peek()
        if t is not None and t.text == text and t.kind == "op":
            self.i += 1
            return t
        if opener is not None and t is None:
            raise self.fail(
                opener,
                f"unbalanced '{opener.text}': the formula ends before its '{text}'",
                f"add the matching '{text}'",
            )
        if opener is not None and t is not None:
            line, col = self.src.where(opener.pos)
            raise self.fail(
                t,
                f"found {show(t.text)} where '{text}' should close the '{opener.text}' at {line}:{col}",
                f"add the matching '{text}'",
            )
        raise self.fail(
            t, f"expected '{text}', found {show(t.text) if t else 'the end'}", f"write '{text}' here"
        )

    def take_char(self) -> Tok:
        """Consume one character of the current num/letter token (TeX's single-token argument)."""
        t = self.next()
        if t.kind == "num" and len(t.text) > 1:
            rest = Tok("num", t.text[1:], t.pos + 1, t.end)
            self.i -= 1
            self.toks[self.i] = rest
            return Tok("num", t.text[0], t.pos, t.pos + 1, t.space)
        return t

    if TYPE_CHECKING:  # the recursion, defined by expressions.Parser

        def sum(self, depth: int, stops: frozenset, opener: Tok | None = None) -> list[Term]: ...
        def fold(self, terms: list[Term]) -> sympy.Expr: ...
        def operand(self, depth: int) -> Item: ...
        def power(self, base: sympy.Expr, exp: sympy.Expr, tok: Tok) -> sympy.Expr: ...
        def check_bits(self, values: list, tok: Tok) -> None: ...
        def product(self, depth: int) -> Term: ...
        def starts_operand(self, t: Tok) -> bool: ...
        def fold_items(self, items: list[Item], ops: list[str]) -> sympy.Expr: ...
