"""Where the math is in a document: the openers of math regions ($$, $, \\[, \\(, Markdown's
escaped \\\\[ and \\\\(, and the top-level environments), the closer of each, % comments blanked
with offsets kept, a plain line read as a formula only when it is one, and the input's size and
nesting limits. Pure: text in, positions out (latex/document.py scans with them)."""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

from .source import MAX_BYTES, MAX_DEPTH, LatexParseError, Source
from .vocabulary import WORDS

_PROSE_RE = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")


def plain_line_is_formula(line: str) -> bool:
    """Outside math a line is read only if it has '=', is ASCII and has no prose words."""
    if "=" not in line or not line.isascii():
        return False
    line = re.sub(r"\\(?:text|mathrm|operatorname|textrm)\s*\{[^{}]*\}|_\{[^{}]*\}", " ", line)
    for m in _PROSE_RE.finditer(line):
        w = m.group()
        if w not in WORDS and not (w[0] == "d" and w[1:] in WORDS):
            return False
    return True


# \\( \\[ are Markdown's escaped \( \[ (a LaTeX line break \\[2pt] is not an opener)
OPEN_RE = re.compile(
    r"\$\$|\$|\\\\\((?!\s*-?[0-9.]+\s*(?:pt|em|ex|mm|cm|in|mu)\s*\])|"
    r"\\\\\[(?!\s*-?[0-9.]+\s*(?:pt|em|ex|mm|cm|in|mu)\s*\])|"
    r"\\\[|\\\(|\\begin\{([A-Za-z]+\*?)\}|\\.",
    re.DOTALL,
)
ENVS = (
    "equation",
    "align",
    "gather",
    "multline",
    "displaymath",
    "math",
    "alignat",
    "eqnarray",
    "flalign",
    "aligned",
    "alignedat",
    "gathered",
    "split",
    "array",
    "multlined",
)
TOP_ENVS = {e for env in ENVS for e in (env, env + "*")}
ENV_ARG_RE = re.compile(r"\s*(?:\[[a-z]\])?\s*\{[^{}]*\}")  # array's {cc}, alignat's {2}
ARG_ENVS = {"array", "alignat", "alignat*", "alignedat"}
CLOSERS_OF = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)", "\\\\[": "\\\\]", "\\\\(": "\\\\)"}
INLINE = ("$", "\\(", "\\\\(")


def strip_comments(text: str) -> str:
    r"""Blank out % comments (not \%) keeping every offset."""
    if "%" not in text:
        return text
    out, i = [], 0
    for m in re.finditer(r"\\.|%[^\n]*", text, re.DOTALL):
        if m.group()[0] == "%":
            out.append(text[i : m.start()])
            out.append(" " * len(m.group()))
            i = m.end()
    out.append(text[i:])
    return "".join(out)


def find_close(src: Source, closer: str, j: int, opener_pos: int, opener: str) -> int:
    text = src.text
    pat = re.compile(re.escape(closer) + r"|\\.", re.DOTALL)
    for m in pat.finditer(text, j):
        if m.group() == closer:
            return m.start()
    raise src.error(opener_pos, f"unclosed {opener}", f"add the closing {closer}")


def check_size(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError("expected str")
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise LatexParseError(f"input is over {MAX_BYTES:,} bytes", 1, 1, "split it into smaller files")
    k = text.find("\0")
    if k >= 0:
        raise Source(text).error(k, "NUL byte in the input", "remove it (is this a binary file?)")


@contextmanager
def stack_room():
    """Room for MAX_DEPTH nested groups (about 4 Python frames each)."""
    old = sys.getrecursionlimit()
    need = 4 * MAX_DEPTH + 1000
    if old < need:
        sys.setrecursionlimit(need)
    try:
        yield
    finally:
        if old < need:
            sys.setrecursionlimit(old)
