"""Function calls in the expression parser (mixed into latex/expressions.py's Parser): a function
after its name with its primes, power, log base and arguments; a function the document defines;
d NAME / d NAME written inline; \\boxed / \\underbrace / \\overbrace around a value; a number within
the reader's limits. Nothing is evaluated. Pure: tokens in, SymPy values out."""

from __future__ import annotations

import re

import sympy

from ..activations import prime_word
from .cursor import Item
from .functions_defined import defined
from .lagrange import Primes
from .source import MAX_DIGITS, MAX_EXPONENT, LatexParseError, show
from .statements import BARE_INDEX, Partial
from .tokens import Tok, number_value
from .vector_max import over_index, whole_vector
from .vocabulary import FUNCTIONS, GENERIC_CALLS, MUL_CMDS, PRIMABLE

# d\sigma/dz, or \sigma'(a) = ...: a document differentiating \sigma, where a bare \sigma is \sigma(z)
_BARE_SIGMA = re.compile(
    r"\\frac\s*\{\s*(?:d|\\partial)\s*\\sigma\s*\}"
    r"|\\sigma\s*(?:'|\^\s*\{?\s*\\prime\s*\}?)\s*(?:\\left)?\(\s*[A-Za-z]\s*(?:\\right)?\)\s*="
)
_ENDS = frozenset({")", "}", "]", "=", "-", "+", "*", "&", ","})


class Calls(Primes):
    """Calls, inline d/d, decorations and numbers, and the header of a \\sum or \\max_k."""

    def sum_header(self, t: Tok) -> tuple[sympy.Symbol, sympy.Expr]:
        r"""After \sum: _k, _{k}, _{k \neq i}, _{j=1}^{s_{l+1}}, _{\ell \in L} -> (k, excluded
        index or 0); the bounds are read from the network, so they are skipped, but a lower bound
        of 0 is noted (`from_zero`: \sum_{j=0} w_{ij} o_j holds the bias as w_{0j} on o_0 = 1)."""
        self.from_zero = False
        if not self.is_("_"):  # \sum e^{z}: read by `sum_body` when no name in it has an index
            return sympy.Symbol(BARE_INDEX), sympy.Integer(0)
        self.i += 1
        braced = self.is_("{")
        if braced:
            self.i += 1
        v = self.next()
        if v.kind not in ("letter", "cmd"):
            raise self.fail(v, f"cannot use {show(v.text)} as a summation index", r"write \sum_k")
        var, skip = sympy.Symbol("ℓ" if v.text == "ell" else self.primed_letter(v.text)), sympy.Integer(0)
        zero = self.peek(1)
        self.from_zero = braced and self.is_("=") and zero is not None and zero.text == "0"
        self.from_zero = self.from_zero and self.is_("}", 2)
        if braced:
            if self.is_("neq") or self.is_("ne"):
                self.i += 1
                skip = sympy.Symbol(self.primed_letter(self.next().text))
            level = 1
            while level:
                u = self.peek() or self.expect("}", t)
                self.i += 1
                level += (u.text == "{") - (u.text == "}") if u.kind == "op" else 0
        if self.is_("^"):
            self.i += 1
            self.skip_arg(t)
        return var, skip

    def slash_d(self, depth: int, t: Tok) -> Item | None:
        """d NAME / d NAME, a derivative written inline with d's; None (nothing read) otherwise."""
        start, nxt = self.i, self.peek(1)
        if nxt is None or nxt.kind not in ("letter", "word") or nxt.space:
            return None
        try:
            self.i += 1
            num = self.operand(depth + 1).value
            d = self.peek(1)
            if self.is_("/") and d is not None and d.kind == "letter" and d.text == "d":
                self.i += 2
                den = self.operand(depth + 1).value
                if isinstance(num, sympy.Symbol) and isinstance(den, sympy.Symbol):
                    return Item(Partial(num, den), "partial", t)
        except LatexParseError:
            pass
        self.i = start
        return None

    def decoration(self, depth: int, t: Tok) -> Item:
        r"""\boxed{X}, \underbrace{X}_{label}, \overbrace{X}^{label} -> X (a Partial stays one)."""
        self.i += 1
        opener = self.peek()
        if opener is None or opener.kind != "op" or opener.text != "{":
            raise self.fail(opener or t, f"\\{t.text} needs a {{...}} argument", f"write \\{t.text}{{...}}")
        self.i += 1
        terms = self.sum(depth + 1, frozenset({"}"}), opener)
        self.expect("}", opener)
        mark = {"underbrace": "_", "overbrace": "^"}.get(t.text)
        if mark and self.is_(mark):  # the annotation is a label, not math
            self.i += 1
            self.skip_arg(t)
        if len(terms) == 1 and terms[0].sign > 0 and len(terms[0].items) == 1:
            item = terms[0].items[0]
            if item.kind != "ditto":
                return item
        return Item(self.fold(terms), "expr", t)

    def number(self, t: Tok) -> sympy.Rational:
        if len(t.text) > MAX_DIGITS:
            raise self.fail(t, f"number with more than {MAX_DIGITS} digits", "use a shorter number")
        exponent = t.text.replace("E", "e").partition("e")[2]
        if exponent and abs(int(exponent)) > MAX_EXPONENT:
            raise self.fail(
                t, f"exponent {show(exponent)} is too large (limit {MAX_EXPONENT})", "use a smaller exponent"
            )
        return number_value(t.text)

    def defined_call(self, depth: int, name: str) -> sympy.Expr:
        """NAME(arg, ...) of a function the document defines (latex/functions_defined.py)."""
        return defined(name)(*self.arguments(depth))

    def arguments(self, depth: int) -> list:
        """At '(': the comma-separated arguments up to the matching ')'."""
        opener = self.next()
        args = []
        while True:
            args.append(self.fold(self.sum(depth + 1, frozenset({",", ")"}), opener)))
            if not self.is_(","):
                break
            self.i += 1
        self.expect(")", opener)
        return args

    def bare_sigma_ends(self) -> bool:
        r"""Nothing that could be an argument follows \sigma: the end, a closer, an operator."""
        t = self.peek()
        if not _BARE_SIGMA.search(self.src.text):  # only in a document differentiating a bare \sigma
            return False
        return t is None or (t.kind == "op" and t.text in _ENDS) or (t.kind == "cmd" and t.text in MUL_CMDS)

    def call(self, depth: int, name: str, t: Tok) -> sympy.Expr:
        r"""A function after its name: primes, power, log base, then (args), {arg} or a bare arg."""
        primes = 0
        while self.is_("'") or self.is_("^") and self.is_("prime", 1):
            self.i += 1 if self.is_("'") else 2
            primes += 1
        exp = base = None
        if self.is_("^"):
            u = self.next()
            exp = (self.script(depth, u), u)
        if name in ("log", "ln") and self.is_("_"):
            base = self.script(depth, self.next())
        if name in ("max", "min") and self.is_("_") and not primes and exp is None:  # \max_k z_k
            var, skip = self.sum_header(t)
            if skip != 0:
                raise self.fail(t, f"\\{name} over an index with an exclusion", f"write \\{name}_k z_k")
            body = self.arguments(depth)[0] if self.is_("(") else self.operand(depth + 1).value
            return over_index(name, body, var)
        if self.is_("("):
            args = self.arguments(depth)
        elif self.is_("{"):
            args = [self.group_arg(depth, t)]
        elif self.is_("[") and name not in GENERIC_CALLS:  # Alpaydin's \exp[-(w^T x)], sigmoid[...]
            args = [self.operand(depth + 1).value]
        elif name not in GENERIC_CALLS and self.bare_arg_follows():
            item = self.operand(depth + 1)  # \tanh x, \log x^2
            if item.kind in ("partial", "ditto"):
                raise self.fail(
                    item.tok,
                    f"a derivative or // as the argument of {name}",
                    f"write {name}(...) around a value",
                )
            args = [item.value]
        elif name == "sigma" and not primes and exp is None and self.bare_sigma_ends():
            return sympy.Symbol("sigma")  # d\sigma/dz = \sigma(1-\sigma): \sigma(z) (bare_functions)
        else:
            shown = f"\\{name}" if t.kind == "cmd" else name
            raise self.fail(self.peek() or t, f"{shown} needs an argument", f"write {shown}(z)")
        if name in ("max", "min") and len(args) == 1 and not primes and exp is None:
            return whole_vector(name, args[0])  # \max(z^{[2]}): the largest entry (vector_max.py)
        want = (2, 99) if name in ("max", "min") else (1, 1)
        if not want[0] <= len(args) <= want[1]:
            raise self.fail(
                t,
                f"{name} takes {'two or more arguments' if want[0] == 2 else 'one'}, got {len(args)}",
                f"write {name}(...)",
            )
        if primes:
            if primes > 1 or name not in PRIMABLE:
                raise self.fail(
                    t,
                    f"{'multiple primes' if primes > 1 else 'prime'} on {name}",
                    r"write \sigma'(z) or g'(z), or spell the derivative out",
                )
            fn = sympy.Function(prime_word(name))
        else:
            fn = FUNCTIONS[name]
        if base is not None:
            args.append(base)
        value = fn(*args)
        return self.power(value, *exp) if exp else value
