"""The expression parser: sums, products, operands and function calls -> SymPy objects.

A recursive-descent parser over `tokens`; nothing is evaluated (no eval/sympify/parse_expr), every
number and nesting level is bounded. A partial derivative standing as a factor is a `Partial`;
inside a larger expression it becomes the applied function PARTIAL(num, den).
"""

from __future__ import annotations

import sympy

from .algorithm import elided_arguments
from .bare_index import summed_letter
from .calls import Calls
from .cursor import Item, Term
from .entries import entry
from .expression_primes import prime_of
from .lagrange import LAGRANGE_AT
from .loss_calls import loss_call, loss_kind, named
from .partial_subscripts import LIKELIHOOD, log_likelihood
from .source import (
    FIX_COMMAND,
    MAX_DEPTH,
    MAX_DOC_OPERANDS,
    MAX_EXPONENT,
    MAX_NUMBER_BITS,
    MAX_OPERANDS,
    show,
)
from .statements import BARE_INDEX, DITTO, ORDERED, PARTIAL, SUMMATION, Partial, indexed
from .tokens import Tok
from .vector_max import VECTOR_SUM
from .vocabulary import (
    ACCENTS,
    CLOSERS,
    FRACS,
    FUNCTIONS,
    GENERIC_CALLS,
    GREEK,
    MUL_CMDS,
    OPENERS,
    VALUE_CMDS,
)

NORM_BARS = ("‖", "|")  # \| as a token: '‖' (op) here, '|' (cmd) in the matrix reader's tokens
LOSS_CALLS = ("J", "E", "L", "C")  # J(W,b; x, y), E(w): the loss written with its arguments


class Parser(Calls):
    """A formula's tokens -> terms of items (sum), folded into SymPy values (fold)."""

    lhs: object = None  # the row's left side once read (statement_rows.py): a bare \sum's index

    # -- sums and products
    def sum(self, depth: int, stops: frozenset, opener: Tok | None = None) -> list[Term]:
        """Terms up to (not including) a token in stops; None in stops allows the end."""
        if depth > MAX_DEPTH:
            raise self.fail(self.peek(), f"nesting deeper than {MAX_DEPTH}", "flatten the formula")
        terms = []
        while True:
            sign = 1
            while self.is_("+") or self.is_("-"):
                sign = -sign if self.next().text == "-" else sign
            term = self.product(depth)
            term.sign = sign
            terms.append(term)
            if not (self.is_("+") or self.is_("-")):
                break
        return self.sum_end(terms, stops, opener)

    def product(self, depth: int) -> Term:
        """Operands joined by *, / or juxtaposition, up to a + or - (or anything else)."""
        term = Term(1, [self.operand(depth)])
        while True:
            t = self.peek()
            if t is None:
                break
            if t.kind == "cmd" and t.text in MUL_CMDS or self.is_("*"):
                op = "*"
            elif self.is_("/") or t.kind == "cmd" and t.text == "div":
                op = "/"
            elif self.starts_operand(t):
                after_group = self.i > 0 and self.toks[self.i - 1].text in (")", "]")
                if (
                    t.kind == "num" and not self.one_of_indicator(self.i) and not after_group
                ):  # σ'(z) 2(a - y)
                    raise self.fail(
                        t, f"number {show(t.text)} right after a factor", r"put \cdot between them"
                    )
                term.items.append(self.operand(depth))
                term.ops.append("juxt")
                continue
            else:
                break
            self.i += 1
            if op == "*" and self.scientific(term, depth):  # 1.86816\times10^{-1}: one number
                continue
            neg = False
            while self.is_("+") or self.is_("-"):
                neg ^= self.next().text == "-"
            item = self.operand(depth)
            if neg:
                item = self.negate(item)
            term.items.append(item)
            term.ops.append(op)
        return term

    def scientific(self, term: Term, depth: int) -> bool:
        r"""After a number and \times (\cdot, *): 10^{k} makes it one number in scientific form,
        a\times10^{b}; anything else (2 \times w) is the next factor."""
        last, t = term.items[-1], self.peek()
        if not (
            last.kind == "expr"
            and last.tok.kind == "num"
            and self.i >= 2
            and self.toks[self.i - 2] is last.tok
            and t is not None
            and t.kind == "num"
            and t.text == "10"
            and self.is_("^", 1)
        ):
            return False
        power = self.operand(depth)
        term.items[-1] = Item(last.value * power.value, "expr", last.tok)
        return True

    def sum_end(self, terms: list[Term], stops: frozenset, opener: Tok | None) -> list[Term]:
        t = self.peek()
        if t is None and None in stops or t is not None and t.text in stops:
            return terms
        if t is None and opener is not None:
            self.expect(OPENERS[opener.text], opener)
        if t is not None and t.text in CLOSERS:
            raise self.fail(t, f"unbalanced '{t.text}'", "remove it or add the matching opener")
        if t is not None and t.text == "=":
            raise self.fail(t, "'=' inside brackets or an argument", "close the bracket before '='")
        if t is not None and t.text == "\\\\":
            raise self.fail(t, "line break \\\\ outside an aligned block row", "end the formula before \\\\")
        if t is not None and t.kind in ("begin", "end"):
            raise self.fail(
                t,
                f"\\{t.kind}{{{t.text}}} inside a formula",
                "put aligned blocks around whole equations only",
            )
        raise self.fail(t, f"unexpected {show(t.text) if t else 'end'}", FIX_COMMAND)

    def skip_group(self) -> None:
        """Past the ')' closing the '(' at the cursor (a flat group: elided_arguments)."""
        while self.next().text != ")":
            pass

    def negate(self, item: Item) -> Item:
        if item.kind in ("partial", "ditto"):
            raise self.fail(
                item.tok, "a sign before a derivative or // factor", r"write -1 \cdot [ ... ] instead"
            )
        return Item(-item.value, "expr", item.tok)

    def starts_operand(self, t: Tok) -> bool:
        if t.kind in ("num", "letter", "word", "text", "ditto"):
            return True
        if t.text in NORM_BARS and t.kind in ("op", "cmd"):
            return not getattr(self, "in_norm", False)
        if t.kind == "cmd":
            return t.text in VALUE_CMDS or t.text == "indicator"
        return t.kind == "op" and t.text in OPENERS

    def fold(self, terms: list[Term]) -> sympy.Expr:
        """Terms -> one SymPy expression (Partial -> PARTIAL(num, den); // is an error)."""
        parts = []
        for term in terms:
            value = self.fold_items(term.items, term.ops)
            parts.append(value if term.sign > 0 else -value)
        return parts[0] if len(parts) == 1 else sympy.Add(*parts)

    def fold_items(self, items: list[Item], ops: list[str]) -> sympy.Expr:
        num, den = [], []
        for k, item in enumerate(items):
            if item.kind == "ditto":
                raise self.fail(
                    item.tok,
                    "// (same as above) inside an expression",
                    r"use // only as a whole factor: // \cdot [x_2]",
                )
            value = item.value.as_expr() if item.kind == "partial" else item.value
            if k and ops[k - 1] == "/":
                if value.is_zero:
                    raise self.fail(item.tok, "division by zero", "check the denominator")
                den.append(value)
            else:
                num.append(value)
        self.check_bits(num + den, items[0].tok)
        value = num[0] if len(num) == 1 else sympy.Mul(*num)
        if den:
            value = value / (den[0] if len(den) == 1 else sympy.Mul(*den))
        return value

    def check_bits(self, values: list, tok: Tok) -> None:
        bits = sum(v.p.bit_length() + v.q.bit_length() for v in values if v.is_Rational)
        if bits > MAX_NUMBER_BITS:
            raise self.fail(tok, f"number too large (over {MAX_NUMBER_BITS} bits)", "use smaller constants")

    def power(self, base: sympy.Expr, exp: sympy.Expr, tok: Tok) -> sympy.Expr:
        decimal_of_e = base == sympy.E and exp.is_Rational and abs(exp) <= MAX_EXPONENT  # e^{0.4332}
        if exp.is_Rational and not decimal_of_e and (abs(exp.p) > MAX_EXPONENT or exp.q > MAX_EXPONENT):
            raise self.fail(
                tok,
                f"exponent {show(str(exp))} is too large (limit {MAX_EXPONENT})",
                "use a smaller exponent",
            )
        if exp.is_Rational and base.is_Rational:
            self.check_bits([base] * abs(exp.p), tok)
        if base.is_zero and exp.is_Rational and exp.is_negative:
            raise self.fail(tok, "division by zero", "check the exponent")
        return sympy.Pow(base, exp)

    # -- operands
    def operand(self, depth: int) -> Item:
        if depth > MAX_DEPTH:
            raise self.fail(self.peek(), f"nesting deeper than {MAX_DEPTH}", "flatten the formula")
        self.operands += 1
        self.src.operands += 1
        t = self.peek()
        if self.operands > MAX_OPERANDS or self.src.operands > MAX_DOC_OPERANDS:
            raise self.src.limit(
                t.pos if t else self.end,
                f"too many terms (limit {MAX_OPERANDS} per formula, {MAX_DOC_OPERANDS} per document)",
                "split the formula",
            )
        if self.operands % 64 == 0:
            self.src.tick(t.pos if t else self.end)
        if t is None:
            raise self.fail(t, "a value is missing at the end", "complete the formula")
        if not self.starts_operand(t):
            if t.kind == "cmd" and t.text == "ell" and log_likelihood(self.src.text):
                raise self.fail(
                    t, LIKELIHOOD, "differentiate the loss L = -ℓ, or define ℓ with its minus sign"
                )
            what = "operator" if t.text in ("+", "-", "*", "/", "^", "_", "=") else "token"
            raise self.fail(
                t, f"expected a value, found {what} {show(t.text)}", "put a value here or remove the operator"
            )
        if t.kind == "ditto":
            self.i += 1
            return Item(DITTO, "ditto", t)
        if t.kind == "cmd" and t.text == "partial":
            return self.slash_partial(depth, t)
        if t.kind == "letter" and t.text == "d":  # dy_j/dx_j (Rumelhart et al. 1986)
            item = self.slash_d(depth, t)
            if item is not None:
                return item
        if t.kind == "cmd" and t.text == "indicator" or self.one_of_indicator(self.i):
            return self.postfix(depth, Item(self.indicator(depth, t), "expr", t))
        if t.kind == "cmd" and t.text in FRACS:
            item = self.frac(depth, t)
            if item.kind == "partial":
                return item
        elif t.kind == "cmd" and t.text in ("underbrace", "overbrace", "boxed"):
            item = self.decoration(depth, t)
        elif t.text in NORM_BARS and t.kind in ("op", "cmd"):  # \| v \|
            item = Item(self.norm(depth, t), "expr", t)
        elif t.kind == "op" and t.text in ("(", "[", "\\{"):
            self.i += 1
            inner = self.sum(depth + 1, frozenset({OPENERS[t.text]}), t)
            value = self.fold(inner)
            self.expect(OPENERS[t.text], t)
            if t.text == "(" and isinstance(value, sympy.Function) and value.func == PARTIAL:
                return Item(Partial(*value.args), "partial", t)  # (\frac{\partial E}{\partial a})
            one = inner[0] if len(inner) == 1 and inner[0].sign > 0 else None
            item = Item(value, "bracket" if t.text == "[" else "expr", t, one)
        else:
            item = Item(self.primary(depth, t), "expr", t)
        return self.postfix(depth, item)

    def postfix(self, depth: int, item: Item) -> Item:
        """A superscript after a non-name value; subscripts and primes are errors here."""
        t = self.peek()
        if t is not None and t.kind == "op" and t.text == "_" and item.kind == "expr":
            value = entry(self, depth, item.value, t)  # \phi(z)_i: phi(z_i) (latex/entries.py)
            if value is not None:
                return self.postfix(depth, Item(value, item.kind, item.tok))
        if t is not None and t.kind == "op" and t.text == "^":
            if item.kind == "partial":
                raise self.fail(t, "power of a derivative", "write the factor twice")
            self.i += 1
            if self._updated() and isinstance(item.value, sympy.Symbol):  # {W^{(2)}_{11}}^{+}
                return Item(sympy.Symbol(item.value.name.removesuffix("^+") + "^+"), item.kind, item.tok)
            exp = self.script(depth, t)
            item = Item(self.power(item.value, exp, t), item.kind, item.tok)
            t = self.peek()
            if t is not None and t.kind == "op" and t.text == "^":
                raise self.fail(t, "double superscript", "use braces: a^{b^c}")
        if t is not None and t.kind == "op" and t.text == "'" and item.kind == "expr":
            derivative = prime_of(item.value)  # (1/(1 + e^{-z}))': by z (latex/expression_primes.py)
            if derivative is not None:
                self.i += 1
                return Item(derivative, "partial", item.tok)
        if t is not None and t.kind == "op" and t.text in ("_", "'"):
            raise self.fail(
                t,
                f"'{t.text}' after a value that is not a name",
                "subscripts and primes go on names: w_{11}, \\sigma'(z)",
            )
        return item

    def primary(self, depth: int, t: Tok) -> sympy.Expr:
        kind, s = t.kind, t.text
        if kind == "num":
            return self.number(self.next())
        if kind in ("letter", "word") and s in self.src.functions and self.is_("(", 1):
            self.i += 1  # a function the document defines: s(x) = ...
            return self.defined_call(depth, s)
        if kind == "letter":
            nxt = self.peek(1)
            if s in GENERIC_CALLS and nxt is not None and (nxt.text == "(" or nxt.text == "'"):
                self.i += 1
                return self.call(depth, s, t)
            if s in LOSS_CALLS and nxt is not None and nxt.text == "(" and self.loss_arguments(self.i + 1):
                self.i = self.loss_arguments(self.i + 1)  # J(W,b; x, y): the loss, its arguments shown
                return sympy.Symbol(s)
            if s in self.src.primed and self.is_("(", 1) and self.lagrange_at(self.i + 1):
                self.i += 1  # R(Z_h) in a document writing R'(Z_o): R at Z_h (latex/lagrange.py)
                return LAGRANGE_AT(sympy.Symbol(s), *self.arguments(depth))
            self.i += 1
            value = self.name(depth, s, t, euler=(s == "e"))
            if s in LOSS_CALLS and isinstance(value, sympy.Symbol) and elided_arguments(self):
                self.skip_group()  # C_0(\ldots): one example's cost, its arguments elided
            elif isinstance(value, sympy.Symbol) and loss_kind(value.name):
                self.i = self.loss_arguments(self.i) or self.i  # L_{CE}(a^{[2]}, y): its arguments shown
            return value
        if kind in ("word", "text"):
            self.i += 1
            word = s if kind == "word" else self.text_word(t)
            if word in FUNCTIONS and word not in GENERIC_CALLS and word not in ("varphi", "phi"):
                return self.call(depth, word, t)
            if named(word) and self.is_("("):  # CE(y, \hat{y}): a loss the document names
                return loss_call(self, depth, word, t)
            if word == "sum" and self.is_("("):  # sum(Y * \log(\hat{Y})): the entries added
                args = self.arguments(depth)
                if len(args) == 1:
                    return VECTOR_SUM(args[0])
                raise self.fail(t, f"sum takes one argument, got {len(args)}", "write sum(...)")
            return self.name(depth, word, t, euler=(word == "e" and kind == "text"))
        if kind == "op" and s == "{":
            if self.is_("}", 1):
                return self.prescript(depth, t)
            self.i += 1
            value = self.fold(self.sum(depth + 1, frozenset({"}"}), t))
            self.expect("}", t)
            if isinstance(value, sympy.Symbol) and value.name in LOSS_CALLS and self.loss_arguments(self.i):
                self.i = self.loss_arguments(self.i)  # {\cal C}(\hat{W^L}): the cost and its argument
            return value
        self.i += 1  # a command from VALUE_CMDS
        if s in ("varphi", "phi") and (self.is_("(") or self.is_("'")):  # \varphi(net_j)
            return self.call(depth, s, t)
        if s in GREEK:
            return self.name(depth, s, t)
        if s == "pi":
            return sympy.pi
        if s in FUNCTIONS:
            return self.call(depth, s, t)
        if s == "sum":
            var, skip = self.sum_header(t)
            from_zero = self.from_zero  # \sum_{j=0}: the bias input x_0 = 1 in it
            minus = self.is_("-")  # \sum_k -\delta_k w_{kj} (Mitchell): the negated body
            self.i += minus
            body = self.product(depth + 1)
            folded = self.fold_items(body.items, body.ops)
            group = body.items[0].inner if len(body.items) == 1 else None
            if group is not None and len(group.items) > 1:  # \sum_l (\delta_l w_{h,l}): its factors
                body = group
            if var.name == BARE_INDEX and indexed(folded):  # a_j = \sum \alpha_{ji} x_i: i (bare_index.py)
                var = summed_letter(folded, self.lhs) or _unindexed(self, t)
            value = SUMMATION(-folded if minus else folded, var, skip, *[sympy.Integer(0)] * from_zero)
            if (
                not minus
                and "/" not in body.ops
                and all(it.kind in ("expr", "bracket", "partial") for it in body.items)
            ):
                self.ordered[value] = SUMMATION(ORDERED(*self.in_order(body.items)), var, skip)
            return value
        if s == "sqrt":
            return self.sqrt(depth, t)
        if s in ACCENTS:
            return self.name(depth, self.accent(t), t)
        raise self.fail(t, f"unexpected \\{s}", FIX_COMMAND)  # pragma: no cover


def _unindexed(p: Parser, t: Tok) -> sympy.Symbol:
    raise p.fail(t, r"\sum without its index", r"write \sum_k ...")
