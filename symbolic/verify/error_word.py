r"""Err, the error's name in Kriesel's letters, read as the loss where the document defines it so.

Kriesel (A Brief Introduction to Neural Networks) writes the error `Err` (`Err_p` of one pattern):
`Err_p = \frac{1}{2} \sum_{\Omega \in O} (t_\Omega - y_\Omega)^2`, then `\frac{\partial Err}
{\partial net_h}`. Russell & Norvig write `Err = y - h_W(x)` beside `E = \frac{1}{2} Err^2`: there
Err is a difference, not the loss. So Err is the loss only where the document's first definition of
Err (or Err_p) squares something and the document writes no E of its own: each Err is then written
E (blanks before it, so no position moves); anywhere else the document is left as it is (Err its own
name, read as defined). Pure: text in, text out.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"(?<![A-Za-z\\])Err(?![A-Za-z])")
_DEFINED = re.compile(r"(?<![A-Za-z\\])Err(?:_\s*\{?\s*p\s*\}?)?\s*(?:=|:=|\\equiv)(?P<rhs>[^\n]*)")
_E = re.compile(r"(?<![A-Za-z\\])E(?![A-Za-z])")
_SQUARED = re.compile(r"\^\s*\{?\s*2\s*\}?")


def blank(text: str) -> str:
    first = _DEFINED.search(text)
    if first is None or not _SQUARED.search(re.split(r"\\\]|\$", first.group("rhs"))[0]):
        return text
    if _E.search(text):
        return text  # E written too: two names
    return _NAME.sub("  E", text)
