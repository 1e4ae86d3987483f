r"""A name of two letters, a capital and a small one, that a document defines and uses as one name:
`{Co}= (a_L - y)^2` and `\frac{Co}{dw_L}` (3Blue1Brown's cost C_0 typed as Co).

TeX reads two letters side by side as a product (Wx is W times x), and so does symprop's reader
(a run of three letters or more is a name: net, out). A two-letter run is one name only when the
document says so: it stands as the whole left side of a definition (`Co = ...`, `{Co}= ...`), and
neither of its letters is written anywhere else on its own (no C, no o outside Co), so no product
of the two is ever meant. Pure: text in, the runs read as names out.
"""

from __future__ import annotations

import re

# the start of a math row ($, &, {, (, \[, \\ or a line's start), an optional '{', the two letters,
# an optional '}', then '=': spaces only between them (no \s* beside \s*: linear time)
_DEFINED = re.compile(
    r"(?:^|[$&{(]|\\\[|\\\\)[ \t]*(?:\{[ \t]*)?([A-Z][a-z])[ \t]*(?:\}[ \t]*)?=", re.MULTILINE
)


def detect(text: str) -> frozenset[str]:
    """The two-letter runs the document writes as names (module doc)."""
    text = re.sub(r"(?<!\\)%[^\n]*", "", text)
    out = set()
    for run in {m.group(1) for m in _DEFINED.finditer(text)}:
        rest = re.sub(rf"(?<![A-Za-z\\]){run}(?![A-Za-z])", " ", text)
        alone = rf"(?<![A-Za-z\\])[{run}](?![A-Za-z])"
        if rest != text and not re.search(alone, rest):
            out.add(run)
    return frozenset(out)
