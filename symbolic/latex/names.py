"""Names, subscripts, superscripts, accents and prescripts for the LaTeX parser.

w_{11} -> w_11, z_{h_{1}} -> z_h1, y_{\\text{TRUE}} -> y_TRUE, \\hat{z} -> z_hat, {}^2Z -> Z^2; `^` after
a name is a power, except a layer mark on a layered name: a^{(2)}_1 -> a_1@2, w^{l+1}_{kj} -> w_kj@l+1
(the verifier instantiates it); x^{(2)} elsewhere is refused.
"""

from __future__ import annotations

import re

import sympy

from .cursor import Cursor
from .layer_superscripts import marked_layer
from .source import MAX_DEPTH, show
from .statements import INDICATOR
from .tokens import Tok, char_value
from .update_words import NEW, OLD
from .vocabulary import ACCENTS, FRACS, GREEK, OPENERS

# \delta_{ij}, \delta_{i,j}, \delta_{yj}: Kronecker's delta of two index letters (y, t: the class label)
# the superscript words of an update: w_5^{new} = w_5^{old} - \eta ... (the updated value, and the
# value before it, the parameter itself)
_NEW, _OLD = NEW, OLD  # in each language the corpus reads (update_words.py)
_KRONECKER = re.compile(r"([ijkmnpqtyc]),?([ijkmnpqtyc])")

# names whose superscript is a layer, not a power: w^{(1)}_{ji}, a^{(2)}_1, \delta^{l+1}_k
# A, Z: Ng's batches; h, o: an activation (o^{(1)}_j: Rojas's output of unit j in layer 1);
# u, v: a net input (Okatani's u_j^{(l)}, Haykin's v_j^{(l)})
LAYERED = {"w", "W", "Theta", "a", "z", "b", "delta", "A", "Z", "h", "o", "u", "v"}


class Names(Cursor):
    def text_word(self, t: Tok) -> str:
        word = t.text.strip()
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", word, re.ASCII):
            raise self.fail(
                t,
                f"text {show(t.text)} is not a single name",
                "use one word of letters and digits, e.g. \\text{output}",
            )
        return word

    def name(self, depth: int, base: str, t: Tok, euler: bool = False) -> sympy.Expr:
        """base, then at most one subscript and one superscript (either order)."""
        sub = exp = layer = None
        updated = False
        while True:
            s = self.peek()
            if s is None or s.kind != "op" or s.text not in ("_", "^"):
                break
            if (sub if s.text == "_" else exp) is not None:
                raise self.fail(
                    s,
                    f"double {'subscript' if s.text == '_' else 'superscript'}",
                    "use braces: x_{12}, x^{ab}",
                )
            self.i += 1
            if s.text == "^" and self._updated():  # w_5^{+}: the value after the update
                updated = True
                continue
            if s.text == "^" and self._marked(_OLD):  # w_5^{old}: the value before it, w_5 itself
                continue
            if s.text == "_" and sub is None and self._marked(_NEW):  # w_{new}, w_{nuevo}: after it
                updated = True
                continue
            if s.text == "_" and sub is None and self._marked(_OLD):  # w_{old}, w_{viejo}: w itself
                continue
            layered = base in LAYERED or base == "theta" or s.text == "^" and marked_layer(self, base)
            if s.text == "^" and layer is None and layered:
                layer = self.layer_mark(sub is None)
                if layer is not None:
                    base = "Theta" if base == "theta" else base  # \theta^{(l)}_{kp}: Ng's Θ in lowercase
                    continue
            if s.text == "_":
                sub = self.subscript(depth, s)
            else:
                exp = (self.script(depth, s), s)
        if self.is_("'") and self.is_("(", 1) and exp is None and layer is None and not updated:
            self.i += 1  # C'(W_O), Z_O'(W_O): Lagrange's prime on a name (latex/lagrange.py)
            return self.lagrange(depth, sympy.Symbol(f"{base}_{sub}" if sub else base))
        if self.is_("'"):
            raise self.fail(
                self.peek(), f"prime on the name {base}", r"primes go on functions: \sigma'(z), g'(z)"
            )
        kronecker = base == "delta" and sub and layer is None and not updated and _KRONECKER.fullmatch(sub)
        if kronecker:  # 1 when the two indices are equal: an indicator 1(i = j)
            value = INDICATOR(
                sympy.Symbol(kronecker.group(1)), sympy.Symbol(kronecker.group(2)), sympy.Integer(0)
            )
            return self.power(value, *exp) if exp else value
        name = f"{base}_{sub}" if sub else base
        if base == "h" and sub and "," in sub and self.is_("(") and self.is_(")", 2):
            arg = self.peek(1)
            if arg is not None and arg.kind == "letter" and arg.text == "x":
                self.i += 3  # h_{W,b}(x): the hypothesis (UFLDL), the network's output
                name += "(x)"
        name += f"@{layer}" if layer is not None else ""
        # e^{-x}, e^{-(0.5 + 0.4)}: Euler's even where e is a name; e^2 the name squared
        powered = exp is not None and not (exp[0].is_Integer and exp[0] > 0)
        value = (
            sympy.E
            if euler and sub is None and not self.src.own_e and (powered or not self.src.mixed_e)
            else sympy.Symbol(name + ("^+" if updated else ""))
        )
        return self.power(value, *exp) if exp else value

    def lagrange(self, depth: int, name: sympy.Symbol) -> sympy.Expr:
        """At '(' after NAME': LAGRANGE(NAME, argument) (the expression parser reads the argument)."""
        raise NotImplementedError  # pragma: no cover

    def layer_mark(self, before_sub: bool) -> str | None:
        """After '^' on a layered name: a^{(2)}, w^{l+1}, a^L, z^{(n_l)}, w^3_{24} (a number
        before the subscript) -> '2', 'l+1', 'L', 'nl', '3' (consumed), or None (a power: z_j^2,
        a transpose a^T; left unread)."""
        start = self.i
        toks, closers = [], []
        square = False  # a^{[2]}: Ng's layers in square brackets, counted from the input as 0
        t = self.peek()
        if t is not None and t.kind == "letter" and t.text != "T":
            self.i += 1
            return t.text
        while True:
            t = self.peek()
            if t is None:
                break
            if t.kind == "op" and t.text in ("{", "(", "["):
                closers.append({"{": "}", "(": ")", "[": "]"}[t.text])
                square = square or t.text == "["
            elif t.kind == "op" and closers and t.text == closers[-1]:
                closers.pop()
            elif t.kind in ("num", "letter") or t.kind == "op" and t.text in ("+", "-", "_"):
                toks.append(t)
            elif t.kind == "cmd" and t.text == "ell" and closers:  # a^{(\ell)}: the layer letter l
                toks.append(Tok("letter", "l", t.pos, t.end, t.space))
            else:
                break
            self.i += 1
            if not closers:
                break
        text = "".join(t.text for t in toks if t.text != "_")
        bracketed = self.i - start > len(toks) + 2  # {(2)} or (2): parentheses inside
        lettered = any(t.kind == "letter" for t in toks)
        first = before_sub and self.is_("_")  # w^3_{24}: Nielsen's layer, not (w^3)_{24}
        # w_5^{(1 - 1)} is a power; 0 is a layer only marked as one: a^{(0)}, a^0_k (the input)
        numbered = text.isdigit() and (int(text) > 0 or bracketed or first)
        if closers or not toks or text == "T" or not (lettered or numbered and (bracketed or first)):
            self.i = start
            return None
        return "[" + text if square else text

    def _updated(self) -> bool:
        """After '^': '+' or '{+}' (w^{+}, the updated weight), or the word new (w_5^{new},
        w^{\text{new}}, w^{(new)}); consumed when it is."""
        if self.is_("+"):
            self.i += 1
            return True
        if self.is_("{") and self.is_("+", 1) and self.is_("}", 2):
            self.i += 3
            return True
        return self._marked(_NEW)

    def _marked(self, words: frozenset[str]) -> bool:
        """After '^': one of `words` in braces, as a word or in \text, maybe in parentheses
        (w^{new}, w^{\text{old}}, w^{(new)}); consumed when it is."""
        k = 1 if self.is_("{") else 0
        if not k:
            return False
        paren = self.is_("(", k)
        t = self.peek(k + paren)
        word = t is not None and t.kind in ("word", "text") and t.text.strip("() ") in words
        if not word or paren and not self.is_(")", k + 2) or not self.is_("}", k + 1 + 2 * paren):
            return False
        self.i += k + 2 + 2 * paren
        return True

    def single_script_char(self, mark: str, what: str) -> Tok:
        """The one character after _ or ^ without braces; `w_12` is refused as ambiguous. Two
        letters after _ (`w_jk`, as plain-text math writes it) are both the subscript: w_{jk}."""
        c = self.take_char()
        nxt = self.peek()
        pair = mark == "_" and nxt is not None and c.kind == nxt.kind == "letter" and c.touches(nxt)
        if pair and nxt is not None and not self.is_("_", 1) and not self.is_("^", 1):
            self.i += 1
            return Tok("letter", c.text + nxt.text, c.pos, nxt.end, c.space)
        if (
            nxt is not None
            and c.touches(nxt)
            and nxt.kind in ("num", "letter")
            and (nxt.kind == c.kind or c.kind == "letter")
            and not (nxt.kind == "letter" and self.is_("_", 1))  # \delta_jz_i: TeX's δ_j z_i
        ):
            raise self.fail(
                c,
                f"ambiguous {what}: {mark}{c.text} then {show(nxt.text)}",
                f"write {mark}{{{c.text}{nxt.text}...}} or put a space after {mark}{c.text}",
            )
        return c

    def subscript(self, depth: int, u: Tok) -> str:
        t = self.peek()
        if t is None:
            raise self.fail(u, "subscript is missing", "write x_{1}")
        if t.kind == "op" and t.text == "{":
            return self.subscript_group(u)
        if t.kind in ("num", "letter"):
            return self.single_script_char("_", "subscript").text
        if t.kind == "cmd" and t.text in GREEK:
            self.i += 1
            return t.text
        if t.kind == "text":
            self.i += 1
            return self.text_word(t)
        if t.kind == "word":  # L_{BCE}: a word the tokens give whole, a label
            self.i += 1
            return t.text
        if t.kind == "cmd" and t.text == "ell":  # net_\ell: the index letter ℓ
            self.i += 1
            return "ℓ"
        raise self.fail(t, f"cannot use {show(t.text)} as a subscript", "write x_{...}")

    def subscript_group(self, u: Tok) -> str:
        r"""Flatten _{h_{1}}, _{\text{TRUE}}, _{\hat{}} to 'h1', 'TRUE', 'hat'; the pair in
        _{(i,j)} (w_{(i,j)}, a Q&A's spelling of w_{i,j}) to 'i,j'."""
        opener = self.next()
        out, level = [], 1
        paren = self.is_("(") and self.is_(",", 2) and self.is_(")", 4) and self.is_("}", 5)
        if paren:
            self.i += 1  # the '(' ; its ')' is skipped below, just before the '}'
        while True:
            t = self.peek()
            if t is None:
                t = self.expect("}", opener)  # raises: the formula ends before the '}'
            self.i += 1
            if t.kind == "op" and t.text == "{":
                level += 1
                if level > MAX_DEPTH:
                    raise self.fail(t, f"nesting deeper than {MAX_DEPTH}", "flatten the subscript")
            elif t.kind == "op" and t.text == "}":
                level -= 1
                if level == 0:
                    break
            elif t.kind == "op" and t.text in ("_", ","):
                out.append("," if t.text == "," else "")
            elif paren and level == 1 and t.kind == "op" and t.text == ")" and self.is_("}"):
                pass
            elif t.kind in ("num", "letter", "word"):
                if "." in t.text:
                    raise self.fail(t, "decimal point in a subscript", "write w_{11}, not w_{1.1}")
                out.append(self.primed_letter(t.text) if t.kind == "letter" else t.text)  # j': index_primes
            elif t.kind == "text":
                out.append(self.text_word(t))
            elif t.kind == "cmd" and t.text in GREEK:
                out.append(t.text)
            elif t.kind == "cmd" and t.text == "ell":  # w_{j \ell}: the index letter ℓ
                out.append("ℓ")
            elif t.kind == "cmd" and t.text in ACCENTS and self.is_("{") and self.is_("}", 1):
                self.i += 2
                out.append(ACCENTS[t.text])
            else:
                raise self.fail(
                    t,
                    f"cannot use {show(t.text)} in a subscript",
                    "use letters, digits, \\text{...} and Greek letters",
                )
        name = "".join(out)
        if not name:
            raise self.fail(opener, "empty subscript", "write x_{1} or drop the _")
        return name

    def primed_letter(self, letter: str) -> str:
        """`letter`, or the fresh letter `letter` and the primes at the cursor are read as
        (\\sum_{j'}: latex/index_primes.py), the primes consumed."""
        primes = 0
        while self.is_("'", primes):
            primes += 1
        fresh = self.src.index_primes.get(letter + "'" * primes) if primes else None
        if fresh is None:
            return letter
        self.i += primes
        return fresh

    def script(self, depth: int, u: Tok) -> sympy.Expr:
        """The argument of ^: {expr} or one digit / letter / Greek letter."""
        t = self.peek()
        if t is not None and t.kind == "op" and t.text == "{":
            inner = self.peek(1)
            if (
                inner is not None
                and inner.text in ("(", "[")
                and self.is_(OPENERS[inner.text], 3)
                and self.is_("}", 4)
            ):
                mid = self.peek(2)
                if mid is not None and mid.kind in ("num", "letter"):
                    raise self.fail(
                        inner,
                        f"superscript {inner.text}{mid.text}"
                        f"{OPENERS[inner.text]} looks like a layer index, not a power",
                        "put the layer in the subscript: a_{h1}, or use {}^{2}Z",
                    )
            return self.group_arg(depth, u)
        if t is not None and t.kind in ("num", "letter"):
            return char_value(self.single_script_char("^", "superscript"))
        if t is not None and t.kind == "cmd" and t.text in GREEK:
            self.i += 1
            return sympy.Symbol(t.text)
        raise self.fail(
            t or u, f"cannot use {show(t.text) if t else 'nothing'} as a superscript", "use braces: e^{-z}"
        )

    def group_arg(self, depth: int, u: Tok) -> sympy.Expr:
        opener = self.peek()
        if opener is None or opener.kind != "op" or opener.text != "{":
            raise self.fail(opener or u, f"\\{u.text} needs a {{...}} argument", f"write \\{u.text}{{...}}")
        self.i += 1
        value = self.fold(self.sum(depth + 1, frozenset({"}"}), opener))
        self.expect("}", opener)
        return value

    def skip_arg(self, u: Tok) -> None:
        """Skip a label argument ({...} or one token) without reading it as math."""
        t = self.next()
        if t.kind != "op" or t.text != "{":
            return
        level = 1
        while level:
            t = self.peek() or self.expect("}", u)  # no token left: expect raises
            self.i += 1
            level += (t.text == "{") - (t.text == "}") if t.kind == "op" else 0

    def tex_arg(self, depth: int, u: Tok) -> sympy.Expr:
        r"""An argument of \frac or \sqrt: {expr} or a single digit, letter or Greek letter."""
        t = self.peek()
        if t is not None and t.kind == "op" and t.text == "{":
            return self.group_arg(depth, u)
        if t is not None and t.kind in ("num", "letter"):
            return char_value(self.take_char())
        if t is not None and t.kind == "cmd" and t.text in GREEK:
            self.i += 1
            return sympy.Symbol(t.text)
        raise self.fail(t or u, f"\\{u.text} needs {{...}} arguments", f"write \\{u.text}{{a}}{{b}}")

    def accent(self, t: Tok) -> str:
        r"""\hat{z}, \hat z -> 'z_hat'."""
        arg = self.peek()
        if self.is_("{"):
            self.i += 1
            arg = self.peek()
            inner_ok = arg is not None and (
                arg.kind in ("letter", "word") or arg.kind == "cmd" and arg.text in GREEK
            )
            if inner_ok and self.is_("_", 1):  # \hat{y_1} (or \hat{y1}): \hat{y}_1
                assert arg is not None
                self.i += 2
                sub = self.subscript(0, arg)
                self.expect("}")
                return f"{arg.text}_{ACCENTS[t.text]}_{sub}"
            if not inner_ok or not self.is_("}", 1):
                raise self.fail(
                    arg or t,
                    f"\\{t.text}{{...}} must contain one name",
                    f"write \\{t.text}{{z}} (or z_{{\\{t.text}{{}}}})",
                )
            self.i += 2
        elif arg is not None and (arg.kind == "letter" or arg.kind == "cmd" and arg.text in GREEK):
            self.i += 1
        else:
            raise self.fail(arg or t, f"\\{t.text} needs a name", f"write \\{t.text}{{z}}")
        assert arg is not None
        return f"{arg.text}_{ACCENTS[t.text]}"

    def bare_arg_follows(self) -> bool:
        t = self.peek()
        return t is not None and (
            t.kind in ("num", "letter", "word", "text")
            or t.kind == "cmd"
            and t.text in GREEK | FRACS | {"hat", "widehat", "tilde", "bar"}  # \log \hat y
        )

    def prescript(self, depth: int, t: Tok) -> sympy.Expr:
        """{}^2Z -> Symbol('Z^2')."""
        self.i += 2
        if not self.is_("^"):
            raise self.fail(t, "empty group {}", "remove it, or write a prescript {}^{2}Z")
        u = self.next()
        k = self.script(depth, u)
        if not k.is_Integer:
            raise self.fail(u, "a prescript must be a whole number", "write {}^{2}Z")
        base = self.peek()
        if base is None or base.kind != "letter":
            raise self.fail(base or u, "a prescript must come before a name", "write {}^{2}Z")
        self.i += 1
        sub = None
        if self.is_("_"):
            sub = self.subscript(depth, self.next())
        return sympy.Symbol(f"{base.text}_{sub}^{k}" if sub else f"{base.text}^{k}")
