"""Fractions, derivatives and roots for the LaTeX parser.

\\frac{a}{b} is a ratio; \\frac{\\partial L}{\\partial w}, \\frac{dL}{dw} and \\partial L / \\partial w are a
`Partial` (and \\frac{L}{dw} in a document writing every derivative so: latex/bare_leibniz.py),
and so is the operator form \\frac{\\partial}{\\partial w} X or \\frac{d}{dz} X (X the product
after it); higher-order forms are refused with a fix.
"""

from __future__ import annotations

import sympy

from .cursor import Item
from .names import Names
from .source import MAX_EXPONENT, show
from .statements import Ditto, Partial
from .tokens import Tok


class Derivatives(Names):
    def frac(self, depth: int, t: Tok) -> Item:
        self.i += 1
        kind = self.derivative_kind()
        if kind:
            return self.frac_partial(depth, t, kind)
        num = self.tex_arg(depth, t)
        den = self.tex_arg(depth, t)
        if den.is_zero:
            raise self.fail(t, "division by zero", "check the denominator")
        self.check_bits([num, den], t)
        return Item(num / den, "expr", t)

    def derivative_kind(self) -> str:
        r"""'partial' for \frac{\partial ..}{..}, 'd' for \frac{dL}{dw}, '' for a ratio."""
        if not self.is_("{"):
            return ""
        if self.is_("partial", 1):
            return "partial"
        close = self.find_close(self.i)
        if close is not None and self.is_("delta", 1) and self.is_("delta", close - self.i + 2):
            # \frac{\delta E}{\delta o_j}: δ written for ∂ (never δ_j/δ_k, a ratio of errors)
            k = close - self.i
            if self.is_("{", k + 1) and not any(self.is_(x, 2) or self.is_(x, k + 3) for x in "_^}'"):
                return "delta"
        if close is not None and self.src.bare_d and not self.is_d(self.peek(1)):
            k = close - self.i  # \frac{Co}{dw_L} in a document writing every derivative so
            return "bare" if self.is_("{", k + 1) and self.is_d(self.peek(k + 2)) else ""
        if close is None or not self.is_d(self.peek(1)):
            return ""
        after = self.peek(2)
        k = close - self.i
        if not (self.is_("{", k + 1) and self.is_d(self.peek(k + 2))):
            return ""  # d \cdot x / y
        assert after is not None
        if after.text == "}" and not self.squared_by(k + 3) and not self.squared_by(k + 4):
            return "d"  # \frac{d}{dz} \sigma(z): the operator form, as \frac{\partial}{\partial z} reads
        if after.text in ("}", "^"):  # \frac{d^2y}{dx^2}, \frac{d}{dx^2}
            raise self.fail(
                self.peek(1),
                "operator or higher-order derivative d/dx",
                r"write first derivatives of a name: \frac{dL}{dw}",
            )
        return "" if after.text in ("_", "'") else "d"

    def squared_by(self, k: int) -> bool:
        """A power of a number at token k from the cursor (dx^2, dx^{2}): a higher order's mark."""
        if not self.is_("^", k):
            return False
        nxt = self.peek(k + 1)
        braced = self.is_("{", k + 1) and self.peek(k + 2)
        return bool(nxt and nxt.kind == "num" or braced and braced.kind == "num")

    @staticmethod
    def is_d(t: Tok | None) -> bool:
        return t is not None and (
            t.kind == "letter" and t.text == "d" or t.kind == "text" and t.text.strip() == "d"
        )

    def find_close(self, i: int) -> int | None:
        """Index of the '}' closing the '{' at token index i."""
        level = 0
        for j in range(i, len(self.toks)):
            t = self.toks[j]
            if t.kind == "op" and t.text in "{}":
                level += 1 if t.text == "{" else -1
                if level == 0:
                    return j
        return None

    def frac_partial(self, depth: int, t: Tok, kind: str) -> Item:
        parts = []
        operator = False
        for which in ("numerator", "denominator"):
            opener = self.expect("{")
            if kind == "bare" and which == "numerator":  # its d left out (latex/bare_leibniz.py)
                parts.append(self.fold(self.sum(depth + 1, frozenset({"}"}), opener)))
                self.expect("}", opener)
                continue
            kind = "d" if kind == "bare" else kind
            mark = self.peek()
            if kind in ("partial", "delta") and not self.is_(kind) or kind == "d" and not self.is_d(mark):
                lead = "d" if kind == "d" else "\\" + kind
                raise self.fail(
                    mark or opener,
                    f"the {which} of a derivative must start with {lead}",
                    r"write \frac{\partial L}{\partial w}",
                )
            assert mark is not None
            self.i += 1
            if self.is_("{") and self.is_("}", 1):  # \partial{} (\partial{loss} written braced): nothing
                self.i += 2
            if self.is_("^"):
                raise self.fail(self.peek(), "higher-order derivative", "write first derivatives only")
            if self.is_("}") and which == "numerator" and kind in ("partial", "d"):
                self.i += 1  # \frac{\partial}{\partial w} X: the product after it is differentiated
                operator = True
                continue
            if self.is_("}"):
                raise self.fail(
                    self.peek(),
                    f"operator form \\frac{{{mark.text}}}{{..}}",
                    r"write \frac{\partial L}{\partial w}",
                )
            parts.append(self.fold(self.sum(depth + 1, frozenset({"}"}), opener)))
            self.expect("}", opener)
        if operator:
            after = self.peek()
            if after is None or not self.starts_operand(after):
                raise self.fail(
                    after or t,
                    "nothing after the operator \\frac{\\partial}{..}",
                    r"write \frac{\partial}{\partial w} L",
                )
            body = self.product(depth + 1)
            if any(item.kind in ("partial", "ditto") for item in body.items):
                raise self.fail(
                    t, "a derivative after the operator \\frac{\\partial}{..}", "write first derivatives only"
                )
            parts.insert(0, self.fold_items(body.items, body.ops))
        return Item(Partial(*parts), "partial", t)

    def slash_partial(self, depth: int, t: Tok) -> Item:
        r"""\partial L / \partial w."""
        self.i += 1
        num = self.operand(depth + 1).value
        self.expect("/")
        if not self.is_("partial"):
            raise self.fail(self.peek(), r"expected \partial after '/'", r"write \partial L / \partial w")
        self.i += 1
        den = self.operand(depth + 1).value
        if isinstance(num, (Partial, Ditto)) or isinstance(den, (Partial, Ditto)):
            raise self.fail(t, "nested derivative", "write first derivatives only")
        return Item(Partial(num, den), "partial", t)

    def sqrt(self, depth: int, t: Tok) -> sympy.Expr:
        index = None
        if self.is_("["):
            opener = self.next()
            index = self.fold(self.sum(depth + 1, frozenset({"]"}), opener))
            self.expect("]", opener)
        value = self.tex_arg(depth, t)
        if index is None:
            return self.power(value, sympy.Rational(1, 2), t)
        if not (index.is_Integer and 1 <= index <= MAX_EXPONENT):
            raise self.fail(t, f"root index {show(str(index))}", "use a small whole number")
        return self.power(value, 1 / index, t)
