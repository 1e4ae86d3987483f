"""Shared by test_backend_torch.py and test_backend_jax.py: the networks every backend is tested
on, their generated modules (made once per process) and the NumPy module's gradients, which every
backend must reproduce."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import itertools
import sys
import tempfile
from pathlib import Path

import numpy as np

from codegen.backends import backend
from symbolic.backprop import derive
from symbolic.spec import network

# (arch, activation, loss, output activation[, "shared"]): every built-in activation (hidden and
# output) and loss, a formula activation and a formula loss, a softmax under a loss of `out`
# alone, sizes from 2-3-1 to four layers, a shared bias per layer (--shared-bias) and the seed's
# names (--naming seed)
CASES = [
    ("2-3-1", "sigmoid", "half_se", None),
    ("3-4-2", "tanh", "cce", None),
    ("4-8-1", "relu", "bce", None),
    ("3-5-4-2", "leaky_relu", "mse", None),
    ("2-3-2", "softplus", "half_se", "identity"),
    ("3-4-3", "identity", "mse", "softmax"),
    ("3-4-2", "z/(1+exp(-z))", "(out-y)**4/4", None),
    ("5-16-6-3", "relu,tanh,softmax", "cce", None),
    ("2-5-2", "sqrt(1+z**2) - 1 + max(z, 0)", "half_se", "tanh"),
    ("3-4-2", "tanh", "cce", None, "shared"),  # --shared-bias: one bias per layer
    ("2-3-1", "sigmoid", "half_se", None, "shared"),
    ("2-3-1", "sigmoid", "(out-y)**4/4", None, "seed"),  # --naming seed: the output is `out`
]
IDS = ["-".join(str(part) for part in case) for case in CASES]


class Deferred:
    """A module imported at its first attribute access, not when pytest collects the test files.

    torch and jax add some 400 MB to a process, and every fork then costs that much more in page
    tables and copy-on-write faults: the verifier forks for each bounded proof (symbolic/
    timelimit.py), some 800 times over the published corpus alone, and took twice its CPU time with
    both imported. conftest.py runs the torch and jax tests last, so they are imported after every
    forking test has run."""

    def __init__(self, load):
        self._load = load

    def __getattr__(self, name):
        if name.startswith("_"):  # pytest probes names like _mock_name while it collects
            raise AttributeError(name)
        return getattr(self._load(), name)


def _jax():
    jax = importlib.import_module("jax")
    jax.config.update("jax_enable_x64", True)  # idempotent: set before every first use
    return jax


torch = Deferred(functools.cache(lambda: importlib.import_module("torch")))
jax = Deferred(functools.cache(_jax))
jnp = Deferred(functools.cache(lambda: _jax().numpy))
_DIR = Path(tempfile.mkdtemp(prefix="symprop-backends-"))
_COUNT = itertools.count()


@functools.cache
def derivation(case):
    arch, act, loss, out, *tag = case
    naming = "seed" if tag == ["seed"] else "layered"
    return derive(
        network(arch, act, loss, output_activation=out, naming=naming, shared_bias=tag == ["shared"])
    )


@functools.cache
def module(lib: str, case, dtype: str = "float64"):
    """The generated module of `lib` for `case`, imported from its file."""
    if lib == "jax":
        _jax()  # float64 on before the module's first use, as the test files' import once did
    text = backend(lib).render(derivation(case), "auto", dtype, "")
    name = f"gen_{lib}_{next(_COUNT)}"
    path = _DIR / f"{name}.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec)
    sys.modules[name] = m
    spec.loader.exec_module(m)
    return m


def batch(case, n: int = 9, seed: int = 0):
    """(params, X, Y) as NumPy float64: the NumPy module's seeded start, nudged so no bias is 0
    (a zero bias hides a wrong db), and targets the loss accepts."""
    m = module("numpy", case)
    rng = np.random.default_rng(seed)
    params = {k: np.array(v) + 0.1 * rng.standard_normal(np.shape(v)) for k, v in m.init_params(seed).items()}
    X = rng.standard_normal((n, m.N_IN))
    Y = rng.random((n, m.N_OUT))
    if m.TARGETS == "one_hot":
        Y /= Y.sum(axis=1, keepdims=True)
    return params, X, Y


def numpy_gradients(case, params, X, Y):
    m = module("numpy", case)
    theta = np.concatenate([np.ravel(params[k]) for k, _ in m.LAYOUT])
    L, g = m.value_and_gradients(m._unflatten(theta.copy()), X, Y)
    return L, {k: np.array(v) for k, v in g.items()}


def assert_close(got: dict, want: dict, rtol: float = 1e-12) -> None:
    """Every gradient array within rtol of the reference, relative to the reference's largest
    (or to 1e-3 of the largest of all, for an array that is 0 in exact arithmetic: the shared
    output bias of a softmax-CE net, Σ(a − y) = 0)."""
    assert set(got) == set(want)
    largest = max(np.abs(v).max() for v in want.values())
    for key in want:
        scale = max(np.abs(want[key]).max(), 1e-3 * largest, 1e-300)
        err = np.abs(np.asarray(got[key], np.float64) - want[key]).max() / scale
        assert err <= rtol, f"{key}: relative error {err:.3g} > {rtol}"


def reference_loss(lib, case):
    """The batch-mean loss written directly in `lib` on the module's outputs (not from logits,
    no derived backward): what autograd / jax.grad differentiate as the independent route."""
    loss = case[2]
    xp = torch if lib == "torch" else jnp
    terms = {
        "half_se": lambda o, y: 0.5 * (o - y) ** 2,
        "mse": lambda o, y: (o - y) ** 2 / o.shape[1],
        "bce": lambda o, y: -(y * xp.log(o) + (1 - y) * xp.log(1 - o)),
        "cce": lambda o, y: -y * xp.log(o),
        "(out-y)**4/4": lambda o, y: (o - y) ** 4 / 4,
    }
    m = module(lib, case)
    return lambda params, X, Y: terms[loss](m.forward(params, X), Y).sum() / X.shape[0]


def interrupted_run(m, out, wait: float) -> tuple[int, str, str, int]:
    """The module's command line on xor for ever, sent SIGINT `wait` s after it says it trains:
    (exit code, stdout, stderr, the epoch it says it stopped at); the weights are written to out."""
    import os
    import select
    import signal
    import subprocess
    import time

    run = subprocess.Popen(
        [sys.executable, m.__file__, "--data", "xor", "--epochs", "100000000", "--out", str(out)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    try:
        # a bounded wait for the first line: a child that never starts training fails the test
        ready, _, _ = select.select([run.stderr], [], [], 120)
        assert ready, "the module printed nothing on stderr within 120 s"
        assert run.stderr.readline().startswith("training 2-3-1 on xor")
        time.sleep(wait)
        run.send_signal(signal.SIGINT)
        stdout, stderr = run.communicate(timeout=60)
    finally:
        run.kill()
    assert run.returncode == 130, stderr
    assert "stopped at epoch" in stderr and "Traceback" not in stderr
    return run.returncode, stdout, stderr, int(stderr.split("stopped at epoch ")[1].split(";")[0])
