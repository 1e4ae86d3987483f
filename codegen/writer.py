"""The one place that writes files: atomically (temp file + rename), never over a file silently."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from symbolic.errors import SympropError


def check_writable(path: str | os.PathLike, force: bool = False) -> Path:
    """Fail before any work is done if `path` exists (without force) or its folder is missing."""
    path = Path(path)
    if path.is_dir():
        raise SympropError(f"{path} is a directory", "give a file name")
    if path.exists() and not force:
        raise SympropError(f"{path} already exists", "pass --force to overwrite it")
    if not path.parent.exists():
        raise SympropError(f"folder {path.parent} does not exist", "create it or choose another path")
    return path


def write_files(files: dict, force: bool = False) -> list[Path]:
    """Write {path: str|bytes} all-or-nothing: every target is checked before anything is written."""
    targets = [(check_writable(p, force), content) for p, content in files.items()]
    written = []
    for path, content in targets:
        data = content.encode("utf-8") if isinstance(content, str) else content
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written


def write_file(path, content, force: bool = False) -> Path:
    return write_files({path: content}, force)[0]
