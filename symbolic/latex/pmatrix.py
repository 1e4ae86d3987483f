r"""A matrix written out: \begin{pmatrix} a & b \\ c & d \end{pmatrix} (bmatrix, vmatrix too) as
the tokens of a matrix statement: Tok("mat", "\\begin"), the cells' tokens with Tok("op", "&")
between cells and Tok("op", "\\\\") between rows, Tok("mat", "\\end"). `\dots`, `\cdots`,
`\ldots`, `\vdots`, `\ddots` in a cell stand for the entries in between (symbolic/verify/pattern.py
reads them, or says why not)."""

from __future__ import annotations

import re

from .source import Source

MATRIX_ENVS = {"pmatrix", "bmatrix", "Bmatrix", "matrix"}
BEGIN, END = "\\begin", "\\end"
_ENV = re.compile(r"\\(begin|end)\s*\{([A-Za-z]+\*?)\}", re.ASCII)
_ROWSKIP = re.compile(r"\s*\[\s*-?[0-9]*\.?[0-9]+\s*(?:pt|em|ex|mm|cm|in|mu)\s*\]", re.ASCII)


def matrix_tokens(src: Source, i: int, body: int, end: int, space: bool, toks: list) -> int:
    """Append the tokens of the matrix whose \\begin{...} is at i and whose body starts at
    `body`; the offset just past its \\end{...}."""
    from .tokens import Tok, tokenize

    text, depth, k, cut = src.text, 0, body, body
    cells: list[tuple[int, int, str]] = []  # (start, end, separator after)
    while k < end:
        m = _ENV.match(text, k, end)
        if m:
            depth += 1 if m.group(1) == "begin" else -1
            if depth < 0:
                if cells and not text[cut:k].strip():  # `a & \cdots & \end{pmatrix}`: no cell after it
                    cells[-1] = (cells[-1][0], cells[-1][1], "")
                else:
                    cells.append((cut, k, ""))
                toks.append(Tok("mat", BEGIN, i, body, space))
                for a, b, sep in cells:
                    toks.extend(tokenize(src, a, b))
                    if sep:
                        toks.append(Tok("op", sep, b, b + len(sep), True))
                toks.append(Tok("mat", END, k, m.end(), True))
                return m.end()
            k = m.end()
            continue
        c = text[k]
        if c == "\\" and text.startswith("\\\\", k) and depth == 0:
            cells.append((cut, k, "\\\\"))
            skip = _ROWSKIP.match(text, k + 2, end)
            k = cut = skip.end() if skip else k + 2
            continue
        if c == "\\":
            k += 2
            continue
        if c == "&" and depth == 0:
            cells.append((cut, k, "&"))
            k = cut = k + 1
            continue
        depth += (c == "{") - (c == "}")
        k += 1
    raise src.error(i, "a matrix without its \\end", "close it with \\end{pmatrix}")
