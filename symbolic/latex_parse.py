r"""Strict reader for hand-written backprop derivations in LaTeX.

Contract: text goes in, SymPy objects come out, or a one-line ``LatexParseError`` that says what is
wrong, where (``line L, col C``) and how to fix it. Nothing is evaluated: a tokenizer and a small
recursive-descent parser build SymPy objects directly (no eval/sympify/parse_expr/parse_latex).
Everything is bounded: input size, nesting depth, number size, operand count and wall time.

Raw names (the verifier maps them to network symbols):
  w_{11}, w_{1 1}, w_{1,1} -> w_11, w_11, w_1,1      z_{h1}, z_{h_1}, z_{h_{1}}  -> z_h1
  y_T, y_{TRUE}, y_{\text{TRUE}} -> y_T, y_TRUE       \delta_1 -> delta_1,  \eta -> eta
  \hat{z}, \hat z, z_{\hat{}} -> z_hat               \hat{z}_o -> z_hat_o,  z_o -> z_o
  {}^2Z, {}^{2}Z -> Z^2 (prescript layer mark)        \text{output}, output -> output
  e -> sympy.E (a lone e only; e_1 is a name)         \pi -> sympy.pi
``^`` is a power everywhere else: ``z_{h_1}^1`` is z_h1**1 and ``z_o^2`` is z_o**2. Layer marks
written ``a^{(2)}`` / ``a^{[2]}`` are rejected rather than read as powers.

Functions: \sigma(x), sigmoid(x) -> sigma(x); \sigma'(x) -> sigma_prime(x); g(x), f(x) (only when
followed by '('); \exp \log \ln \tanh \sinh \cosh \sin \cos; ReLU/relu -> relu; softmax; \max, \min.
\tanh^2(x) is tanh(x)**2. Bare latin runs are juxtaposed letters (ab = a*b) except the words out,
output, Loss, ReLU, relu, tanh, exp, log, ln, sigmoid, softmax.

A partial derivative is a ``Partial`` when it stands as a factor; inside a larger expression (``W -
\eta \frac{\partial L}{\partial W}``) it becomes the applied function ``PARTIAL(num, den)``.
"""

from __future__ import annotations

import bisect
import re
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import sympy

from .activations import named, prime_word

__all__ = [
    "DITTO",
    "PARTIAL",
    "LatexParseError",
    "Partial",
    "Product",
    "Statement",
    "parse_document",
    "parse_formula",
    "product_expr",
    "scan_document",
]

# Limits. Each is checked before the work it guards.
MAX_BYTES = 1_000_000  # input size (UTF-8)
MAX_DEPTH = 200  # nesting of groups: ( [ { \frac \sqrt \sigma( ...
MAX_TOKENS = 50_000  # per document
MAX_OPERANDS = 1_000  # per statement (SymPy Add/Mul cost grows with the operand count)
MAX_DOC_OPERANDS = 10_000  # per document
MAX_EXPONENT = 1000  # |p| and q of a numeric exponent p/q
MAX_NUMBER_BITS = 20_000  # size of any number SymPy is asked to compute
MAX_DIGITS = 300  # digits in one literal
TIME_BUDGET = 1.0  # seconds; a last guard, the limits above normally stop first

SOFTMAX = sympy.Function("softmax")
PARTIAL = sympy.Function("Partial")

FIX_COMMAND = r"write the formula with + - \cdot \frac ^ _ and \sigma/\exp/\tanh/\log only"

# ---------------------------------------------------------------- public types


class LatexParseError(ValueError):
    """One line: 'line L, col C: what is wrong; how to fix it'."""

    def __init__(self, what: str, line: int, col: int, fix: str = ""):
        self.line, self.col = line, col
        self.what, self.fix = what, fix
        super().__init__(f"line {line}, col {col}: {what}" + (f"; {fix}" if fix else ""))


class _LimitError(LatexParseError):
    """A resource limit was hit: reading the document stops here."""


@dataclass(frozen=True)
class Partial:
    r"""A written partial derivative \frac{\partial num}{\partial den}."""

    num: sympy.Expr
    den: sympy.Expr

    def as_expr(self) -> sympy.Expr:
        return PARTIAL(self.num, self.den)


class _Ditto:
    """The seed's '//' mark: the factor at this position on the line above."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "DITTO"

    def __reduce__(self):
        return (_Ditto, ())


DITTO = _Ditto()


@dataclass(frozen=True)
class Product:
    """One right-hand side of a chain of '=': its top-level factors in written order."""

    factors: tuple
    text: str
    col: int
    line: int = 0


@dataclass(frozen=True)
class Statement:
    """lhs = sides[0] = sides[1] = ..."""

    lhs: Partial | sympy.Expr
    sides: tuple[Product, ...]
    line: int
    source: str
    col: int = 1


# ---------------------------------------------------------------- source positions


class _Source:
    """The whole input; turns offsets into (line, col) and raises positioned errors."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.deadline = time.perf_counter() + TIME_BUDGET
        self.tokens = 0
        self.operands = 0

    def where(self, pos: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, pos)
        return line, pos - self.starts[line - 1] + 1

    def error(self, pos: int, what: str, fix: str = "", cls=LatexParseError) -> LatexParseError:
        return cls(what, *self.where(pos), fix)

    def limit(self, pos: int, what: str, fix: str) -> LatexParseError:
        return self.error(pos, what, fix, _LimitError)

    def tick(self, pos: int) -> None:
        if time.perf_counter() > self.deadline:
            raise self.limit(pos, f"input too complex to read within {TIME_BUDGET:g} s",
                             "split it into smaller documents")


def _char_value(c) -> sympy.Expr:
    """One unbraced character as a value: a digit, Euler's e, or a one-letter symbol."""
    if c.kind == "num":
        return sympy.Integer(c.text)
    return sympy.E if c.text == "e" else sympy.Symbol(c.text)


def _show(s: str, limit: int = 24) -> str:
    """A token for an error message: short, one line, control characters escaped."""
    s = s if len(s) <= limit else s[:limit] + "..."
    return repr(s)[1:-1] if any(not c.isprintable() for c in s) else s


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Tok:
    kind: str  # num letter word text cmd op ditto begin end
    text: str
    pos: int
    end: int
    space: bool = False  # whitespace (or an ignored command) before it

    def touches(self, other: _Tok | None) -> bool:
        return other is not None and not other.space and other.pos == self.end


WORDS = frozenset("out output Loss exp log ln softmax".split()) | {  # + our activations' names
    w for rule in named() for w in (rule.name, rule.unicode) if w.isascii() and len(w) > 2}
GREEK = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu
    xi rho varrho tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Phi Psi Omega
    Upsilon""".split()
)
FUNCTIONS = {  # spelling -> SymPy callable
    "exp": sympy.exp, "log": sympy.log, "ln": sympy.log,
    "tanh": sympy.tanh, "sinh": sympy.sinh, "cosh": sympy.cosh, "sin": sympy.sin,
    "cos": sympy.cos, "softmax": SOFTMAX, "max": sympy.Max,
    "min": sympy.Min, "g": sympy.Function("g"), "f": sympy.Function("f"),
}
for _rule in named():   # our activations by every spelling of their row: sigma, ReLU -> relu(z)
    for _word in _rule.spellings:
        FUNCTIONS.setdefault(_word, sympy.Function(_rule.prime_word.removesuffix("_prime")))
PRIMABLE = {"g", "f"} | {w for rule in named() for w in rule.spellings}  # f' -> f_prime
ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde"}
FRACS = {"frac", "dfrac", "tfrac", "cfrac"}
MUL_CMDS = {"cdot", "times", "ast"}
VALUE_CMDS = (
    GREEK | FRACS | set(ACCENTS) | {"sigma", "exp", "log", "ln", "tanh", "sinh", "cosh", "sin",
                                    "cos", "max", "min", "sqrt", "partial", "pi", "underbrace",
                                    "overbrace", "boxed"}
)
KNOWN_CMDS = VALUE_CMDS | MUL_CMDS | {"div", "prime", "{", "}", "\\"}
SPACING = {",", ";", "!", ":", " ", "quad", "qquad", "enspace", "thinspace", "displaystyle",
           "textstyle", "nonumber", "notag"}
SIZERS = {"left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
          "biggl", "biggr", "Biggl", "Biggr"}
TEXT_CMDS = {"text", "mathrm", "operatorname", "textrm", "mathit", "textit"}
DROP_WITH_ARG = {"tag", "label"}
ALIGN_ENVS = {"aligned", "align", "align*", "gathered", "gather", "gather*", "split",
              "equation", "equation*", "multline", "multline*", "alignat", "alignat*"}
ARROWS = {"to", "rightarrow", "Rightarrow", "longrightarrow", "Longrightarrow", "xrightarrow",
          "implies", "mapsto", "leftarrow", "Leftarrow", "iff", "Leftrightarrow"}
OPENERS = {"(": ")", "[": "]", "\\{": "\\}", "{": "}"}
CLOSERS = {")", "]", "\\}", "}"}

_TOKEN_RE = re.compile(
    r"(?P<space>[ \t\r\n~&]+)|(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<run>[A-Za-z]+)"
    r"|(?P<cmd>\\(?:[A-Za-z]+|[^A-Za-z]))|(?P<ditto>//)|(?P<op>[-+*/()\[\]{}^_=,.'])",
    re.ASCII | re.DOTALL,
)
_ENV_RE = re.compile(r"\s*\{([A-Za-z]+\*?)\}", re.ASCII)
_ROWSKIP_RE = re.compile(r"\s*\[\s*-?[0-9]*\.?[0-9]+\s*(?:pt|em|ex|mm|cm|in|mu)\s*\]", re.ASCII)


def _balanced(src: _Source, pos: int, end: int) -> int:
    """Offset just past the '}' closing the '{' at pos (TeX escapes honoured)."""
    text, depth, i = src.text, 0, pos
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
            if depth > MAX_DEPTH:
                raise src.error(i, f"braces nested deeper than {MAX_DEPTH}", "flatten the formula")
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise src.error(pos, "unbalanced '{'", "add the matching '}'")


def _tokenize(src: _Source, start: int, end: int) -> list[_Tok]:
    """Tokens of text[start:end]; ignorable commands dropped, unknown ones rejected."""
    text, toks, i, space = src.text, [], start, True
    while i < end:
        m = _TOKEN_RE.match(text, i, end)
        if m is None:
            raise src.error(i, f"unexpected character {_show(text[i])}",
                            r"remove it or spell it in LaTeX (e.g. \eta for η)")
        kind, s, j = m.lastgroup, m.group(), m.end()
        if src.tokens >= MAX_TOKENS:
            raise src.limit(i, f"more than {MAX_TOKENS} tokens", "split the document")
        if src.tokens % 4096 == 0:
            src.tick(i)
        if kind == "space":
            space, i = True, j
            continue
        if kind == "run":
            toks.extend(_split_run(s, i, space))
        elif kind == "cmd":
            j = _command(src, toks, s[1:], i, j, end, space)
            if j < 0:  # ignorable: acts like whitespace
                space, i = True, -j
                continue
        else:
            toks.append(_Tok(kind, s, i, j, space))
        src.tokens += 1
        space, i = False, j
    return toks


def _split_run(s: str, pos: int, space: bool) -> list[_Tok]:
    """A latin run: a whitelisted word, 'd' + word (dLoss), or single juxtaposed letters."""
    if s in WORDS:
        return [_Tok("word", s, pos, pos + len(s), space)]
    if s[0] == "d" and s[1:] in WORDS:
        end = pos + len(s)
        return [_Tok("letter", "d", pos, pos + 1, space), _Tok("word", s[1:], pos + 1, end)]
    return [_Tok("letter", c, pos + k, pos + k + 1, space and k == 0) for k, c in enumerate(s)]


def _command(src: _Source, toks: list, name: str, i: int, j: int, end: int, space: bool) -> int:
    """Append the token(s) for the command at i; return where to continue (negative: a space)."""
    text = src.text
    if name in SPACING:
        return -j
    if name in SIZERS:
        m = _TOKEN_RE.match(text, j, end)
        while m and m.lastgroup == "space":
            m = _TOKEN_RE.match(text, m.end(), end)
        d = m.group() if m else ""
        if d not in ("(", ")", "[", "]", "\\{", "\\}"):
            raise src.error(i, f"\\{name} must be followed by ( ) [ ] \\{{ or \\}}, not {_show(d)}",
                            "use \\left( ... \\right) or plain brackets")
        toks.append(_Tok("op", d, m.start(), m.end(), True))
        return m.end()
    if name in TEXT_CMDS:
        k = j
        while k < end and text[k] in " \t\r\n":
            k += 1
        if k >= end or text[k] != "{":
            raise src.error(i, f"\\{name} needs a {{...}} argument", f"write \\{name}{{word}}")
        close = _balanced(src, k, end)
        toks.append(_Tok("text", text[k + 1:close - 1], i, close, space))
        return close
    if name in DROP_WITH_ARG:
        m = re.compile(r"\s*\{").match(text, j, end)
        if not m:
            raise src.error(i, f"\\{name} needs a {{...}} argument", f"write \\{name}{{...}}")
        return -_balanced(src, m.end() - 1, end)
    if name in ("begin", "end"):
        m = _ENV_RE.match(text, j, end)
        env = m.group(1) if m else "?"
        if env not in ALIGN_ENVS:
            raise src.error(i, f"environment \\{name}{{{env}}} is not supported",
                            "write one equation per line (for matrices: one equation per entry)")
        toks.append(_Tok(name, env, i, m.end(), space))
        return m.end()
    if name == "\\":
        m = _ROWSKIP_RE.match(text, j, end)
        toks.append(_Tok("op", "\\\\", i, j, space))
        return m.end() if m else j
    if name in ARROWS:
        raise src.error(i, f"arrow \\{name} is not an equation",
                        "use '=' (only '=' chains are read)")
    if name in KNOWN_CMDS:
        brace = name in ("{", "}")
        toks.append(_Tok("op" if brace else "cmd", "\\" + name if brace else name, i, j, space))
        return j
    raise src.error(i, f"unknown command \\{_show(name)}", FIX_COMMAND)


# ---------------------------------------------------------------- parser


@dataclass
class _Item:
    value: object  # sympy.Expr | Partial | DITTO
    kind: str  # expr bracket partial ditto
    tok: _Tok


@dataclass
class _Term:
    sign: int
    items: list = field(default_factory=list)
    ops: list = field(default_factory=list)  # ops[k] joins items[k] and items[k+1]: * / juxt


class _Parser:
    def __init__(self, src: _Source, toks: list[_Tok], end: int):
        self.src, self.toks, self.i, self.end = src, toks, 0, end
        self.operands = 0

    # -- token helpers
    def peek(self, k: int = 0) -> _Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self) -> _Tok:
        t = self.peek()
        if t is None:
            raise self.src.error(self.end, "formula ends too early", "complete the formula")
        self.i += 1
        return t

    def is_(self, text: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t.kind in ("op", "cmd", "ditto") and t.text == text

    def fail(self, tok: _Tok | None, what: str, fix: str = "") -> LatexParseError:
        return self.src.error(tok.pos if tok else self.end, what, fix)

    def expect(self, text: str, opener: _Tok | None = None) -> _Tok:
        t = self.peek()
        if t is not None and t.text == text and t.kind == "op":
            self.i += 1
            return t
        if opener is not None and t is None:
            raise self.fail(opener, f"unbalanced '{opener.text}': the formula ends before its "
                            f"'{text}'", f"add the matching '{text}'")
        if opener is not None:
            line, col = self.src.where(opener.pos)
            raise self.fail(t, f"found {_show(t.text)} where '{text}' should close the "
                            f"'{opener.text}' at {line}:{col}", f"add the matching '{text}'")
        raise self.fail(t, f"expected '{text}', found {_show(t.text) if t else 'the end'}",
                        f"write '{text}' here")

    def take_char(self) -> _Tok:
        """Consume one character of the current num/letter token (TeX's single-token argument)."""
        t = self.next()
        if t.kind == "num" and len(t.text) > 1:
            rest = _Tok("num", t.text[1:], t.pos + 1, t.end)
            self.i -= 1
            self.toks[self.i] = rest
            return _Tok("num", t.text[0], t.pos, t.pos + 1, t.space)
        return t

    # -- sums and products
    def sum(self, depth: int, stops: frozenset, opener: _Tok | None = None) -> list[_Term]:
        """Terms up to (not including) a token in stops; None in stops allows the end."""
        if depth > MAX_DEPTH:
            raise self.fail(self.peek(), f"nesting deeper than {MAX_DEPTH}", "flatten the formula")
        terms = []
        while True:
            sign = 1
            while self.is_("+") or self.is_("-"):
                sign = -sign if self.next().text == "-" else sign
            term = _Term(sign, [self.operand(depth)])
            while True:
                t = self.peek()
                if t is None:
                    break
                if t.kind == "cmd" and t.text in MUL_CMDS or self.is_("*"):
                    op = "*"
                elif self.is_("/") or t.kind == "cmd" and t.text == "div":
                    op = "/"
                elif self.starts_operand(t):
                    if t.kind == "num":
                        raise self.fail(t, f"number {_show(t.text)} right after a factor",
                                        r"put \cdot between them")
                    term.items.append(self.operand(depth))
                    term.ops.append("juxt")
                    continue
                else:
                    break
                self.i += 1
                neg = False
                while self.is_("+") or self.is_("-"):
                    neg ^= self.next().text == "-"
                item = self.operand(depth)
                if neg:
                    item = self.negate(item)
                term.items.append(item)
                term.ops.append(op)
            terms.append(term)
            if not (self.is_("+") or self.is_("-")):
                break
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
            raise self.fail(t, "line break \\\\ outside an aligned block row",
                            "end the formula before \\\\")
        if t is not None and t.kind in ("begin", "end"):
            raise self.fail(t, f"\\{t.kind}{{{t.text}}} inside a formula",
                            "put aligned blocks around whole equations only")
        raise self.fail(t, f"unexpected {_show(t.text) if t else 'end'}", FIX_COMMAND)

    def negate(self, item: _Item) -> _Item:
        if item.kind in ("partial", "ditto"):
            raise self.fail(item.tok, "a sign before a derivative or // factor",
                            r"write -1 \cdot [ ... ] instead")
        return _Item(-item.value, "expr", item.tok)

    def starts_operand(self, t: _Tok) -> bool:
        if t.kind in ("num", "letter", "word", "text", "ditto"):
            return True
        if t.kind == "cmd":
            return t.text in VALUE_CMDS
        return t.kind == "op" and t.text in OPENERS

    def fold(self, terms: list[_Term]) -> sympy.Expr:
        """Terms -> one SymPy expression (Partial -> PARTIAL(num, den); // is an error)."""
        parts = []
        for term in terms:
            value = self.fold_items(term.items, term.ops)
            parts.append(value if term.sign > 0 else -value)
        return parts[0] if len(parts) == 1 else sympy.Add(*parts)

    def fold_items(self, items: list[_Item], ops: list[str]) -> sympy.Expr:
        num, den = [], []
        for k, item in enumerate(items):
            if item.kind == "ditto":
                raise self.fail(item.tok, "// (same as above) inside an expression",
                                r"use // only as a whole factor: // \cdot [x_2]")
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

    def check_bits(self, values: list, tok: _Tok) -> None:
        bits = sum(v.p.bit_length() + v.q.bit_length() for v in values if v.is_Rational)
        if bits > MAX_NUMBER_BITS:
            raise self.fail(tok, f"number too large (over {MAX_NUMBER_BITS} bits)",
                            "use smaller constants")

    def power(self, base: sympy.Expr, exp: sympy.Expr, tok: _Tok) -> sympy.Expr:
        if exp.is_Rational and (abs(exp.p) > MAX_EXPONENT or exp.q > MAX_EXPONENT):
            raise self.fail(tok, f"exponent {_show(str(exp))} is too large (limit {MAX_EXPONENT})",
                            "use a smaller exponent")
        if exp.is_Rational and base.is_Rational:
            self.check_bits([base] * abs(exp.p), tok)
        if base.is_zero and exp.is_Rational and exp.is_negative:
            raise self.fail(tok, "division by zero", "check the exponent")
        return sympy.Pow(base, exp)

    # -- operands
    def operand(self, depth: int) -> _Item:
        if depth > MAX_DEPTH:
            raise self.fail(self.peek(), f"nesting deeper than {MAX_DEPTH}", "flatten the formula")
        self.operands += 1
        self.src.operands += 1
        t = self.peek()
        if self.operands > MAX_OPERANDS or self.src.operands > MAX_DOC_OPERANDS:
            raise self.src.limit(t.pos if t else self.end, f"too many terms (limit {MAX_OPERANDS}"
                                 f" per formula, {MAX_DOC_OPERANDS} per document)",
                                 "split the formula")
        if self.operands % 64 == 0:
            self.src.tick(t.pos if t else self.end)
        if t is None:
            raise self.fail(t, "a value is missing at the end", "complete the formula")
        if not self.starts_operand(t):
            what = "operator" if t.text in ("+", "-", "*", "/", "^", "_", "=") else "token"
            raise self.fail(t, f"expected a value, found {what} {_show(t.text)}",
                            "put a value here or remove the operator")
        if t.kind == "ditto":
            self.i += 1
            return _Item(DITTO, "ditto", t)
        if t.kind == "cmd" and t.text == "partial":
            return self.slash_partial(depth, t)
        if t.kind == "cmd" and t.text in FRACS:
            item = self.frac(depth, t)
            if item.kind == "partial":
                return item
        elif t.kind == "cmd" and t.text in ("underbrace", "overbrace", "boxed"):
            item = self.decoration(depth, t)
        elif t.kind == "op" and t.text in ("(", "[", "\\{"):
            self.i += 1
            value = self.fold(self.sum(depth + 1, frozenset({OPENERS[t.text]}), t))
            self.expect(OPENERS[t.text], t)
            item = _Item(value, "bracket" if t.text == "[" else "expr", t)
        else:
            item = _Item(self.primary(depth, t), "expr", t)
        return self.postfix(depth, item)

    def postfix(self, depth: int, item: _Item) -> _Item:
        """A superscript after a non-name value; subscripts and primes are errors here."""
        t = self.peek()
        if t is not None and t.kind == "op" and t.text == "^":
            if item.kind == "partial":
                raise self.fail(t, "power of a derivative", "write the factor twice")
            self.i += 1
            exp = self.script(depth, t)
            item = _Item(self.power(item.value, exp, t), item.kind, item.tok)
            t = self.peek()
            if t is not None and t.kind == "op" and t.text == "^":
                raise self.fail(t, "double superscript", "use braces: a^{b^c}")
        if t is not None and t.kind == "op" and t.text in ("_", "'"):
            raise self.fail(t, f"'{t.text}' after a value that is not a name",
                            "subscripts and primes go on names: w_{11}, \\sigma'(z)")
        return item

    def primary(self, depth: int, t: _Tok) -> sympy.Expr:
        kind, s = t.kind, t.text
        if kind == "num":
            return self.number(self.next())
        if kind == "letter":
            nxt = self.peek(1)
            if s in ("g", "f") and nxt is not None and (nxt.text == "(" or nxt.text == "'"):
                self.i += 1
                return self.call(depth, s, t)
            self.i += 1
            return self.name(depth, s, t, euler=(s == "e"))
        if kind in ("word", "text"):
            self.i += 1
            word = s if kind == "word" else self.text_word(t)
            if word in FUNCTIONS and word not in ("g", "f"):
                return self.call(depth, word, t)
            return self.name(depth, word, t, euler=(word == "e" and kind == "text"))
        if kind == "op" and s == "{":
            if self.is_("}", 1):
                return self.prescript(depth, t)
            self.i += 1
            value = self.fold(self.sum(depth + 1, frozenset({"}"}), t))
            self.expect("}", t)
            return value
        self.i += 1  # a command from VALUE_CMDS
        if s in GREEK:
            return self.name(depth, s, t)
        if s == "pi":
            return sympy.pi
        if s in FUNCTIONS:
            return self.call(depth, s, t)
        if s == "sqrt":
            return self.sqrt(depth, t)
        if s in ACCENTS:
            return self.name(depth, self.accent(t), t)
        raise self.fail(t, f"unexpected \\{s}", FIX_COMMAND)  # pragma: no cover

    def decoration(self, depth: int, t: _Tok) -> _Item:
        r"""\boxed{X}, \underbrace{X}_{label}, \overbrace{X}^{label} -> X (a Partial stays one)."""
        self.i += 1
        opener = self.peek()
        if opener is None or opener.kind != "op" or opener.text != "{":
            raise self.fail(opener or t, f"\\{t.text} needs a {{...}} argument",
                            f"write \\{t.text}{{...}}")
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
        return _Item(self.fold(terms), "expr", t)

    def number(self, t: _Tok) -> sympy.Rational:
        if len(t.text) > MAX_DIGITS:
            raise self.fail(t, f"number with more than {MAX_DIGITS} digits", "use a shorter number")
        whole, _, frac = t.text.partition(".")
        return sympy.Rational(int(whole + frac), 10 ** len(frac)) if frac else sympy.Integer(whole)

    def text_word(self, t: _Tok) -> str:
        word = t.text.strip()
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", word, re.ASCII):
            raise self.fail(t, f"text {_show(t.text)} is not a single name",
                            "use one word of letters and digits, e.g. \\text{output}")
        return word

    def name(self, depth: int, base: str, t: _Tok, euler: bool = False) -> sympy.Expr:
        """base, then at most one subscript and one superscript (either order)."""
        sub = exp = None
        while True:
            s = self.peek()
            if s is None or s.kind != "op" or s.text not in ("_", "^"):
                break
            if (sub if s.text == "_" else exp) is not None:
                raise self.fail(s, f"double {'subscript' if s.text == '_' else 'superscript'}",
                                "use braces: x_{12}, x^{ab}")
            self.i += 1
            if s.text == "_":
                sub = self.subscript(depth, s)
            else:
                exp = (self.script(depth, s), s)
        if self.is_("'"):
            raise self.fail(self.peek(), f"prime on the name {base}",
                            r"primes go on functions: \sigma'(z), g'(z)")
        value = sympy.E if euler and sub is None else sympy.Symbol(f"{base}_{sub}" if sub else base)
        return self.power(value, *exp) if exp else value

    def single_script_char(self, mark: str, what: str) -> _Tok:
        """The one character after _ or ^ without braces; `w_12` is refused as ambiguous."""
        c = self.take_char()
        nxt = self.peek()
        if c.touches(nxt) and nxt.kind in ("num", "letter") and (
            nxt.kind == c.kind or c.kind == "letter"
        ):
            raise self.fail(c, f"ambiguous {what}: {mark}{c.text} then {_show(nxt.text)}",
                            f"write {mark}{{{c.text}{nxt.text}...}} or put a space after "
                            f"{mark}{c.text}")
        return c

    def subscript(self, depth: int, u: _Tok) -> str:
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
        raise self.fail(t, f"cannot use {_show(t.text)} as a subscript", "write x_{...}")

    def subscript_group(self, u: _Tok) -> str:
        r"""Flatten _{h_{1}}, _{\text{TRUE}}, _{\hat{}} to 'h1', 'TRUE', 'hat'."""
        opener = self.next()
        out, level = [], 1
        while True:
            t = self.peek()
            if t is None:
                self.expect("}", opener)
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
            elif t.kind in ("num", "letter", "word"):
                if "." in t.text:
                    raise self.fail(t, "decimal point in a subscript", "write w_{11}, not w_{1.1}")
                out.append(t.text)
            elif t.kind == "text":
                out.append(self.text_word(t))
            elif t.kind == "cmd" and t.text in GREEK:
                out.append(t.text)
            elif t.kind == "cmd" and t.text in ACCENTS and self.is_("{") and self.is_("}", 1):
                self.i += 2
                out.append(ACCENTS[t.text])
            else:
                raise self.fail(t, f"cannot use {_show(t.text)} in a subscript",
                                "use letters, digits, \\text{...} and Greek letters")
        name = "".join(out)
        if not name:
            raise self.fail(opener, "empty subscript", "write x_{1} or drop the _")
        return name

    def script(self, depth: int, u: _Tok) -> sympy.Expr:
        """The argument of ^: {expr} or one digit / letter / Greek letter."""
        t = self.peek()
        if t is not None and t.kind == "op" and t.text == "{":
            inner = self.peek(1)
            if (inner is not None and inner.text in ("(", "[")
                    and self.is_(OPENERS[inner.text], 3) and self.is_("}", 4)):
                mid = self.peek(2)
                if mid.kind in ("num", "letter"):
                    raise self.fail(inner, f"superscript {inner.text}{mid.text}"
                                    f"{OPENERS[inner.text]} looks like a layer index, not a power",
                                    "put the layer in the subscript: a_{h1}, or use {}^{2}Z")
            return self.group_arg(depth, u)
        if t is not None and t.kind in ("num", "letter"):
            return _char_value(self.single_script_char("^", "superscript"))
        if t is not None and t.kind == "cmd" and t.text in GREEK:
            self.i += 1
            return sympy.Symbol(t.text)
        raise self.fail(t or u, f"cannot use {_show(t.text) if t else 'nothing'} as a superscript",
                        "use braces: e^{-z}")

    def group_arg(self, depth: int, u: _Tok) -> sympy.Expr:
        opener = self.peek()
        if opener is None or opener.kind != "op" or opener.text != "{":
            raise self.fail(opener or u, f"\\{u.text} needs a {{...}} argument",
                            f"write \\{u.text}{{...}}")
        self.i += 1
        value = self.fold(self.sum(depth + 1, frozenset({"}"}), opener))
        self.expect("}", opener)
        return value

    def skip_arg(self, u: _Tok) -> None:
        """Skip a label argument ({...} or one token) without reading it as math."""
        t = self.next()
        if t.kind != "op" or t.text != "{":
            return
        level = 1
        while level:
            t = self.peek()
            if t is None:
                self.expect("}", u)
            self.i += 1
            level += (t.text == "{") - (t.text == "}") if t.kind == "op" else 0

    def tex_arg(self, depth: int, u: _Tok) -> sympy.Expr:
        r"""An argument of \frac or \sqrt: {expr} or a single digit, letter or Greek letter."""
        t = self.peek()
        if t is not None and t.kind == "op" and t.text == "{":
            return self.group_arg(depth, u)
        if t is not None and t.kind in ("num", "letter"):
            return _char_value(self.take_char())
        if t is not None and t.kind == "cmd" and t.text in GREEK:
            self.i += 1
            return sympy.Symbol(t.text)
        raise self.fail(t or u, f"\\{u.text} needs {{...}} arguments",
                        f"write \\{u.text}{{a}}{{b}}")

    def frac(self, depth: int, t: _Tok) -> _Item:
        self.i += 1
        kind = self.derivative_kind()
        if kind:
            return self.frac_partial(depth, t, kind)
        num = self.tex_arg(depth, t)
        den = self.tex_arg(depth, t)
        if den.is_zero:
            raise self.fail(t, "division by zero", "check the denominator")
        self.check_bits([num, den], t)
        return _Item(num / den, "expr", t)

    def derivative_kind(self) -> str:
        r"""'partial' for \frac{\partial ..}{..}, 'd' for \frac{dL}{dw}, '' for a ratio."""
        if not self.is_("{"):
            return ""
        if self.is_("partial", 1):
            return "partial"
        close = self.find_close(self.i)
        if close is None or not self.is_d(self.peek(1)):
            return ""
        after = self.peek(2)
        k = close - self.i
        if not (self.is_("{", k + 1) and self.is_d(self.peek(k + 2))):
            return ""  # d \cdot x / y
        if after.text in ("}", "^"):  # \frac{d}{dx}, \frac{d^2y}{dx^2}
            raise self.fail(self.peek(1), "operator or higher-order derivative d/dx",
                            r"write first derivatives of a name: \frac{dL}{dw}")
        return "" if after.text in ("_", "'") else "d"

    @staticmethod
    def is_d(t: _Tok | None) -> bool:
        return t is not None and (t.kind == "letter" and t.text == "d"
                                  or t.kind == "text" and t.text.strip() == "d")

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

    def frac_partial(self, depth: int, t: _Tok, kind: str) -> _Item:
        parts = []
        for which in ("numerator", "denominator"):
            opener = self.expect("{")
            mark = self.peek()
            if kind == "partial" and not self.is_("partial") or kind == "d" and not self.is_d(mark):
                lead = "\\partial" if kind == "partial" else "d"
                raise self.fail(mark or opener,
                                f"the {which} of a derivative must start with {lead}",
                                r"write \frac{\partial L}{\partial w}")
            self.i += 1
            if self.is_("^"):
                raise self.fail(self.peek(), "higher-order derivative",
                                "write first derivatives only")
            if self.is_("}"):
                raise self.fail(self.peek(), f"operator form \\frac{{{mark.text}}}{{..}}",
                                r"write \frac{\partial L}{\partial w}")
            parts.append(self.fold(self.sum(depth + 1, frozenset({"}"}), opener)))
            self.expect("}", opener)
        return _Item(Partial(*parts), "partial", t)

    def slash_partial(self, depth: int, t: _Tok) -> _Item:
        r"""\partial L / \partial w."""
        self.i += 1
        num = self.operand(depth + 1).value
        self.expect("/")
        if not self.is_("partial"):
            raise self.fail(self.peek(), r"expected \partial after '/'",
                            r"write \partial L / \partial w")
        self.i += 1
        den = self.operand(depth + 1).value
        if isinstance(num, (Partial, _Ditto)) or isinstance(den, (Partial, _Ditto)):
            raise self.fail(t, "nested derivative", "write first derivatives only")
        return _Item(Partial(num, den), "partial", t)

    def sqrt(self, depth: int, t: _Tok) -> sympy.Expr:
        index = None
        if self.is_("["):
            opener = self.next()
            index = self.fold(self.sum(depth + 1, frozenset({"]"}), opener))
            self.expect("]", opener)
        value = self.tex_arg(depth, t)
        if index is None:
            return self.power(value, sympy.Rational(1, 2), t)
        if not (index.is_Integer and 1 <= index <= MAX_EXPONENT):
            raise self.fail(t, f"root index {_show(str(index))}", "use a small whole number")
        return self.power(value, 1 / index, t)

    def accent(self, t: _Tok) -> str:
        r"""\hat{z}, \hat z -> 'z_hat'."""
        arg = self.peek()
        if self.is_("{"):
            self.i += 1
            arg = self.peek()
            inner_ok = arg is not None and (arg.kind in ("letter", "word") or
                                            arg.kind == "cmd" and arg.text in GREEK)
            if not inner_ok or not self.is_("}", 1):
                raise self.fail(arg or t, f"\\{t.text}{{...}} must contain one name",
                                f"write \\{t.text}{{z}} (or z_{{\\{t.text}{{}}}})")
            self.i += 2
        elif arg is not None and (arg.kind == "letter" or arg.kind == "cmd" and arg.text in GREEK):
            self.i += 1
        else:
            raise self.fail(arg or t, f"\\{t.text} needs a name", f"write \\{t.text}{{z}}")
        return f"{arg.text}_{ACCENTS[t.text]}"

    def bare_arg_follows(self) -> bool:
        t = self.peek()
        return t is not None and (t.kind in ("num", "letter", "word", "text")
                                  or t.kind == "cmd" and t.text in GREEK | FRACS)

    def prescript(self, depth: int, t: _Tok) -> sympy.Expr:
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

    def call(self, depth: int, name: str, t: _Tok) -> sympy.Expr:
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
        if self.is_("("):
            opener = self.next()
            args = []
            while True:
                args.append(self.fold(self.sum(depth + 1, frozenset({",", ")"}), opener)))
                if not self.is_(","):
                    break
                self.i += 1
            self.expect(")", opener)
        elif self.is_("{"):
            args = [self.group_arg(depth, t)]
        elif name not in ("g", "f") and self.bare_arg_follows():
            item = self.operand(depth + 1)  # \tanh x, \log x^2
            if item.kind in ("partial", "ditto"):
                raise self.fail(item.tok, f"a derivative or // as the argument of {name}",
                                f"write {name}(...) around a value")
            args = [item.value]
        else:
            shown = f"\\{name}" if t.kind == "cmd" else name
            raise self.fail(self.peek() or t, f"{shown} needs an argument", f"write {shown}(z)")
        want = (2, 99) if name in ("max", "min") else (1, 1)
        if not want[0] <= len(args) <= want[1]:
            raise self.fail(t, f"{name} takes {'two or more arguments' if want[0] == 2 else 'one'}"
                            f", got {len(args)}", f"write {name}(...)")
        if primes:
            if primes > 1 or name not in PRIMABLE:
                raise self.fail(t, f"{'multiple primes' if primes > 1 else 'prime'} on {name}",
                                r"write \sigma'(z) or g'(z), or spell the derivative out")
            fn = sympy.Function(prime_word(name))
        else:
            fn = FUNCTIONS[name]
        if base is not None:
            args.append(base)
        value = fn(*args)
        return self.power(value, *exp) if exp else value


# ---------------------------------------------------------------- statements


def _strip_row(toks: list[_Tok]) -> list[_Tok]:
    """Drop aligned-block begin/end marks at the edges and a trailing '.' or ','."""
    while toks and toks[0].kind in ("begin", "end"):
        toks = toks[1:]
    while toks and (toks[-1].kind in ("begin", "end") or toks[-1].text in (".", ",")):
        toks = toks[:-1]
    return toks


def _side(p: _Parser, depth: int) -> Product:
    """One side of a chain: its top-level factors."""
    first = p.i
    terms = p.sum(depth, frozenset({"=", None}))
    toks = p.toks[first:p.i]
    src = p.src
    line, col = src.where(toks[0].pos)
    text = src.text[toks[0].pos:toks[-1].end]
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
    factors = []
    for items, ops in groups:
        if len(items) == 1 and items[0].kind in ("partial", "ditto"):
            factors.append(items[0].value)
        else:
            factors.append(p.fold_items(items, ops))
    if term.sign < 0:
        if isinstance(factors[0], sympy.Expr):
            factors[0] = -factors[0]
        else:
            factors.insert(0, sympy.Integer(-1))
    return Product(tuple(factors), text, col, line)


def _statement(src: _Source, toks: list[_Tok], prev: tuple | None) -> tuple:
    """lhs = side = side ...; a row starting with '=' continues prev.

    Returns (statement, start offset) so that a continuation can extend the source text.
    """
    p = _Parser(src, toks, toks[-1].end)
    first = toks[0]
    if first.text == "=":
        if prev is None:
            raise src.error(first.pos, "'=' starts a line with nothing to continue",
                            "write the left-hand side first")
        stmt, start = prev
        sides = list(stmt.sides)
    else:
        lhs_side = _side(p, 0)
        if any(f is DITTO for f in lhs_side.factors):
            raise src.error(first.pos, "// on the left of '='", "write the left-hand side out")
        f = lhs_side.factors
        lhs = f[0] if len(f) == 1 else sympy.Mul(
            *(x.as_expr() if isinstance(x, Partial) else x for x in f))
        stmt, start, sides = None, first.pos, []
    while p.is_("="):
        p.i += 1
        if p.peek() is None or p.is_("="):
            raise p.fail(p.peek(), "nothing after '='", "write the right-hand side")
        sides.append(_side(p, 0))
    if not sides:
        raise src.error(first.pos, "no '=' in this formula", "write lhs = rhs")
    source = src.text[start:toks[-1].end]
    if stmt is not None:
        return replace(stmt, sides=tuple(sides), source=source), start
    line, col = src.where(first.pos)
    return Statement(lhs, tuple(sides), line, source, col), start


_FORMULA_KINDS = {"letter", "word", "text", "num"}


def _looks_like_formula(toks: list[_Tok]) -> bool:
    """A row without '=' is skipped when it only names things (x_1, \\eta, \\text{Summary})."""
    for t in toks:
        if t.kind in _FORMULA_KINDS or t.kind == "cmd" and t.text in GREEK:
            continue
        if t.kind == "op" and t.text in ("_", "{", "}", ",", "."):
            continue
        return True
    return False


def _rows(src: _Source, start: int, end: int) -> list[tuple[int, int]]:
    r"""Split text[start:end] at \\ outside braces."""
    text, rows, i, level, row_start = src.text, [], start, 0, start
    while i < end:
        c = text[i]
        if c == "\\":
            begin = text.startswith("\\begin", i)
            m = _ENV_RE.match(text, i + (6 if begin else 4), end) if begin or text.startswith(
                "\\end", i) else None
            if m and m.group(1) not in ALIGN_ENVS:  # a matrix's rows are not statements
                level += 1 if begin else -1
                i = m.end()
                continue
            if text.startswith("\\\\", i) and level == 0:
                rows.append((row_start, i))
                m = _ROWSKIP_RE.match(text, i + 2, end)
                i = row_start = m.end() if m else i + 2
                continue
            i += 2
            continue
        level += (c == "{") - (c == "}")
        i += 1
    rows.append((row_start, end))
    return rows


def _region(src: _Source, start: int, end: int, inline: bool, out: list) -> None:
    """The statements of one math region; a row's error is appended to out and reading goes on."""
    prev = None  # (statement, start offset) of the last statement, for '&= ...' rows
    for a, b in _rows(src, start, end):
        src.tick(a)
        try:
            toks = _strip_row(_tokenize(src, a, b))
            if not toks:
                continue
            if not any(t.kind == "op" and t.text == "=" for t in toks):
                if not inline and _looks_like_formula(toks):
                    raise src.error(toks[0].pos, "formula without '='",
                                    "write lhs = rhs (or move prose outside the math)")
                continue
            continued = prev is not None and toks[0].text == "="
            prev = _statement(src, toks, prev)
            if continued:
                out[-1] = prev[0]
            else:
                out.append(prev[0])
        except _LimitError:
            raise
        except LatexParseError as err:
            out.append(err)
            prev = None


_PROSE_RE = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")


def _plain_line_is_formula(line: str) -> bool:
    """Outside math a line is read only if it has '=', is ASCII and has no prose words."""
    if "=" not in line or not line.isascii():
        return False
    line = re.sub(r"\\(?:text|mathrm|operatorname|textrm)\s*\{[^{}]*\}|_\{[^{}]*\}", " ", line)
    for m in _PROSE_RE.finditer(line):
        w = m.group()
        if w not in WORDS and not (w[0] == "d" and w[1:] in WORDS):
            return False
    return True


_OPEN_RE = re.compile(r"\$\$|\$|\\\[|\\\(|\\begin\{([A-Za-z]+\*?)\}|\\.", re.DOTALL)
TOP_ENVS = {"equation", "equation*", "align", "align*", "gather", "gather*", "multline",
            "multline*", "displaymath", "math", "alignat", "alignat*"}


def _strip_comments(text: str) -> str:
    r"""Blank out % comments (not \%) keeping every offset."""
    if "%" not in text:
        return text
    out, i = [], 0
    for m in re.finditer(r"\\.|%[^\n]*", text, re.DOTALL):
        if m.group()[0] == "%":
            out.append(text[i:m.start()])
            out.append(" " * len(m.group()))
            i = m.end()
    out.append(text[i:])
    return "".join(out)


def _find_close(src: _Source, closer: str, j: int, opener_pos: int, opener: str) -> int:
    text = src.text
    pat = re.compile(re.escape(closer) + r"|\\.", re.DOTALL)
    for m in pat.finditer(text, j):
        if m.group() == closer:
            return m.start()
    raise src.error(opener_pos, f"unclosed {opener}", f"add the closing {closer}")


def _check_size(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError("expected str")
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise LatexParseError(f"input is over {MAX_BYTES:,} bytes", 1, 1,
                              "split it into smaller files")
    k = text.find("\0")
    if k >= 0:
        raise _Source(text).error(k, "NUL byte in the input", "remove it (is this a binary file?)")


@contextmanager
def _stack_room():
    """Room for MAX_DEPTH nested groups (about 4 Python frames each)."""
    old = sys.getrecursionlimit()
    need = 4 * MAX_DEPTH + 1000
    if old < need:
        sys.setrecursionlimit(need)
    try:
        yield
    finally:
        if old < need:
            sys.setrecursionlimit(old)


def scan_document(text: str) -> tuple[list[Statement], list[LatexParseError]]:
    """Every statement that parses, and one error for each that does not (errors do not stop)."""
    _check_size(text)
    src = _Source(_strip_comments(text))  # comments are blanked: offsets are unchanged
    out: list = []
    plain = []  # (start, end) of text outside math
    t, i, n = src.text, 0, len(src.text)
    with _stack_room():
        while i < n:
            src.tick(i)
            m = _OPEN_RE.search(t, i)
            if m is None:
                plain.append((i, n))
                break
            s = m.group()
            if s.startswith("\\") and s not in ("\\[", "\\(") and not (
                    m.group(1) and m.group(1) in TOP_ENVS):
                i = m.end()
                continue
            plain.append((i, m.start()))
            closer = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)"}.get(s)
            if closer is None:
                closer = f"\\end{{{m.group(1)}}}"
            j = _find_close(src, closer, m.end(), m.start(), s)
            _region(src, m.end(), j, s in ("$", "\\("), out)
            i = j + len(closer)
        for a, b in plain:
            for lm in re.finditer(r"[^\n]+", t[a:b]):
                src.tick(a + lm.start())
                if _plain_line_is_formula(lm.group()):
                    _region(src, a + lm.start(), a + lm.end(), False, out)
    out.sort(key=lambda x: (x.line, x.col))
    return ([x for x in out if isinstance(x, Statement)],
            [x for x in out if isinstance(x, LatexParseError)])


def parse_document(text: str) -> list[Statement]:
    r"""All statements of a document ($$..$$, \[..\], $..$, aligned blocks, plain formula lines).

    Raises the first LatexParseError; use scan_document to collect every error.
    """
    statements, errors = scan_document(text)
    if errors:
        raise errors[0]
    return statements


def parse_formula(text: str) -> sympy.Expr | Partial:
    """One expression (no '='): a SymPy expression, or a Partial when that is all there is."""
    _check_size(text)
    src = _Source(text)
    with _stack_room():
        toks = _strip_row(_tokenize(src, 0, len(text)))
        if not toks:
            raise LatexParseError("empty formula", 1, 1, "write an expression")
        p = _Parser(src, toks, len(text))
        terms = p.sum(0, frozenset({None, "="}))
        if p.peek() is not None:
            raise p.fail(p.peek(), "'=' in a single expression", "use parse_document for equations")
        if len(terms) == 1 and terms[0].sign > 0 and len(terms[0].items) == 1:
            item = terms[0].items[0]
            if item.kind == "partial":
                return item.value
        return p.fold(terms)


def product_expr(p: Product) -> sympy.Expr:
    """The Mul of a side's factors; a Partial or // factor is an error."""
    for f in p.factors:
        if not isinstance(f, sympy.Basic):
            what = "// (same as above)" if f is DITTO else "a derivative"
            raise LatexParseError(f"{what} in {_show(p.text, 40)} has no value", p.line, p.col,
                                  "resolve // and derivatives before multiplying")
    return sympy.Mul(*p.factors)
