r"""The example index written as a parenthesised superscript: x^{(i)}, \hat{Y}_j^{(i)}, y^{(i)},
a^{[2](i)} (Ng's notes, CS229, many posts), or bracketed, y_j^{[i]} (Raschka and Mirjalili's cost):
"example i", not a layer and not a power.

A statement about example i says the same of every example, so it is checked on one: the
superscript is blanked (same length, so no position moves) and the rest read as usual. Only where
the letter cannot be a layer: it is i, or a letter the document binds to the examples
(\sum_{n=1}^{m}, n = 1, \cdots, m), and the document never writes a weight, a bias or a δ with it
(W^{(i)}, \delta^{(i)}) nor does arithmetic on it (a^{(i+1)}): then it is a layer, as in Haykin's,
Bishop's and UFLDL's ^{(l)}, and nothing is blanked. A derivative of a cost the document defines
as a mean over the examples (J = \frac{1}{m} \sum_i ...) with respect to one example's quantity
carries a 1/m that the example's own loss does not: such a line is left as written (not read).
A sum whose range is the data in words (Buduma's and Hinton's `\Delta w_{ij} = -\sum_{k \in
dataset} \epsilon y_i^{(k)} \ldots \partial E^{(k)} / \partial y_j^{(k)}`) binds its letter to the
examples; once the tags are blanked, a sum over the examples whose letter is written nowhere else
on the line is a sum of one example's terms, and on one example it is its term: the sum is blanked
too (a claim true of every dataset is true of a dataset of one example, and one whose left side
adds over the examples, as the loss and its gradient do, is true of every dataset when it is true
of one). Not where the document defines a mean cost: a mean is not a sum of the examples' terms.
Pure: text in, text out.
"""

from __future__ import annotations

import re

_BOUND = re.compile(  # up to m, the examples' count (n and N count units, classes, too)
    r"\\sum_\{\s*([a-z])\s*=\s*[01]\s*\}\^\{?\s*[mM]\b|\b([a-z])\s*=\s*[01]\s*,\s*\\[lc]?dots\s*,\s*[mM]\b"
)
_DATA = r"(?:data(?:\s*set)?|examples?|samples?|training(?:\s*(?:set|data))?|patterns?|batch)"
_IN_DATA = re.compile(  # \sum_{k \in dataset}, \sum_{n \in \text{training set}}: over the examples
    r"\\sum\s*_\s*\{\s*([a-z])\s*\\in\s*(?:\\(?:text|mathrm|mbox|textrm)\s*\{)?\s*" + _DATA + r"\s*\}?\s*\}"
)
MEAN = re.compile(r"\\frac\s*\{[^{}]*\}\s*\{\s*\d*\s*\|?[A-Za-z]\|?\s*\}|/\s*\d*\s*\|?[A-Za-z]\b")  # 1/N, /m
_LAYER = r"(?:W|w|b|\\Theta|\\theta|\\delta|\\Delta)\s*(?:_\{[^{}]*\}|_\w)?\s*\^\s*\{\s*[\(\[]\s*{L}\s*[\)\]]"
_COST = re.compile(r"(?:^|\$|&|\\\[)\s*(J|C|E|L)\s*(?:\([^=]*\))?\s*&?\s*=")
_MEAN = re.compile(r"\\frac\s*\{\s*1\s*\}\s*\{\s*\d*\s*[mnMN]\s*\}|/\s*\d*\s*[mnMN]\b")


def letters(text: str) -> set[str]:
    """The letters that index the examples here, and never a layer."""
    found = {"i"} | {a or b for a, b in _BOUND.findall(text)} | set(_IN_DATA.findall(text))
    out = set()
    for c in found:
        if re.search(_LAYER.replace("{L}", c), text):  # W^{(i)}: a layer
            continue
        if re.search(r"\^\s*\{\s*[\(\[]\s*" + c + r"\s*[-+]", text):  # a^{(i+1)}: arithmetic, a layer
            continue
        out.add(c)
    return out


def _mean_costs(text: str) -> set[str]:
    """Letters of a cost the document defines as a mean over the examples (J = \\frac{1}{m} Σ_i)."""
    out = set()
    for line in text.splitlines():
        m = _COST.search(line)
        if m and _MEAN.search(line[m.end() :]) and "\\sum" in line[m.end() :]:
            out.add(m.group(1))
    return out


def blank(text: str) -> str:
    """text with every ^{(i)} of an example letter blanked (and the (i) of ^{[2](i)})."""
    found = letters(text)
    if not found or "^" not in text:
        return text
    costs = _mean_costs(text)
    averaged = bool(costs) or any(MEAN.search(line) for line in text.splitlines() if _IN_DATA.search(line))
    one = "|".join(sorted(found))
    group = re.compile(r"\^\s*\{([^{}]*?)(?:\(\s*(?:" + one + r")\s*\)|\[\s*(?:" + one + r")\s*\])([^{}]*)\}")
    out = []
    for line in text.splitlines(keepends=True):
        if any(re.search(r"\\partial\s*" + c + r"\b", line) for c in costs):  # ∂J/∂x^{(i)}: 1/m
            out.append(line)
            continue
        line = group.sub(_blanked, line)
        out.append(line if averaged else _summed_out(line))
    return "".join(out)


def _summed_out(line: str) -> str:
    """line with each \\sum_{k \\in dataset} blanked whose letter k is written nowhere else on it."""
    for m in reversed(list(_IN_DATA.finditer(line))):
        rest = line[: m.start()] + line[m.end() :]
        if re.search(r"(?<![\\A-Za-z])" + m.group(1) + r"(?![A-Za-z])", rest):
            continue
        line = line[: m.start()] + " " * (m.end() - m.start()) + line[m.end() :]
    return line


def _blanked(m: re.Match) -> str:
    """^{(i)} -> blanks; ^{[2](i)} -> ^{[2]   }, ^{(i)T} -> ^{   T}: the (i) alone blanked."""
    before, after = m.group(1), m.group(2)
    if not (before + after).strip():
        return " " * len(m.group(0))
    whole = m.group(0)
    start = m.start(0)
    inner = whole[: m.end(1) - start] + " " * (m.start(2) - m.end(1)) + whole[m.start(2) - start :]
    return inner
