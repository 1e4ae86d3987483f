"""The parts of a matrix statement below its operators (mixed into latex/matrix.py's MatrixReader):
a call with its primes and layer (\\log \\phi(z): the log of one operand written without
brackets), a fraction (a ratio or a derivative), the subscript of \\nabla,
a name with its layer superscript and unit index, h_{W,b}(x), and a loss's arguments shown but not
read. Pure: tokens in, `Node`s out."""

from __future__ import annotations

from ..activations import prime_word
from .cursor import Cursor
from .matrix_published import lettered
from .matrix_rows import FIX, TRANSPOSE, VECTORS, Node
from .ng import layer_of_function
from .tokens import Tok
from .vocabulary import GREEK, PRIMABLE
from .weight_letters import bracketed_layers

UNBRACKETED = {"log", "ln", "exp"}  # written before one operand without brackets: \log \phi(z), \log x


class MatrixParts(Cursor):
    """Calls, fractions, names and layers; the MatrixReader supplies the operators."""

    pending_t = False  # a transpose read inside a layer superscript, applied to that name
    squared = False  # the next factor follows "number -" in a sum: X^2 is its entries squared

    def msum(self, stops: frozenset) -> Node:
        """A sum of products up to one of `stops` (the MatrixReader's)."""
        raise NotImplementedError  # pragma: no cover

    def mproduct(self) -> Node:
        """A product of factors (the MatrixReader's)."""
        raise NotImplementedError  # pragma: no cover

    def postfix(self) -> Node:
        """One factor with its transposes (the MatrixReader's)."""
        raise NotImplementedError  # pragma: no cover

    def transpose_mark(self, k: int) -> int:
        """Tokens of a transpose mark k tokens ahead, 0 when none (the MatrixReader's)."""
        raise NotImplementedError  # pragma: no cover

    def hypothesis(self) -> bool:
        """h_{W,b}(x) at the cursor: consumed when it is."""
        k, texts = 2, []
        if self.is_("{", k):
            k += 1
            while (u := self.peek(k)) is not None and not self.is_("}", k):
                texts.append(u.text)
                k += 1
        if "".join(texts) != "W,b" or not self.is_("(", k + 1):
            return False
        u, v = self.peek(k + 2), self.peek(k + 3)
        if u is None or u.text != "x" or v is None or v.text != ")":
            return False
        self.i += k + 4
        return True

    def call_follows(self) -> bool:
        nxt = self.peek(1)
        return nxt is not None and nxt.text in ("(", "'") or layer_of_function(self, 1, plain=True) > 0

    def skip_arguments(self) -> None:
        """J(W,b;x,y), J(\\Theta): the loss's arguments, shown not read."""
        if not self.is_("("):
            return
        level = 0
        while self.peek() is not None:
            u = self.next()
            if u.kind == "op" and u.text in ("(", ")"):
                level += 1 if u.text == "(" else -1
                if level == 0:
                    return

    def call(self, t: Tok) -> Node:
        self.i += 1
        word = "sigma" if t.kind == "cmd" and t.text == "sigma" else t.text
        primes = 0
        plain = word in ("f", "g", "h")  # f^l(Z^l): the activation of layer l (MIT 6.390)
        skip = layer_of_function(self, 0, plain)  # g^{[1]}, g^{[1]\prime}: the layer is z's; a prime counts
        if skip:
            primes += sum(1 for u in self.toks[self.i : self.i + skip] if u.text in ("prime", "'"))
            self.i += skip
        while self.is_("'") or self.is_("^") and self.is_("prime", 1):
            self.i += 1 if self.is_("'") else 2
            primes += 1
        after = layer_of_function(self, 0, plain)  # g'^{[1]}(z^{[1]})
        self.i += after
        if primes > 1 or primes and word not in PRIMABLE:
            raise self.fail(t, f"prime on {word}", r"write \sigma'(z) or f'(z)")
        if not primes and word in UNBRACKETED and not self.is_("(") and self.peek() is not None:
            return Node("call", (word, self.postfix()), t.pos)  # \log \phi(w^T x): log of the call
        squared = not primes and self.squared_call()
        opener = self.expect("(")
        arg = self.msum(frozenset({")"}))
        self.expect(")", opener)
        node = Node("call", (prime_word(word) if primes else word, arg), t.pos)
        return Node("pow", (node, 2, "entries"), t.pos) if squared else node

    def squared_call(self) -> bool:
        """\tanh^2(z), \tanh^{2}(z): the function's values squared entry by entry (its power
        consumed). A power written so is never the function composed with itself here."""
        texts = [getattr(self.peek(k), "text", "") for k in range(5)]
        if texts[:3] == ["^", "2", "("]:
            self.i += 2
            return True
        if texts == ["^", "{", "2", "}", "("]:
            self.i += 4
            return True
        return False

    def frac(self, t: Tok) -> Node:
        """\\frac{1}{m} (a ratio), \\frac{\\partial J}{\\partial X}, \\frac{\\partial}{\\partial X} J, and
        the total derivative's \\frac{dJ}{dX} (\\frac{\\mathrm{d} J}{\\mathrm{d} X}) as ∂J/∂X."""
        self.i += 1
        opener = self.expect("{")
        if self._d_fraction():
            self.i += 1
            num = self.msum(frozenset({"}"}))
            self.expect("}", opener)
            den_opener = self.expect("{")
            self.i += 1  # its d
            den = self.msum(frozenset({"}"}))
            self.expect("}", den_opener)
            return Node("partial", (num, den), t.pos)
        if self.src.bare_d and not self.is_("partial") and (bare := self._bare(t, opener)) is not None:
            return bare  # \frac{Co}{dw_L}: its d below only (latex/bare_leibniz.py)
        if self.is_("partial"):
            self.i += 1
            if self.is_("}"):
                self.i += 1
                den = self.partial_den()
                # \frac{\partial}{\partial b}(b + W h) \frac{\partial l}{\partial f}: the operator
                # takes the group after it when a derivative follows (a chain's next factor)
                at = self.i
                body = self.postfix() if self.is_("(") else None
                if body is None or not (self.is_("frac") and self.is_("{", 1) and self.is_("partial", 2)):
                    self.i = at
                    body = self.mproduct()
                return Node("partial", (body, den), t.pos)
            num = self.msum(frozenset({"}"}))
            self.expect("}", opener)
            return Node("partial", (num, self.partial_den()), t.pos)
        num = self.msum(frozenset({"}"}))
        self.expect("}", opener)
        opener = self.expect("{")
        den = self.msum(frozenset({"}"}))
        self.expect("}", opener)
        return Node("prod", ((num, Node("call", ("inverse", den), den.pos)), ("dot",)), t.pos)

    def _bare(self, t: Tok, opener: Tok) -> Node | None:
        """\frac{N}{dX} read as ∂N/∂X, the cursor after its '{'; None (the cursor kept) when the
        denominator does not start with d."""
        at = self.i
        num = self.msum(frozenset({"}"}))
        self.expect("}", opener)
        d = self.peek(1)
        if not self.is_("{") or d is None or d.kind != "letter" or d.text != "d":
            self.i = at
            return None
        den_opener = self.next()
        self.i += 1  # its d
        den = self.msum(frozenset({"}"}))
        self.expect("}", den_opener)
        return Node("partial", (num, den), t.pos)

    def _d_fraction(self) -> bool:
        """The cursor on a numerator `d J}{d X}` (d a letter or an upright d): a total derivative of
        a name; not d alone (\\frac{d}{dz}), d_j, nor a ratio whose denominator starts otherwise."""

        def is_d(u: Tok | None) -> bool:
            return u is not None and (
                u.kind == "letter" and u.text == "d" or u.kind == "text" and u.text.strip() == "d"
            )

        nxt = self.peek(1)
        if not is_d(self.peek()) or nxt is None or nxt.text in ("}", "_", "^", "'", "{"):
            return False
        level, k = 0, 1
        while (u := self.peek(k)) is not None:
            level += (u.text == "{") - (u.text == "}")
            if level < 0:
                return self.is_("{", k + 1) and is_d(self.peek(k + 2))
            k += 1
        return False

    def partial_den(self) -> Node:
        opener = self.expect("{")
        if not self.is_("partial"):
            raise self.fail(self.peek() or opener, "the denominator must start with \\partial", FIX)
        self.i += 1
        node = self.msum(frozenset({"}"}))
        self.expect("}", opener)
        return node

    def script_node(self) -> Node:
        """The subscript of \\nabla: a, {W^{(l)}}, {a}."""
        if self.is_("{"):
            opener = self.next()
            word = self.peek()
            if word is not None and word.kind == "text" and word.text.strip() in ("out", "output"):
                self.i += 1  # \nabla_{\mathrm{out}} L: by the output
                self.expect("}", opener)
                return Node("name", ("a", "", "", False), word.pos)
            node = self.msum(frozenset({"}"}))
            self.expect("}", opener)
            return node
        t = self.next()
        if t.kind != "letter":
            raise self.fail(
                t, r"\nabla_ needs what it differentiates by", r"write \nabla_a C or \nabla_{W^{(l)}} J"
            )
        return Node("name", (t.text, "", "", False), t.pos)

    def name(self, base: str, pos: int) -> Node:
        """base, then a layer superscript and a unit index (either order)."""
        layer, index, parens = "", "", False
        while True:
            if self.is_("_") and not index:
                self.i += 1
                index = self.index()
            elif (
                self.is_("^")
                and not layer
                and not self.transpose_mark(1)
                and (base in VECTORS or lettered(self))
                and not self.power_digit()
            ):
                self.i += 1
                layer, parens = self.layer()
                base = "Theta" if base == "theta" else base  # \theta^{(l)}: Ng's Θ in lowercase, as names.py
            else:
                break
        return Node("name", (base, layer, index, parens), pos)

    def power_digit(self) -> bool:
        """At '^': a bare digit (h^2) in a document whose layers are written in brackets: a power."""
        t = self.peek(1)
        return t is not None and t.kind == "num" and bracketed_layers(self.src.text)

    def index(self) -> str:
        t = self.next()
        if t.kind in ("letter", "num") and t.kind != "op":
            return t.text
        if t.kind == "cmd" and t.text in GREEK:
            return t.text
        if t.text != "{":
            raise self.fail(t, f"cannot use {t.text!r} as an index", "write x_{ij}")
        out = []
        while not self.is_("}"):
            u = self.next()
            if u.kind in ("letter", "num", "word"):
                out.append(u.text)
            elif u.text == ",":
                out.append(",")
            elif u.kind == "cmd" and u.text in GREEK:
                out.append(u.text)
            else:
                raise self.fail(u, f"cannot use {u.text!r} in an index", "write x_{ij}")
        self.i += 1
        return "".join(out)

    def layer(self) -> tuple[str, bool]:
        """After '^': l, L, {l+1}, {(l)}, {(n_l)}, {(2)} -> ('l', False), ..., ('nl', True); a
        transpose after the layer inside the braces (the sheet's W^{(2)\top}) is applied to
        the name by `postfix`."""
        t = self.next()
        if t.kind in ("letter", "num"):
            return t.text, False
        if t.text not in ("{", "("):
            raise self.fail(t, f"cannot read the layer {t.text!r}", r"write a^{(l)} or a^{l+1}")
        text: list[str] = []
        level, parens, square = 1, t.text == "(", False
        while level:
            u = self.next()
            if u.kind == "op" and u.text in ("{", "(", "["):
                level += 1
                parens = True
                square = square or u.text == "["
            elif u.kind == "op" and u.text in ("}", ")", "]"):
                level -= 1
            elif level == 1 and text and (u.kind == "cmd" and u.text in TRANSPOSE or u.text == "T"):
                self.pending_t = True  # W^{(2)\top}
            elif level == 1 and text and u.text == "^" and self.transpose_mark(0) == 1:
                continue  # a^{[1]^T}: the transpose mark follows (Ng's slides)
            elif u.kind in ("letter", "num") or u.text in ("+", "-"):
                text.append(u.text)
            elif u.kind == "cmd" and u.text == "ell":  # W^{(\ell)}: the layer letter l
                text.append("l")
            elif u.text != "_":
                raise self.fail(u, f"cannot read the layer: {u.text!r}", r"write a^{(l)} or a^{l+1}")
        return ("[" if square else "") + "".join(text), parens
