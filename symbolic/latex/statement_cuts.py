"""Where one row of a display holds several statements: the cuts between `a = b, \\qquad c = d`,
`\\text{ and }`, two control spaces, an implication arrow or a reason aside, and the plain commas of
a list of values; a condition after the cut (`, \\quad i = j`) stays with its statement. Pure: text
and offsets in, (start, end) spans out."""

from __future__ import annotations

import bisect
import re

from .comma_lists import plain_commas

_SEPARATOR_RE = re.compile(
    r"\\(?:qquad|hspace\*?\s*\{[^{}]*\})|,\s*(?:\\(?:quad|[;:, ])\s*)+|\\text\s*\{\s*and\s*\}"
    r"|(?:\\ \s*){2,}"  # \delta_1 = a\ \ \delta_2 = b: two control spaces between statements
    r"|\\quad(?=\s*(?:\\left\s*)?\(\s*(?:\\because|∵))"  # a = b \quad (\because c = d): a reason aside
    r"|\\(?:Rightarrow|Longrightarrow|implies|therefore)(?![A-Za-z])"  # E = ... \Rightarrow dE/dy = ...
    # a = b \text{ per } i = 1, \dots, k+1: the range a statement holds for, said with a word (for,
    # Italian per, German für, French pour, Spanish para), set apart like one after \qquad
    r"|\\text\s*\{\s*(?:for|per|für|pour|para)\s*\}"
    r"|[{}]|\\.",
    re.DOTALL,
)
_CONDITION_RE = re.compile(
    r"\s*(?:\\text\{\s*(?:if|for)\s*\}\s*)?[ijklmn]\s*(?:=|\\neq?)\s*"
    r"[ijklmn0-9]\s*[,.]?\s*"
)

# a statement's relation: '=', or one the tokenizer reads as '=' (x \approx 0.3297, a rounded value;
# w \leftarrow w - ..., w := ...)
_RELATION = re.compile(r"=|\\(?:approx|simeq|equiv|coloneqq|leftarrow|gets)(?![A-Za-z])|≈|←")


# one equation implying the next (`E = \\frac{1}{2}\\sum_j (t_j - y_j)^2 \\Rightarrow
# \\frac{\\partial E}{\\partial y_j} = -(t_j - y_j)`): two statements, each read and judged (an
# arrow between two equations is no relation)
_IMPLIES = ("\\Rightarrow", "\\Longrightarrow", "\\implies", "\\therefore")


def apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    r"""Two statements on one row, set apart by \qquad, ', \quad' (', \;\;'), \hspace{..} or an
    implication arrow (\Rightarrow, \implies) at the top level (`a = b, \qquad c = d`), are read one
    by one; a condition after the space (`, \quad i = j`) stays with its statement."""
    cuts, depth = [], 0
    for m in _SEPARATOR_RE.finditer(text, start, end):
        g = m.group()
        depth += (g == "{") - (g == "}")
        # \text{ and }: d2l
        if depth == 0 and g.startswith(("\\qquad", ",", "\\hspace", "\\text", "\\quad", "\\ ", *_IMPLIES)):
            cuts.append((m.start(), m.end()))
    cuts = sorted(cuts + plain_commas(text, start, end))  # z_1 = 0.235, z_2 = -0.107 (comma_lists.py)
    # the relations' spans, found once: whether a stretch holds one is a bisection (a row of
    # 50000 cuts and no relation would otherwise be scanned once per cut)
    relations = [(m.start(), m.end()) for m in _RELATION.finditer(text, start, end)]
    starts = [r[0] for r in relations]

    def related(lo: int, hi: int) -> bool:
        k = bisect.bisect_left(starts, lo)
        return k < len(relations) and relations[k][1] <= hi

    parts, a = [], start
    following = [c[0] for c in cuts]
    for cut_start, cut_end in cuts:
        k = bisect.bisect_right(following, cut_start)
        nxt = following[k] if k < len(following) else end
        if (
            related(a, cut_start)
            and related(cut_end, nxt)
            and not _CONDITION_RE.fullmatch(text, cut_end, nxt)
        ):
            parts.append((a, cut_start))
            a = cut_end
    parts.append((a, end))
    return parts
