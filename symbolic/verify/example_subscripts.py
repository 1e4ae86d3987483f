r"""The example index written as a subscript on every name: ESL's R_i, x_{il}, y_{ik}, z_{mi},
\delta_{ki} (i the training example, `R(\theta) = \sum_{i=1}^N R_i`), Bishop's E_n with
`\partial E / \partial w_{ji} = \sum_n \partial E_n / \partial w_{ji}`.

A document names its examples so when it writes a loss with one index letter, R_i, E_n, L_i, and
sums it over that letter (`\sum_{i=1}^N R_i`, `\sum_n \partial E_n / ...`): the letter is the
example, and the loss of one example. Not when the letter is also a unit's: written in a
derivative's denominator (∂o_j, ∂w_{ij}), or with arithmetic on it (x_{i+1}), or when the sum over
it carries a mean (\frac{1}{N} \sum_n): then nothing here is read, and the document stays as
written (a mean's derivative is the mean of the examples', which one example does not show).

A statement about example i says the same of every example, so it is checked on one: the letter
is blanked from every subscript (R_i -> R, y_{ik} -> y_{ k}, z_{mi} -> z_{m }: same length, so no
position moves). The loss is the sum of the examples' losses, so a sum over the examples whose
letter is then written nowhere else on its line is a sum of one example's terms, and on one
example it is that term: the sum is blanked too (a claim true of every dataset is true of a
dataset of one; the loss and its gradient add over the examples, so one true of one example is
true of every dataset). Pure: text in, text out.
"""

from __future__ import annotations

import re
from functools import partial

from .example_index import MEAN
from .names import LOSS_NAMES

_LOSS = "ELCJR"  # the letters of a loss: E_n (Bishop), L_i, C_x, J_i, R_i (ESL's risk)
_SUM = (  # \\sum_{i=1}^N, \\sum_n: over e
    r"\\sum(?:\\limits|\\nolimits)?\s*_\s*(?:\{\s*({e})\s*(?:=\s*[01]\s*)?\}|({e})\b)"
    r"(?:\s*\^\s*(?:\{[^{}]*\}|\w))?"
)
_OWN_LOSS = r"(?<![\\A-Za-z])[{L}]\s*_\s*(?:\{{\s*{e}\s*\}}|{e}(?![A-Za-z]))"
_SCRIPT = re.compile(r"_\s*(\{\s*[a-z](?:\s*,?\s*[a-z])*\s*\}|[a-z](?![A-Za-z]))")
_DENOMINATOR = re.compile(  # ∂o_j, dw_{ij}, ∂w^{(1)}_{ji}: the name and its subscript
    r"(?:\\partial\s*|(?<![A-Za-z\\])d)(\\?[A-Za-z]+)\s*(?:\^\s*(?:\{[^{}]*\}|\w)\s*)?_\s*(\{[^{}]*\}|\w)"
)


def _sum(e: str) -> re.Pattern:
    return re.compile(_SUM.replace("{e}", e))


def _loss_of(e: str) -> re.Pattern:
    return re.compile(_OWN_LOSS.format(L=_LOSS, e=e))


def letters(text: str) -> set[str]:
    """The letters that index the examples as subscripts: a loss with that one index summed over it."""
    out = set()
    below = {  # ∂o_j, dw_{ij}: unit letters (∂R_i, the loss of one example, not)
        c
        for m in _DENOMINATOR.finditer(text)
        if m.group(1) not in _LOSS
        for c in re.findall(r"[a-z]", m.group(2))
    }
    for e in sorted(set(re.findall(r"(?<![\\A-Za-z])[" + _LOSS + r"]\s*_\s*\{?\s*([a-z])\b", text))):
        if e in below or re.search(r"_\s*\{[^{}]*\b" + e + r"\s*[-+]", text):
            continue  # a unit's letter: ∂o_j, x_{i+1}
        summed = [m for m in _sum(e).finditer(text) if _loss_of(e).search(text[m.end() : m.end() + 200])]
        defined = re.finditer(_OWN_LOSS.format(L=_LOSS, e=e) + r"\s*=([^\n]*)", text)
        if not summed or any("\\sum" not in m.group(1) for m in defined):
            continue  # E_j = \\frac{1}{2}(t_j - o_j)^2: one output's error, not an example's loss
        rows = {text.count("\n", 0, m.start()) for m in _sum(e).finditer(text)}
        if any(MEAN.search(row) for k, row in enumerate(text.split("\n")) if k in rows):
            continue  # \frac{1}{N} \sum_n, \sum_n E_n / N: a mean
        out.add(e)
    return out


def blank(text: str) -> str:
    """text with each example letter blanked from every subscript, and each sum over it that then
    runs over nothing blanked."""
    found = letters(text)
    if not found:
        return text
    for e in sorted(found):
        text = "".join(_one_example(line, e) for line in text.splitlines(keepends=True))
    return text


def _one_example(line: str, e: str) -> str:
    """A line read on one example; one that sums over the examples and holds no derivative, the
    loss's definition (E = \\sum_n E_n), left as written (an average over examples, not checked)."""
    if _sum(e).search(line) and not re.search(r"\\partial|\\nabla|\\Delta", line):
        return line
    return _summed_out(_SCRIPT.sub(partial(_without, e=e), line), e)


def _without(m: re.Match, e: str) -> str:
    """`_{ik}` -> `_{ k}`, `_{i,k}` -> `_{  k}`, `_i` -> blanks: the letter e out of one subscript
    (not a sum's: \\sum_i stays, read by `_summed_out`)."""
    whole = m.group(0)
    if re.search(r"\\(?:sum|prod)(?:\\limits|\\nolimits)?\s*$", m.string[: m.start()]):
        return whole
    group = m.group(1)
    if e not in group or m.string[max(0, m.start() - 1) : m.start()] + "_" + e in LOSS_NAMES:  # E_n: a loss
        return whole
    if not re.sub(r"[{}\s,]", "", group).replace(e, "", 1):
        return " " * len(whole)
    return whole[: m.start(1) - m.start()] + re.sub(",?" + e + ",?", _spaces, group, count=1)


def _spaces(m: re.Match) -> str:
    return " " * len(m.group(0)) if m.group(0).count(",") < 2 else " " * (len(m.group(0)) - 1) + ","


def _summed_out(line: str, e: str) -> str:
    """line with every sum over e blanked when e is written nowhere else on it."""
    sums = list(_sum(e).finditer(line))
    rest = _loss_of(e).sub("", _sum(e).sub("", line))  # E_n kept: a loss of one example
    if not sums or re.search(r"(?<![\\A-Za-z])" + e + r"(?![A-Za-z])", rest):
        return line
    for m in reversed(sums):
        line = line[: m.start()] + " " * (m.end() - m.start()) + line[m.end() :]
    return line
