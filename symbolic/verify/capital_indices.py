r"""A capital index letter naming one particular unit of a generic one, read as that letter.

Fausett (Fundamentals of Neural Networks, sec. 6.3.3) states the rules for any unit, `\delta_k =
(t_k - y_k) f'(y\_in_k)`, and derives them for one particular unit, in capitals:
`\frac{\partial E}{\partial w_{JK}} = ... = -[t_K - y_K] f'(y\_in_K) z_J`, `\delta_J = \sum_k
\delta_k w_{Jk} f'(z\_in_J)`. A statement about an arbitrary particular unit J holds for every
unit exactly when the same statement in j does, so the capital is read as its lowercase letter
(each character replaced in place: no position moves), and said back as written.

Only where the capital is an index by the document's own use of it, never a label (`y_T`, `W_O`):
- every occurrence of the letter stands in a subscript (none as a name, `K`, or a count,
  `\sum_{k=1}^{K}`), comments aside;
- every name written with it (w_{JK}, \delta_J, z\_in_J) is also written with its lowercase twin
  among the same name's indices (w_{jk}, \delta_j, z\_in_j): the generic statement it
  particularizes;
- on a line that writes the lowercase letter as an index too (`\frac{\partial}{\partial w_{JK}}
  \sum_k [t_k - y_k]^2`, k summed and K one unit), the capital is left as written: reading it
  there would merge two units or capture it in the sum; so too where the lowercase letter stands
  anywhere else on the line (`g_L'(u_k^l)`: L the output layer beside the layer l).
Pure functions: text in, text and the letters renamed per line out; a report in, the report said
with the author's capitals out.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from .greek_indices import said_verdict

# a name and its subscript: w_{Jk}, \delta_J, z\_in_J (Fausett's escaped underscore in the name)
_SCRIPT = re.compile(r"((?:\\|(?<![A-Za-z\\]))[A-Za-z]+(?:\\_[A-Za-z]+)?)\s*_\s*(?:\{([^{}]*)\}|([A-Za-z]))")
_SLOTS = re.compile(r"[A-Za-z](?:\s*,?\s*[A-Za-z])*")  # a subscript of index letters only: jk, j,k
_LONE = r"(?<![\\A-Za-z]){}(?![A-Za-z])"
_COMMENT = re.compile(r"(?<!\\)%.*")


@dataclasses.dataclass(frozen=True)
class Scripted:
    line: int
    base: str
    slots: str  # the subscript's index letters, in order ('' when it holds anything else)
    letters: str  # every letter the subscript holds (k of k=1 too)
    at: dict  # slot -> the character's offset in the text


@dataclasses.dataclass(frozen=True)
class Renamed:
    text: str
    letters: dict[int, dict[str, str]]  # line -> {lowercase letter read: the capital written}


def rename(text: str) -> Renamed:
    """The document with its particular-unit capitals written as their lowercase letters."""
    plain = _COMMENT.sub(lambda m: " " * len(m.group()), text)
    scripts = list(_scripts(plain))
    candidates = {c for s in scripts for c in s.slots if c.isupper()}
    qualified = {
        cap
        for cap in candidates
        if _only_in_subscripts(plain, cap, mine := [s for s in scripts if cap in s.slots])
        and all(_twin(s, cap, cap.lower(), scripts) for s in mine)
    }
    chars, out = list(text), {}
    if not qualified:
        return Renamed(text, {})
    lines = plain.split("\n")
    by_line: dict[int, list[Scripted]] = {}
    for s in scripts:
        by_line.setdefault(s.line, []).append(s)
    for unit in _units(plain):
        here = [s for n in sorted(unit) for s in by_line.get(n, [])]
        written = {c for s in here for c in s.letters}
        caps = {c for s in here for c in s.slots if c in qualified}
        if not caps:
            continue
        rows = "\n".join(lines[n - 1] for n in sorted(unit))
        lone = {c for c in caps if re.search(_LONE.format(c.lower()), rows)}  # u_k^l beside g_L
        if not caps or lone or any(c.lower() in written for c in caps):
            continue  # the statement writes a lowercase twin as an index too: left as written
        for s in here:
            for k, c in enumerate(s.slots):
                if c in caps:
                    chars[s.at[k]] = c.lower()
        out.update({line: {c.lower(): c for c in caps} for line in unit})
    return Renamed("".join(chars), out) if out else Renamed(text, {})


_CLOSED = re.compile(r"\\\]|\$\$|\\end\{|\\\\\s*$|\$\s*$")  # the line ends a display or a row
_GOES_ON = re.compile(r"\s*(?:\\\[|\$\$|&)?\s*(?:=|&|\+|-|\\Rightarrow)")  # a row going on


def _units(text: str) -> list[set[int]]:
    """Lines grouped by statement, as near as the text says: a line that does not close its display
    or row, and a line going on from '=' (`&+`, `\\Rightarrow`), join the one before."""
    units: list[set[int]] = []
    previous = ""
    for n, row in enumerate(text.split("\n"), start=1):
        if units and (not _CLOSED.search(previous) and previous.strip() or _GOES_ON.match(row)):
            units[-1].add(n)
        else:
            units.append({n})
        previous = row
    return units


def _scripts(text: str):
    breaks = [m.start() for m in re.finditer("\n", text)]  # a match's line: a bisection, not a count
    for m in _SCRIPT.finditer(text):
        inner = m.group(2) if m.group(2) is not None else m.group(3)
        start = m.start(2) if m.group(2) is not None else m.start(3)
        letters = "".join(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", inner)))
        line = bisect.bisect_left(breaks, m.start()) + 1
        if not _SLOTS.fullmatch(inner.strip()):
            yield Scripted(line, m.group(1), "", letters, {})
            continue
        at = [start + k for k, c in enumerate(inner) if c.isalpha()]
        yield Scripted(line, m.group(1), letters, letters, dict(enumerate(at)))


def _only_in_subscripts(text: str, cap: str, mine: list[Scripted]) -> bool:
    """Every lone occurrence of the capital is one of its subscript slots."""
    slots = {s.at[k] for s in mine for k, c in enumerate(s.slots) if c == cap}
    return all(m.start() in slots for m in re.finditer(_LONE.format(cap), text))


def _twin(s: Scripted, cap: str, low: str, scripts: list[Scripted]) -> bool:
    """The same name written with the lowercase letter among its indices on another line (w_{jk}
    beside w_{JK}, or beside w_{kJ}, which the reading then judges: a slip, not a label)."""
    return any(
        o.base == s.base and len(o.slots) == len(s.slots) and low in o.slots and o.line != s.line
        for o in scripts
    )


# ------------------------------------------------------------------------------------ said back


def said(report, letters: dict[int, dict[str, str]]):
    """The report with each renamed line's letters said as the author's capitals."""
    if not letters:
        return report
    return dataclasses.replace(
        report,
        verdicts=[_verdict(v, letters.get(v.line, {})) for v in report.verdicts],
        unchecked=[
            dataclasses.replace(u, reason=_text(u.reason, m), fix=_text(u.fix, m))
            if (m := letters.get(u.line))
            else u
            for u in report.unchecked
        ],
    )


def _text(text: str, letters: dict[str, str]) -> str:
    """A reason's subscripts: w_{jk} -> w_{JK}."""

    def sub(m: re.Match) -> str:
        inner = m.group(1).strip("{}")
        if not re.fullmatch(r"[A-Za-z,]+", inner):
            return m.group(0)
        return "_{" + "".join(letters.get(c, c) for c in inner) + "}"

    return re.sub(r"_(\{[^{}]*\}|[A-Za-z])", sub, text)


def _lone(text: str, letters: dict[str, str]) -> str:
    """An instance's letters: j=1, k=2 -> J=1, K=2."""
    pattern = re.compile(rf"(?<![\\A-Za-z])([{''.join(letters)}])(?![A-Za-z])")
    return pattern.sub(lambda m: letters[m.group(1)], text)


def _verdict(v, letters: dict[str, str]):
    return said_verdict(v, letters, _lone, r"[A-Za-z]+") if letters else v
