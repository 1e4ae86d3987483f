"""The `--backend c` module's loader and its C-backed functions, as real Python.

Included verbatim (the part after the stub) at the end of the generated module, after the
NumPy twin: the twin's `value_and_gradients` and `train` stay as `_numpy_value_and_gradients`
and `_numpy_train`, and the names are rebound to versions that call the compiled kernel and fall
back to the twin when there is no kernel. On first use the kernel (C_SOURCE) is compiled with
the system C compiler (CC, else cc or gcc) into a cache directory ($SYMPROP_CACHE_DIR, else
$XDG_CACHE_HOME/symprop, else ~/.cache/symprop; made 0700, trusted only while this user's own and
writable by no one else) under the sha256 of the source, the compiler's identity, the flags and
the CPU; a sidecar file holds the sha256 of the library, checked before every load, so a library
changed on disk is never run. Any problem (no compiler, a compile
error, an unwritable cache) is one line on stderr, and the NumPy twin runs. SYMPROP_NO_C=1 asks
for the twin. Only the standard library, NumPy and ctypes.
"""

# ---- symprop runtime: stub ----
# What the generated module defines above this part (its NumPy twin and the kernel's text).
import os
import signal
import sys

import numpy as np

from ...module.runtime.train import (
    DTYPE,
    N_IN,
    N_OUT,
    N_PARAMS,
    Diverged,
    Interrupted,
    _check_data,
    _flat,
    _shape_problem,
    _unflatten,
    init_params,
    init_state,
    train,
    value_and_gradients,
)
from .build import _attempts, _cache_dir, _compile, _compiler, _cpu, _NoKernel, _sha256, _unsafe

C_SOURCE: str | None = None
C_PREFIX = ""
C_FWD: tuple[str, ...] = ()


# ---- symprop runtime: cbackend ----
_numpy_value_and_gradients = value_and_gradients
_numpy_train = train
_C_LIB = None  # the loaded kernel; False once it is known to be unavailable


def _c_kernel():
    """The compiled kernel (ctypes functions), or None (the reason said once on stderr)."""
    global _C_LIB
    if _C_LIB is None:
        _C_LIB = False
        if C_SOURCE is not None and not os.environ.get("SYMPROP_NO_C"):
            try:
                _C_LIB = _load_kernel()
            except _NoKernel as err:
                print(f"symprop: {err}; running the NumPy twin", file=sys.stderr)
    return _C_LIB or None


def _load_kernel():
    """Compile (or find in the cache) and load the kernel: {name: ctypes function}."""
    command, identity = _compiler()
    attempts = _attempts()
    key = _sha256("\0".join([C_SOURCE, identity, repr(attempts), _cpu()]).encode())[:40]
    folder = _cache_dir()
    library = os.path.join(folder, f"{key}.so")
    sidecar = library + ".sha256"
    problem = _unsafe(folder)
    if problem is None and os.path.exists(library):
        try:
            with open(library, "rb") as handle, open(sidecar, encoding="ascii") as check:
                good = _sha256(handle.read()) == check.read().strip()
        except (OSError, UnicodeDecodeError):
            good = False
        if good:
            return _bind(library)
        print(
            f"symprop: {library} does not match its checksum; compiling it again", file=sys.stderr
        )
    if problem is None:
        try:
            probe = os.path.join(folder, f".probe.{os.getpid()}")
            with open(probe, "wb"):
                pass
            os.unlink(probe)
        except OSError as err:
            problem = f"not writable ({err.strerror or err})"
    if problem is not None:
        import tempfile

        print(
            f"symprop: cache directory {folder} is {problem}; compiling for this run only",
            file=sys.stderr,
        )
        folder = tempfile.mkdtemp(prefix="symprop-")
        library = os.path.join(folder, f"{key}.so")
        sidecar = library + ".sha256"
    data = _compile(command, attempts, folder, key)
    tmp = f"{library}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    with open(sidecar + f".{os.getpid()}.tmp", "w", encoding="ascii") as handle:
        handle.write(_sha256(data) + "\n")
    os.replace(sidecar + f".{os.getpid()}.tmp", sidecar)
    os.replace(tmp, library)
    return _bind(library)


def _bind(path):
    import ctypes

    p, i64 = ctypes.c_void_p, ctypes.c_int64
    try:
        lib = ctypes.CDLL(path)  # RTLD_LOCAL: its names never bind another library's
        if C_FWD:  # matrix style: the activations only
            out = {name: getattr(lib, f"{C_PREFIX}{name}_fwd") for name in C_FWD}
            for function in out.values():
                function.argtypes, function.restype = [p, p, i64], None
            return {**out, "path": path}
        vag = getattr(lib, C_PREFIX + "value_and_gradients")
        train_c = getattr(lib, C_PREFIX + "train")
    except (OSError, AttributeError) as err:
        raise _NoKernel(f"cannot load {path} ({err})") from None
    vag.argtypes, vag.restype = [p, p, p, i64, p], ctypes.c_double
    train_c.argtypes = [p, p, p, i64, i64, p, i64, ctypes.c_int32, p, p, p, p, p]
    train_c.restype = i64
    return {"value_and_gradients": vag, "train": train_c, "path": path}


def _c_fwd(name, numpy_fwd):
    """The twin's `_<name>_fwd(z)` (z <- f(z); returns (z, f'(z))) as one C pass over z."""

    def fwd(z):
        kernel = _c_kernel()
        if kernel is None or z.dtype != DTYPE or not z.flags.c_contiguous or not z.flags.writeable:
            return numpy_fwd(z)
        d = np.empty_like(z)
        kernel[name](z.ctypes.data, d.ctypes.data, z.size)
        return z, d

    fwd.__doc__ = numpy_fwd.__doc__
    return fwd


for _name in C_FWD:
    globals()[f"_{_name}_fwd"] = _c_fwd(_name, globals()[f"_{_name}_fwd"])


def _hold_ctrl_c():
    """While the kernel runs a chunk, Ctrl-C only raises a flag, [True], seen between chunks: so
    every epoch of a chunk that finished is kept. [] when Python's own handler is not the one
    in place (another thread, or a handler of the caller's), which is then left alone."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return []
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return []
    flag = [False]

    def handler(signum, frame):
        flag[0] = True

    signal.signal(signal.SIGINT, handler)
    return flag


def _rows(A):
    return np.ascontiguousarray(A, DTYPE)


def value_and_gradients(params, X, Y):  # type: ignore[no-redef]  # the C-backed twin
    """(loss, gradients): the compiled kernel's one fused pass over the rows (the NumPy twin's
    `_numpy_value_and_gradients` without a kernel)."""
    kernel = _c_kernel()
    if kernel is None or C_FWD:  # matrix style: the twin's, its activations in C
        return _numpy_value_and_gradients(params, X, Y)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != N_IN or Y.shape != (len(X), N_OUT) or not len(X):
        raise ValueError(_shape_problem(X, Y))  # shapes only: the targets are checked by train
    theta = _rows(_flat(params)[0])
    X, Y = _rows(X), _rows(Y)
    g = np.empty(N_PARAMS, DTYPE)
    L = kernel["value_and_gradients"](
        theta.ctypes.data, X.ctypes.data, Y.ctypes.data, len(X), g.ctypes.data
    )
    return float(L), _unflatten(g)


def train(  # type: ignore[no-redef]  # the C-backed twin
    X,
    Y,
    epochs=2000,
    batch_size=None,
    lr=2.0,
    optimizer="sgd",
    seed=0,
    weight_decay=0.0,
    params=None,
    log=None,
    log_every=0,
    **hyper,
):
    """Train from init_params(seed) (or a copy of `params`); returns (params, history).

    The NumPy twin's `train` (same arguments, same minibatch order, the same trajectory to
    rounding), with the epochs run by the compiled kernel a chunk at a time: between chunks
    Python logs progress and sees Ctrl-C. Raises Diverged (with the last good params) on NaN or
    inf, and Interrupted (with the params of the last finished epoch) on Ctrl-C.
    """
    import time

    kernel = _c_kernel()
    if kernel is None or C_FWD:
        return _numpy_train(
            X,
            Y,
            epochs,
            batch_size,
            lr,
            optimizer,
            seed,
            weight_decay,
            params,
            log,
            log_every,
            **hyper,
        )
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"epochs={epochs!r} is not a whole number >= 1")
    X, Y = _rows(X), _rows(Y)
    _check_data(X, Y)
    params = init_params(seed) if params is None else _unflatten(np.array(_flat(params)[0], DTYPE))
    state = init_state(optimizer, lr, weight_decay, **hyper)
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    size = n if not batch_size or batch_size >= n else int(batch_size)
    theta = _flat(params)[0]
    last_good, kept = theta.copy(), 0  # theta after the epochs losses[:kept]
    losses = np.empty(epochs)  # the kernel writes each epoch's mean loss here
    keys = ("lr", "weight_decay", "momentum", "beta1", "beta2", "eps")
    numbers = np.array([float(state[key]) for key in keys])
    moments = np.zeros(2 * N_PARAMS, DTYPE)
    t = np.zeros(1, np.int64)
    work = np.empty(2 * N_PARAMS + (size * (N_IN + N_OUT) if size < n else 0), DTYPE)
    no_order = np.zeros(1, np.int64)
    code = ("sgd", "momentum", "adam").index(state["optimizer"])
    chunk = 16 if n <= 4096 else 1  # epochs per kernel call, doubled while a call is under 20 ms
    stop = _hold_ctrl_c()
    try:
        while kept < epochs:
            if stop and stop[0]:
                raise KeyboardInterrupt
            k = min(chunk, epochs - kept)
            if size < n:  # the permutations of a chunk: at most 2**22 indices (32 MB)
                k = min(k, max(1, (1 << 22) // n))
            if log is not None and log_every:
                k = min(k, log_every - kept % log_every)  # a chunk ends at each log point
            order = np.stack([rng.permutation(n) for _ in range(k)]) if size < n else no_order
            start = time.perf_counter()
            result = kernel["train"](
                theta.ctypes.data, X.ctypes.data, Y.ctypes.data, n, size, order.ctypes.data, k,
                code, numbers.ctypes.data, moments.ctypes.data, t.ctypes.data,
                losses.ctypes.data + 8 * kept, work.ctypes.data,
            )  # fmt: skip
            if result < 0:
                good = kept - result - 1
                raise Diverged(
                    f"training diverged at epoch {good + 1} (loss {float(losses[good])}); "
                    "lower --lr or use --optimizer adam",
                    params,
                    good,
                )
            last_good[...] = theta
            kept += k
            if time.perf_counter() - start < 0.02:
                chunk = min(2 * chunk, 1 << 20)  # about 20 ms a call: Ctrl-C stays prompt
            if log is not None and log_every and (kept % log_every == 0 or kept == epochs):
                log(kept, float(losses[kept - 1]))
    except KeyboardInterrupt:
        theta[...] = last_good
        history = losses[:kept].tolist()
        raise Interrupted(params, kept, history) from None
    finally:
        if stop:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    history = losses.tolist()
    return params, history


if C_SOURCE is None or C_FWD:  # no row kernel: the twin's own functions, not even a wrapper
    value_and_gradients, train = _numpy_value_and_gradients, _numpy_train
