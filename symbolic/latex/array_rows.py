r"""A display whose whole body is an array of statements, read as align rows (Markdown notes set a
derivation in columns: `$$\begin{array}{ll} {\delta_1 = (\hat{y} - y)^T} & {\text{this is just
identity (2.7)}} \\ {\ \ \ \ = \delta_1 U \circ f'(z)} & {\text{using the chain rule}} \end{array}$$`).

An array as a display's whole body, some row of which holds '=', is a table of statements, not a
matrix (a matrix sits in \left[ ... \right] or among other terms). Its rows are read as the rows of
an align: the \begin{array}{..} and \end{array} marks, the braces around a whole cell and a cell
that is only \text{...} (the column of reasons) are blanked; a row without '=' (sizes written under
a statement: (1 \times D_h) & ... ) is blanked too, as a note under the row above. A statement split
into cells ({\frac{\partial J}{\partial z}} & {=} & {\delta_1} & {U}) reads as one row, '&' being
space. A worked example's table (`\text{Unit } j & \delta_j \\ \hline 5 & 0.525(1-0.525)(0.1311)(-0.2)
= -0.0065 \\`, `w_{46} & -0.3 + (0.9)(0.1311)(0.332) = -0.261`) is read cell by cell: in a row where
some cell is a whole statement (something on both sides of its '='), the row's label (its first cell,
with no relation: a unit's number, a weight's name) is blanked, never a factor of the statement
beside it, and two whole statements side by side are two statements (the '&' between them read as
a list's comma, statement_cuts.py); the table's rules (\hline, \cline{..}) are blanked.
Pure: text in, text of the same length out (positions kept).
"""

from __future__ import annotations

import re

_BEGIN = re.compile(r"\\begin\s*\{array\}\s*(?:\[[a-z]\])?\s*\{[^{}]*\}")
_END = re.compile(r"\\end\s*\{array\}")
_BEFORE = re.compile(r"(?:\$\$|\\\[|\\begin\s*\{(?:equation|displaymath)\*?\})\s*$")
_AFTER = re.compile(r"\s*(?:\$\$|\\\]|\\end\s*\{(?:equation|displaymath)\*?\})")
_RULE = re.compile(r"\\(?:hline|hdashline|toprule|midrule|bottomrule|cline\s*\{[^{}]*\})(?![A-Za-z])")
_RELATION = re.compile(r"=|\\(?:approx|leftarrow|gets)(?![A-Za-z])")
_TEXT_CELL = re.compile(r"\s*\\(?:text|textrm|mbox|mathrm)\s*(\{)")


def close_group(text: str, i: int, longest: int | None = None) -> int:
    """The index after the brace group opening at text[i] ('{'), or -1 when it is not closed
    (within `longest` characters, when given)."""
    depth = 0
    k = i
    while k < (len(text) if longest is None else min(len(text), i + longest)):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        k += 1
        if depth == 0:
            return k
    return -1


def _split(text: str, start: int, end: int, mark: str) -> list[tuple[int, int]]:
    """text[start:end] cut at `mark` ('\\\\' or '&') outside braces and nested environments."""
    out, a, depth, k = [], start, 0, start
    while k < end:
        if text.startswith("\\begin", k):
            depth += 1
        elif text.startswith("\\end", k):
            depth -= 1
        if depth == 0 and text.startswith(mark, k) and (mark != "&" or text[k - 1] != "\\"):
            out.append((a, k))
            k += len(mark)
            a = k
            continue
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        k += 1
    out.append((a, end))
    return out


def _blank(chars: list[str], a: int, b: int) -> None:
    for k in range(a, b):
        if chars[k] != "\n":
            chars[k] = " "


def _only_text(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is a reason: one \\text{...} and nothing else, or a \\text{...} of
    several words and what it names (\\text{substituting in } \\delta_1); \\text{sng}{(h)}, one
    word applied, is math."""
    m = _TEXT_CELL.match(text, a, b)
    if not m:
        return False
    e = close_group(text, m.start(1))
    if e == -1 or e > b:
        return False
    return not text[e:b].strip() or (" " in text[m.start(1) : e].strip("{} ") and "=" not in text[e:b])


def _cell(text: str, chars: list[str], a: int, b: int) -> None:
    """Blank a cell's enclosing braces, or the whole cell when it is only \\text{...} (a reason)."""
    if _only_text(text, a, b):
        _blank(chars, a, b)
        return
    i = a + len(text[a:b]) - len(text[a:b].lstrip())
    if i >= b or text[i] != "{":
        return
    j = close_group(text, i)
    if j == -1 or j > b or text[j:b].strip():
        return
    if _only_text(text, i + 1, j - 1):
        _blank(chars, a, b)  # {\text{using identity (2.4)}}
        return
    chars[i] = chars[j - 1] = " "


def _whole(text: str, a: int, b: int) -> bool:
    """Is text[a:b] a whole statement: a relation with something on either side (not `{=}`, not
    `= b`, the pieces of a statement set in cells)?"""
    m = _RELATION.search(text, a, b)
    return bool(m and text[a : m.start()].strip(" \t\n{}") and text[m.end() : b].strip(" \t\n{}"))


def _table_row(text: str, chars: list[str], cells: list[tuple[int, int]]) -> bool:
    """A table's row (module doc): its label blanked, side-by-side statements cut apart; whether
    it is one (a row with a label and a whole statement)."""
    whole = [_whole(text, c, d) for c, d in cells]
    if not any(whole):
        return False
    for k in range(len(cells) - 1):
        if whole[k] and whole[k + 1]:
            chars[cells[k][1]] = ","  # the '&' between two statements
    c, d = cells[0]
    if whole[0] or _RELATION.search(text, c, d):
        return False
    _blank(chars, c, d + 1)  # the row's label (5, w_{46}) and its '&'
    return True


def statement_arrays(text: str) -> str:
    """The text with every display-wide array of statements opened into align rows."""
    return _opened(text)[0]


def table_rows(text: str) -> frozenset[int]:
    """Where each labelled row of a table starts (its first character once opened): a row of its
    own, never one going on with '-' from the row above (`5 & -0.3 + 0.2 = -0.1`)."""
    return _opened(text)[1]


def _opened(text: str) -> tuple[str, frozenset[int]]:
    if "array" not in text:
        return text, frozenset()
    starts: set[int] = set()
    chars = list(text)
    for m in _BEGIN.finditer(text):
        end = _END.search(text, m.end())
        if (
            end is None
            or not _BEFORE.search(text[max(0, m.start() - 80) : m.start()])
            or not _AFTER.match(text, end.end())
        ):
            continue
        if _BEGIN.search(text, m.end(), end.start()):
            continue  # an array inside: a matrix among the statements, left as it is
        rows = _split(text, m.end(), end.start(), "\\\\")
        if not any("=" in text[a:b] for a, b in rows):
            continue
        _blank(chars, m.start(), m.end())
        _blank(chars, end.start(), end.end())
        for rule in _RULE.finditer(text, m.end(), end.start()):
            _blank(chars, rule.start(), rule.end())  # a table's rules
        for a, b in rows:
            if "=" not in text[a:b]:
                _blank(chars, a, b)  # sizes under the row above: a note, no statement
                continue
            cells = _split(text, a, b, "&")
            labelled = _table_row(text, chars, cells)
            for c, d in cells:
                _cell(text, chars, c, d)
            if labelled:
                starts.add(next((k for k in range(a, b) if not chars[k].isspace()), a))
    return "".join(chars), frozenset(starts)
