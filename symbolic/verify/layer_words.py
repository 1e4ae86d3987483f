r"""Layers named by words in the superscript: a^{(in)}, z^{(h)}, W^{(out)}, \delta^{(out)} (Raschka
and Mirjalili's 'Python Machine Learning', ch. 12; also ^{(hidden)}, ^{(input)}, ^{(output)}).

The words name the layers in order: the input, the one hidden layer, the output. They are read as
the layer numbers 0, 1, 2 (0, 1 when no hidden layer is written), each word replaced by its number
padded with blanks, so no position moves. Only when the output is named by a word, the document
writes one word for each role (not both 'h' and 'hidden'), and no layer superscript of the same
names is a letter with arithmetic (a^{(l+1)}): then the words are the layers, and nothing else is.
A network deeper than the words say is not guessed at: the names then name nothing, not checked.
Pure: text in, text out.
"""

from __future__ import annotations

import re

_ROLE = {"in": 0, "input": 0, "h": 1, "hidden": 1, "out": 2, "output": 2}
_WORD = re.compile(r"(\^\s*\{?\s*\(\s*)(in|input|h|hidden|out|output)(\s*\)\s*\}?)")


def number(text: str) -> str:
    """text with each layer word of a superscript replaced by its layer's number."""
    words = {m.group(2) for m in _WORD.finditer(text)}
    if not words & {"out", "output"}:
        return text
    for role in (0, 1, 2):
        if len([w for w in words if _ROLE[w] == role]) > 1:
            return text  # ^{(h)} and ^{(hidden)}: two spellings of one role, not read
    if re.search(r"\^\s*\{\s*\(\s*[a-zA-Z]\s*[-+]\s*\d\s*\)", text):
        return text  # a^{(l+1)}: the layers are letters here
    hidden = bool(words & {"h", "hidden"})

    def numbered(m: re.Match) -> str:
        role = _ROLE[m.group(2)]
        n = str(role if hidden or role < 2 else 1)
        return m.group(1) + n + " " * (len(m.group(2)) - 1) + m.group(3)

    return _WORD.sub(numbered, text)
