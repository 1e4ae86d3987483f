"""Hand-written reference training steps for the benchmark: NumPy, PyTorch eager, JAX jit.

Contract: `<framework>_step(sizes, hidden_act, out_act, loss, ...)` returns `(params, step)`, where
`step(X, Y)` does ONE full-batch gradient-descent step on the batch it is given (forward, backward,
SGD update of `params` in place) and returns the loss at the parameters *before* the update.

Conventions shared by all three, so their loss sequences agree to rounding:
  * rows are samples: X is (n, sizes[0]), Y is (n, sizes[-1]) (one-hot rows for "ce");
  * params is a list of (W, b) per layer with W of shape (fan_in, fan_out), so z = a @ W + b;
  * "half_se": L = 1/2 * mean over rows of sum_k (out_k - y_k)^2; "mse": mean over rows and
    outputs of (out_k - y_k)^2; "bce" (NumPy only): binary cross-entropy of a sigmoid output,
    from the logits;
  * "ce": categorical cross-entropy of softmax(z) against Y, mean over rows, computed from the
    logits with the log-sum-exp shift (out_act must be "softmax");
  * update: W <- W - lr * dL/dW.
Pass the same `params` (see `init_params`) to each constructor to start them from one point.
torch_step / jax_step return None when their framework is not importable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Params = list  # [(W, b), ...] in the framework's own array type
Step = Callable[[object, object], object]

LOSSES = ("half_se", "mse", "ce", "bce")
LEAK = 0.01  # leaky_relu slope (symprop's default --alpha)


# The hand NumPy step, written as tight as a careful engineer would: every elementwise pass in
# place on the matmul's output, f′ from the stored activation (one or two passes), one exp for
# the sigmoid, matmul outputs and gradients preallocated. Each activation is (forward: z -> a,
# overwriting z; backward: delta *= f′ given a, in place; None for the identity).
def _sigmoid_fwd(z):
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    return np.divide(1.0, z, out=z)


def _sigmoid_bwd(delta, a):  # σ′ = a (1 - a)
    t = 1.0 - a
    t *= a
    delta *= t


def _tanh_bwd(delta, a):  # tanh′ = 1 - a²
    t = a * a
    np.subtract(1.0, t, out=t)
    delta *= t


def _relu_bwd(delta, a):  # H(z); a > 0 exactly where z > 0
    np.multiply(delta, a > 0, out=delta)


def _leaky_bwd(delta, a):  # α + (1 - α) H(z)
    t = (a > 0).astype(a.dtype)
    t *= 1.0 - LEAK
    t += LEAK
    delta *= t


def _softplus_fwd(z):  # max(z, 0) + log(1 + exp(-|z|))
    t = np.abs(z)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=t)
    np.maximum(z, 0.0, out=z)
    z += t
    return z


def _softplus_bwd(delta, a):  # softplus′ = σ(z) = 1 - exp(-a) = -expm1(-a)
    t = np.negative(a)
    np.expm1(t, out=t)
    np.negative(t, out=t)
    delta *= t


NUMPY_ACTIVATIONS = {
    "sigmoid": (_sigmoid_fwd, _sigmoid_bwd),
    "tanh": (lambda z: np.tanh(z, out=z), _tanh_bwd),
    "relu": (lambda z: np.maximum(z, 0.0, out=z), _relu_bwd),
    "leaky_relu": (lambda z: np.maximum(z, LEAK * z, out=z), _leaky_bwd),
    "softplus": (_softplus_fwd, _softplus_bwd),
    "identity": (lambda z: z, None),
}
FRAMEWORK_ACTIVATIONS = ("sigmoid", "relu", "tanh", "identity")  # torch / jax baselines
FRAMEWORK_LOSSES = ("half_se", "mse", "ce")


def _check_spec(sizes, hidden_act, out_act, loss, losses=LOSSES, acts=tuple(NUMPY_ACTIVATIONS)):
    if len(sizes) < 2:
        raise ValueError(f"need at least an input and an output layer, got sizes={sizes}")
    if loss not in losses:
        raise ValueError(f"loss must be one of {losses}, got {loss!r}")
    if (loss == "ce") != (out_act == "softmax"):
        raise ValueError("'ce' goes with a softmax output, and softmax only with 'ce'")
    if loss == "bce" and out_act != "sigmoid":
        raise ValueError("'bce' goes with a sigmoid output")
    for act in (hidden_act,) + (() if out_act == "softmax" else (out_act,)):
        if act not in acts:
            raise ValueError(f"unknown activation {act!r}; known: {sorted(acts)}")


def init_params(sizes: Sequence[int], seed: int = 0, dtype=np.float64) -> Params:
    """W ~ N(0, 1/fan_in) with shape (fan_in, fan_out), b = 0: the shared starting point."""
    rng = np.random.default_rng(seed)
    return [
        (
            (rng.standard_normal((n_in, n_out)) / np.sqrt(n_in)).astype(dtype),
            np.zeros(n_out, dtype=dtype),
        )
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)
    ]


def params_to_numpy(params: Params) -> list[tuple[np.ndarray, np.ndarray]]:
    """Copy any framework's [(W, b), ...] to NumPy arrays (for comparisons)."""

    def to_np(t):
        return np.array(t.detach() if hasattr(t, "detach") else t)

    return [(to_np(W), to_np(b)) for W, b in params]


def _start(sizes, params, seed, dtype) -> list[tuple[np.ndarray, np.ndarray]]:
    """Private float copies of the starting point (the caller's arrays are never touched)."""
    start = init_params(sizes, seed, dtype) if params is None else params
    return [(np.array(W, dtype=dtype), np.array(b, dtype=dtype)) for W, b in start]


def numpy_step(
    sizes, hidden_act, out_act, loss, *, lr=0.1, dtype=np.float64, params=None, seed=0
) -> tuple[Params, Step]:
    """The tight hand NumPy step (see above); params updated in place."""
    _check_spec(sizes, hidden_act, out_act, loss)
    params = _start(sizes, params, seed, dtype)
    f_h, df_h = NUMPY_ACTIVATIONS[hidden_act]
    f_o, df_o = NUMPY_ACTIVATIONS.get(out_act, (None, None))
    grads = [(np.empty_like(W), np.empty_like(b)) for W, b in params]
    buffers = {}  # batch size -> one preallocated z array per layer

    def step(X, Y):
        n = X.shape[0]
        zs = buffers.get(n)
        if zs is None:
            zs = buffers[n] = [np.empty((n, W.shape[1]), dtype) for W, _ in params]
        acts = [X]  # acts[i] is the input of layer i
        for (W, b), z in zip(params[:-1], zs, strict=False):
            np.matmul(acts[-1], W, out=z)
            z += b
            acts.append(f_h(z))
        W, b = params[-1]
        z = np.matmul(acts[-1], W, out=zs[-1])
        z += b
        if loss == "ce":
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            s = e.sum(axis=1, keepdims=True)
            z -= np.log(s)  # log softmax
            L = -np.vdot(Y, z) / n
            e /= s
            e -= Y
            e *= 1.0 / n
            delta = e  # dL/dz for softmax + CE
        elif loss == "bce":  # from the logits: softplus(z) - y z
            L = (np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - Y * z).sum() / n
            delta = f_o(z)
            delta -= Y
            delta *= 1.0 / n
        else:
            c = 0.5 if loss == "half_se" else 1.0 / Y.shape[1]
            delta = f_o(z) - Y
            L = c * np.vdot(delta, delta) / n
            delta *= 2.0 * c / n
            if df_o is not None:
                df_o(delta, z)  # z now holds the output activation
        for i in reversed(range(len(params))):
            W, b = params[i]
            gW, gb = grads[i]
            np.matmul(acts[i].T, delta, out=gW)
            np.sum(delta, axis=0, out=gb)
            if i:
                delta = delta @ W.T  # uses W before its update
                if df_h is not None:
                    df_h(delta, acts[i])
            gW *= lr
            W -= gW
            gb *= lr
            b -= gb
        return L

    return params, step


def torch_step(
    sizes, hidden_act, out_act, loss, *, lr=0.1, dtype=np.float64, params=None, seed=0
) -> tuple[Params, Step] | None:
    """PyTorch eager, CPU, one thread: autograd + torch.optim.SGD. None without torch."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return None
    _check_spec(sizes, hidden_act, out_act, loss, FRAMEWORK_LOSSES, FRAMEWORK_ACTIVATIONS)
    torch.set_num_threads(1)
    tparams = [
        (torch.from_numpy(W).requires_grad_(), torch.from_numpy(b).requires_grad_())
        for W, b in _start(sizes, params, seed, dtype)
    ]
    opt = torch.optim.SGD([t for layer in tparams for t in layer], lr=lr)
    acts = {"sigmoid": torch.sigmoid, "relu": torch.relu, "tanh": torch.tanh, "identity": lambda z: z}
    f_h, f_o = acts[hidden_act], acts.get(out_act)

    def loss_fn(X, Y):
        a = X
        for W, b in tparams[:-1]:
            a = f_h(torch.addmm(b, a, W))  # b + a @ W, fused as in nn.Linear
        W, b = tparams[-1]
        z = torch.addmm(b, a, W)
        if loss == "ce":
            return F.cross_entropy(z, Y)  # Y as class probabilities (one-hot rows)
        c = 0.5 if loss == "half_se" else 1.0 / Y.shape[1]
        return c * (f_o(z) - Y).square().sum(dim=1).mean()

    def step(X, Y):
        opt.zero_grad(set_to_none=True)
        L = loss_fn(torch.as_tensor(X), torch.as_tensor(Y))
        L.backward()
        opt.step()
        return L.detach()

    return tparams, step


def jax_step(
    sizes, hidden_act, out_act, loss, *, lr=0.1, dtype=np.float64, params=None, seed=0
) -> tuple[Params, Step] | None:
    """jax.jit of value_and_grad + SGD update (params buffers donated). None without jax.

    The returned loss is a device array: time with a harness that blocks on it
    (`block_until_ready`); its producing computation also produced the new params.
    """
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    _check_spec(sizes, hidden_act, out_act, loss, FRAMEWORK_LOSSES, FRAMEWORK_ACTIVATIONS)
    if np.dtype(dtype) == np.float64:
        jax.config.update("jax_enable_x64", True)  # process-wide; explicit dtypes stay as given
    acts = {"sigmoid": jax.nn.sigmoid, "relu": jax.nn.relu, "tanh": jnp.tanh, "identity": lambda z: z}
    f_h, f_o = acts[hidden_act], acts.get(out_act)

    def loss_fn(p, X, Y):
        a = X
        for W, b in p[:-1]:
            a = f_h(a @ W + b)
        W, b = p[-1]
        z = a @ W + b
        if loss == "ce":
            return -jnp.mean(jnp.sum(Y * jax.nn.log_softmax(z, axis=1), axis=1))
        c = 0.5 if loss == "half_se" else 1.0 / Y.shape[1]
        return c * jnp.mean(jnp.sum(jnp.square(f_o(z) - Y), axis=1))

    def update(p, X, Y):
        L, g = jax.value_and_grad(loss_fn)(p, X, Y)
        return jax.tree.map(lambda w, gw: w - lr * gw, p, g), L

    update = jax.jit(update, donate_argnums=0)
    jparams = [(jnp.array(W), jnp.array(b)) for W, b in _start(sizes, params, seed, dtype)]

    def step(X, Y):
        new, L = update(jparams, jnp.asarray(X), jnp.asarray(Y))
        jparams[:] = new  # "in place" for the holder list; jax arrays themselves are immutable
        return L

    return jparams, step


def _to_torch(a):
    import torch

    return torch.from_numpy(np.ascontiguousarray(a))


def _to_jax(a):
    import jax

    return jax.device_put(a)


# name -> (constructor, convert one NumPy data array to the framework's array type once, up front)
BASELINES: dict[str, tuple[Callable, Callable]] = {
    "numpy": (numpy_step, np.asarray),
    "torch": (torch_step, _to_torch),
    "jax": (jax_step, _to_jax),
}
