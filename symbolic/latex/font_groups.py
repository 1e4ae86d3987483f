r"""A function's name in braces with an old-style font switch, `{\rm softmax}(z)`, `{\rm
relu}\left(x\right)` (Cross Validated and math.SE answers, MathJax's plain-TeX habit): the switch is
dropped by the tokenizer (FONT_SWITCHES), which leaves the word in a brace group, `{softmax}(z)`,
read as a name with no argument. A brace group holding one word and followed by an opening
parenthesis is that function's name: the braces are dropped. A group of anything else, or not
followed by '(', is left as it is. Pure: tokens in, tokens out.
"""

from __future__ import annotations

from typing import Any


def _opens(t: Any) -> bool:
    return t is not None and (t.kind == "op" and t.text == "(" or t.kind == "cmd" and t.text == "left")


def read(toks: list) -> list:
    out: list = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (
            t.kind == "op"
            and t.text == "{"
            and i + 3 < len(toks)
            and toks[i + 1].kind == "word"
            and toks[i + 2].kind == "op"
            and toks[i + 2].text == "}"
            and _opens(toks[i + 3])
        ):
            out.append(toks[i + 1])
            i += 3
            continue
        out.append(t)
        i += 1
    return out
