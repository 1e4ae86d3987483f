r"""Lagrange's primes on names (ML Glossary's `C'(W_O) = C'(\hat{y}) \cdot \hat{y}'(Z_O) \cdot Z_O'(W_O)`):
a prime on a NAME followed by a parenthesised argument, `N'(A)`, is read as `LAGRANGE(N, A)`, the
derivative of N by A, or of the function N at A; which one the verifier decides
(symbolic/verify/lagrange_primes.py: N a quantity of the document, or its activation). A name a
document writes primed, `R'(Z_o)`, is a function there: `R(Z_h)` (one name in the parentheses)
is `LAGRANGE_AT(R, Z_h)`, N at A. The activations' own spellings (\sigma', f', g', ReLU') are
calls as before and never come here. Pure: text in, names out.
"""

from __future__ import annotations

import re

import sympy

from .indicators import Indicators
from .vocabulary import ACCENTS

# N'(A): the derivative of N by A (a quantity N), or of the function N at A
LAGRANGE = sympy.Function("Lagrange")
# N(A) in a document that writes N'(...): the function N at A; for a quantity N, N times (A) as before
LAGRANGE_AT = sympy.Function("LagrangeAt")

# a one-letter name with a prime and '(' after it: R'(Z_o), R^{\prime}(Z_o); not \sigma', f_o'
_PRIMED = re.compile(r"(?<![A-Za-z\\_^])([A-Za-z])\s*(?:'|\^\{?\\prime\}?)\s*(?:\\left\s*)?\(")


def primed_names(text: str) -> frozenset[str]:
    """The one-letter names `text` writes as N'(...): a call N(x) is then N at x."""
    return frozenset(m.group(1) for m in _PRIMED.finditer(text))


class Primes(Indicators):
    """The parser's reading of N'(A) and of N(A) for a primed N (mixed into the Parser)."""

    def arguments(self, depth: int) -> list:
        """At '(': the comma-separated arguments (the expression parser's)."""
        raise NotImplementedError  # pragma: no cover

    def lagrange(self, depth: int, name: sympy.Symbol) -> sympy.Expr:
        """At '(' after NAME': LAGRANGE(NAME, argument), one argument (latex/lagrange.py)."""
        opener = self.peek()
        args = self.arguments(depth)
        if len(args) != 1:
            raise self.fail(opener, f"{len(args)} arguments after the prime on {name}", "write N'(x)")
        return LAGRANGE(name, args[0])

    def lagrange_at(self, i: int) -> bool:
        """Is the text at token i '(' one name ')' (Z_h, Z_{h}, \\hat{y}: no operator inside)?"""
        for j in range(i + 1, min(i + 12, len(self.toks))):
            t = self.toks[j]
            if t.kind == "op" and t.text == ")":
                return j > i + 1
            if not (
                t.kind in ("letter", "word", "num") or t.kind == "op" and t.text in "_{}" or t.text in ACCENTS
            ):
                return False
        return False
