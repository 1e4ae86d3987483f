"""The plain-text format of a hand derivation (.txt, and the formulas of a .toml): one statement
'dNUM/dDEN = side = side', factors joined by '*' at the top level, [ ] grouping like ( ).

    dL/dw11 = (z_o - y) * out*(1 - out) * w41 * sigma(z_h1)*(1 - sigma(z_h1)) * x1
    dz_o/d(sigma(z_h1)) = W11

Formulas go through `symbolic.formula`'s allow-listed syntax tree: nothing is evaluated.
Pure functions: text in, statements out (read.py reads the files).
"""

from __future__ import annotations

import re

import sympy as sp

from .. import formula as plain
from ..activations import named
from ..errors import SympropError
from ..latex import DITTO, Partial, Product, Statement

PLAIN_EXTRA = {
    "g": sp.Function("g"),
    "f": sp.Function("f"),
    "g_prime": sp.Function("g_prime"),
    "f_prime": sp.Function("f_prime"),
    "Heaviside": sp.Heaviside,
    "H": sp.Heaviside,
    # our activations' other spellings (sigma, ReLU) and f' (sigma_prime, sigmoid_prime...)
    **{
        w: sp.Function(rule.prime_word.removesuffix("_prime"))
        for rule in named()
        for w in rule.spellings
        if w != rule.name
    },
    **{f"{w}_prime": sp.Function(rule.prime_word) for rule in named() for w in rule.spellings},
}


def plain_statement(text: str, line: int, col: int = 1) -> Statement:
    """'dNUM/dDEN = side = side' in the plain syntax."""
    where = f"line {line}"
    if "==" in text:
        raise SympropError(f"{where}: '==' in {text[:40]!r}", "use a single '=' between sides")
    parts = text.split("=")
    if len(parts) < 2 or not all(p.strip() for p in parts):
        raise SympropError(
            f"{where}: {text[:40]!r} is not 'dL/dw = formula'", "write dNUM/dDEN = factor * factor * ..."
        )
    head = parts[0].strip()
    value_name = _VALUE_NAME.fullmatch(head)  # z1_1 = 0.3775, W2_1_1+ = 0.3589: a value, not a derivative
    lhs: Partial | sp.Expr
    if value_name:
        lhs = plain_formula(value_name.group(1), where)
        if value_name.group(2) and isinstance(lhs, sp.Symbol):
            lhs = sp.Symbol(lhs.name + "^+")
    else:
        lhs = plain_partial(head, where)
    sides = []
    offset = len(parts[0]) + 1
    for part in parts[1:]:
        sides.append(Product(tuple(_factors(part, where)), part.strip(), col + offset, line))
        offset += len(part) + 1
    return Statement(lhs, tuple(sides), line, text, col)


_VALUE_NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(\+?)")


def plain_partial(text: str, where: str) -> Partial:
    """dL/dw11, ∂L/∂w11, dz_o/d(sigma(z_h1)), d(g(z))/dz."""
    num, i = _d_operand(text, 0, where)
    i = _skip(text, i)
    if i >= len(text) or text[i] != "/":
        raise SympropError(f"{where}: expected '/' in the derivative {text[:40]!r}", "write dNUM/dDEN")
    den, j = _d_operand(text, _skip(text, i + 1), where)
    if text[j:].strip():
        raise SympropError(
            f"{where}: unexpected {text[j:].strip()[:20]!r} after the derivative", "write dNUM/dDEN = ..."
        )
    return Partial(plain_formula(num, where), plain_formula(den, where))


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] == " ":
        i += 1
    return i


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _d_operand(text: str, i: int, where: str) -> tuple[str, int]:
    """After 'd' or '∂': a name, a call g(z), or a formula in parentheses; and where it ends."""
    if i >= len(text) or text[i] not in "d∂":
        raise SympropError(
            f"{where}: left side {text[:40]!r} is not a derivative",
            "write dNUM/dDEN, e.g. dL/dw11 or dz_o/d(sigma(z_h1))",
        )
    i = _skip(text, i + 1)
    if i < len(text) and text[i] == "(":
        end = _balanced(text, i, where)
        return text[i + 1 : end - 1], end
    m = _NAME.match(text, i)
    if not m:
        raise SympropError(
            f"{where}: cannot read the derivative {text[:40]!r}",
            "write dNUM/dDEN with names, or formulas in parentheses",
        )
    if m.end() < len(text) and text[m.end()] == "(":  # a call: dL/dg(z)
        end = _balanced(text, m.end(), where)
        return text[i:end], end
    return m.group(), m.end()


def _balanced(text: str, i: int, where: str) -> int:
    """Just past the ')' closing the '(' at i."""
    depth = 0
    for j in range(i, len(text)):
        depth += (text[j] == "(") - (text[j] == ")")
        if depth == 0:
            return j + 1
    raise SympropError(f"{where}: unbalanced '(' in {text[:40]!r}", "add the matching ')'")


def _factors(side: str, where: str) -> list:
    """Top-level '*' (not '**') separates factors; '//' or '"' alone is a ditto."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(side):
        c = side[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "*" and depth == 0:
            if side.startswith("**", i):
                i += 2
                continue
            pieces.append(side[start:i])
            start = i + 1
        i += 1
    pieces.append(side[start:])
    out = []
    for k, piece in enumerate(pieces, start=1):
        piece = piece.strip()
        if piece in ("//", '"', "''"):
            out.append(DITTO)
        elif not piece:
            raise SympropError(f"{where}: factor {k} is empty", "write a formula between '*'s")
        else:
            out.append(plain_formula(piece, where))
    return out


def plain_formula(text: str, where: str = "formula") -> sp.Expr:
    """A plain formula over any names (the resolver decides which are known)."""
    text = text.strip().replace("[", "(").replace("]", ")")
    return plain.parse_formula(text, {}, what=f"{where}: formula", functions=PLAIN_EXTRA, free_names=True)


# ------------------------------------------------------------------------------------ TOML
