"""One reading of --activation and --loss text: a name from a table, or a formula.

`out-y` and `out - y` must read the same, and so must `leaky-relu` and `leaky_relu`: text is a
name when it is words joined by '-' or '_' none of which is a variable of the formula language
(z for activations; out, y for losses). Anything else is a formula.
"""

from __future__ import annotations

import re

from .errors import SympropError

_WORDS = re.compile(r"[A-Za-z_]\w*(?:\s*-\s*[A-Za-z_]\w*)*")


def rule_key(
    text: str, table, aliases: dict, variables: tuple[str, ...], what: str, example: str
) -> str | None:
    """The table key `text` names; None when it is a formula; an error for an unknown name."""
    stripped = text.strip()
    key = re.sub(r"\s*-\s*", "_", stripped.lower())
    key = aliases.get(key, key)
    if key in table:
        return key
    if _WORDS.fullmatch(stripped) and not any(word in variables for word in re.split(r"\s*-\s*", stripped)):
        raise SympropError(
            f"unknown {what} {stripped!r}",
            f"use one of {', '.join(table)} or a formula in {' and '.join(variables)} such as {example!r}",
        )
    return None
