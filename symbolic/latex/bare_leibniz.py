r"""Leibniz fractions written with the d below only: `\frac{Co}{dw_L} = \frac{z_L}{dw_L}
\frac{a_L}{dz_L} \frac{Co}{da_L}` (a question typed in haste: dCo/dw_L, dz_L/dw_L, ...).

A fraction whose denominator is d before a name and whose numerator is a name without its d is a
ratio in TeX; it is read as the derivative its writer means only when the whole document writes
its derivatives so: two such fractions or more, and no derivative written in full anywhere (no
\partial, no \frac{d..}{d..}, no \frac{\delta ..}{\delta ..}). One such fraction among true
derivatives, or a document without a derivative, keeps TeX's ratio. Pure: text in, a yes or no.
"""

from __future__ import annotations

import re

from .array_rows import close_group

_FRAC = re.compile(r"\\frac\s*\{")
_FULL = re.compile(r"\\partial|\\frac\s*\{\s*\\delta")
_NAME = re.compile(r"\s*\{?\s*(?:[A-Za-z]|\\[A-Za-z]+)")


_LONGEST = 200  # a numerator longer than this is no name: not looked for further (linear time)
_OPEN = re.compile(r"\s*\{")


def _group(text: str, i: int) -> int:
    """The index after the brace group opening at text[i] ('{'), or -1 (also past _LONGEST)."""
    return close_group(text, i, _LONGEST)


def detect(text: str) -> bool:
    """Does the document write its derivatives as \\frac{N}{dX} (module doc)?"""
    text = re.sub(r"(?<!\\)%[^\n]*", "", text)
    if _FULL.search(text):
        return False
    count = 0
    for m in _FRAC.finditer(text):
        num_end = _group(text, m.end() - 1)
        if num_end == -1:
            continue
        den = _OPEN.match(text, num_end)
        if den is None:
            continue
        numerator = text[m.end() : num_end - 1].strip()
        denominator = text[den.end() : den.end() + _LONGEST].lstrip()
        if numerator.startswith("d") and denominator.startswith("d"):
            return False  # \frac{dL}{dw}: a derivative in full
        if (
            numerator[:1].isalpha()
            and not numerator.startswith("d")
            and denominator.startswith("d")
            and _NAME.match(denominator, 1)
        ):
            count += 1
    return count >= 2
