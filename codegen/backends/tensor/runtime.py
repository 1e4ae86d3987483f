"""The tensor modules' data and weights files, in the standard library alone (no NumPy, no torch).

Included verbatim into the generated PyTorch and JAX modules (the parts after each marker line);
the stub stands for the names the generated module defines above it. Data: the built-in 'xor' or
a .csv (inputs, then targets; one header row allowed) read into lists of floats, every value
checked where it enters (a nan, an inf, a target the loss cannot take: file, row and column named).
Weights: a JSON file {"arch": ..., "W1": [[...]], ...} (exact: floats round-trip through repr),
written atomically, a regular file only, replaced only with force and never over the data file.
Interrupts: Ctrl-C seen between epochs (or chunks of them), so training stops with whole weights.
"""

# ---- symprop runtime: stub ----
import contextlib
import json
import math
import os
import signal
import stat
import tempfile

ARCH, N_IN, N_OUT, TARGETS, LAYOUT = "2-3-1", 2, 1, "any", (("W1", (3, 2)),)


# ---- symprop runtime: files ----
class UsageError(ValueError):
    """Bad input to the command line: one line, exit code 2."""


XOR = ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [[0.0], [1.0], [1.0], [0.0]])


def read_data(source):
    """(X rows, Y rows) as lists of floats from 'xor' or a .csv file; UsageError otherwise."""
    if source == "xor":
        if (N_IN, N_OUT) != (2, 1):
            problem = f"the built-in xor data fits a 2-...-1 network, not {ARCH}"
            raise UsageError(f"{problem}: give --data FILE")
        return XOR
    if not os.path.isfile(source):
        raise UsageError(f"data file {source} does not exist or is not a regular file")
    X, Y = [], []
    with open(source, encoding="utf-8-sig", errors="replace") as handle:
        for number, text in enumerate(handle, start=1):
            cells = [c.strip() for c in text.strip().split(",")]
            if cells == [""]:
                continue
            if len(cells) != N_IN + N_OUT:
                raise UsageError(
                    f"{source} row {number} has {len(cells)} columns; {ARCH} needs "
                    f"{N_IN} inputs then {N_OUT} targets"
                )
            try:
                values = [float(c) for c in cells]
            except ValueError:
                if not X and not Y and number == 1:
                    continue  # a header row
                problem = f"{source} row {number} holds a value that is not a number"
                raise UsageError(problem) from None
            for column, value in enumerate(values, start=1):
                problem = _value_problem(value, column > N_IN)
                if problem:
                    raise UsageError(f"{source} row {number}, column {column}: {problem}")
            if TARGETS == "one_hot" and abs(sum(values[N_IN:]) - 1.0) > 1e-5:
                raise UsageError(
                    f"{source} row {number}: targets sum to {sum(values[N_IN:]):g}, not 1; softmax "
                    "cross-entropy needs each target row in [0, 1], summing to 1 (one-hot)"
                )
            X.append(values[:N_IN])
            Y.append(values[N_IN:])
    if not X:
        raise UsageError(f"{source} holds no rows of data")
    return X, Y


def _value_problem(value, target):
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    if target and TARGETS != "any" and not 0.0 <= value <= 1.0:
        return f"target {value:g} is outside [0, 1], which the loss needs"
    return None


def check_target(path, force=False, inputs=()):
    """UsageError unless weights may be written to path (see the module docstring)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise UsageError(f"cannot write weights to {path}: no such folder") from None
        return
    except OSError as err:
        raise UsageError(f"cannot write weights to {path}: {err.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(f"cannot write weights to {path}: it is not a regular file")
    for source in inputs:
        if source and os.path.exists(source) and os.path.samefile(path, source):
            raise UsageError(f"cannot write weights to {path}: it is the input {source}")
    if not force:
        raise UsageError(f"{path} already exists; pass --force to replace it")


def write_weights(path, weights, force=False, inputs=()):
    """Write {name: nested lists} as JSON, atomically (temp file, then rename)."""
    check_target(path, force, inputs)
    text = json.dumps({"arch": ARCH, **weights})
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".weights.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read_weights(path):
    """{name: nested lists} from a file written by write_weights, for this architecture."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as err:
        raise UsageError(f"cannot read weights from {path}: {err}") from None
    complete = isinstance(data, dict) and all(key in data for key, _ in LAYOUT)
    if not complete or data.get("arch") != ARCH:
        raise UsageError(f"{path} does not hold weights of a {ARCH} network")
    return {key: data[key] for key, _ in LAYOUT}


# ---- symprop runtime: interrupts ----
class _CtrlC:
    """A SIGINT handler: the first Ctrl-C sets a flag, a second one stops at once."""

    def __init__(self):
        self.pressed = []

    def __call__(self, signum, frame):
        if self.pressed:
            raise KeyboardInterrupt
        self.pressed.append(signum)


@contextlib.contextmanager
def ctrl_c_flag():
    """A list that Ctrl-C appends to, for train to read between epochs; nested uses share it,
    and in a thread other than the main one Ctrl-C stays the caller's."""
    current = signal.getsignal(signal.SIGINT)
    if isinstance(current, _CtrlC):
        yield current.pressed
        return
    handler = _CtrlC()
    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread
        yield handler.pressed
        return
    try:
        yield handler.pressed
    finally:
        signal.signal(signal.SIGINT, previous)
