"""Parser pieces beside the expression grammar: norms \\| v \\|, indicators 1(x > 0), \\mathbb{1}(i = j); a
loss written with its arguments (J(W,b; x, y), {\\cal C}(\\hat{W^L})); a product's factors in
written order (ORDERED, for naming a wrong one). A mixin of `expressions.Parser`.
"""

from __future__ import annotations

import sympy

from .cursor import Item
from .derivatives import Derivatives
from .statements import COMPARISONS, INDICATOR, NORM
from .tokens import Tok
from .vocabulary import COMPARE_CMDS, OPENERS

# commands that only dress a name (inside a loss's arguments: E(\mathrm{net}_j), C(\hat{W^L}))
_NAME_COMMANDS = {"hat", "Theta", "theta", "bar", "tilde", "mathrm", "mathbf", "boldsymbol", "mbox", "vec"}

COMPARE = {"=", "<", ">"}
_COMPARE_OF = {
    "neq": "≠",
    "ne": "≠",
    "geq": "≥",
    "ge": "≥",
    "leq": "≤",
    "le": "≤",
    "gt": ">",
    "lt": "<",
}


class Indicators(Derivatives):
    @property
    def ordered(self) -> dict:
        """SUMMATION(body) -> SUMMATION(ORDERED(body's factors in written order))."""
        if not hasattr(self, "_ordered"):
            self._ordered: dict = {}
        return self._ordered

    def in_order(self, items: list[Item]) -> list[sympy.Expr]:
        """Items' values in written order, sums inside them with their bodies in order."""
        out = []
        for item in items:
            value = item.value.as_expr() if item.kind == "partial" else item.value
            out.append(value.xreplace(self.ordered) if self.ordered else value)
        return out

    def one_of_indicator(self, i: int) -> bool:
        """Is token i the 1 of an indicator: 1(x > 0), 1_{i = j}?"""
        t = self.toks[i] if i < len(self.toks) else None
        if t is None or t.kind != "num" or t.text != "1":
            return False
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        return self.compares(i + 2 if nxt is not None and nxt.text == "_" else i + 1)

    def compares(self, i: int) -> bool:
        """Does the bracket opening at token i hold a comparison at its top level (1(x > 0))?"""
        if i >= len(self.toks) or self.toks[i].text not in ("(", "\\{", "{"):
            return False
        level = 0
        for u in self.toks[i:]:
            if u.kind == "op" and u.text in ("(", "{", "[", "\\{"):
                level += 1
            elif u.kind == "op" and u.text in (")", "}", "]", "\\}"):
                level -= 1
                if level == 0:
                    return False
            elif level == 1 and (u.text in COMPARE or u.kind == "cmd" and u.text in COMPARE_CMDS):
                return True
        return False

    def indicator(self, depth: int, t: Tok) -> sympy.Expr:
        r"""\mathbb{1}(a = b), \mathbf{1}\{x > 0\}, \mathbb{1}[h > 0], 1(x > 0), \mathbb{1}_{y_i = k}:
        INDICATOR(a, b, code) with code the comparison's index in COMPARISONS; the verifier gives it
        its value."""
        self.i += 1
        opener = self.peek()
        if opener is not None and opener.text == "_":
            self.i += 1
            opener = self.peek()
        if opener is None or opener.text not in OPENERS:  # Iverson's [x > 0] too
            raise self.fail(opener or t, "an indicator without its condition", r"write \mathbb{1}(y_i = k)")
        self.i += 1
        closer = OPENERS[opener.text]
        stops = frozenset(COMPARE | COMPARE_CMDS)
        lhs = self.fold(self.sum(depth + 1, stops, opener))
        op = self.next()
        rhs = self.fold(self.sum(depth + 1, frozenset({closer}), opener))
        self.expect(closer, opener)
        return INDICATOR(lhs, rhs, sympy.Integer(COMPARISONS.index(_COMPARE_OF.get(op.text, op.text))))

    def loss_arguments(self, i: int) -> int:
        r"""After a loss letter, the '(' at token i opens its arguments when they are a list
        (J(W,b; x, y)) or one name alone (C(\hat{W^L}), E(\mathbf{w}), J(\Theta), Wikipedia's
        E(o_j)): the index past the ')', else 0. Anything with an operator, E(1 - o), is a factor."""
        if i >= len(self.toks) or self.toks[i].text != "(":
            return 0
        listed = self.argument_list(i)
        if listed:
            return listed
        for j in range(i + 1, len(self.toks)):
            u = self.toks[j]
            if u.text == ")":
                return j + 1 if j > i + 1 else 0
            if u.kind in ("letter", "word") or u.kind == "num":  # E(o_j), E(net_j): a name alone
                continue
            if u.kind == "cmd" and u.text in _NAME_COMMANDS:
                continue
            if u.kind == "op" and u.text in ("{", "}", "^", "_"):
                continue
            return 0
        return 0

    def argument_list(self, i: int) -> int:
        """After the '(' at token i: the index past its ')' when a ',' or ';' is inside at the top
        level (an argument list, not a factor), else 0."""
        level, listed = 0, False
        for j in range(i, len(self.toks)):
            u = self.toks[j]
            if u.kind != "op":
                continue
            if u.text in ("(", "{", "["):
                level += 1
            elif u.text in (")", "}", "]"):
                level -= 1
                if level == 0:
                    return j + 1 if listed else 0
            elif level == 1 and u.text in (",", ";"):
                listed = True
        return 0

    def norm(self, depth: int, t: Tok) -> sympy.Expr:
        """\\| v \\| at the token t (op '‖', or cmd '|' as the matrix reader's tokens spell it):
        NORM(v) (not nested: the next one closes it)."""
        self.i += 1
        self.in_norm = True
        try:
            value = self.fold(self.sum(depth + 1, frozenset({t.text}), t))
        finally:
            self.in_norm = False
        self.expect(t.text, t)
        self.euclidean_subscript()
        return NORM(value)

    def euclidean_subscript(self) -> None:
        """Pass the 2 of \\| v \\|_2 or \\| v \\|_{2}: the norm read is the Euclidean one already."""
        spelled = [(x.kind, x.text) for x in self.toks[self.i : self.i + 4]]
        if spelled[:2] == [("op", "_"), ("num", "2")]:
            self.i += 2
        elif spelled == [("op", "_"), ("op", "{"), ("num", "2"), ("op", "}")]:
            self.i += 4
