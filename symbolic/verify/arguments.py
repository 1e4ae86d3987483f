r"""Arguments that are indices, not calls: blanked before a document is read.

Haykin writes every quantity at a time step, `e_j(n)`, `v_j(n)`, `w_{ji}(n)`, `\mathcal{E}(n)`;
the PDP chapter indexes every quantity by the pattern p, `\delta_{pj}`, `o_{pi}`,
`\Delta_p w_{ji}`, `E_p`; Mitchell writes the error as a function of the weights,
`E_d(\vec{w})`; the per-unit activation carries the unit's index, `\varphi_j'(v_j)`, `f'_j(net_j)`.
For one example at one time step each is the plain quantity (`e_j`, `\delta_j`, `\Delta w_{ji}`,
`E`, `\varphi'(v_j)`). A document uses a time index when a one-letter argument (n, t) follows
three or more names and never stands alone elsewhere; a pattern index when `\Delta_p` or `E_p`
is written and p leads the subscript of three or more names. Every replacement keeps the text's
length (blanks), so line and column positions do not move. Pure: text in, text out.
"""

from __future__ import annotations

import re

from .input_arguments import blank as blank_input

# a name (\mathcal{E}, e_j, w_{ji}, v_j, y_i) or a closing brace/superscript, then (n) or [n]
# (a letter not ending a command such as \sigma, and not a function f, g, h: σ(t) stays a call)
_AFTER_NAME = (
    r"(?:(?<![A-Za-z\\])[A-Za-ei-z](?:_\{[^{}]*\}|_[A-Za-z0-9])?(?:\^\{?[0-9]\}?)?"
    r"|(?<![A-Za-z\\])[fgh]_(?:\{[^{}]*\}|[A-Za-z0-9])(?:\^\{?[0-9]\}?)?"
    r"|\\mathcal\{[A-Za-z]\}"
    r"|\\(?:theta|delta|varepsilon|epsilon)_(?:\{[^{}]*\}|[A-Za-z0-9]))"  # θ_3(p), δ_j(n)
)
_FUNCTION = r"(?:\\varphi|\\phi|\\sigma|\bf|\bg|\bh)"


def blank(text: str) -> str:
    text = blank_input(text)  # a^{(k)}(x): Larochelle's input argument (input_arguments.py)
    text = _time_index(text)
    text = _example_argument(text)
    text = _pattern_index(text)
    text = _case_index(text)
    text = _superscript_case(text)
    text = _weights_argument(text)
    text = _sample_argument(text)
    return _unit_functions(text)


def _pad(m: re.Match, keep: str) -> str:
    return keep + " " * (len(m.group()) - len(keep))


def _time_index(text: str) -> str:
    """(n), (t), (p) after three names or more: the time step or iteration (Haykin's n,
    Negnevitsky's p), blanked; `w_{jk}(p+1)`, the next iteration's, is the weight after the
    update: written `w_{jk}^{+}` (latex/names.py), its length kept."""
    for letter in ("n", "t", "p"):
        arg = re.compile(rf"({_AFTER_NAME})\s*(?:\({letter}\)|\[{letter}\])")
        hits = arg.findall(text)
        if len(hits) < 3:
            continue
        rest = arg.sub(lambda m: _pad(m, m.group(1)), text)
        after = re.compile(rf"({_AFTER_NAME})\s*\(\s*{letter}\s*\+\s*1\s*\)")
        rest = after.sub(lambda m: _pad(m, m.group(1) + "^{+}"), rest)
        if re.search(rf"(?<![A-Za-z\\_{{]){letter}(?![A-Za-z])", _math_only(rest)):
            continue  # the letter stands alone somewhere: not only an index
        text = rest
    return text


def _math_only(text: str) -> str:
    """Comments dropped; \\text{...} dropped (prose)."""
    text = re.sub(r"%[^\n]*", "", text)
    return re.sub(r"\\(?:text|mathrm|operatorname)\{[^{}]*\}", "", text)


def _example_argument(text: str) -> str:
    """v_j^r(i), y_k^{r-1}(i), \\mathcal{E}(i) with J = \\sum_{i=1}^{N} \\mathcal{E}(i) (Theodoridis
    and Koutroumbas): i the training pair, an argument on three names or more and on the loss, and
    standing alone only as the index of a sum. A statement about pair i is checked on one: each (i)
    is blanked, and each sum over i (on one pair, its term) as the superscript case does
    (`_one_case`: not on a line where one side sums and another speaks of one pair). Not where
    the document takes a mean over i (a mean's derivative is not one pair's)."""
    arg = re.compile(rf"({_AFTER_NAME})\s*\(i\)")
    loss = re.compile(r"(?:\\mathcal\{[ELJ]\}|(?<![A-Za-z\\])[ELJ])\s*\(i\)")
    if len(arg.findall(text)) < 3 or not loss.search(text):
        return text
    summed = re.compile(r"\\sum_(?:\{i\}|i(?![A-Za-z])|\{i\s*=[^{}]*\}(?:\^\{[^{}]*\}|\^\w)?)")
    rest = summed.sub("", re.sub(r"(?<=[A-Za-z0-9}])\s*\(i\)", "", _math_only(text)))
    mean = re.search(r"\\frac\{1\}\{[A-Za-z]\}\s*\\sum_\{?i", text)
    unit = re.search(r"_(?:i(?![A-Za-z])|\{[^{}]*(?<![A-Za-z\\])i(?![A-Za-z])[^{}]*\})", rest)
    if mean or unit or re.search(r"(?<![A-Za-z\\_{])i(?![A-Za-z])", rest):
        return text  # i stands alone or is a unit's subscript (y_i), or a mean over the pairs
    one = re.compile(r"\(i\)")
    return "".join(_one_case(line, "i", one) for line in text.splitlines(keepends=True))


_PATTERN_SUB = re.compile(r"_\{p([a-z])\}")


def _pattern_index(text: str) -> str:
    if not re.search(r"\\Delta_p\b|\\Delta_\{p\}|\bE_p\b", text):
        return text
    if len(set(re.findall(r"([A-Za-z]+)_\{p[a-z]\}", text))) < 3:
        return text
    text = _PATTERN_SUB.sub(lambda m: "_{" + m.group(1) + "} ", text)  # \delta_{pj} -> \delta_{j}
    text = re.sub(r"\\Delta_p(?![A-Za-z])", lambda m: "\\Delta  ", text)
    return re.sub(r"\\Delta_\{p\}", lambda m: "\\Delta    ", text)


def _case_index(text: str) -> str:
    """E = 1/2 \\sum_c \\sum_j (y_{j,c} - d_{j,c})^2 (Rumelhart et al. 1986): c the training case,
    summed over; for one case the error of that case (`,c` and `\\sum_c` blanked)."""
    for letter in sorted(set(re.findall(r"\\sum_\{?([a-z])\}?", text))):
        subs = re.compile(rf"(_\{{[a-z]),{letter}\}}")
        if len(set(re.findall(rf"([A-Za-z]+)_\{{[a-z],{letter}\}}", text))) < 2:
            continue
        text = subs.sub(lambda m: m.group(1) + "  }", text)
        text = re.sub(rf"\\sum_(?:\{{{letter}\}}|{letter})(?![A-Za-z])", lambda m: " " * len(m.group()), text)
    return text


_SUM = r"\\sum_(?:\{{{c}\}}|{c}(?![A-Za-z])|\{{{c}\s*=[^{{}}]*\}}(?:\^\{{[^{{}}]*\}}|\^\w)?)"
_SUP = r"\^(?:\{{\s*{c}\s*\}}|{c})(?![A-Za-z0-9])"


def _superscript_case(text: str) -> str:
    """y^t, z_h^t, r_i^t, x_j^t with \\sum_t (Alpaydin): t the example, a bare superscript summed
    over. A statement about every example is checked on one: each ^t and each \\sum_t is blanked
    (the sum that multiplies a factor before it and a signed body after it becomes \\cdot). Only
    where t is summed somewhere, written on two names or more, never on a weight, a bias or a δ,
    never with arithmetic (h^{t-1}); and not on a line where one side sums over t and another
    speaks of one example (∂E^t/∂v = \\sum_t ...: left as written)."""
    for c in sorted(set(re.findall(r"\\sum_\{?([a-z])\}?(?![A-Za-z])", text)) - {"l", "i", "j", "k"}):
        sup = re.compile(_SUP.format(c=c))
        names = set(re.findall(r"([A-Za-z]+(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*" + _SUP.format(c=c), text))
        if len(names) < 2 or any(re.match(r"(?:w|W|b|v|V|\\delta|\\Delta)(?![A-Za-z])", n) for n in names):
            continue
        if re.search(r"\^\{\s*" + c + r"\s*[-+]", text):
            continue
        text = "".join(_one_case(line, c, sup) for line in text.splitlines(keepends=True))
    return text


def _one_case(line: str, c: str, sup: re.Pattern) -> str:
    summed = re.compile(_SUM.format(c=c))
    sides = re.split(r"=|\\leftarrow|:=", line)
    if any(summed.search(s) for s in sides) and any(sup.search(s) and not summed.search(s) for s in sides):
        return line  # one side sums over the examples, another is about one of them
    line = sup.sub(lambda m: " " * len(m.group()), line)

    def dropped(m: re.Match) -> str:
        before = line[: m.start()].rstrip()
        after = line[m.end() :].lstrip()
        if after[:1] in "-+" and before and before[-1] not in "=({[+-":
            return "\\cdot" + " " * (len(m.group()) - 5)
        return " " * len(m.group())

    return summed.sub(dropped, line)


def _sample_argument(text: str) -> str:
    """E(\\boldsymbol{W}, \\boldsymbol{v} | \\mathcal{X}): the error of the weights given the
    sample (Alpaydin), a loss letter's argument list with a bar: the loss itself."""
    pattern = re.compile(r"(?<=(?<![A-Za-z\\])[A-Z])\s*\([^()=|]*\|[^()=|]*\)")
    return pattern.sub(lambda m: " " * len(m.group()), text)


_VECTOR = r"(?:\\vec\{%s\}|\\mathbf\{%s\}|\\vec %s|\\boldsymbol\{%s\})"


def _weights_argument(text: str) -> str:
    """E_d(\\vec{w}), E(\\mathbf{w}), E(w): the error as a function of all the weights; and
    PRML's y_k(\\mathbf{x}, \\mathbf{w}), the output as a function of the input and the weights."""
    w, x = (_VECTOR % ((c,) * 4) for c in "wx")
    pattern = re.compile(rf"(?<=[A-Za-z}}])\s*\((?:{w}|{x}\s*,\s*{w})\)")
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _unit_functions(text: str) -> str:
    """\\varphi_j'(v) -> \\varphi'(v), f'_j(net) -> f'(net), \\varphi_j(v) -> \\varphi(v): the
    activation of unit j is its layer's activation; but not h_j (1 - h_j) in a document where h_j
    is also a value (a unit's output h_j, written alone): a product."""

    def unit(m: re.Match) -> str:
        letter = m.group(0)[len(m.group(1)) + 1 :].strip("{}'")
        spelled = rf"{re.escape(m.group(1))}_(?:\{{{letter}\}}|{letter})"
        if re.search(spelled + r"(?!\s*[('A-Za-z0-9{^_])", text):
            return m.group(0)  # h_j stands alone somewhere: a value, and h_j (...) a product
        return _pad(m, m.group(1) + m.group(2))

    text = re.sub(rf"({_FUNCTION})_(?:\{{[a-z]\}}|[a-z])('*)(?=\s*\()", unit, text)
    return re.sub(rf"({_FUNCTION}'+)_(?:\{{[a-z]\}}|[a-z])(?=\s*\()", lambda m: _pad(m, m.group(1)), text)
