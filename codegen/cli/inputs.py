"""Reading a command's input text file: one place for its refusals (missing, too large, not UTF-8)."""

from __future__ import annotations

import os
import re

MAX_BYTES = 1_000_000  # a derivation, a point or a verify file is far smaller


def read_text(path: str, prefix: str, missing_fix: str, large_fix: str) -> str:
    """The file's UTF-8 text; SympropError naming `prefix` + the problem otherwise."""
    from symbolic.errors import SympropError

    if os.path.isdir(path):
        raise SympropError(f"{prefix}{path} is a folder, not a file", missing_fix)
    if os.path.exists(path) and not os.path.isfile(path):
        raise SympropError(f"{prefix}{path} is not a regular file (a device or a pipe)", missing_fix)
    if not os.path.isfile(path):
        raise SympropError(f"{prefix}no such file {path}", missing_fix)
    if os.path.getsize(path) > MAX_BYTES:
        raise SympropError(f"{prefix}{path} is over {MAX_BYTES:,} bytes", large_fix)
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise SympropError(f"{prefix}{path} is not UTF-8 text", "save it as UTF-8") from None
    except OSError as err:  # no permission, a file removed since the check
        raise SympropError(f"{prefix}cannot read {path}: {err.strerror or err}", missing_fix) from None


_LONG = re.compile(r"[^\s;,']{81,}")


def shortened(message: str) -> str:
    """An error line with each run of more than 80 characters without a space (a 5000-letter
    name quoted from the input) cut to its first 40, its length said; a path (a run with '/')
    is kept whole: the user must see which file."""
    return _LONG.sub(
        lambda m: m.group() if "/" in m.group() else f"{m.group()[:40]}... ({len(m.group())} characters)",
        message,
    )
