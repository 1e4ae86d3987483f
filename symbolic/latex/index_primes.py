r"""Primed index letters: `\sum_{j'} \frac{\partial E}{\partial y_{j'}^{L}}`, `w_{i'j'}`, `\delta_{j,j'}`.

A prime on a letter inside a subscript is another index letter (j' a dummy beside j, common in
Japanese and German notes), not a derivative. Each primed spelling a document writes (j', i', j'')
is read as a fresh lowercase letter the document does not write as a letter of its own, the same
letter wherever it occurs; `names` keeps the written spelling of each, for messages. Pure: text in,
letters out.
"""

from __future__ import annotations

import re

# a subscript group with a primed letter in it: _{j'}, _{i'j'}, _{j,j'}
_GROUP = re.compile(r"_\s*\{([^{}]*'[^{}]*)\}")
_PRIMED = re.compile(r"([a-z])('+)")
# a letter written alone, not inside a command or a word: the document's own letters
_LETTER = re.compile(r"(?<![A-Za-z\\])([a-z])(?![A-Za-z])")
# the fresh letters, in order of preference: letters notes use as indices, none with a role of its
# own in symprop (l a layer, t a target, x an input, y an output, z a net input, o and h units)
FRESH = "qrspmnuvgc"


def fresh_letters(text: str) -> dict[str, str]:
    """Each primed index spelling of `text` ("j'", "i''") -> the letter it is read as."""
    primed: list[str] = []
    for group in _GROUP.finditer(text):
        for m in _PRIMED.finditer(group.group(1)):
            if m.group() not in primed:
                primed.append(m.group())
    if not primed:
        return {}
    taken = set(_LETTER.findall(text))
    free = [c for c in FRESH if c not in taken]
    return dict(zip(primed, free))  # more primed spellings than free letters: the rest unread


def written(letters: dict[str, str]) -> dict[str, str]:
    """The inverse: a fresh letter -> the primed spelling the document writes (j' as j′)."""
    return {v: k.replace("'", "′") for k, v in letters.items()}


_ALONE = re.compile(r"(?<![A-Za-z\\])([a-z])(?![A-Za-z{])")


def as_written(text: str, letters: dict[str, str]) -> str:
    """A message's letters in the document's spelling: 'for q=1' -> 'for j′=1' (letters: the
    inverse `written` gives)."""
    return _ALONE.sub(lambda m: letters.get(m.group(1), m.group(1)), text) if letters else text
