r"""An activation written with a capital or calligraphic letter: Kröse and van der Smagt's
`y_k^p = \mathcal{F}(s_k^p)`, `\delta_o^p = (d_o^p - y_o^p) \mathcal{F}'_o(s_o^p)`; other notes'
`y = F(net)`, `G'(h)`; or with \theta (Abu-Mostafa et al.: `x_j = \theta(s_j)`, `\theta'(s)`), read
as f on the same terms. The reader knows the lower-case letters of an activation (f, g); the
capital is the same function when the document calls it and its derivative and writes it nowhere
else: F or \mathcal{F} is then read as f (G as g), unless the document also writes that lower-case
letter (two functions). A capital standing alone or without its derivative (Hagan's performance
index \hat{F}, a cost F(w)) stays as written. Same length (blanks before the letter), so no
position moves. Pure: text in, text out.
"""

from __future__ import annotations

import re

_CAPITAL = {"F": "f", "G": "g"}
# a Greek letter for the activation (Abu-Mostafa et al.'s x_j = \theta(s_j), \theta'(s)); \theta is
# more often the parameters (J(\theta), \theta_j), which are never only called with a derivative
_GREEK = {"theta": "f"}
_CALLED = re.compile(r"(?:'|\^\{?\\prime|_\{?[a-z]\}?'?\s*\(|\\left\(|\()")  # F(, F', F_o(


def _spellings():
    """(the letter as the document spells it, a regex; the reader's letter)."""
    for capital, lower in _CAPITAL.items():
        yield rf"(?:\\mathcal\{{{capital}\}}|(?<![A-Za-z\\{{]){capital}(?![A-Za-z]))", lower
    for greek, lower in _GREEK.items():
        yield rf"\\{greek}(?![A-Za-z])", lower


def blank(text: str) -> str:
    for spelled, lower in _spellings():
        uses = list(re.finditer(spelled, text))
        if not uses:
            continue
        called = [text[m.end() : m.end() + 8].lstrip() for m in uses]
        if not all(_CALLED.match(after) for after in called):
            continue  # written alone somewhere (or with a layer): not only a function
        if not any(re.match(r"(?:'|\^\{?\\prime)", after) for after in called):
            continue  # no derivative written: a cost F(w) as much as an activation
        if not re.search(r"=\s*" + spelled + r"\s*(?:\(|\\left\()", text):
            continue  # never defines a value as the function of one
        if re.search(rf"(?<![A-Za-z\\{{]){lower}(?![A-Za-z])", re.sub(r"%[^\n]*", "", text)):
            continue  # the lower-case letter is written too: two functions
        text = re.sub(spelled, _padded(lower), text)
    return text


def _padded(letter: str):
    """The replacement of a match by `letter`, blanks before it (same length)."""
    return lambda m: " " * (len(m.group()) - 1) + letter
