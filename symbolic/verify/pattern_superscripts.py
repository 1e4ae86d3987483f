r"""The training pattern written as a bare superscript on every quantity: Kröse and van der Smagt's
`y_k^p = \mathcal{F}(s_k^p)`, `E^p`, `\Delta_p w_{jk} = \gamma \delta_k^p y_j^p`; Hertz, Krogh and
Palmer's `h_j^\mu = \sum_k w_{jk} \xi_k^\mu`, `E = \frac12 \sum_{\mu i} [\zeta_i^\mu - O_i^\mu]^2`,
`\Delta W_{ij} = \eta \sum_\mu \delta_i^\mu V_j^\mu`: "pattern p", not a layer and not a power.

A document names its patterns so when a letter written as a bare superscript (p, or a Greek
letter, \mu) is also the index of its loss (E^p, \mathcal{E}^p) or of a sum (\sum_\mu,
\sum_{\mu i}), is written on two names or more, never on a weight or a bias (the weights are the
same for every pattern: w^l, W^{l} say a layer) and never with arithmetic (y^{l-1}: a layer);
p on the loss alone says it too (LeCun et al.'s E^p, the cost of pattern p, beside E the mean).
Not where the document takes a mean over it (\frac{1}{P} \sum_p): a mean's derivative is the mean
of the patterns', which one pattern does not show. The letters that count layers or transpose (l,
L, T, r, m, n) and the unit letters (i, j, k) are never read so; Alpaydin's ^t with \sum_t is
arguments._superscript_case, which this extends to the loss's own index and to Greek letters.

A statement about pattern p says the same of every pattern, so it is checked on one: each ^p,
each \Delta_p and each sum over p is blanked (a combined \sum_{\mu i} keeps its i), same length,
so no position moves. A line where one side sums over the patterns and another speaks of one of
them is left as written (arguments._one_case). The loss is the sum of the patterns' losses, so
on one pattern a sum over them is its term, and a claim about the gradient of the summed loss is
true of every set of patterns when it is true of one. Pure: text in, text out.
"""

from __future__ import annotations

import re

from .arguments import _one_case
from .example_index import MEAN

_NEVER = {"l", "L", "T", "r", "m", "n", "i", "j", "k", "t"}  # layers, transpose, units; ^t: Alpaydin
_GREEK = r"\\(?:mu|nu|tau|kappa|rho)"  # ι, ζ, ξ are names elsewhere (Marsland, HKP's input ξ)
_LETTER = rf"(?:[a-z]|{_GREEK})"
_SUP = r"\^(?:\{{\s*{c}\s*\}}|\{{\s*\(\s*{c}\s*\)\s*\}}|{c})(?![A-Za-z0-9])"  # ^{(\mu)}: Mehlig's
_LOSS = r"(?<![A-Za-z\\])(?:E|L|C|J|R|\\mathcal\{[ELCJR]\})\s*"
_NAME = r"((?:\\[A-Za-z]+|[A-Za-z])(?:\{[^{}]*\})?(?:_\{[^{}]*\}|_\\?[A-Za-z0-9]+)?)\s*"
_LOSS_ONLY = re.compile(r"E|L|C|J|R|\\mathcal\{[ELCJR]\}")
_WEIGHT = re.compile(r"(?:w|W|b|\\theta|\\Theta|\\hat\{w\}|\\mathbf\{[wWb]\})(?![A-Za-z])")


def _candidates(text: str) -> set[str]:
    sups = set(re.findall(rf"\^\{{?\s*({_LETTER})\s*\}}?(?![A-Za-z0-9])", text)) - _NEVER
    sups |= set(re.findall(rf"\^\{{\s*\(\s*({_GREEK})\s*\)\s*\}}", text))  # ^{(\mu)}: a Greek pattern only
    out = set()
    for c in sups:
        e = re.escape(c)
        on_loss = re.search(_LOSS + _SUP.format(c=e), text)
        summed = re.search(rf"\\sum_\{{?\s*{e}(?![A-Za-z])", text) or re.search(
            rf"\\sum_\{{\s*[a-z]\s*{e}\s*\}}", text
        )  # \sum_{i\mu}: the unit's letter first
        if on_loss or summed and c.startswith("\\"):
            out.add(c)
    return out


def _carried(text: str, c: str) -> set[str]:
    return set(re.findall(_NAME + _SUP.format(c=re.escape(c)), text))


def blank(text: str) -> str:
    for c in sorted(_candidates(text)):
        e = re.escape(c)
        names = _carried(text, c)
        bracketed = re.search(rf"\^\{{\s*\(\s*{e}\s*\)\s*\}}", text) is not None
        lone = names == {n for n in names if _LOSS_ONLY.fullmatch(n)} and c == "p"  # LeCun's E^p alone
        if len(names) < 2 and not lone or not bracketed and any(_WEIGHT.match(n) for n in names):
            continue
        if re.search(rf"[\^_]\{{\s*{e}\s*[-+]", text):
            continue  # y^{p-1}: arithmetic, a layer
        if any(MEAN.search(line) and re.search(rf"\\sum_\{{?\s*{e}", line) for line in text.splitlines()):
            continue  # a mean over the patterns
        text = "".join(_one_pattern(line, c) for line in text.splitlines(keepends=True))
    return text


def _one_pattern(line: str, c: str) -> str:
    e = re.escape(c)
    sup = re.compile(_SUP.format(c=e))
    summed = re.compile(rf"\\sum_\{{?\s*{e}(?![A-Za-z])|\\sum_\{{\s*[a-z]\s*{e}\s*\}}")  # or \sum_{i\mu}
    sides = re.split(r"=|\\leftarrow|:=", line)
    if any(summed.search(s) for s in sides) and any(sup.search(s) and not summed.search(s) for s in sides):
        return line  # one side sums over the patterns, another is about one of them
    line = sup.sub(lambda m: " " * len(m.group()), line)
    delta = re.compile(rf"\\Delta_(?:\{{{e}\}}|{e}(?![A-Za-z]))")
    line = delta.sub(lambda m: "\\Delta" + " " * (len(m.group()) - 6), line)
    # \sum_{\mu i}: the pattern's letter blanked, the unit's kept (a sum over the units)
    line = re.sub(
        rf"(\\sum_\{{)\s*{e}(?![A-Za-z])(\s*[a-z][^{{}}]*\}})",
        lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1)) - len(m.group(2))) + m.group(2),
        line,
    )
    # \sum_{i\mu}: the unit's letter first (Mehlig), likewise
    line = re.sub(
        rf"(\\sum_\{{\s*[a-z])(\s*{e})(\s*\}})",
        lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3),
        line,
    )
    return _one_case(line, e, sup)  # the sums over the patterns alone (no ^p is left to guard)
