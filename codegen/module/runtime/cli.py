"""The generated module's files and command line, as real Python: save/load, data, main.

Included verbatim after train.py's parts (see there); the stub imports what the generated
module defines above it.
"""

# ---- symprop runtime: stub ----
import argparse
import os
import signal
import stat
import sys
import tempfile
import zipfile

import numpy as np

from .train import (
    ARCH,
    DTYPE,
    LAYOUT,
    N_IN,
    N_OUT,
    N_PARAMS,
    OPTIMIZERS,
    Diverged,
    Interrupted,
    _data_problem,
    _unflatten,
    loss,
    train,
)


# ---- symprop runtime: weights ----
class WeightsError(ValueError):
    """A weights file this module cannot use, or a path it may not write weights to."""


def save(params, path, force=False):
    """Write params to an .npz file atomically (temp file + rename), or into an open binary file.

    Raises WeightsError for a path that is not a regular file (a link, FIFO, device, folder) and,
    unless `force`, for an existing file. A new file gets the mode 0666 & ~umask, a replaced file
    keeps its mode.
    """
    arrays = {key: np.asarray(params[key], DTYPE) for key, _ in LAYOUT}
    if hasattr(path, "write"):
        np.savez(path, arch=np.array(ARCH), **arrays)
        return
    path = os.fspath(path)
    mode = check_target(path, force)
    fd, tmp = tempfile.mkstemp(
        dir=os.path.dirname(os.path.abspath(path)), prefix=".weights.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            np.savez(handle, arch=np.array(ARCH), **arrays)
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # never replaces a file created since check_target
            except OSError as err:
                if isinstance(err, FileExistsError) or os.path.lexists(path):
                    raise WeightsError(
                        f"{path} already exists; pass --force to replace it"
                    ) from None
                os.replace(tmp, path)  # a file system without hard links
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def check_target(path, force=False, inputs=()):
    """The mode `save` gives `path`; WeightsError if it may not write there.

    `inputs`: files the caller reads (data, initial weights); `path` may not be one of them.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise WeightsError(f"cannot write weights to {path}: no such folder") from None
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
    except OSError as err:  # a name too long, a path through a file, no permission
        raise WeightsError(f"cannot write weights to {path}: {err.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        kind = {
            stat.S_IFLNK: "a symbolic link",
            stat.S_IFDIR: "a folder",
            stat.S_IFIFO: "a FIFO",
            stat.S_IFCHR: "a device node",
            stat.S_IFBLK: "a device node",
        }
        raise WeightsError(
            f"cannot write weights to {path}: it is "
            f"{kind.get(stat.S_IFMT(st.st_mode), 'a special file')}, not a "
            "regular file"
        )
    for source in inputs:
        if source and os.path.exists(source) and os.path.samefile(path, source):
            raise WeightsError(f"cannot write weights to {path}: it is the input {source}")
    if not force:
        raise WeightsError(f"{path} already exists; pass --force to replace it")
    return stat.S_IMODE(st.st_mode)


def load(path):
    """Read params written by `save`; refuses a file made for another architecture."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arch = str(data["arch"]) if "arch" in data.files else "?"
            if arch != ARCH or any(
                key not in data.files or data[key].shape != shape for key, shape in LAYOUT
            ):
                raise WeightsError(
                    f"{path} holds weights of a {arch} network, this module trains {ARCH}"
                )
            theta = np.empty(N_PARAMS, DTYPE)
            for key, view in _unflatten(theta).items():
                view[...] = data[key]  # each W in the order the flat vector keeps it
    except WeightsError:
        raise
    except (OSError, KeyError, EOFError, ValueError, zipfile.BadZipFile) as err:
        reason = (str(err).splitlines() or ["not an .npz file"])[0]
        raise WeightsError(f"cannot read weights from {path}: {reason}") from None
    return _unflatten(theta)


# ---- symprop runtime: cli ----
# command line --------------------------------------------------------------------------------
XOR = (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], DTYPE), np.array([[0], [1], [1], [0]], DTYPE))


class UsageError(ValueError):
    """Bad input to the command line: one line, exit code 2."""


def read_data(source):
    """(X, Y) from 'xor', a .csv (columns: inputs, then targets; one header row allowed) or an
    .npz (arrays X and Y); a UsageError naming the file, row and column of the first problem."""
    if source == "xor":
        if (N_IN, N_OUT) != (2, 1):
            raise UsageError(
                f"the built-in xor data has 2 inputs and 1 target; {ARCH} needs "
                f"{N_IN} and {N_OUT}: give --data FILE"
            )
        return XOR
    if os.path.isdir(source):
        raise UsageError(f"{source} is a directory; give a .csv or .npz file")
    if not os.path.isfile(source):
        raise UsageError(f"data file {source} does not exist")
    if source.endswith(".npz"):
        return _read_npz(source)
    return _read_csv(source)


def _read_npz(source):
    if not zipfile.is_zipfile(source):
        raise UsageError(
            f"{source} is not an .npz file (not a zip archive); "
            "write one with np.savez(path, X=X, Y=Y)"
        )
    try:
        with np.load(source, allow_pickle=False) as data:  # never unpickle: data is not code
            for key in ("X", "Y"):
                if key not in data.files:
                    raise UsageError(
                        f"{source} has no array {key} (it holds "
                        f"{', '.join(data.files) or 'nothing'}); save arrays X and Y"
                    )
            X, Y = data["X"], data["Y"]
    except UsageError:
        raise
    except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile) as err:
        reason = (str(err).splitlines() or [type(err).__name__])[0]
        if "allow_pickle" in reason:
            reason = "it holds an object array (pickled data, never loaded)"
        raise UsageError(f"cannot read {source}: {reason}; save numeric arrays X and Y") from None
    for key, A in (("X", X), ("Y", Y)):
        if A.dtype.kind not in "biuf":
            raise UsageError(f"{source}: {key} has dtype {A.dtype}; give real numbers")
    X = X[:, None] if X.ndim == 1 and N_IN == 1 else X
    Y = Y[:, None] if Y.ndim == 1 and N_OUT == 1 else Y
    problem = _data_problem(X, Y)
    if problem:
        raise UsageError(f"{source}: {problem}")
    return X.astype(DTYPE), Y.astype(DTYPE)


def _read_csv(source):
    rows, lines = [], []
    with open(source, encoding="utf-8-sig", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            cells = [c.strip() for c in text.strip().split(",")]
            if cells == [""]:
                continue
            if len(cells) != N_IN + N_OUT:
                raise UsageError(
                    f"{source} line {number}: {len(cells)} columns, {ARCH} needs "
                    f"{N_IN + N_OUT} ({N_IN} inputs, then {N_OUT} targets)"
                )
            try:
                rows.append([float(c) for c in cells])
                lines.append(f"line {number}")
            except ValueError:
                if rows or number > 1 or not all(c and not _is_number(c) for c in cells):
                    bad = next(c for c in cells if not _is_number(c))
                    raise UsageError(f"{source} line {number}: {bad!r} is not a number") from None
    if not rows:
        raise UsageError(f"{source} has no data rows")
    data = np.array(rows, DTYPE)
    problem = _data_problem(data[:, :N_IN], data[:, N_IN:], lines)
    if problem:
        raise UsageError(f"{source} {problem}")
    return data[:, :N_IN], data[:, N_IN:]


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_options(args):
    """Every number finite and in range (nan fails every comparison), before any work."""
    for flag, value, ok in (
        ("--epochs", args.epochs, args.epochs >= 1),
        ("--batch-size", args.batch_size, args.batch_size >= 0),
        ("--lr", args.lr, np.isfinite(args.lr) and args.lr > 0),
        (
            "--weight-decay",
            args.weight_decay,
            np.isfinite(args.weight_decay) and args.weight_decay >= 0,
        ),
        ("--seed", args.seed, args.seed >= 0),
    ):
        if not ok:
            need = {"--epochs": ">= 1", "--lr": "> 0 and finite"}.get(flag, ">= 0 and finite")
            raise UsageError(f"{flag} {value!r} is out of range; give a number {need}")


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}; see --help\n")


def main(argv=None):
    parser = _Parser(description=f"Train the {ARCH} network of this module.")
    parser.add_argument("--data", default="xor", help="xor (default), FILE.csv or FILE.npz")
    parser.add_argument("--epochs", type=int, default=2000)
    parser.add_argument("--lr", type=float, default=2.0, help="learning rate η (default 2.0)")
    parser.add_argument("--batch-size", type=int, default=0, help="0: full batch")
    parser.add_argument("--optimizer", choices=sorted(OPTIMIZERS), default="sgd")
    parser.add_argument("--weight-decay", type=float, default=0.0, help="L2 on weights")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--init", default=None, help="start from these weights (.npz)")
    parser.add_argument("--out", default=None, help="write the trained weights here (.npz)")
    parser.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    try:
        _check_options(args)
        X, Y = read_data(args.data)
        start = load(args.init) if args.init else None
        if args.out:
            check_target(args.out, args.force, inputs=(args.data, args.init))
    except (UsageError, ValueError) as err:
        print(f"{parser.prog}: error: {err}", file=sys.stderr)
        return 2
    every = max(1, args.epochs // 10)

    def progress(epoch, value):
        print(f"epoch {epoch:>{len(str(args.epochs))}}/{args.epochs}  loss {value:.6g}", flush=True)

    try:
        params, _ = train(
            X,
            Y,
            args.epochs,
            args.batch_size or None,
            args.lr,
            args.optimizer,
            args.seed,
            args.weight_decay,
            params=start,
            log=None if args.quiet else progress,
            log_every=every,
        )
    except Diverged as err:
        print(f"{parser.prog}: error: {err}", file=sys.stderr)
        if args.out and _save_weights(err.params, args, parser.prog):
            print(f"kept the last good weights (epoch {err.epoch}) in {args.out}", file=sys.stderr)
        return 1
    except Interrupted as err:
        print(f"{parser.prog}: {err}", file=sys.stderr)
        if args.out and _save_weights(err.params, args, parser.prog):
            print(f"kept the weights of epoch {err.epoch} in {args.out}", file=sys.stderr)
        return 130
    print(f"final loss {loss(params, X, Y):.6g}")
    if args.out:
        if not _save_weights(params, args, parser.prog):
            return 2
        print(f"wrote {args.out}")
    return 0


def _save_weights(params, args, prog):
    """save with Ctrl-C held off (a second Ctrl-C must not lose the weights); False on error."""
    try:
        held = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals cannot reach this code anyway
        held = None
    try:
        save(params, args.out, args.force)
        return True
    except (WeightsError, OSError) as err:
        print(f"{prog}: error: {err}", file=sys.stderr)
        return False
    finally:
        if held is not None:
            signal.signal(signal.SIGINT, held)


if __name__ == "__main__":
    sys.exit(main())
