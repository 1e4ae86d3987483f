"""Text layout for the sheet: which entries to show, greedy line filling, align* columns.

Pure functions on strings and (text, width) atoms; widths are in terminal characters (see
`SheetPrinter.width`).
"""

from __future__ import annotations

from ..latex import paren

SHOWN = 6  # vector/matrix entries shown before eliding with dots
LINE = 78  # budget of one display line, in terminal characters
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def shown(n: int, limit: int = SHOWN) -> list:
    """Indices 1..n, or the first few, None (for the dots) and the last when n is large."""
    if n <= limit:
        return list(range(1, n + 1))
    return list(range(1, limit - 1)) + [None, n]


def columns(items: list, k: int) -> list:
    """Items laid out k to a row (align* columns)."""
    return [" & ".join(items[i : i + k]) for i in range(0, len(items), k)]


def columns_down(items: list, k: int) -> list:
    """Items in k align* columns that read down: the first column, then the second, ..."""
    rows = -(-len(items) // k)
    return [
        " & ".join(items[c * rows + r] for c in range(k) if c * rows + r < len(items)) for r in range(rows)
    ]


def row_gap(entries) -> str:
    """Extra space after each matrix row when an entry carries both a super- and a subscript."""
    return "[3pt]" if any("^" in e and "_" in e for e in entries) else ""


def ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def number(x: float) -> str:
    """A TikZ coordinate."""
    return f"{x:.2f}"


PLUS = "\x01"  # lines(): the atom begins the next product of a sum (a shared bias's paths)


def lines(atoms, sep: str, glue: bool = False) -> list:
    """Greedy line filling: atoms joined by sep (or glued, for terms of a split sum). An atom
    starting with PLUS is the next product of a sum: a line broken before it ends with '+'."""
    out, current, used = [], "", 0
    for text, w in atoms:
        plus = text.startswith(PLUS)
        if plus:
            text = "\x00 + " + text[len(PLUS) :]
        glued = text.startswith("\x00")
        text = text.lstrip("\x00")
        join = "" if not current else ("" if glued else sep)
        if current and used + w > LINE:
            if plus:  # the operator ends the line, as a broken product's \cdot does
                out.append(current + " +")
                current, used = text[3:], w
                continue
            out.append(current + ("" if glued else sep.rstrip()))
            current, used = text.lstrip(), w
            continue
        current += join + text
        used += w + (0 if glued else 2)
    if current:
        out.append(current)
    return out


def bracketed(pr, value) -> list:
    """[value] as atoms for line breaking; a long sum is split at its terms."""
    text, w = pr.tex(value), pr.width(value) + 2
    if w <= LINE or not value.is_Add:
        return [(paren(text, "[", "]"), w)]
    # too long for one line: written with fixed-size brackets, broken between terms
    terms = sorted(value.as_ordered_terms(), key=lambda t: t.could_extract_minus_sign())
    atoms = []
    for k, t in enumerate(terms):
        neg = t.could_extract_minus_sign()
        body = pr.tex(-t if neg else t)
        sign = (" - " if neg else " + ") if k else ("-" if neg else "")
        atoms.append(("\x00" + sign + body, pr.width(t) + 3))
    atoms[0] = ("\\bigl[" + atoms[0][0][1:], atoms[0][1])
    atoms[-1] = (atoms[-1][0] + "\\bigr]", atoms[-1][1])
    return atoms


def sum_of(pr, terms, scale: str) -> str:
    """A sum of terms (expressions, or LaTeX already written), the middle ones elided when there
    are many; scaled by `scale`."""
    some = terms if len(terms) <= 4 else terms[:2] + [None] + terms[-1:]
    out = ""
    for t in some:
        text = "\\cdots" if t is None else t if isinstance(t, str) else pr.tex(t)
        if not out:
            out = text
        elif text.startswith("-"):
            out += " - " + text[1:]
        else:
            out += " + " + text
    if scale:
        return f"{scale}\\left({out}\\right)" if len(terms) > 1 else f"{scale} {out}"
    return out


def elided_entry(pr, f, i, j) -> str:
    """Matrix entry (i, j), or the dots standing for the rows/columns not shown (None)."""
    if i is None and j is None:
        return "\\ddots"
    if i is None:
        return "\\vdots"
    if j is None:
        return "\\cdots"
    return pr.tex(f(i, j))


def elided_vec(pr, f, i) -> str:
    return "\\vdots" if i is None else pr.tex(f(i))
