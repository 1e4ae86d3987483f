r"""A loss's value as the mean over a table of examples: Zhou's MSE = \frac{1}{4}(1 + 0 + 0 + 1),
four people's squared errors averaged.

1/N times a sum of N numbers (N more than the network's outputs, so not a mean over its outputs)
is the loss of N examples, while the point (--at) is one example: such a side is a value of a
batch the point does not describe, and the statement's numbers are not checked there (nor the
side judged as an identity). Pure: text in, the batch's size out.
"""

from __future__ import annotations

import re

_MEAN = re.compile(r"\\frac\s*\{\s*1\s*\}\s*\{\s*(\d+)\s*\}\s*\\?(?:left)?\(([^()]*)\\?(?:right)?\)")
_NUMBER = re.compile(r"\s*-?\s*(?:\d+\.?\d*|\.\d+)\s*")

REASON = "the mean over {n} examples (1/{n} times {n} terms): the point (--at) is one example"


def size(text: str, outputs: int) -> int:
    """N when `text` writes 1/N times a sum of N numbers and N > `outputs`; else 0."""
    for m in _MEAN.finditer(text):
        n = int(m.group(1))
        terms = m.group(2).replace("\\right", "").replace("\\left", "").split("+")
        if n > max(outputs, 1) and len(terms) == n and all(_NUMBER.fullmatch(t) for t in terms):
            return n
    return 0
