r"""Greek index letters read as Latin ones, and said back as the author wrote them.

Marsland (Machine Learning: An Algorithmic Perspective, sec. 4.6) names units by Greek letters:
`h_\zeta = \sum_{\iota=0}^{L} x_\iota v_{\iota\zeta}`, `\delta_o(\kappa)`. The reader's index
letters are Latin; a Greek letter that stands only where an index stands is renamed, once per
document, to a Latin letter the document writes nowhere (p, q, r, ...), the command padded with
spaces so that no position moves. Where it stands decides: inside a name's subscript (`x_\iota`,
`v_{\iota\zeta}`, `\sum_{\iota=0}`) or alone as the argument of a name with a subscript
(`\delta_o(\kappa)`). A Greek letter written anywhere else even once (`\beta h_\zeta`, `\eta`,
`\alpha_{ml}`, `R(\theta)`) is a name of its own, and the document is left as it is for it.

The messages say what the author wrote: `said` maps the report back, the Latin letter to its
Greek command in a reason (`v_{\iota\zeta}`), to its Unicode letter in an instance (`ζ=1`), and
in the written names the verdicts keep (`v_iq` -> `v_iotazeta`, shown `v_ιζ`). Pure functions.
"""

from __future__ import annotations

import dataclasses
import re

import sympy as sp

_INDEX_GREEK = (  # lowercase letters that can name a unit; not \pi (a number), not \sigma (a function)
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
    "rho tau upsilon phi varphi chi psi omega "
    "Omega Psi Xi Lambda Gamma Upsilon"  # capitals: Kriesel's output neurons, \sum_{\Omega \in O}
).split()
_UNICODE = dict(zip(_INDEX_GREEK, "αβγδεεζηθϑικλμνξρτυφφχψωΩΨΞΛΓΥ"))
_FREE = "pqrsuvm"  # Latin letters given in turn, none a role letter (h i j k l o t n...) first
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_GROUP = re.compile(r"_\s*\{")  # a braced subscript: its letters are indices
_SINGLE = re.compile(r"_\s*\\([A-Za-z]+)(?![A-Za-z])")  # x_\iota
_ARGUMENT = re.compile(  # \delta_o(\kappa): the lone argument of a name with a subscript
    r"_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*(?:\\left\s*)?\(\s*\\([A-Za-z]+)\s*(?:\\right\s*)?\)"
)
_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]+")


@dataclasses.dataclass(frozen=True)
class Renamed:
    text: str
    letters: dict[str, str]  # Latin letter -> the Greek name it stands for (iota)


def rename(text: str) -> Renamed:
    """The document with its Greek index letters written as free Latin letters."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _COMMAND.finditer(text):
        if m.group(1) in _INDEX_GREEK:
            spans.setdefault(m.group(1), []).append(m.span())
    if not spans:
        return Renamed(text, {})
    at_index = _index_positions(text)
    greek = [g for g, where in spans.items() if all(s[0] in at_index for s in where)]
    if not greek:
        return Renamed(text, {})
    free = [c for c in _FREE if c not in _used(text)]
    if len(free) < len(greek):
        return Renamed(text, {})
    greek.sort(key=lambda g: spans[g][0][0])  # first written, first letter
    letters = dict(zip(free, greek))
    chars = list(text)
    for latin, g in letters.items():
        for start, end in spans[g]:
            chars[start:end] = latin + " " * (end - start - 1)
    return Renamed("".join(chars), letters)


def _index_positions(text: str) -> set[int]:
    """Where a command stands as an index: in a subscript, or alone as a subscripted name's argument."""
    out = {m.start(1) - 1 for m in _SINGLE.finditer(text)} | {
        m.start(1) - 1 for m in _ARGUMENT.finditer(text)
    }
    for m in _GROUP.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if text[i] == "\\" and depth == 1:
                out.add(i)
            i += 1
    return out


def _used(text: str) -> set[str]:
    """The Latin letters a document writes: as a name or an index (glued in a subscript too)."""
    used = {w for w in _WORD.findall(text) if len(w) == 1}
    for m in _GROUP.finditer(text):
        close = text.find("}", m.end())
        inner = _COMMAND.sub(" ", text[m.end() : close if close >= 0 else len(text)])
        used |= set(re.sub(r"[^A-Za-z]", "", inner))
    used |= {m.group(1) for m in re.finditer(r"_\s*([A-Za-z])", text)}
    return {c.lower() for c in used}


# ------------------------------------------------------------------------------------ said back


def said(report, letters: dict[str, str]):
    """The report with every substitute letter said as the author wrote it."""
    if not letters:
        return report
    return dataclasses.replace(
        report,
        verdicts=[said_verdict(v, letters, _unicode) for v in report.verdicts],
        unchecked=said_unchecked(report.unchecked, letters),
    )


def said_unchecked(unchecked: list, letters: dict[str, str]) -> list:
    """Statements not checked, each reason and fix said with the author's letters."""
    if not letters:
        return unchecked
    return [
        dataclasses.replace(u, reason=_tex(u.reason, letters), fix=_tex(u.fix, letters)) for u in unchecked
    ]


def said_verdict(v, letters: dict[str, str], text_of, index: str = r"[A-Za-z0-9]+"):
    """A verdict said with the letters read put back as written: its instance, label and remark
    by `text_of(text, letters)`, its expressions' subscripts (index letters `index`) letter by
    letter (also verify/capital_indices.py)."""
    changes = {}
    for f in dataclasses.fields(v):
        value = getattr(v, f.name)
        if f.name in ("instance", "label", "remark") and value:
            changes[f.name] = text_of(value, letters)
        elif isinstance(value, sp.Basic):
            changes[f.name] = _symbols(value, letters, index)
    return dataclasses.replace(v, **changes)


def _symbols(expr: sp.Basic, letters: dict[str, str], index: str) -> sp.Basic:
    """Written names back as written: v_iq -> v_iotazeta (Greek), w_jk -> w_JK (capitals)."""
    subs = {}
    for s in expr.free_symbols:
        base, sep, sub = s.name.partition("_")
        if sep and sub and set(sub) & set(letters) and re.fullmatch(index, sub):
            subs[s] = sp.Symbol(base + "_" + "".join(letters.get(c, c) for c in sub), **s.assumptions0)
    return expr.xreplace(subs) if subs else expr


_SUBSCRIPT = re.compile(r"_(\{[^{}]*\}|[A-Za-z])")


def _tex(text: str, letters: dict[str, str]) -> str:
    """A reason's names: v_{iq} -> v_{\\iota\\zeta}; a lone p -> \\kappa."""

    def sub(m: re.Match) -> str:
        inner = m.group(1).strip("{}")
        if not set(inner) & set(letters) or not re.fullmatch(r"[A-Za-z0-9,]+", inner):
            return m.group(0)
        return "_{" + "".join(f"\\{letters[c]}" if c in letters else c for c in inner) + "}"

    text = _SUBSCRIPT.sub(sub, text)
    return _lone(text, lambda c: f"\\{letters[c]}", letters)


def _unicode(text: str, letters: dict[str, str]) -> str:
    """An instance's letters: q=1, p=2 -> ζ=1, κ=2."""
    return _lone(text, lambda c: _UNICODE[letters[c]], letters)


def _lone(text: str, spell, letters: dict[str, str]) -> str:
    if not letters:
        return text
    pattern = re.compile(
        rf"(?<![\\A-Za-z'’])([{''.join(letters)}])(?![A-Za-z])"
    )  # never the s of "network's"
    return pattern.sub(lambda m: spell(m.group(1)), text)
