r"""The network's input as the argument of every layer quantity: Larochelle's notation.

Hugo Larochelle's slides, and the course notes that follow them, write each quantity of a layer as
a function of the input: `a^{(k)}(x) = b^{(k)} + W^{(k)} h^{(k-1)}(x)`, `h^{(k)}(x) =
g(a^{(k)}(x))`, `\nabla_{a^{(k)}(x)}`, `a^{(k)}(x)_j`, `\left(a^{(k+1)}(x)\right)_{i}`,
`h^{(k-1)}(x)^{\prime}` (bold in the slides: `\mathbf{h}^{(k)}(\mathbf{x})`). For one example
each is the plain quantity: a^{(k)}(x) is a^{(k)}, never the product a^{(k)} x.

Read so only where the document writes `(x)` (or `(\mathbf{x})`, `(\boldsymbol{x})`, `(\bm{x})`)
right after two names or more that carry a layer superscript in parentheses (a^{(k)}, W^{(L+1)}):
each such argument is blanked. Then a parenthesised single name followed by a subscript,
`(a^{(k+1)})_i` or `\left(h^{(k)}\right)_{j}` as the blanking leaves them, is that name's entry:
its parentheses are blanked too (a^{(k+1)}_i). In such a document f(x) is the network's output and
e(y) the one-hot target (f(x) - e(y)), unless f is applied to anything else or defined by a
formula in x (f(x) = 1/(1+e^{-x}): the activation). Elsewhere `(x)` stays what it was (σ(x) a call,
W(x) a product). Every replacement keeps the text's length, so no position moves. Pure: text in,
text out.
"""

from __future__ import annotations

import re

_X = r"(?:x|\\mathbf\s*\{\s*x\s*\}|\\boldsymbol\s*\{\s*x\s*\}|\\bm\s*\{\s*x\s*\})"
_SUB = r"(?:_\s*\{[^{}]*\}|_\s*[A-Za-z0-9])"
_LETTER = r"(?:(?<![A-Za-z\\])[A-Za-z]|\\(?:mathbf|boldsymbol|bm)\s*\{\s*[A-Za-z]\s*\})"
_LAYERED = rf"{_LETTER}{_SUB}?\s*\^\s*\{{\s*\([^(){{}}]*\)\s*\}}{_SUB}?"
_ARGUMENT = re.compile(rf"({_LAYERED})(\s*\(\s*{_X}\s*\))")
_OPEN = r"(?:\\left\s*\(|\()"
_CLOSE = r"(?:\\right\s*\)|\))"
_ENTRY = re.compile(rf"{_OPEN}(\s*{_LAYERED}\s*){_CLOSE}(?=\s*_)")
_NOT_CALLS = {"partial", "left", "cdot", "odot", "circ", "times", "quad", "qquad", "sum", "nabla"}
_F = r"(?<![A-Za-z\\])(?:f|\\mathbf\s*\{\s*f\s*\})"
_OUTPUT = re.compile(rf"{_F}\s*\(\s*{_X}\s*\)")
_OTHER_F = re.compile(rf"{_F}\s*(?:'|\^\s*\{{?\s*\\prime|\((?!\s*{_X}\s*[),]))")
_F_OF_X = re.compile(rf"{_F}\s*\(\s*x\s*\)\s*&?\s*=[^=$]*?(?<![A-Za-z\\])x(?![A-Za-z])")  # f(x) = ...x
_ONE_HOT = re.compile(r"(?<![A-Za-z\\])(?:e|\\mathbf\s*\{\s*e\s*\})\s*\(\s*y\s*\)")


def blank(text: str) -> str:
    """text with the input argument after each layered name blanked, where the document writes it
    after two layered names or more; then a parenthesised layered name before a subscript unwrapped."""
    if len(_ARGUMENT.findall(text)) < 2:
        return text
    text = _ARGUMENT.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    if not _OTHER_F.search(text) and not _F_OF_X.search(text):  # f of the input alone: the output
        text = _OUTPUT.sub(lambda m: "ŷ" + " " * (len(m.group()) - 1), text)
        text = _ONE_HOT.sub(lambda m: "y" + " " * (len(m.group()) - 1), text)
    return _ENTRY.sub(lambda m: m.group(0) if _called(text[: m.start()]) else _unwrap(m), text)


def _called(before: str) -> bool:
    """Whether the parenthesis opening after `before` is a call's (softmax(a)_j, \\phi(a)_j)."""
    before = before.rstrip()
    command = re.search(r"\\([A-Za-z]+)\Z", before)
    if command:
        return command.group(1) not in _NOT_CALLS
    if re.search(r"\\(?:operatorname|mathrm|text|mathit)\s*\{[^{}]*\}\Z", before):
        return True  # \operatorname{softmax}(a)_j
    return bool(re.search(r"(?<![A-Za-z\\])[fgh]\Z", before))  # g(a)_j; W^{(k)} (h)_j a product


def _unwrap(m: re.Match) -> str:
    """(NAME) -> NAME with blanks where the parentheses were."""
    whole, inner = m.group(0), m.group(1)
    start = whole.index(inner)
    return " " * start + inner + " " * (len(whole) - start - len(inner))
