r"""Read a hand derivation for the verifier: LaTeX (.tex), plain formulas (.txt) or TOML (.toml).

All three give `symbolic.latex.Statement`s (a `Partial` on the left, products of factors on the
right, `DITTO` for '//'), user aliases (raw name -> raw expression) and, from TOML, network options.

LaTeX: anything `symbolic.latex` reads; aliases as comment lines `% symprop: alias W_{11} = w_a`.
Plain text, one statement per line (# comments):
    alias W11 = w_a
    dL/dw11 = (z_o - y) * out*(1 - out) * w41 * sigma(z_h1)*(1 - sigma(z_h1)) * x1
    dL/dw12 = // * // * // * // * x2
    dz_o/d(sigma(z_h1)) = W11
The left side is d<name>/d<name>, a name in parentheses when it is a formula. Factors are the
parts joined by '*' at the top level; [ ] group like ( ). Formulas use Python operator syntax
(** or ^ for powers) through an allow-listed syntax tree: nothing is evaluated.
TOML: optional [network] (net, activation, output_activation, loss, naming, alpha, shared_bias),
[aliases] (name = "formula") and [derivatives] ("dL/dw11" = "product", in order).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..activations import named
from ..errors import SympropError
from ..latex import LatexParseError, Partial, Statement, scan_document
from ..latex import parse_formula as parse_latex_formula
from ..latex.matrix import MatrixStatement
from ..latex.slope_names import Shorthand
from .activation_words import blank as blank_activation_words
from .arguments import blank as blank_index_arguments
from .boxed_rows import blank as blank_boxed
from .capital_indices import rename as rename_capitals
from .constant_sums import blank as blank_constant_sums
from .ditto import Unchecked
from .error_word import blank as blank_error_word
from .example_index import blank as blank_examples
from .example_subscripts import blank as blank_example_subscripts
from .function_letters import blank as blank_function_letters
from .greek_indices import rename as rename_greek
from .layer_words import number as number_layer_words
from .pattern_superscripts import blank as blank_pattern_superscripts
from .range_lists import join as join_ranges
from .read_plain import plain_formula, plain_statement
from .target_layer import blank as blank_target_layer

MAX_BYTES = 1_000_000
MAX_STATEMENTS = 200  # each costs up to ~50 ms; a file of more is split, not waited for
MAX_PROBLEMS = 20  # stop reading after this many unreadable lines
FORMATS = ("tex", "txt", "toml")


@dataclass
class Document:
    statements: Sequence[Statement | MatrixStatement]
    aliases: dict = field(default_factory=dict)  # raw Symbol/function -> raw expression
    network: dict = field(default_factory=dict)  # TOML [network]
    format: str = "tex"
    unread: list[Unchecked] = field(default_factory=list)  # rows that could not be read


class ReadError(SympropError):
    """Unreadable input: one line per problem, each with its position."""

    def __init__(self, problems: list[str], fix: str = ""):
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more, fix)


def format_of(path: str) -> str:
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"tex": "tex", "latex": "tex", "md": "tex", "txt": "txt", "toml": "toml"}.get(suffix, "tex")


def read(text: str, fmt: str = "tex") -> Document:
    if fmt not in FORMATS:
        raise SympropError(f"unknown input format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ReadError([f"input is over {MAX_BYTES:,} bytes"], "split it into smaller files")
    doc = {"tex": read_tex, "txt": read_txt, "toml": read_toml}[fmt](text)
    _check_count(len(doc.statements))
    return doc


def _check_count(n: int) -> None:
    if n > MAX_STATEMENTS:
        raise ReadError([f"more than {MAX_STATEMENTS} statements"], "split the derivation into several files")


# ------------------------------------------------------------------------------------ LaTeX

_ALIAS_TEX = re.compile(r"^[ \t]*%+[ \t]*symprop:[ \t]*(.*)$", re.MULTILINE)


# sigma(\cdot), g(\cdot): the function itself. symbolic.latex wants a value there; the argument is
# read as the name PLACEHOLDER (xi), which is fine in a definition (skipped) and an error naming
# the placeholder inside a derivative. Same length, so positions do not move.
_PLACEHOLDER = re.compile(  # our activations as the sheet spells them (\sigma, ReLU), exp, log, g, f
    r"((?:"
    + "|".join(
        [
            r"\\exp",
            r"\\log",
            r"\bg",
            r"\bf",
            *(re.escape(r.latex) for r in named()),
            *(rf"\b{w}" for r in named() for w in r.spellings if w.isascii()),
        ]
    )
    + r")\s*\()\s*\\cdot\s*\)"
)
PLACEHOLDER = "xi"


def _placeholder(m: re.Match) -> str:
    new = m.group(1) + "\\" + PLACEHOLDER + ")"
    return new + " " * (len(m.group()) - len(new))


def read_tex(text: str) -> Document:
    text = rename_greek(text).text  # v_{\iota\zeta}: Greek index letters as Latin (verify/greek_indices.py)
    text = rename_capitals(text).text  # Fausett's w_{JK} beside w_{jk}: one unit (verify/capital_indices.py)
    text = _PLACEHOLDER.sub(_placeholder, text)
    text = blank_boxed(text)  # \boxed{A = B}: the statement in its frame (verify/boxed_rows.py)
    text = blank_constant_sums(text)  # \frac{1}{n}\sum_{i=1}^n c: c (verify/constant_sums.py)
    text = blank_function_letters(text)  # y = \mathcal{F}(s), F'(s): f (verify/function_letters.py)
    text = blank_activation_words(text)  # f_{act}(net_h): f (verify/activation_words.py)
    text = blank_error_word(text)  # Kriesel's Err_p = 1/2 sum (t - y)^2: E (verify/error_word.py)
    text = blank_index_arguments(text)  # e_j(n), \delta_{pj}, E_d(\vec{w}) (verify/arguments.py)
    text = number_layer_words(text)  # a^{(out)}: the output layer (verify/layer_words.py)
    text = blank_examples(text)  # x^{(i)}: example i, checked on one (verify/example_index.py)
    text = blank_example_subscripts(text)  # R_i, x_{il}: example i (verify/example_subscripts.py)
    text = blank_pattern_superscripts(text)  # y_k^p, E^p: pattern p (verify/pattern_superscripts.py)
    text = blank_target_layer(text)  # a_j^{(L)} - y_j^{(L)}: the target (verify/target_layer.py)
    text = join_ranges(text)  # , i=1,\cdots,n : j=1,\cdots,c: one range aside (verify/range_lists.py)
    try:
        statements, errors = scan_document(text)
    except LatexParseError as err:
        raise ReadError([str(err)], "") from None
    unread = [Unchecked(e.line, e.col, _unread(e), e.fix) for e in errors]
    aliases = {}
    for m in _ALIAS_TEX.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        try:
            key, value = _alias_directive(m.group(1), line)
            aliases[_tex(key, line)] = _tex(value, line)
        except SympropError as err:
            unread.append(Unchecked.of(err, line, 1))
    return Document(statements, aliases, {}, "tex", unread)


def _unread(e: LatexParseError) -> str:
    """Why a row is not checked: unreadable, or a definition with nothing to check (f'_k)."""
    return e.what if isinstance(e, Shorthand) else f"cannot read it: {e.what}"


def _alias_directive(body: str, line: int) -> tuple[str, str]:
    m = re.fullmatch(r"\s*alias\s+([^=]+?)\s*=\s*(.+?)\s*", body)
    if not m:
        raise SympropError(
            f"line {line}: cannot read the directive 'symprop: {body.strip()[:40]}'",
            "write '% symprop: alias NAME = FORMULA'",
        )
    return m.group(1), m.group(2)


def _tex(text: str, line: int):
    try:
        value = parse_latex_formula(text)
    except LatexParseError as err:
        raise SympropError(f"line {line}: alias {text[:40]!r}: {err.what}", err.fix) from None
    if isinstance(value, Partial):
        raise SympropError(f"line {line}: an alias cannot be a derivative", "alias names only")
    return value


# ------------------------------------------------------------------------------------ plain text


def read_txt(text: str) -> Document:
    statements, aliases, problems = [], {}, []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            if re.match(r"alias\s", line):
                key, value = _alias_directive(line, number)
                aliases[plain_formula(key, f"line {number}: alias")] = plain_formula(
                    value, f"line {number}: alias"
                )
            else:
                statements.append(plain_statement(line, number, raw.index(line[0]) + 1))
        except SympropError as err:
            problems.append(Unchecked.of(err, number, raw.index(line[0]) + 1))
        _check_count(len(statements))
        if len(problems) >= MAX_PROBLEMS:
            break
    return Document(statements, aliases, {}, "txt", problems)


NETWORK_KEYS = {
    "net",
    "arch",
    "activation",
    "output_activation",
    "loss",
    "naming",
    "alpha",
    "weights",
    "targets",
    "delta",
    "shared_bias",
    "bias",
}


def read_toml(text: str) -> Document:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the same parser, as the tomli package (a dependency there)
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ReadError([f"TOML: {err}"], "fix the TOML syntax") from None
    except ValueError:  # an integer of more than 4300 digits (Python's limit on int())
        raise ReadError(["TOML: a number with too many digits"], "use a shorter number") from None
    problems = [f"unknown table [{k}]" for k in data if k not in ("network", "aliases", "derivatives")]
    for table in ("network", "aliases", "derivatives"):
        if not isinstance(data.get(table, {}), dict):
            raise ReadError(
                [f"[{table}] must be a table, not {type(data[table]).__name__}"],
                f"write [{table}] on its own line, then one key = value a line",
            )
    network = data.get("network", {})
    problems += [f"[network]: unknown key {k!r}" for k in network if k not in NETWORK_KEYS]
    lines = text.splitlines()

    def line_of(key):
        for n, line in enumerate(lines, start=1):
            if line.lstrip().startswith((f'"{key}"', f"'{key}'", f"{key} ", f"{key}=")):
                return n
        return 0

    aliases, statements = {}, []
    for key, value in data.get("aliases", {}).items():
        n = line_of(key)
        try:
            if not isinstance(value, str):
                raise SympropError(f"line {n}: alias {key} must be a string formula", "quote it")
            aliases[plain_formula(key, f"line {n}: alias")] = plain_formula(value, f"line {n}: alias")
        except SympropError as err:
            problems.append(str(err))
    for key, value in data.get("derivatives", {}).items():
        n = line_of(key)
        try:
            if not isinstance(value, str):
                raise SympropError(f"line {n}: {key} must be a string formula", "quote it")
            statements.append(plain_statement(f"{key} = {value}", n))
        except SympropError as err:
            problems.append(str(err))
    if problems:
        raise ReadError(problems)
    return Document(statements, aliases, dict(network), "toml")
