"""The generated module's training core, as real Python: layout, data checks, optimizers, train.

`render_module` includes the parts of this file and of cli.py verbatim, each where the template
places it, so the generated module stays one NumPy-only file. Parts begin at a marker line
`# ---- symprop runtime: NAME ----`; the parts named `stub` are left out. They stand for what
the generated part of a module defines (ARCH, LAYOUT, DTYPE, _unflatten, forward,
value_and_gradients, ...): here a working 2-1 linear model with a half squared-error loss, so
that this package is a small training module of its own, which the tests train, save, load and
run from the command line.

Only the standard library and NumPy: whatever these files import, the generated module imports.
"""

# ---- symprop runtime: stub ----
# What the generated header defines: its imports, constants and the style's flat layout.
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
    return {
        key: theta[start:stop].reshape(shape, order=ORDER[key])
        for key, start, stop, shape in _SLICES
    }


def _flat(tree):
    """(the flat vector behind tree, True) when tree's arrays view one; else (a copy, False)."""
    base = tree[LAYOUT[0][0]].base
    if (
        base is not None
        and base.ndim == 1
        and base.size == N_PARAMS
        and all(
            tree[key].base is base and tree[key].flags[ORDER[key] + "_CONTIGUOUS"]
            for key, _ in LAYOUT
        )
    ):
        return base, True
    return np.concatenate(
        [np.asarray(tree[key], DTYPE).ravel(ORDER[key]) for key, _ in LAYOUT]
    ), False


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
            hint = (
                (
                    "; for one sample use x[None, :]"
                    if name == "X" or width > 1
                    else "; for one target column use Y[:, None]"
                )
                if len(shape) == 1
                else ""
            )
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
    fix = (
        "binary cross-entropy needs targets in [0, 1] (0/1 labels, not -1/1)"
        if TARGETS == "unit"
        else "softmax cross-entropy needs each row of Y in [0, 1], summing to 1 (one-hot)"
    )
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


# ---- symprop runtime: train ----
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
    step_size = state["lr"] * (1 - b2**t) ** 0.5 / (1 - b1**t)
    np.sqrt(v, out=s)
    s += state["eps"]
    np.divide(m, s, out=s)
    theta -= np.multiply(s, step_size, out=s)


OPTIMIZERS = {"sgd": _sgd, "momentum": _momentum, "adam": _adam}


def init_state(
    optimizer="sgd", lr=2.0, weight_decay=0.0, momentum=0.9, beta1=0.9, beta2=0.999, eps=1e-8
):
    """Optimizer state for `step`: its name, hyperparameters and (lazily) its moment buffers."""
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {optimizer!r}; use one of {', '.join(OPTIMIZERS)}")
    for key, value, low, high in (
        ("lr", lr, 0, None),
        ("weight_decay", weight_decay, 0, None),
        ("momentum", momentum, 0, 1),
        ("beta1", beta1, 0, 1),
        ("beta2", beta2, 0, 1),
        ("eps", eps, 0, None),
    ):
        if not (
            np.isfinite(value)
            and value >= low
            and (high is None or value < high)
            and (key not in ("lr", "eps") or value > 0)
        ):
            span = f"in [{low}, {high})" if high else ("> 0" if key in ("lr", "eps") else ">= 0")
            raise ValueError(f"{key}={value!r} is not a finite number {span}")
    return {
        "optimizer": optimizer,
        "lr": lr,
        "weight_decay": weight_decay,
        "momentum": momentum,
        "beta1": beta1,
        "beta2": beta2,
        "eps": eps,
    }


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


def train(
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
                    batches = (
                        (X[idx], Y[idx]) for idx in (order[i : i + size] for i in range(0, n, size))
                    )
                total = 0.0
                for Xb, Yb in batches:
                    value, grads = value_and_gradients(params, Xb, Yb)
                    step(params, grads, state)
                    total += value * Xb.shape[0]
                if not (np.isfinite(total) and np.isfinite(theta).all()):
                    theta[...] = last_good
                    raise Diverged(
                        f"training diverged at epoch {epoch} (loss {total / n}); "
                        "lower --lr or use --optimizer adam",
                        params,
                        epoch - 1,
                    )
                last_good[...] = theta
                history.append(total / n)
                if log is not None and log_every and (epoch % log_every == 0 or epoch == epochs):
                    log(epoch, history[-1])
    except KeyboardInterrupt:
        theta[...] = last_good
        raise Interrupted(params, len(history), history) from None
    return params, history
