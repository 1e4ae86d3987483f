"""The one place that writes files: atomically (temp file + rename), never over a file silently."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from symbolic.errors import SympropError

NAME_MAX, PATH_MAX = 255, 4096   # bytes in one path component, in a whole path (Linux)


def check_writable(path: str | os.PathLike, force: bool = False) -> Path:
    """Fail before any work is done if `path` exists (without force) or its folder is missing."""
    path = Path(path)
    _check_name(path)
    if path.is_dir():
        raise SympropError(f"{path} is a directory", "give a file name")
    if path.exists() and not force:
        raise SympropError(f"{path} already exists", "pass --force to overwrite it")
    for folder in path.parents:
        if folder.exists() and not folder.is_dir():
            raise SympropError(f"cannot write {path}: {folder} is a file, not a folder",
                               "choose a path inside a folder")
    if not path.parent.exists():
        raise SympropError(f"folder {path.parent} does not exist", "create it or choose another path")
    try:   # a probe file, removed at once: the folder takes new files (permissions, read-only fs)
        fd, probe = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise SympropError(f"cannot write in {path.parent} ({err.strerror})",
                           "choose a folder you can write to") from None
    return path


def _check_name(path: Path) -> None:
    text = str(path)
    if "\x00" in text:
        raise SympropError(f"the file name {text!r} contains a NUL byte", "choose another name")
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > NAME_MAX or len(os.fsencode(text)) > PATH_MAX:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise SympropError(f"the file name {shown!r} is too long ({longest} bytes in one part; "
                           f"at most {NAME_MAX})", "choose a shorter name")


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
