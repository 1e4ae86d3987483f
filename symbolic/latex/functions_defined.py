r"""Functions a document defines for itself: `s\left(x\right) = \frac{1}{1+e^{-x}}`, `d(x) = s(x)(1-s(x))`.

A pre-pass over the whole document (`defined_heads`) finds every head `NAME(var, ...) =` that
starts a formula or a row; from then on the parser reads `NAME(arg, ...)` anywhere in that document
as a call of that function (`call`), not as NAME times (arg). The call is the applied function
`defined(NAME)(args)`, which the verifier substitutes by the definition's body
(symbolic/verify/own_functions.py). A name the reader already calls (g, f, h, the activations'
spellings, exp, log, ...) or reads as something else (e Euler's number, the loss J(W,b; x,y)) is
never taken: those keep their meaning. `d` may be defined: `\frac{dO}{dw}` stays a derivative,
only `d(` is a call. Pure: text in, names out.
"""

from __future__ import annotations

import re

import sympy

from .vocabulary import FUNCTIONS, GREEK, WORDS

PREFIX = "defined:"  # the SymPy name of a document's function: defined:s
NOT_DEFINABLE = frozenset(FUNCTIONS) | WORDS | {"e", "J", "E", "L", "C"}

# the start of a formula or of a row: $, $$, \[, \(, an environment's \begin{..}, \\, &, a line start
_START = r"(?:^|(?<=\$)|(?<=\\\[)|(?<=\\\()|(?<=\\\\)|(?<=&)|(?<=\}))"
_LEAD = r"(?:[ \t]|\\[ ,;:!]|\\quad|\\qquad)*"  # no newline: one try per line start, never n^2
_SPACE = r"(?:\s|\\[ ,;:!]|\\quad|\\qquad)*"
_OPEN = r"(?:\\left\s*)?\("
_CLOSE = r"(?:\\right\s*)?\)"
_VAR = r"(?:[A-Za-z]|\\(?:" + "|".join(sorted(GREEK)) + r")(?![A-Za-z]))"
_HEAD = re.compile(
    _START
    + _LEAD
    + r"([A-Za-z]+)"
    + _SPACE
    + _OPEN
    + _SPACE
    + rf"({_VAR}(?:{_SPACE},{_SPACE}{_VAR})*)"
    + _SPACE
    + _CLOSE
    + _SPACE
    + rf"(?:&{_SPACE})?"
    + r"=(?!=)",
    re.MULTILINE,
)


def defined_heads(text: str) -> frozenset[str]:
    """The names NAME of every `NAME(var, ...) =` heading a formula or a row of `text`."""
    return frozenset(m.group(1) for m in _HEAD.finditer(text) if m.group(1) not in NOT_DEFINABLE)


def defined(name: str) -> type:
    """The SymPy function standing for the document's function `name`."""
    return sympy.Function(PREFIX + name)


def defined_name(call: sympy.Basic) -> str | None:
    """`s` for a call defined:s(...) (or the function itself), else None."""
    name = call.__name__ if isinstance(call, type) else type(call).__name__
    return name[len(PREFIX) :] if name.startswith(PREFIX) else None
