r"""Index ranges after a formula, joined by a colon: `,\:\: i=1,\cdots,n : j=1,\cdots,c` (AI Stack
Exchange 35741). One range (`j=1,\cdots,c`) is read as a range already (latex/algorithm.py:
`is_loop_header`); the colon between two is a character the reader has no token for, so the
statement it follows went unread. The colon between two ranges is written as a comma (same
length: no position moves), which makes the list one range aside, never a claim. Only a colon
with a range `letter = number, dots, bound` on either side is touched. Pure: text in, text out.
"""

from __future__ import annotations

import re

_RANGE = r"[a-z]\s*=\s*\d+\s*,\s*\\[lc]?dots\s*,\s*[A-Za-z0-9]+"
_COLON = re.compile(r"(" + _RANGE + r"\s*):(?=\s*" + _RANGE + ")")


def join(text: str) -> str:
    """text with the colon between two index ranges written as a comma."""
    if ":" not in text or "dots" not in text:
        return text
    return _COLON.sub(lambda m: m.group(1) + ",", text)
