"""The static part of every generated training module, as real Python (linted, tested).

`render_module` includes the parts of this file verbatim, each where the template places it, so
the generated module stays one NumPy-only file. Parts begin at a marker line
`# ---- symprop runtime: NAME ----`; the parts named `stub` are left out. They stand for what the generated
part of a module defines (ARCH, LAYOUT, DTYPE, _unflatten, forward, value_and_gradients, ...):
here a working 2-1 linear model with a half squared-error loss, so that this file is a small
training module of its own, which the tests train, save, load and run from the command line.

Only the standard library and NumPy: whatever this file imports, the generated module imports.
"""

# ---- symprop runtime: stub ----
# What the generated header defines: its imports, constants and the style's flat layout.
import argparse
import os
import signal
import stat
import sys
import tempfile
import zipfile

import numpy as np

ARCH = "2-1"
STYLE = "matrix"
DTYPE = np.float64
LAYOUT: tuple[tuple[str, tuple[int, ...]], ...] = (("W1", (1, 2)), ("b1", (1,)))
N_PARAMS = 3
N_IN, N_OUT = 2, 1
TARGETS = "any"
INIT_GAIN = (1.0,)
ORDER = {key: "C" for key, _ in LAYOUT}


# ---- symprop runtime: layout ----
def _slices():
    """(key, start, stop, shape) of each params entry in the flat vector."""
    out, start = [], 0
    for key, shape in LAYOUT:
        stop = start + int(np.prod(shape))
        out.append((key, start, stop, shape))
        start = stop
    return tuple(out)


_SLICES = _slices()


# ---- symprop runtime: stub ----
def _unflatten(theta):
    """{name: view into theta} in LAYOUT order."""
    return {key: theta[start:stop].reshape(shape, order=ORDER[key])
            for key, start, stop, shape in _SLICES}


def _flat(tree):
    """(the flat vector behind tree, True) when tree's arrays view one; else (a copy, False)."""
    base = tree[LAYOUT[0][0]].base
    if base is not None and base.ndim == 1 and base.size == N_PARAMS and all(
            tree[key].base is base and tree[key].flags[ORDER[key] + "_CONTIGUOUS"]
            for key, _ in LAYOUT):
        return base, True
    return np.concatenate([np.asarray(tree[key], DTYPE).ravel(ORDER[key])
                           for key, _ in LAYOUT]), False


# ---- symprop runtime: params ----
_DECAY = _unflatten(np.zeros(N_PARAMS, DTYPE))
for _key, _ in LAYOUT:
    _DECAY[_key][...] = _key.startswith("W")  # weight decay applies to weights, not biases
_DECAY = _flat(_DECAY)[0]


def init_params(seed=0):
    """Weights ~ N(0, gain / fan_in) from a seeded generator, biases 0."""
    rng = np.random.default_rng(seed)
    params = _unflatten(np.zeros(N_PARAMS, DTYPE))
    for (key, shape), gain in zip(LAYOUT[::2], INIT_GAIN, strict=True):
        params[key][...] = rng.standard_normal(shape) * np.sqrt(gain / shape[1])
    return params


# ---- symprop runtime: stub ----
def forward(params, X):
    """The model's outputs, (n, 1), for X of shape (n, 2): out = X W1ᵀ + b1."""
    if X.ndim != 2 or X.shape[1] != N_IN or not len(X):
        raise ValueError(_shape_problem(X))
    return X @ params["W1"].T + params["b1"]


# ---- symprop runtime: loss ----
def loss(params, X, Y):
    """The batch-mean loss."""
    _check_data(X, Y)
    return value_and_gradients(params, X, Y)[0]


# ---- symprop runtime: stub ----
def value_and_gradients(params, X, Y):
    """(loss, gradients) of the mean half squared error ½(out − y)²."""
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != N_IN or Y.shape != (len(X), N_OUT) or not len(X):
        raise ValueError(_shape_problem(X, Y))
    inv_n = 1.0 / X.shape[0]
    delta = (forward(params, X) - Y) * inv_n
    L = 0.5 * float(np.vdot(delta, delta)) / inv_n
    g = np.empty(N_PARAMS, DTYPE)
    grads = _unflatten(g)
    np.matmul(delta.T, X, out=grads["W1"])
    grads["b1"][...] = delta.sum(axis=0)
    return L, grads


# ---- symprop runtime: checks ----
def gradients(params, X, Y):
    """dL/dθ for every parameter, as a dict shaped like params."""
    _check_data(X, Y)
    return value_and_gradients(params, X, Y)[1]


def _shape_problem(X, Y=None):
    """What is wrong with the shapes of a batch (one line), or None."""
    for name, A, width in (("X", X, N_IN), ("Y", Y, N_OUT)):
        shape = np.shape(A)
        if A is None or (len(shape) == 2 and shape[1] == width):
            continue
        if len(shape) != 2:
            hint = ("; for one sample use x[None, :]" if name == "X" or width > 1
                    else "; for one target column use Y[:, None]") if len(shape) == 1 else ""
            return f"{name} must be 2-D (n, {width}), not shape {shape}{hint}"
        return f"{name} has shape {shape}; need (n, {width})"
    if not len(X):
        return "X has no rows; give at least one sample"
    if Y is not None and len(Y) != len(X):
        return f"{len(X)} rows in X, {len(Y)} in Y; give one target row per input row"
    return None


def _data_problem(X, Y, rows=None):
    """The first problem with a data set (one line, rows numbered from 1 or by `rows`), or None:
    shapes, a value that is not finite, a target the loss cannot take (see TARGETS)."""
    problem = _shape_problem(X, Y)
    if problem:
        return problem
    where = (lambda r: f"row {r + 1}") if rows is None else (lambda r: rows[r])
    for name, A, offset in (("X", X, 0), ("Y", Y, N_IN)):
        bad = np.argwhere(~np.isfinite(A))
        if len(bad):
            r, c = bad[0]
            cell = f"{name} {where(r)}" if rows is None else where(r)
            return f"{cell}, column {c + 1 + (offset if rows else 0)} is {A[r, c]}"
    if TARGETS == "any":
        return None
    column = N_IN if rows else 0
    fix = ("binary cross-entropy needs targets in [0, 1] (0/1 labels, not -1/1)"
           if TARGETS == "unit" else
           "softmax cross-entropy needs each row of Y in [0, 1], summing to 1 (one-hot)")
    bad = np.argwhere((Y < 0) | (Y > 1))
    if len(bad):
        r, c = bad[0]
        return f"{where(r)}, column {c + 1 + column}: target {Y[r, c]:g} is outside [0, 1]; {fix}"
    if TARGETS == "one_hot":
        sums = Y.sum(axis=1)
        bad = np.flatnonzero(np.abs(sums - 1) > 1e-5)
        if len(bad):
            return f"{where(bad[0])}: targets sum to {sums[bad[0]]:g}, not 1; {fix}"
    return None


def _check_data(X, Y):
    problem = _data_problem(np.asarray(X), np.asarray(Y))
    if problem:
        raise ValueError(problem)


# ---- symprop runtime: stub ----
def predict(params, X):
    """Outputs for new inputs (X of shape (n, 2) or (2,))."""
    X = np.asarray(X, DTYPE)
    return forward(params, X.reshape(-1, N_IN))


# ---- symprop runtime: api ----
# optimizers: (theta, g, state) -> None, updating theta and state in place ----------------------
# Each works through one scratch vector kept in state: no temporary the size of theta per step
# (a fresh one made `step` cost 15% of a whole 784-128-10 float32 training step).
def _buffer(state, key):
    """state[key]: a vector the size of theta, made (zero) on first use only."""
    buf = state.get(key)
    if buf is None:
        buf = state[key] = np.zeros(N_PARAMS, DTYPE)
    return buf


def _sgd(theta, g, state):
    """θ ← θ − η ∂L/∂θ"""
    theta -= np.multiply(g, state["lr"], out=_buffer(state, "scratch"))


def _momentum(theta, g, state):
    """v ← μ v + ∂L/∂θ;  θ ← θ − η v"""
    v = _buffer(state, "v")
    v *= state["momentum"]
    v += g
    theta -= np.multiply(v, state["lr"], out=_buffer(state, "scratch"))


def _adam(theta, g, state):
    """Adam (Kingma & Ba): bias-corrected first and second moments."""
    m = _buffer(state, "m")
    v = _buffer(state, "v")
    state["t"] = t = state.get("t", 0) + 1
    b1, b2 = state["beta1"], state["beta2"]
    s = _buffer(state, "scratch")
    m *= b1
    m += np.multiply(g, 1 - b1, out=s)
    v *= b2
    np.multiply(g, g, out=s)
    v += np.multiply(s, 1 - b2, out=s)
    step_size = state["lr"] * (1 - b2 ** t) ** 0.5 / (1 - b1 ** t)
    np.sqrt(v, out=s)
    s += state["eps"]
    np.divide(m, s, out=s)
    theta -= np.multiply(s, step_size, out=s)


OPTIMIZERS = {"sgd": _sgd, "momentum": _momentum, "adam": _adam}


def init_state(optimizer="sgd", lr=2.0, weight_decay=0.0, momentum=0.9, beta1=0.9,
               beta2=0.999, eps=1e-8):
    """Optimizer state for `step`: its name, hyperparameters and (lazily) its moment buffers."""
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; use one of {', '.join(OPTIMIZERS)}")
    for key, value, low, high in (("lr", lr, 0, None), ("weight_decay", weight_decay, 0, None),
                                  ("momentum", momentum, 0, 1), ("beta1", beta1, 0, 1),
                                  ("beta2", beta2, 0, 1), ("eps", eps, 0, None)):
        if not (np.isfinite(value) and value >= low and (high is None or value < high)
                and (key not in ("lr", "eps") or value > 0)):
            span = f"in [{low}, {high})" if high else ("> 0" if key in ("lr", "eps") else ">= 0")
            raise ValueError(f"{key}={value!r} is not a finite number {span}")
    return {"optimizer": optimizer, "lr": lr, "weight_decay": weight_decay,
            "momentum": momentum, "beta1": beta1, "beta2": beta2, "eps": eps}


def step(params, grads, state):
    """One optimizer update of params (in place); returns (params, state)."""
    theta, is_view = _flat(params)
    g = _flat(grads)[0]
    if state["weight_decay"]:
        g = g + state["weight_decay"] * _DECAY * theta
    OPTIMIZERS[state["optimizer"]](theta, g, state)
    if not is_view:
        for key, value in _unflatten(theta).items():
            params[key][...] = value
    return params, state


class Diverged(ArithmeticError):
    """Training produced NaN or inf; `params` holds the last good weights."""

    def __init__(self, message, params, epoch):
        super().__init__(message)
        self.params, self.epoch = params, epoch


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during training; `params` holds the weights of the last finished epoch."""

    def __init__(self, params, epoch, history):
        super().__init__(f"interrupted after epoch {epoch}")
        self.params, self.epoch, self.history = params, epoch, history


def train(X, Y, epochs=2000, batch_size=None, lr=2.0, optimizer="sgd", seed=0,
          weight_decay=0.0, params=None, log=None, log_every=0, **hyper):
    """Train from init_params(seed) (or a copy of `params`); returns (params, history).

    batch_size None: full batch; else minibatches of a shuffled order from a generator seeded by
    `seed`. `log(epoch, loss)` is called every `log_every` epochs. history[k] is the mean loss
    over epoch k+1. Raises Diverged (with the last good params) on NaN or inf, and Interrupted
    (with the params of the last finished epoch) on Ctrl-C.
    """
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs={epochs!r} is not a whole number >= 1")
    X, Y = np.asarray(X, DTYPE), np.asarray(Y, DTYPE)
    _check_data(X, Y)
    params = init_params(seed) if params is None else _unflatten(_flat(params)[0].copy())
    state = init_state(optimizer, lr, weight_decay, **hyper)
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    size = n if not batch_size or batch_size >= n else int(batch_size)
    theta = _flat(params)[0]
    last_good = theta.copy()
    history = []
    try:
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            for epoch in range(1, epochs + 1):
                if size == n:
                    batches = ((X, Y),)
                else:
                    order = rng.permutation(n)
                    batches = ((X[idx], Y[idx])
                               for idx in (order[i:i + size] for i in range(0, n, size)))
                total = 0.0
                for Xb, Yb in batches:
                    value, grads = value_and_gradients(params, Xb, Yb)
                    step(params, grads, state)
                    total += value * Xb.shape[0]
                if not (np.isfinite(total) and np.isfinite(theta).all()):
                    theta[...] = last_good
                    raise Diverged(f"training diverged at epoch {epoch} (loss {total / n}); "
                                   "lower --lr or use --optimizer adam", params, epoch - 1)
                last_good[...] = theta
                history.append(total / n)
                if log is not None and log_every and (epoch % log_every == 0 or epoch == epochs):
                    log(epoch, history[-1])
    except KeyboardInterrupt:
        theta[...] = last_good
        raise Interrupted(params, len(history), history) from None
    return params, history


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
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)),
                               prefix=".weights.", suffix=".tmp")
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
                    raise WeightsError(f"{path} already exists; pass --force to replace "
                                       "it") from None
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
        kind = {stat.S_IFLNK: "a symbolic link", stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO",
                stat.S_IFCHR: "a device node", stat.S_IFBLK: "a device node"}
        raise WeightsError(f"cannot write weights to {path}: it is "
                           f"{kind.get(stat.S_IFMT(st.st_mode), 'a special file')}, not a "
                           "regular file")
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
            if arch != ARCH or any(key not in data.files or data[key].shape != shape
                                   for key, shape in LAYOUT):
                raise WeightsError(f"{path} holds weights of a {arch} network, this module "
                                   f"trains {ARCH}")
            theta = np.empty(N_PARAMS, DTYPE)
            for key, view in _unflatten(theta).items():
                view[...] = data[key]  # each W in the order the flat vector keeps it
    except WeightsError:
        raise
    except (OSError, KeyError, EOFError, ValueError, zipfile.BadZipFile) as err:
        reason = (str(err).splitlines() or ["not an .npz file"])[0]
        raise WeightsError(f"cannot read weights from {path}: {reason}") from None
    return _unflatten(theta)


# command line --------------------------------------------------------------------------------
XOR = (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], DTYPE), np.array([[0], [1], [1], [0]], DTYPE))


class UsageError(ValueError):
    """Bad input to the command line: one line, exit code 2."""


def read_data(source):
    """(X, Y) from 'xor', a .csv (columns: inputs, then targets; one header row allowed) or an
    .npz (arrays X and Y); a UsageError naming the file, row and column of the first problem."""
    if source == "xor":
        if (N_IN, N_OUT) != (2, 1):
            raise UsageError(f"the built-in xor data has 2 inputs and 1 target; {ARCH} needs "
                             f"{N_IN} and {N_OUT}: give --data FILE")
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
        raise UsageError(f"{source} is not an .npz file (not a zip archive); "
                         "write one with np.savez(path, X=X, Y=Y)")
    try:
        with np.load(source, allow_pickle=False) as data:   # never unpickle: data is not code
            for key in ("X", "Y"):
                if key not in data.files:
                    raise UsageError(f"{source} has no array {key} (it holds "
                                     f"{', '.join(data.files) or 'nothing'}); save arrays X and Y")
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
                raise UsageError(f"{source} line {number}: {len(cells)} columns, {ARCH} needs "
                                 f"{N_IN + N_OUT} ({N_IN} inputs, then {N_OUT} targets)")
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
    for flag, value, ok in (("--epochs", args.epochs, args.epochs >= 1),
                            ("--batch-size", args.batch_size, args.batch_size >= 0),
                            ("--lr", args.lr, np.isfinite(args.lr) and args.lr > 0),
                            ("--weight-decay", args.weight_decay,
                             np.isfinite(args.weight_decay) and args.weight_decay >= 0),
                            ("--seed", args.seed, args.seed >= 0)):
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
        print(f"epoch {epoch:>{len(str(args.epochs))}}/{args.epochs}  loss {value:.6g}",
              flush=True)

    try:
        params, _ = train(X, Y, args.epochs, args.batch_size or None, args.lr, args.optimizer,
                          args.seed, args.weight_decay, params=start,
                          log=None if args.quiet else progress, log_every=every)
    except Diverged as err:
        print(f"{parser.prog}: error: {err}", file=sys.stderr)
        if args.out and _save_weights(err.params, args, parser.prog):
            print(f"kept the last good weights (epoch {err.epoch}) in {args.out}",
                  file=sys.stderr)
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
