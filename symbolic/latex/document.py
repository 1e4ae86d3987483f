"""The document scanner: math regions, aligned rows and plain lines -> statements.

`scan_document` finds every formula ($$..$$, \\[..\\], $..$, equation/align environments, plain
lines that look like formulas), reads each row as a statement (`lhs = side = side`, a row starting
with '=' continues the one above) and keeps going after an error: every statement that parses,
one positioned error for each that does not. `parse_formula` reads one expression.
"""

from __future__ import annotations

import re
from dataclasses import replace

import sympy

from . import (
    activation_marks,
    bare_leibniz,
    forward_letters,
    index_ranges,
    layer_ranges,
    layer_superscripts,
    pair_names,
    parameter_groups,
    product_entries,
    renamed_layers,
    row_products,
    scalar_nabla,
    shifted_letters,
    shifted_tokens,
    slope_names,
    subscript_shifts,
    times_letter,
    unit_biases,
    update_marks,
)
from .algorithm import defined_vector, is_loop_header, mentions, running_assignment, without_membership
from .array_rows import statement_arrays, table_rows
from .asides import asides
from .conditions import cases, split_condition
from .error_letter import defines_e, names_e
from .expressions import Parser
from .function_sides import without_function_sides
from .functions_defined import defined_heads
from .index_primes import fresh_letters
from .lagrange import primed_names
from .matrix import MatrixStatement, is_matrix_row, read_matrix_row
from .quantifiers import strip as strip_quantifier
from .rate_subscripts import blank as blank_rates
from .regions import (
    ARG_ENVS,
    CLOSERS_OF,
    ENV_ARG_RE,
    INLINE,
    OPEN_RE,
    TOP_ENVS,
    check_size,
    find_close,
    plain_line_is_formula,
    stack_room,
    strip_comments,
)
from .renamed_layers import rewrite as renamed
from .source import LatexParseError, LimitError, Source
from .statement_cuts import apart
from .statement_rows import statement as _statement
from .statements import Partial, Statement
from .subscript_layers import detect as layers_of
from .subscript_layers import rewrite as relayer
from .tokens import _ENV_RE, _ROWSKIP_RE, Tok, tokenize
from .vocabulary import ALIGN_ENVS, GREEK

# ---------------------------------------------------------------- statements


_ONE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _strip_row(toks: list[Tok]) -> list[Tok]:
    """Drop aligned-block begin/end marks at the edges and a trailing '.' or ','; and prose opening
    a row before its left side (\\text{Similarly,}, \\mbox{Let }): words with a space or a comma
    in them, not followed by '=' (\\mbox{Hidden output} = x_1 stays, and is refused as a name)."""
    while toks and toks[0].kind in ("begin", "end"):
        toks = toks[1:]
    if len(toks) > 1 and toks[0].kind == "text" and not _ONE_WORD.fullmatch(toks[0].text):
        if toks[1].text not in ("=", "&"):
            toks = toks[1:]
    while toks and (toks[-1].kind in ("begin", "end") or toks[-1].text in (".", ",")):
        toks = toks[:-1]
    if len(toks) > 2 and toks[-1].kind == "text" and toks[-1].space and _annotation(toks[-1].text):
        toks = toks[:-1]  # `= \sigma(z) \quad \text{(Prediction)}`: a label after the formula
    if len(toks) > 4 and toks[-3].text == "(" and toks[-3].space and toks[-1].text == ")":
        if toks[-2].kind == "text" and _annotation(toks[-2].text):  # `= 0 \quad (\text{unit 2 is off})`
            toks = toks[:-3]
    return strip_quantifier(toks)  # `\quad \mbox{for all the weights } w` (quantifiers.py)


def _annotation(words: str) -> bool:
    """Prose closing a row after a space: words with a space or a comma in them, or in
    parentheses ((Linear), (3.19)): a label or a remark, never a factor."""
    words = words.strip()
    return not _ONE_WORD.fullmatch(words) and (" " in words or "," in words or words.startswith("("))


_FORMULA_KINDS = {"letter", "word", "text", "num"}


def _looks_like_formula(toks: list[Tok]) -> bool:
    """A row without '=' is skipped when it only names things (x_1, \\eta, \\text{Summary})."""
    for t in toks:
        if t.kind in _FORMULA_KINDS or t.kind == "cmd" and t.text in GREEK:
            continue
        if t.kind == "op" and t.text in ("_", "{", "}", ",", "."):
            continue
        return True
    return False


def _rows(src: Source, start: int, end: int) -> list[tuple[int, int]]:
    r"""Split text[start:end] at \\ outside braces."""
    text, rows, i, level, row_start = src.text, [], start, 0, start
    while i < end:
        c = text[i]
        if c == "\\":
            begin = text.startswith("\\begin", i)
            m = (
                _ENV_RE.match(text, i + (6 if begin else 4), end)
                if begin or text.startswith("\\end", i)
                else None
            )
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


def _region(
    src: Source, start: int, end: int, inline: bool, out: list, carried: tuple | MatrixStatement | None = None
) -> tuple | MatrixStatement | None:
    """The statements of one math region; a row's error is appended to out and reading goes on.
    `carried` is the statement a first row starting with '=' continues (the display just before,
    `$$a = b$$ $$= c$$`); returns the region's last statement, for the display after it."""
    mprev = isinstance(
        carried, MatrixStatement
    )  # the last row read was a matrix statement (or the display's)
    prev = None if isinstance(carried, MatrixStatement) else carried
    acc: list[Tok] = []  # the tokens of the statement being read, for a row going on with '+'
    parts = asides(src.text, [part for row in _rows(src, start, end) for part in apart(src.text, *row)])
    for a, b, member in parameter_groups.rows(src.groups, src.text, parts):  # ∂L/∂θ_j: per member
        src.tick(a)
        try:
            split = cases(src, a, b)
            if split is not None and split[0][1]:  # lhs = \begin{cases} A & cond \\ B & cond \end{cases}
                for toks, condition in split:
                    toks = slope_names.rewrite(src, src.slopes, toks)  # f'_i in a case (Reed & Marks)
                    stmt = _statement(src, _strip_row(toks), None)[0]
                    out.append(replace(stmt, condition=condition))
                prev, acc = None, []
                continue
            whole = split[0][0] if split else parameter_groups.copy(src.groups, tokenize(src, a, b), member)
            whole = without_function_sides(whole)  # x_2 = f_1(x, \theta_1) = W_1 x: x_2 = W_1 x
            whole = product_entries.rewrite(whole)  # ((W^{[l+1]})^T \delta^{[l+1]})_j: its sum over k
            whole = renamed(src.renamed, relayer(src.layers, whole))  # W_1 of a document writing W^{(1)}
            whole = subscript_shifts.rewrite(src.shifts, whole)  # a_{L-1}: a^{(L-1)} (3Blue1Brown's)
            whole = forward_letters.rewrite(src.forward, whole)  # z = Wx + b_1: W is W^{(1)}
            whole, span = shifted_tokens.rewrite(src.shifted, whole)  # f_{k-1}: z^{[k]} (Prince)
            whole = row_products.rewrite(src.rows, whole)  # \alpha_m^T x: \sum_l \alpha_{ml} x_l
            toks, ranged, layer_span, _ = index_ranges.take(_strip_row(whole))  # \text{for } 2 \le l \le L
            toks, condition = split_condition(toks)
            condition = (*condition, *ranged)
            toks, running = running_assignment(src, toks)  # g \leftarrow X = Y: X = Y, g names X
            toks = without_membership(toks)  # ... \in \mathbb{R}^q: where it lives, not a claim
            toks = slope_names.rewrite(src, src.slopes, toks)  # f'_i: f'(a_i) where the document says so
            toks = update_marks.rewrite(toks)  # w'_{kj} = w_{kj} + ...: w^{+}_{kj} (Zurada, Fausett)
            toks = times_letter.rewrite(toks)  # 2 x .11: a times sign between numbers (hmkcode)
            toks = activation_marks.rewrite(toks)  # Y^{sigmoid} = 1/(1 + e^{-X}): sigmoid(X) = ...
            if any(t.kind == "cmd" and t.text == "nabla" for t in toks):  # \nabla_{w_2} L, w_2 a scalar
                scalar = scalar_nabla.rewrite(scalar_nabla.scalars(out), toks)
                toks = toks if is_matrix_row(scalar, names=False) else scalar
            if not toks or is_loop_header(toks):
                continue
            going_on = (
                toks[0].kind == "op" and toks[0].text in ("+", "-") and toks[0].pos not in src.table_rows
            )
            if prev is not None and acc and going_on:
                acc = acc + toks  # '&+ ...': the row goes on with the side above it
                prev = _statement(src, acc, None)
                out[-1] = prev[0]
                continue
            if not any(t.kind == "op" and t.text == "=" for t in toks):
                if not inline and _looks_like_formula(toks):
                    raise src.error(
                        toks[0].pos, "formula without '='", "write lhs = rhs (or move prose outside the math)"
                    )
                continue
            if toks[0].text == "=" and isinstance(out[-1:] and out[-1], MatrixStatement) and mprev:
                out[-1] = read_matrix_row(src, toks, out[-1])  # '&= ...' under a matrix statement
                out[-1] = replace(out[-1], span=span or out[-1].span)  # a range on its last row: its
                continue
            mprev = toks[0].text != "=" and (is_matrix_row(toks) or mentions(toks, src.vectors))
            whole_b = not mprev and toks[0].text != "=" and unit_biases.whole_layer_row(toks, src.unit_biases)
            mprev = mprev or whole_b  # b^{(L)} = b^{(L)} - ...: its vector, in this row only
            span = span or (layer_span if mprev else None)
            if span is not None and not mprev:
                raise src.error(toks[0].pos, *layer_ranges.ENTRY_BY_ENTRY)
            if mprev:  # δ^l = ((W^{l+1})^T δ^{l+1}) ⊙ σ'(z^l)
                try:
                    out.append(replace(read_matrix_row(src, toks), running=running, span=span))
                    src.vectors |= set() if whole_b else defined_vector(out[-1])
                    prev, acc = None, []
                    continue
                except LatexParseError:
                    if is_matrix_row(toks, names=False):  # \odot, ^T, \nabla...: a matrix row
                        raise
                    mprev = False  # only a layered name without an index (\hat{W^L}): scalar
            continued = prev is not None and toks[0].text == "="
            acc = (acc + toks if acc else []) if continued else list(toks)
            prev = _statement(src, toks, prev)
            if running:
                prev = (replace(prev[0], running=running), prev[1])
            if condition:
                prev = (replace(prev[0], condition=condition), prev[1])
            if continued:
                out[-1] = prev[0]
            else:
                out.append(prev[0])
        except LimitError:
            raise
        except LatexParseError as err:
            out.append(err)
            prev, mprev, acc = None, False, []
    return out[-1] if mprev and isinstance(out[-1], MatrixStatement) else prev  # '&= ...' may go on with it


def scan_document(text: str) -> tuple[list[Statement | MatrixStatement], list[LatexParseError]]:
    """Every statement that parses, and one error for each that does not (errors do not stop).
    Read twice when a row defines a vector (z = W^{(2)} h + b^{(2)}): a row above it naming z
    (\\frac{\\partial C}{\\partial z} = y - \\hat y, the question's given) is a vector row too."""
    check_size(text)
    first = _source(text)
    out = _read(first)
    if not first.vectors:
        return _split(out)
    again = _source(text)
    again.vectors = set(first.vectors)
    return _split(_read(again))


def _source(text: str) -> Source:
    src = Source(statement_arrays(blank_rates(strip_comments(text))))
    # comments, α_w's w, a display-wide array's marks (array_rows.py) blanked: offsets unchanged
    src.shifts = subscript_shifts.detect(src.text)  # z_L = w_L*a_{L-1}: L a layer
    src.pairs = pair_names.detect(src.text)  # {Co}= (a_L - y)^2: Co one name
    src.bare_d = bare_leibniz.detect(src.text)  # \frac{Co}{dw_L}: derivatives, the d below only
    src.table_rows = table_rows(blank_rates(strip_comments(text)))  # 5 & -0.3 + ...: a row of its own
    src.functions = defined_heads(src.text)  # s(x) = ...: s(arg) is a call everywhere
    src.primed = primed_names(src.text)  # R'(Z_o): R(Z_h) is R at Z_h (lagrange.py)
    src.index_primes = fresh_letters(src.text)  # \sum_{j'}: j' another index letter
    src.layers = layers_of(src.text)  # x_i = f_i(W_i x_{i-1}): layers as subscripts
    src.renamed = renamed_layers.detect(src.text)  # W_1 for the W^{(1)} the document also writes
    # X^{(j-1)} beside W^{(j)}: a layer (layer_superscripts.py)
    src.layer_letters, src.bare_letters = layer_superscripts.detect(src.text)
    src.own_e = defines_e(src.text)  # e = y - \\hat{y}: e a name, not Euler's number
    src.mixed_e = names_e(src.text) and not src.own_e  # e = y_d - y beside e^{-X}: each by its use
    src.forward = forward_letters.detect(src.text)  # letters the forward pass defines, by structure
    src.shifted = shifted_letters.detect(src.text)  # f_0 = \beta_0 + \Omega_0 x, h_k = a[f_{k-1}]
    src.rows = row_products.detect(src.text)  # \alpha_m^T x beside \alpha_{ml}: a row of weights
    src.groups = parameter_groups.detect(src.text)  # \theta_j = \{A_j, b_j\}, f_1(x, \theta_1) = W_1 x
    src.slopes = slope_names.detect(src.text)  # f'_k \equiv f'(a_k): f'_i is f'(a_i) (Reed & Marks)
    src.unit_biases = unit_biases.detect(src.text)  # b^{(L)} beside b^{(L)}_j: the layer's bias vector
    if src.shifted is not None:  # the families' own offsets: they read every subscript layer
        src.layers, src.forward = None, {}
    return src


def _split(out: list) -> tuple[list[Statement | MatrixStatement], list[LatexParseError]]:
    return (
        [x for x in out if isinstance(x, (Statement, MatrixStatement))],
        [x for x in out if isinstance(x, LatexParseError)],
    )


def _read(src: Source) -> list:
    """The statements and errors of the document, in order."""
    out: list = []
    plain = []  # (start, end) of text outside math
    t, i, n = src.text, 0, len(src.text)
    last: tuple | MatrixStatement | None = None  # the last region's last statement
    last_end = 0  # where that region closed
    with stack_room():
        while i < n:
            src.tick(i)
            m = OPEN_RE.search(t, i)
            if m is None:
                plain.append((i, n))
                break
            s = m.group()
            if s.startswith("\\") and s not in CLOSERS_OF and not (m.group(1) and m.group(1) in TOP_ENVS):
                i = m.end()
                continue
            plain.append((i, m.start()))
            closer = CLOSERS_OF.get(s)
            begin = m.end()
            if closer is None:
                closer = f"\\end{{{m.group(1)}}}"
                arg = ENV_ARG_RE.match(t, begin) if m.group(1) in ARG_ENVS else None
                begin = arg.end() if arg else begin
            j = find_close(src, closer, begin, m.start(), s)
            # a display right after a display (only spaces between) may continue its statement
            carry = last if last is not None and not t[last_end : m.start()].strip() else None
            last = _region(src, begin, j, s in INLINE, out, carry)
            i = last_end = j + len(closer)
        for a, b in plain:
            for lm in re.finditer(r"[^\n]+", t[a:b]):
                src.tick(a + lm.start())
                if plain_line_is_formula(lm.group()):
                    _region(src, a + lm.start(), a + lm.end(), False, out)
    out.sort(key=lambda x: (x.line, x.col))
    return out


def parse_document(text: str) -> list[Statement | MatrixStatement]:
    r"""All statements of a document ($$..$$, \[..\], $..$, aligned blocks, plain formula lines).

    Raises the first LatexParseError; use scan_document to collect every error.
    """
    statements, errors = scan_document(text)
    if errors:
        raise errors[0]
    return statements


def parse_formula(text: str) -> sympy.Expr | Partial:
    """One expression (no '='): a SymPy expression, or a Partial when that is all there is."""
    check_size(text)
    src = Source(text)
    with stack_room():
        toks = _strip_row(tokenize(src, 0, len(text)))
        if not toks:
            raise LatexParseError("empty formula", 1, 1, "write an expression")
        p = Parser(src, toks, len(text))
        terms = p.sum(0, frozenset({None, "="}))
        if p.peek() is not None:
            raise p.fail(p.peek(), "'=' in a single expression", "use parse_document for equations")
        if len(terms) == 1 and terms[0].sign > 0 and len(terms[0].items) == 1:
            item = terms[0].items[0]
            if item.kind == "partial":
                return item.value
        return p.fold(terms)
