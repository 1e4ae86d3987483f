"""The one place that writes files: atomically (temp file + rename), never over a file silently.

- An existing target is replaced only with force, and only if it is a regular file: a symbolic
  link, FIFO, device node, socket or folder is refused even with force (renaming over it would
  swap out the link or the node itself).
- No target may be the same file as an input of the command, or as another target.
- A new file gets the mode any program's output gets, 0666 & ~umask (not the temporary file's
  0600); a replaced file keeps its mode.
- Without force the file is published with link(2), which fails if the name appeared meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from pathlib import Path

from symbolic.errors import SympropError

NAME_MAX, PATH_MAX = 255, 4096  # bytes in one path component, in a whole path (Linux)
_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _lstat(path: Path):
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as err:  # e.g. a path through a regular file
        raise SympropError(f"cannot write {path}: {err.strerror}", "choose another path") from None


def check_writable(path: str | os.PathLike, force: bool = False, inputs=()) -> Path:
    """Fail before any work is done if `path` may not be written (see the module docstring).

    `inputs`: the files the command reads; `path` must not be any of them, force or not.
    """
    path = Path(path)
    _check_name(path)
    for folder in path.parents:
        if folder.exists() and not folder.is_dir():
            raise SympropError(
                f"cannot write {path}: {folder} is a file, not a folder", "choose a path inside a folder"
            )
    st = _lstat(path)
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise SympropError(f"{path} is a directory", "give a file name")
        for is_kind, kind in _KINDS:
            if is_kind(st.st_mode):
                what = f" (to {os.readlink(path)})" if kind == "a symbolic link" else ""
                raise SympropError(
                    f"{path} is {kind}{what}, not a regular file",
                    "give the path of a regular file to write (--force replaces regular files only)",
                )
        for source in inputs:
            if source is not None and same_file(path, source):
                raise SympropError(f"{path} is the input {source}", "write the output to another file")
        if not force:
            raise SympropError(f"{path} already exists", "pass --force to overwrite it")
    if not path.parent.exists():
        raise SympropError(f"folder {path.parent} does not exist", "create it or choose another path")
    if not os.access(path.parent, os.W_OK | os.X_OK):  # permissions, a read-only file system
        raise SympropError(f"cannot write in {path.parent}", "choose a folder you can write to")
    return path


def _check_name(path: Path) -> None:
    text = str(path)
    if "\x00" in text:
        raise SympropError(f"the file name {text!r} contains a NUL byte", "choose another name")
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > NAME_MAX or len(os.fsencode(text)) > PATH_MAX:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise SympropError(
            f"the file name {shown!r} is too long ({longest} bytes in one part; at most {NAME_MAX})",
            "choose a shorter name",
        )


def same_file(a, b) -> bool:
    """Whether paths `a` and `b` name one existing file (through links, `..`, hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # either does not exist
        return False


def check_targets(paths, force: bool = False, inputs=()) -> list[Path]:
    """check_writable for each path, and no two of them the same file (existing or not)."""
    checked = [check_writable(p, force, inputs) for p in paths]
    seen = {}
    for path in checked:
        key = (os.path.realpath(path.parent), path.name)
        if key in seen:
            same = (
                f"two outputs would both be {path}"
                if str(path) == str(seen[key])
                else f"{seen[key]} and {path} are the same file"
            )
            raise SympropError(same, "give each output its own name")
        seen[key] = path
    for i, a in enumerate(checked):
        for b in checked[i + 1 :]:
            if same_file(a, b):  # hard links to one file
                raise SympropError(f"{a} and {b} are the same file", "give each output its own name")
    return checked


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_files(files: dict, force: bool = False, inputs=()) -> list[Path]:
    """Write {path: str|bytes} all-or-nothing: every target is checked before anything is written."""
    targets = list(zip(check_targets(files, force, inputs), files.values()))
    new_mode = 0o666 & ~_umask()
    written = []
    for path, content in targets:
        data = content.encode("utf-8") if isinstance(content, str) else content
        st = _lstat(path)
        mode = stat.S_IMODE(st.st_mode) if st is not None else new_mode
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), mode)
                handle.write(data)
            _publish(tmp, path, force)
        except OSError as err:  # permissions, a full disk
            raise SympropError(
                f"cannot write {path}: {err.strerror or err}", "check the folder's permissions and free space"
            ) from None
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
        written.append(path)
    return written


def _publish(tmp: str, path: Path, force: bool) -> None:
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # never replaces: fails if `path` was created since the check
    except FileExistsError:
        raise SympropError(f"{path} already exists", "pass --force to overwrite it") from None
    except OSError:  # a file system without hard links
        if os.path.lexists(path):
            raise SympropError(f"{path} already exists", "pass --force to overwrite it") from None
        os.replace(tmp, path)


def write_file(path, content, force: bool = False, inputs=()) -> Path:
    return write_files({path: content}, force, inputs)[0]


@contextlib.contextmanager
def holding_interrupts(note: str = "symprop: still writing the outputs; stopping after that"):
    """Hold Ctrl-C (SIGINT) while outputs are written: yields a list that records each one held.

    A second Ctrl-C during the writes would otherwise abort them half way; the caller finishes
    writing and then reports the interrupt (exit 130). Outside the main thread, where Python
    delivers no signals, it holds nothing.
    """
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def hold(signum, frame):
        if not held:
            print(note, file=sys.stderr, flush=True)
        held.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)
