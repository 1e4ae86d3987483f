"""Training-step benchmark: `python benchmarks/run.py [--quick | --check]`.

Times one gradient-descent step (forward + backward + SGD update) per workload for each
implementation, after checking that the baselines agree with each other. Data is converted to
each framework's array type once, before timing, so the timings are of the step alone.
Prints a Markdown table (see harness.print_table).
"""

import harness  # first: pins BLAS/OpenMP/XLA to one thread before numpy is imported

# isort: split
import argparse
import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import baselines
import numpy as np


@dataclass(frozen=True)
class Workload:
    name: str
    sizes: tuple[int, ...]
    hidden_act: str
    out_act: str
    loss: str
    dtype: type
    lr: float
    batches: list  # [(X, Y)] as NumPy arrays; step k trains on batches[k % len(batches)]
    seed: int = 0  # for baselines.init_params


class Impl(NamedTuple):
    name: str
    step: Callable  # step(X, Y) -> loss, updates its own params in place
    convert: Callable = np.asarray  # NumPy data array -> the array type step() wants


def xor_data():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array([[0], [1], [1], [0]], dtype=np.float64)


def noisy_xor_data(n, rng):
    X = rng.standard_normal((n, 2))
    return X, (X[:, :1] * X[:, 1:] > 0).astype(np.float64)


def mnist_like_data(n, rng, n_in=784, n_out=10):
    """Uniform pixels, labels from a random linear teacher: learnable, and cheap to make."""
    X = rng.random((n, n_in), dtype=np.float32)
    teacher = rng.standard_normal((n_in, n_out), dtype=np.float32)
    labels = np.argmax((X - 0.5) @ teacher, axis=1)
    return X, np.eye(n_out, dtype=np.float32)[labels]


def minibatches(X, Y, size, count, rng):
    """`count` minibatches of `size` rows, drawn without replacement (one shuffled pass)."""
    order = rng.permutation(len(X))[: size * count].reshape(count, size)
    return [(X[idx], Y[idx]) for idx in order]


def workloads() -> list[Workload]:
    rng = np.random.default_rng(2024)
    X, Y = mnist_like_data(60_000, rng)
    batches = minibatches(X, Y, 256, 16, rng)
    return [
        Workload(
            "W1 2-3-1 sigmoid/half-SE, XOR (4), f64",
            (2, 3, 1),
            "sigmoid",
            "sigmoid",
            "half_se",
            np.float64,
            0.5,
            [xor_data()],
        ),
        Workload(
            "W2 2-3-1 sigmoid/half-SE, 100k rows, f64",
            (2, 3, 1),
            "sigmoid",
            "sigmoid",
            "half_se",
            np.float64,
            0.5,
            [noisy_xor_data(100_000, rng)],
        ),
        Workload(
            "W3 784-128-10 relu/softmax-CE, batch 256 of 60k, f32",
            (784, 128, 10),
            "relu",
            "softmax",
            "ce",
            np.float32,
            0.1,
            batches,
        ),
        Workload(
            "W3 784-128-10 sigmoid/half-SE, batch 256 of 60k, f32",
            (784, 128, 10),
            "sigmoid",
            "sigmoid",
            "half_se",
            np.float32,
            0.1,
            batches,
        ),
        Workload(
            "W3 784-128-10 tanh/MSE, batch 256 of 60k, f32",
            (784, 128, 10),
            "tanh",
            "tanh",
            "mse",
            np.float32,
            0.1,
            batches,
        ),
    ]


_GENERATED: dict = {}  # (sizes, activation, loss, dtype) -> imported generated module
_GENERATED_DIR = None


def _generated_module(w: Workload):
    """Generate (once per spec, into a temp dir) and import the symprop module for w."""
    global _GENERATED_DIR
    import importlib.util
    import subprocess
    import tempfile
    import time
    from pathlib import Path

    loss = {"ce": "cce"}.get(w.loss, w.loss)
    key = (w.sizes, w.hidden_act, w.out_act, loss, np.dtype(w.dtype).name)
    if key not in _GENERATED:
        if _GENERATED_DIR is None:
            _GENERATED_DIR = tempfile.mkdtemp(prefix="symprop_bench_")
        path = Path(_GENERATED_DIR) / f"net_{len(_GENERATED)}.py"
        root = Path(__file__).resolve().parent.parent
        cmd = [
            sys.executable,
            "-m",
            "codegen.cli",
            "generate",
            "-".join(map(str, w.sizes)),
            "--activation",
            w.hidden_act,
            "--output-activation",
            w.out_act,
            "--loss",
            loss,
            "--dtype",
            key[-1],
            "-o",
            str(path),
        ]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=root)
        print(
            f"generated {path.name} ({' '.join(cmd[3:-2])}) in {time.perf_counter() - t0:.2f} s wall",
            file=sys.stderr,
        )
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _GENERATED[key] = module
    return _GENERATED[key]


def candidates(workload: Workload) -> list[Impl]:
    """The generated module (symprop generate, imported from a temp dir) as an Impl.

    Started from the baselines' parameters (their W is (fan_in, fan_out); ours is the sheet's
    (fan_out, fan_in)). One step = value_and_gradients (loss from the same forward pass) + step.
    """
    m = _generated_module(workload)
    params = m.init_params(0)
    for l, (W, b) in enumerate(baselines.init_params(workload.sizes, workload.seed, workload.dtype), start=1):
        params[f"W{l}"][...] = W.T
        params[f"b{l}"][...] = b
    state = m.init_state("sgd", workload.lr)
    value_and_gradients, update = m.value_and_gradients, m.step

    def step(X, Y):
        value, grads = value_and_gradients(params, X, Y)
        update(params, grads, state)
        return value

    return [Impl(f"generated ({m.STYLE})", step)]


def baseline_impls(w: Workload, params=None) -> list[Impl]:
    """Every importable baseline for w, all started from the same parameters."""
    params = baselines.init_params(w.sizes, w.seed, w.dtype) if params is None else params
    impls = []
    for name, (make, convert) in baselines.BASELINES.items():
        made = make(w.sizes, w.hidden_act, w.out_act, w.loss, lr=w.lr, dtype=w.dtype, params=params)
        if made is not None:
            impls.append(Impl(name, made[1], convert))
    return impls


def _flatten(params):
    return [a for layer in params for a in layer]


def check_baselines(steps=5) -> bool:
    """The baselines give the same losses and final params from the same start (float64: 1e-5)."""
    rng = np.random.default_rng(7)
    X, Y = mnist_like_data(64, rng, n_in=20, n_out=5)
    cases = [
        Workload("seed XOR", (2, 3, 1), "sigmoid", "sigmoid", "half_se", np.float64, 0.5, [xor_data()]),
        Workload(
            "relu/softmax-CE",
            (20, 16, 5),
            "relu",
            "softmax",
            "ce",
            np.float64,
            0.1,
            [(X.astype(np.float64), Y.astype(np.float64))],
        ),
        Workload("relu/softmax-CE f32", (20, 16, 5), "relu", "softmax", "ce", np.float32, 0.1, [(X, Y)]),
        Workload(
            "sigmoid/half-SE f32", (20, 16, 5), "sigmoid", "sigmoid", "half_se", np.float32, 0.5, [(X, Y)]
        ),
        Workload(
            "tanh/MSE",
            (20, 16, 5),
            "tanh",
            "tanh",
            "mse",
            np.float64,
            0.5,
            [(X.astype(np.float64), Y.astype(np.float64))],
        ),
    ]
    all_ok = True
    for w in cases:
        rtol = 1e-5 if w.dtype == np.float64 else 1e-4
        start = baselines.init_params(w.sizes, w.seed, w.dtype)
        runs = {}
        for name, (make, convert) in baselines.BASELINES.items():
            made = make(w.sizes, w.hidden_act, w.out_act, w.loss, lr=w.lr, dtype=w.dtype, params=start)
            if made is None:
                continue
            params, step = made
            X_, Y_ = (convert(a) for a in w.batches[0])
            losses = np.array([float(step(X_, Y_)) for _ in range(steps)])
            runs[name] = losses, baselines.params_to_numpy(params)
        ref_losses, ref_params = runs["numpy"]
        ok = True
        for name, (losses, params) in runs.items():
            flat, ref_flat = _flatten(params), _flatten(ref_params)
            same = np.allclose(losses, ref_losses, rtol=rtol, atol=0) and all(
                np.allclose(p, q, rtol=rtol, atol=rtol * np.abs(q).max())
                for p, q in zip(flat, ref_flat, strict=True)
            )
            dtypes = {p.dtype for p in flat}
            if not same or dtypes != {np.dtype(w.dtype)}:
                ok = False
                print(
                    f"MISMATCH {w.name} / {name}: losses {losses} vs numpy {ref_losses}; "
                    f"param dtypes {dtypes}",
                    file=sys.stderr,
                )
        print(
            f"check {w.name}: {', '.join(runs)} agree over {steps} steps "
            f"(rtol {rtol:g}), losses {ref_losses[0]:.6g} -> {ref_losses[-1]:.6g}"
            if ok
            else f"check {w.name}: FAILED",
            file=sys.stderr,
        )
        all_ok &= ok
    return all_ok


def stepper(impl: Impl, w: Workload) -> Callable:
    """A no-argument call doing one step of impl on the workload's next batch (cycling)."""
    native = [(impl.convert(X), impl.convert(Y)) for X, Y in w.batches]
    ring = itertools.cycle(native)

    def one_step():
        return impl.step(*next(ring))

    return one_step


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short timings (< 30 s in all)")
    parser.add_argument("--check", action="store_true", help="only check the baselines agree")
    args = parser.parse_args(argv)

    if not check_baselines():
        return 1
    if args.check:
        return 0
    repeat, min_time = (3, 0.05) if args.quick else (12, 0.25)
    rows, names = [], []
    for w in workloads():
        impls = baseline_impls(w) + candidates(w)
        best = harness.time_interleaved(
            {impl.name: stepper(impl, w) for impl in impls}, rounds=repeat, min_time=min_time
        )
        for impl in impls:
            seconds = best[impl.name]
            print(f"{w.name} / {impl.name}: {harness.format_seconds(seconds)}", file=sys.stderr)
            rows.append(harness.Row(w.name, impl.name, seconds))
            names += [impl.name] if impl.name not in names else []
    harness.print_table(rows, [n for n in baselines.BASELINES if n in names])
    return 0


if __name__ == "__main__":
    sys.exit(main())
