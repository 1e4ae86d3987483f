"""Matrix-style sweep: `python benchmarks/matrix_sweep.py [--quick]`.

The generated module (matrix style) against the tight hand NumPy step of benchmarks/baselines.py
for every built-in activation (hidden and output) and every built-in loss, in float32 and float64,
on 784-128-10 with batches of 256 (and a deeper net on batches of 64, and two small nets).
Before timing, each pair is checked to compute the same loss and gradients from the same start
(the hand step's gradient is read back from its SGD update with lr = 1). Timed in interleaved
rounds like run.py, with fewer, shorter rounds, on this process's CPU time (`time.process_time`:
both contenders are single-threaded NumPy, and other processes on a shared machine then barely
move the ratios).
"""

import harness  # first: pins BLAS/OpenMP/XLA to one thread before numpy is imported

# isort: split
import argparse
import importlib.util
import itertools
import sys
import tempfile
import time
from pathlib import Path

import baselines
import numpy as np
from run import minibatches, mnist_like_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from codegen.module import render_module  # noqa: E402
from symbolic.backprop import derive  # noqa: E402
from symbolic.spec import network  # noqa: E402

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "softplus", "identity")
# (sizes, batch, hidden, output, loss as baselines names it)
CASES = [((784, 128, 10), 256, act, act, "half_se") for act in ACTIVATIONS] + [
    ((784, 128, 10), 256, "sigmoid", "sigmoid", "mse"),
    ((784, 128, 10), 256, "tanh", "sigmoid", "bce"),
    ((784, 128, 10), 256, "relu", "softmax", "ce"),
    ((784, 256, 128, 10), 64, "sigmoid", "sigmoid", "half_se"),
    ((784, 256, 128, 10), 64, "leaky_relu", "softmax", "ce"),
    # small nets, where the per-call overhead of NumPy counts
    ((64, 32, 10), 128, "sigmoid", "sigmoid", "half_se"),
    ((20, 64, 3), 32, "relu", "softmax", "ce"),
]
DTYPES = (np.float32, np.float64)
TOLERANCE = {np.float32: 2e-5, np.float64: 1e-9}  # gradient error / largest gradient


def generated_module(sizes, hidden, out, loss, dtype, folder):
    """symprop's matrix-style module for the case, written to folder and imported."""
    acts = ",".join([hidden] * (len(sizes) - 2) + [out])
    d = derive(network("-".join(map(str, sizes)), acts, {"ce": "cce"}.get(loss, loss)))
    path = Path(folder) / f"sweep_{abs(hash((sizes, hidden, out, loss, dtype)))}.py"
    path.write_text(render_module(d, "matrix", np.dtype(dtype).name), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_step(m, start, lr):
    """value_and_gradients + step, from the hand step's start (its W is (fan_in, fan_out))."""
    params = m.init_params(0)
    for l, (W, b) in enumerate(start, start=1):
        params[f"W{l}"][...] = W.T
        params[f"b{l}"][...] = b
    state = m.init_state("sgd", lr)

    def step(X, Y):
        value, grads = m.value_and_gradients(params, X, Y)
        m.step(params, grads, state)
        return value

    return params, step


def same_gradients(m, case, dtype, X, Y) -> str:
    """'' when the generated gradients equal the hand step's (read back from W − lr·g with
    lr = 1), else what differs."""
    sizes, _, hidden, out, loss = case
    start = baselines.init_params(sizes, 1, dtype)
    params, hand = baselines.numpy_step(sizes, hidden, out, loss, lr=1.0, dtype=dtype, params=start)
    value_hand = float(hand(X, Y))
    value, grads = m.value_and_gradients(generated_step(m, start, 1.0)[0], X, Y)
    worst = 0.0
    for l, ((W0, b0), (W1, b1)) in enumerate(zip(start, params, strict=True), start=1):
        for ours, theirs, before in ((grads[f"W{l}"], (W0 - W1).T, W0), (grads[f"b{l}"], b0 - b1, b0)):
            scale = max(np.abs(ours).max(), np.finfo(dtype).tiny)
            # the read-back W0 - W1 carries the rounding of W itself: a few ulps of |W|
            slack = 4 * np.finfo(dtype).eps * float(np.abs(before).max())
            worst = max(worst, float(max(np.abs(ours - theirs).max() - slack, 0.0) / scale))
    if worst > TOLERANCE[dtype] or abs(value - value_hand) > 10 * TOLERANCE[dtype] * abs(value):
        return f"gradients differ by {worst:.2g} of the largest, losses {value} vs {value_hand}"
    if any(g.dtype != dtype for g in grads.values()):
        return "gradient dtype differs"
    return ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one short round per row")
    parser.add_argument("--only", default="", help="rows whose name contains this text")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per row")
    args = parser.parse_args(argv)
    rounds, min_time = (1, 0.02) if args.quick else (args.rounds, 0.05)
    rng = np.random.default_rng(2024)
    data = {}
    rows, failed = [], False
    with tempfile.TemporaryDirectory(prefix="symprop_sweep_") as folder:
        for case, dtype in itertools.product(CASES, DTYPES):
            sizes, batch, hidden, out, loss = case
            key = (sizes[0], sizes[-1], batch, dtype)
            if key not in data:
                X, Y = mnist_like_data(4 * batch, rng, sizes[0], sizes[-1])
                data[key] = minibatches(X.astype(dtype), Y.astype(dtype), batch, 4, rng)
            batches = data[key]
            name = (
                f"{'-'.join(map(str, sizes))} {hidden}/{out if out != hidden else ''}"
                f"{'/' if out != hidden else ''}{loss}, batch {batch}, "
                f"{np.dtype(dtype).name}"
            ).replace("//", "/")
            if args.only not in name:
                continue
            m = generated_module(sizes, hidden, out, loss, dtype, folder)
            problem = same_gradients(m, case, dtype, *batches[0])
            if problem:
                print(f"MISMATCH {name}: {problem}", file=sys.stderr)
                failed = True
                continue
            start = baselines.init_params(sizes, 0, dtype)
            steps = {
                "numpy": baselines.numpy_step(sizes, hidden, out, loss, lr=0.01, dtype=dtype, params=start)[
                    1
                ],
                "generated": generated_step(m, start, 0.01)[1],
            }
            calls = {k: _cycling(step, batches) for k, step in steps.items()}
            best = harness.time_interleaved(calls, rounds=rounds, min_time=min_time, clock=time.process_time)
            ratio = best["numpy"] / best["generated"]
            print(
                f"{name}: generated {harness.format_seconds(best['generated'])}, numpy "
                f"{harness.format_seconds(best['numpy'])}, {ratio:.2f}x",
                file=sys.stderr,
            )
            rows.append((name, best["generated"], best["numpy"], ratio))
    print(harness.header())
    print()
    print(
        f"CPU time per step (time.process_time), best of {rounds} interleaved rounds; vs numpy = "
        "hand time / generated time (> 1: the generated module is faster)."
    )
    print()
    print("| network, activation/loss, dtype | generated (matrix) | tight hand NumPy | vs numpy |")
    print("|---|--:|--:|--:|")
    for name, ours, theirs, ratio in rows:
        print(
            f"| {name} | {harness.format_seconds(ours)} | {harness.format_seconds(theirs)} | {ratio:.2f}× |"
        )
    if rows:
        ratios = [r[-1] for r in rows]
        print(
            f"\n{len(rows)} rows: vs tight hand NumPy {min(ratios):.2f}× to {max(ratios):.2f}×, "
            f"median {float(np.median(ratios)):.2f}×"
        )
    return 1 if failed else 0


def _cycling(step, batches):
    ring = itertools.cycle(batches)

    def one_step():
        return step(*next(ring))

    return one_step


if __name__ == "__main__":
    sys.exit(main())
