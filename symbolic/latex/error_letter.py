r"""A bare e the document defines is a name, not Euler's number.

Course notes write the output error as `e = y - \hat{y}` (then `\delta_o = f'(net_o)\, e`); Haykin
writes e_j(n). A subscripted e is always a name; a bare e is Euler's number unless the document
defines it: an `e =` that opens a formula (after $, \[, \(, an environment's start, & or \\) is a
definition of the name e, and every bare e of that document is then read as that name (unless
the document also raises an e to a power, e^{-x}: Euler's number stays). A document that does
both (Negnevitsky's `e = y_{d,5} - y_5` beside the sigmoid `1/[1 + e^{-X}]`) reads each e by its
use (`names_e`): an e raised to a power that is not a number is Euler's, a bare e the name.
Pure functions on the document's text.
"""

from __future__ import annotations

import re

# e = ... at a formula's start: not e^{x} = ..., not \exp, not a word ending in e (where, net e)
_DEFINES_E = re.compile(
    r"(?:\$|\\\[|\\\(|\\begin\{[a-z*]+\}(?:\{[^}]*\})?|&|\\\\)\s*(?:\\mathbf\{e\}|\{e\}|e)\s*&?\s*(?:=|:=|\\equiv)(?!=)"
)


# e^{-x}, e^x: Euler's number raised to a power (a sigmoid written out); not e^2, e^{2}: the
# error squared (E = \frac{1}{2} e^2)
_POWER_OF_E = re.compile(r"(?<![\\\w])e\s*\^(?!\s*(?:\d|\{\s*\d+\s*\}))")


def defines_e(text: str) -> bool:
    """True when some formula of `text` opens with `e =` (the name e defined) and no e is raised
    to a power (e^{-x} keeps e Euler's number: both readings in one document, the old one stays)."""
    return _DEFINES_E.search(text) is not None and _POWER_OF_E.search(text) is None


def names_e(text: str) -> bool:
    """True when some formula of `text` opens with `e =`: a bare e is then the name, while an e
    raised to a power that is not a number (e^{-x}) stays Euler's number (latex/names.py)."""
    return _DEFINES_E.search(text) is not None
