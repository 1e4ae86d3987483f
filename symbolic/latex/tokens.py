"""Tokens of the LaTeX reader: the tokenizer, its tables of words and commands, and a cursor.

`tokenize` turns text into `Tok`s (ignorable commands dropped, unknown ones rejected with a fix);
`Cursor` walks a token list for the parser (peek, next, expect) and holds its `Item`s and `Term`s.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import sympy

from . import unicode
from .glued import glued, name_digits
from .loss_calls import named
from .pmatrix import MATRIX_ENVS, matrix_tokens
from .source import FIX_COMMAND, MAX_DEPTH, MAX_DIGITS, MAX_TOKENS, Source, show
from .vocabulary import (
    ALIGN_ENVS,
    ARROWS,
    DROP_WITH_ARG,
    FONT_CMDS,
    FONT_SWITCHES,
    GREEK,
    KNOWN_CMDS,
    SIZERS,
    SPACING,
    TEXT_CMDS,
    TEXT_SUB_RE,
    WORDS,
)


@dataclass(frozen=True)
class Tok:
    kind: str  # num letter word text cmd op ditto begin end
    text: str
    pos: int
    end: int
    space: bool = False  # whitespace (or an ignored command) before it

    def touches(self, other: Tok | None) -> bool:
        return other is not None and not other.space and other.pos == self.end


# \mathbb{I} before a bracket holding a comparison (no bracket nested in it before the comparison)
_IVERSON = re.compile(r"\s*\{\s*I\s*\}()\s*(?:\\left\s*)?[\[(][^\[\]()]*?(?:[<>]|\\(?:[gl]eq|[gl]e|[gl]t)\b)")
_TOKEN_RE = re.compile(
    r"(?P<space>[ \t\r\n~&]+)|(?P<num>(?:[0-9]+(?:\.[0-9]+)?|(?<![0-9.])\.[0-9]+)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<run>[A-Za-z]+)"  # .5 (Fausett's E = .5 \sum_k ...) a number as 0.5 is
    r"|(?P<cmd>\\(?:[A-Za-z]+|[^A-Za-z]))|(?P<ditto>//)|(?P<assign>:=)|(?P<op>[-+*/()\[\]{}^_=,.';<>])"
    r"|(?P<times>[\u22c5\u00b7\u00d7])|(?P<bars>\|\|)",
    re.ASCII | re.DOTALL,
)
_ENV_RE = re.compile(r"\s*\{([A-Za-z]+\*?)\}", re.ASCII)
_DOT_RE = re.compile(r"\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))", re.ASCII)  # \dot{f}, \dot f
_ROWSKIP_RE = re.compile(r"\s*\[\s*-?[0-9]*\.?[0-9]+\s*(?:pt|em|ex|mm|cm|in|mu)\s*\]", re.ASCII)


def _balanced(src: Source, pos: int, end: int) -> int:
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


def tokenize(src: Source, start: int, end: int) -> list[Tok]:
    """Tokens of text[start:end]; ignorable commands dropped, unknown ones rejected."""
    text, toks, i, space = src.text, [], start, True
    while i < end:
        m = _TOKEN_RE.match(text, i, end)
        pasted = unicode.read(text, i, end) if m is None else None
        if pasted is not None:  # δ, −, ′, ∂, w₁₂ pasted from a rendered page: their LaTeX
            parts, j = pasted
            if parts[0][0] == "space":
                space, i = True, j
                continue
            for kind, s in parts:
                if kind == "cmd" and s not in KNOWN_CMDS:
                    raise src.error(i, f"unknown command \\{s}", FIX_COMMAND)
                toks.append(Tok(kind, s, i, j, space))
                space = False
            src.tokens += len(parts)
            i = j
            continue
        if m is None:
            raise src.error(
                i,
                f"unexpected character {show(text[i])}",
                r"remove it or spell it in LaTeX (e.g. \eta for η)",
            )
        kind, s, j = m.lastgroup or "", m.group(), m.end()  # every alternative is named
        if src.tokens >= MAX_TOKENS:
            raise src.limit(i, f"more than {MAX_TOKENS} tokens", "split the document")
        if src.tokens % 4096 == 0:
            src.tick(i)
        if kind == "space":
            space, i = True, j
            continue
        if kind == "times":  # ⋅ · × pasted from rendered math: a product
            kind, s = "op", "*"
        if kind == "bars":  # ||y - W x||^2 typed with two bars (Murphy): the norm \| ... \|
            kind, s = "op", "‖"
        if kind == "run" and s in src.pairs:  # {Co}= ...: a two-letter name (latex/pair_names.py)
            toks.append(Tok("word", s, i, j, space))
        elif kind == "run":
            toks.extend(_split_run(s, i, space, called=text.startswith("(", j)))
        elif kind == "assign":  # Δ := Δ + δ aᵀ (an update, read as '=')
            toks.append(Tok("op", "=", i, j, space))
        elif kind == "cmd":
            j = _command(src, toks, s[1:], i, j, end, space)
            if j < 0:  # ignorable: acts like whitespace
                space, i = True, -j
                continue
        elif kind == "num" and len(s) > MAX_DIGITS:  # before any reading turns it into an int
            raise src.error(i, f"number with more than {MAX_DIGITS} digits", "use a shorter number")
        elif kind == "num" and glued(toks, s, i, space):  # w1, z1, E_y1: digits of the name
            toks[len(toks) - 1 :] = name_digits(toks, s, i, j, text[j : j + 1] == "_")
        else:
            toks.append(Tok(kind, s, i, j, space))
        src.tokens += 1
        space, i = False, j
    from . import (
        activation_names,
        bracket_layers,
        editor_braces,
        font_groups,
        layer_functions,
        over_fractions,
        partial_subscripts,
        starred_names,
    )
    from .marked_functions import braced_primes, output_functions

    toks = over_fractions.read(starred_names.read(toks))  # y^*: y_star; {a \over b}: \frac{a}{b}
    toks = editor_braces.read(toks)  # {{X}}, \sum_i {X} (an equation editor's markup): as rendered
    toks = font_groups.read(toks)  # {\rm softmax}(z): the braces around a function's name
    toks = layer_functions.read(toks)  # f_l(u_j^{l}): the layer's activation, as f(u_j^{l})
    toks = partial_subscripts.read(toks, src.text)  # ∂_{W} ℓ: ∇_{W} L; ℓ = ...: L
    return bracket_layers.read(activation_names.read(output_functions(braced_primes(toks))))


MIN_NAME = 3  # letters in a run read as one name (shorter runs are juxtaposed letters)


def _split_run(s: str, pos: int, space: bool, called: bool = False) -> list[Tok]:
    """A latin run: a whitelisted word, 'd' + word (dLoss, dOut), a multi-letter name (a run of
    MIN_NAME letters or more: net_{o1}, target, Delta; capitals before '(', CE(y, ŷ): a function's
    name, latex/loss_calls.py), or single juxtaposed letters (ab = a b)."""
    if s in WORDS or called and named(s):
        return [Tok("word", s, pos, pos + len(s), space)]
    if s[0] == "d" and (s[1:] in WORDS or len(s) >= 4 and s[1].isupper()):  # dLoss, dOut
        end = pos + len(s)
        return [Tok("letter", "d", pos, pos + 1, space), Tok("word", s[1:], pos + 1, end)]
    if len(s) >= MIN_NAME:  # net, out, target, total, Delta: a name, never a product
        return [Tok("word", s, pos, pos + len(s), space)]
    return [Tok("letter", c, pos + k, pos + k + 1, space and k == 0) for k, c in enumerate(s)]


_LETTERS_RE = re.compile(r"[A-Za-z]+", re.ASCII)


def _escaped_underscore(src: Source, toks: list, j: int, end: int, space: bool) -> int:
    r"""After `\_` (a literal underscore) glued between a name and letters, as a name printed with
    an underscore in it is typed (Fausett's z_in_j, y_in_k, \delta_in_j: `z\_in_j`): the two
    joined into one name (zin, deltain; its subscript follows), and where to continue; else 0."""
    prev = toks[-1] if toks else None
    m = _LETTERS_RE.match(src.text, j, end)
    if space or prev is None or m is None or prev.end != j - 2:
        return 0
    if prev.kind not in ("letter", "word") and not (prev.kind == "cmd" and prev.text in GREEK):
        return 0
    toks[-1] = Tok("word", prev.text + m.group(), prev.pos, m.end(), prev.space)
    return m.end()


def _command(src: Source, toks: list, name: str, i: int, j: int, end: int, space: bool) -> int:
    """Append the token(s) for the command at i; return where to continue (negative: a space)."""
    text = src.text
    if name in SPACING:
        return -j
    if name in SIZERS:
        m = _TOKEN_RE.match(text, j, end)
        while m and m.lastgroup == "space":
            m = _TOKEN_RE.match(text, m.end(), end)
        d = m.group() if m else ""
        if d == "." and m is not None:  # \left. X \right.: TeX's null delimiter, nothing to read
            return m.end()
        if d in ("\\|", "\\Vert", "\\lVert", "\\rVert"):  # \left\| y - h \right\|: a norm
            assert m is not None
            toks.append(Tok("op", "‖", m.start(), m.end(), True))
            return m.end()
        if d not in ("(", ")", "[", "]", "\\{", "\\}"):
            raise src.error(
                i,
                f"\\{name} must be followed by ( ) [ ] \\{{ or \\}}, not {show(d)}",
                "use \\left( ... \\right) or plain brackets",
            )
        assert m is not None
        toks.append(Tok("op", d, m.start(), m.end(), True))
        return m.end()
    if name == "_" and (glued := _escaped_underscore(src, toks, j, end, space)):
        return glued  # z\_in_j: Fausett's z_in_j, one name (zin_j)
    if name in ("|", "Vert", "lVert", "rVert"):  # \| v \|: a norm
        toks.append(Tok("op", "‖", i, j, space))
        return j
    if name in FONT_CMDS:
        m = re.compile(r"\s*\{\s*1\s*\}").match(text, j, end)
        if m:  # \mathbb{1}: the indicator
            toks.append(Tok("cmd", "indicator", i, m.end(), space))
            return m.end()
        m = _IVERSON.match(text, j, end) if name == "mathbb" else None
        if m:  # \mathbb{I}[f > 0] (Prince): the indicator, a comparison in its bracket
            toks.append(Tok("cmd", "indicator", i, m.end(1), space))
            return m.end(1)
        m = re.compile(r"\s*\{\s*([A-Za-z]+|\\[A-Za-z]+)\s*\}").match(text, j, end)
        if m and (m.group(1)[0] != "\\" or m.group(1)[1:] in GREEK):  # \mathbf{W}^{(2)}: the name W
            word = m.group(1)
            k = m.start(1)
            toks.extend(
                _split_run(word, k, space) if word[0] != "\\" else [Tok("cmd", word[1:], k, m.end(1), space)]
            )
            return m.end()
        return -j  # a font: \mathbf{w_4} is w_4
    if name in TEXT_CMDS:
        k = j
        while k < end and text[k] in " \t\r\n":
            k += 1
        if k >= end or text[k] != "{":
            raise src.error(i, f"\\{name} needs a {{...}} argument", f"write \\{name}{{word}}")
        close = _balanced(src, k, end)
        if _TEXT_NUMBER.fullmatch(text, k + 1, close - 1):  # = \text{1.0076}: a number, as written
            toks.extend(tokenize(src, k + 1, close - 1))
            return close
        sub = TEXT_SUB_RE.match(text, k + 1, close - 1)
        if sub:  # \mathrm{net_j}: the word, then its subscript, read as \mathrm{net}_j
            toks.append(Tok("text", sub.group(1), i, sub.end(), space))
            toks.extend(tokenize(src, sub.end(), close - 1))
            return close
        toks.append(Tok("text", text[k + 1 : close - 1], i, close, space))
        return close
    if name == "tag" and (m := re.compile(r"\s*\*\s*\{").match(text, j, end)):
        return -_balanced(src, m.end() - 1, end)  # \tag*{(13.30)}: the number unbracketed, dropped whole
    if name in ("tag", "label") and re.compile(r"\s*[0-9A-Za-z*]").match(text, j, end):
        m = re.compile(r"\s*\*?\s*[0-9A-Za-z]+").match(text, j, end)  # \tag 2: one number, no braces
        return -(m.end() if m else j)
    if name in DROP_WITH_ARG:
        m = re.compile(r"\s*\*?\s*\{").match(text, j, end)  # \hspace*{1em} too
        if not m:
            raise src.error(i, f"\\{name} needs a {{...}} argument", f"write \\{name}{{...}}")
        return -_balanced(src, m.end() - 1, end)
    if name in ("begin", "end"):
        m = _ENV_RE.match(text, j, end)
        env = m.group(1) if m else "?"
        if name == "begin" and m and env in MATRIX_ENVS:  # a matrix written out (pmatrix.py)
            return matrix_tokens(src, i, m.end(), end, space, toks)
        if env not in ALIGN_ENVS:
            raise src.error(
                i,
                f"environment \\{name}{{{env}}} is not supported",
                "write one equation per line (for matrices: one equation per entry)",
            )
        assert m is not None
        toks.append(Tok(name, env, i, m.end(), space))
        return m.end()
    if name == "\\":
        m = _ROWSKIP_RE.match(text, j, end)
        toks.append(Tok("op", "\\\\", i, j, space))
        return m.end() if m else j
    if name in ("equiv", "coloneqq", "triangleq", "doteq", "approx", "simeq"):  # read as '='
        toks.append(Tok("op", "=", i, j, space))  # ≈: a rounded number, to a unit of its last digit
        return j
    if name in ("limits", "nolimits") or name in FONT_SWITCHES:  # \sum\limits_{o}: placement only
        return -j
    if name in ("leftarrow", "gets", "longleftarrow"):
        # g \leftarrow X = Y (a running variable) or w \leftarrow w + \Delta w (an update, read as
        # := is): told apart by latex/algorithm.py
        toks.append(Tok("op", "←", i, j, space))
        return j
    if name in ARROWS and not toks:  # a row opening with \Rightarrow: "hence", not a relation
        return -j
    if name in ARROWS:
        raise src.error(i, f"arrow \\{name} is not an equation", "use '=' (only '=' chains are read)")
    if name == "dot" and (m := _DOT_RE.match(text, j, end)):
        # \dot{f}^m(n): Newton's dot, the derivative f' (Hagan, Demuth & Beale's \dot{f}, \dot{F})
        toks.append(Tok("letter", _dotted(src.text, m.group(1) or m.group(2)), i, m.end(), space))
        toks.append(Tok("op", "'", m.end() - 1, m.end(), False))
        return m.end()
    if name == "part":  # \part: MathJax's and Typora's alias of \partial (\part E/\part w)
        toks.append(Tok("cmd", "partial", i, j, space))
        return j
    if name in ("varnothing", "emptyset"):  # f_2(x_2, \varnothing): no parameters (latex/function_sides.py)
        toks.append(Tok("cmd", "varnothing", i, j, space))
        return j
    if name == "ast":  # y^\ast: a starred name (latex/starred_names.py), elsewhere refused there
        toks.append(Tok("cmd", "ast", i, j, space))
        return j
    if name == "over":  # {a \over b}: TeX's fraction, read as \frac{a}{b} (latex/over_fractions.py)
        toks.append(Tok("cmd", "over", i, j, space))
        return j
    if name in KNOWN_CMDS:
        brace = name in ("{", "}")
        toks.append(Tok("op" if brace else "cmd", "\\" + name if brace else name, i, j, space))
        return j
    raise src.error(i, f"unknown command \\{show(name)}", FIX_COMMAND)


_TEXT_NUMBER = re.compile(r"\s*[-+−]?\s*(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")


def _dotted(text: str, letter: str) -> str:
    """\\dot{F} beside \\dot{f}: Hagan's diagonal matrix of the derivatives \\dot{f}, read as f'
    (a column written before a column is its diagonal matrix: verify/matrix_operands.py)."""
    return letter.lower() if letter.isupper() and letter.lower() in _dotted_letters(text) else letter


@functools.lru_cache(maxsize=8)
def _dotted_letters(text: str) -> frozenset[str]:
    """The lower-case letters the document writes under a dot (\\dot{f}, \\dot f)."""
    return frozenset(re.findall(r"\\dot\s*(?:\{\s*)?([a-z])(?![A-Za-z])", text))


def number_value(text: str) -> sympy.Rational:
    """A numeral as its exact value: 0.15 -> 3/20; 8.2e-2 (one token, no space) -> 41/500."""
    mantissa, _, exponent = text.replace("E", "e").partition("e")
    whole, _, frac = mantissa.partition(".")
    value = sympy.Rational(int(whole + frac), 10 ** len(frac))
    return value * sympy.Rational(10) ** int(exponent) if exponent else value


def char_value(c) -> sympy.Expr:
    """One unbraced character as a value: a digit, Euler's e, or a one-letter symbol."""
    if c.kind == "num":
        return sympy.Integer(c.text)
    return sympy.E if c.text == "e" else sympy.Symbol(c.text)
