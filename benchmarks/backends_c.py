"""`--backend c` against JAX and the NumPy module: `python benchmarks/backends_c.py [--quick]`.

In one run (issue 14's speed table, the C rows):
  W2  2-3-1 sigmoid/half-SE on 100k float64 rows, one full-batch step (value_and_gradients +
      step): the C module against JAX jit (target >= 2.5x) and the NumPy module;
  W1  the same net on XOR, whole training loops: the C module's `train` (epochs run in C, a
      chunk per call) against JAX's lax.fori_loop over jit-compiled SGD steps (target >= 2x);
  W3  784-128-10 float32, batch 256, relu/softmax-CE and sigmoid/half-SE: the C module against
      the NumPy module (target >= 1.0x; wide layers keep the twin's BLAS matmuls, the activations
      run in C);
  and the seed C module's compile time on a cold cache (target <= 1 s).
Steps are timed on this process's CPU time (time.process_time; everything is single-threaded),
best of interleaved rounds (harness.time_interleaved). Prints a Markdown table.
"""

import harness  # first: pins BLAS/OpenMP/XLA to one thread before numpy is imported

# isort: split
import argparse
import importlib.util
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import baselines
import numpy as np
import run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from codegen.backends import backend  # noqa: E402
from symbolic.backprop import derive  # noqa: E402
from symbolic.spec import network  # noqa: E402

CACHE = tempfile.mkdtemp(prefix="symprop_bench_cache_")
os.environ["SYMPROP_CACHE_DIR"] = CACHE  # a cold cache: the compile below is timed


def generated(w: run.Workload, name: str, folder: str):
    """The `--backend name` module of workload w, imported, started from the baselines' point."""
    loss = {"ce": "cce"}.get(w.loss, w.loss)
    d = derive(network("-".join(map(str, w.sizes)), w.hidden_act, loss, output_activation=w.out_act))
    path = Path(folder) / f"{name}_{abs(hash(w.name))}.py"
    path.write_text(backend(name).render(d, "auto", np.dtype(w.dtype).name, ""), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def start(m, w):
    params = m.init_params(0)
    for l, (W, b) in enumerate(baselines.init_params(w.sizes, w.seed, w.dtype), start=1):
        params[f"W{l}"][...] = W.T
        params[f"b{l}"][...] = b
    return params


def module_step(m, w):
    """One step as benchmarks/run.py times it: value_and_gradients + step, cycling the batches."""
    params, state = start(m, w), m.init_state("sgd", w.lr)
    ring = itertools.cycle(w.batches)

    def one():
        X, Y = next(ring)
        value, grads = m.value_and_gradients(params, X, Y)
        m.step(params, grads, state)
        return value

    return one


def jax_step(w):
    params, step = baselines.jax_step(w.sizes, w.hidden_act, w.out_act, w.loss, lr=w.lr, dtype=w.dtype)
    X, Y = (baselines._to_jax(a) for a in w.batches[0])
    return lambda: step(X, Y)


def jax_loop(w, steps):
    """`steps` SGD steps of the 2-3-1 sigmoid/half-SE net in one jit-compiled lax.fori_loop."""
    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    X, Y = (jnp.asarray(a) for a in w.batches[0])

    def loss(p):
        (W1, b1), (W2, b2) = p
        out = jax.nn.sigmoid(jax.nn.sigmoid(X @ W1 + b1) @ W2 + b2)
        return 0.5 * jnp.mean(jnp.sum(jnp.square(out - Y), axis=1))

    def body(_, p):
        return jax.tree.map(lambda a, g: a - w.lr * g, p, jax.grad(loss)(p))

    loop = jax.jit(lambda p: jax.lax.fori_loop(0, steps, body, p))
    p0 = [(jnp.asarray(W), jnp.asarray(b)) for W, b in baselines.init_params(w.sizes, w.seed, w.dtype)]
    return lambda: loop(p0)[1][1]


def kernel_loop(m, w, steps):
    """The C module's training kernel alone: `steps` epochs in one call, no loss list built."""
    X, Y = (np.ascontiguousarray(a, m.DTYPE) for a in w.batches[0])
    train = m._c_kernel()["train"]
    theta = m._flat(start(m, w))[0]
    numbers = np.array([w.lr, 0.0, 0.9, 0.9, 0.999, 1e-8])
    moments, t = np.zeros(2 * m.N_PARAMS, m.DTYPE), np.zeros(1, np.int64)
    losses, work, order = np.empty(steps), np.empty(2 * m.N_PARAMS, m.DTYPE), np.zeros(1, np.int64)
    args = [a.ctypes.data for a in (theta, X, Y)] + [len(X), len(X), order.ctypes.data, steps, 0]
    args += [a.ctypes.data for a in (numbers, moments, t, losses, work)]
    keep = (X, Y, theta, numbers, moments, t, losses, work, order)  # the pointers' arrays stay alive
    return lambda: train(*args) if keep else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short timings")
    args = parser.parse_args(argv)
    rounds, min_time = (3, 0.05) if args.quick else (5, 0.1)
    clock = time.process_time
    folder = tempfile.mkdtemp(prefix="symprop_bench_c_")
    work = {w.name.split(" ")[0] + " " + w.hidden_act: w for w in run.workloads()}
    rows, notes = [], []

    # compile time of the seed module, cold cache
    w2 = work["W2 sigmoid"]
    c = generated(w2, "c", folder)
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    assert c._c_kernel() is not None, "no C kernel: see the line above"
    compile_s = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    compile_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)

    # W2: one full-batch step on 100k rows
    n = generated(w2, "numpy", folder)
    best = harness.time_interleaved(
        {"jax": jax_step(w2), "numpy module": module_step(n, w2), "c module": module_step(c, w2)},
        rounds=rounds,
        min_time=min_time,
        clock=clock,
    )
    rows += [harness.Row(w2.name, k, v) for k, v in best.items()]
    notes.append(f"W2 C step vs JAX jit: {best['jax'] / best['c module']:.2f}x (target >= 2.5x)")

    # W1: whole training loops on XOR
    w1 = work["W1 sigmoid"]
    steps = 20_000 if args.quick else 100_000
    c1 = generated(w1, "c", folder)
    X, Y = w1.batches[0]
    best = harness.time_interleaved(
        {
            "jax fori_loop": jax_loop(w1, steps),
            "c module train": lambda: c1.train(X, Y, epochs=steps, lr=w1.lr, params=start(c1, w1)),
            "c kernel alone": kernel_loop(c1, w1, steps),
        },
        rounds=rounds,
        min_time=min_time,
        clock=clock,
    )
    rows += [harness.Row("W1 2-3-1 XOR, whole loop (per step)", k, v / steps) for k, v in best.items()]
    notes.append(
        f"W1 C whole loop vs JAX fori_loop: {best['jax fori_loop'] / best['c module train']:.2f}x "
        f"({steps / best['c module train'] / 1e6:.1f} M steps/s; target >= 2x); the kernel alone, "
        f"without train's list of {steps} floats: {best['jax fori_loop'] / best['c kernel alone']:.2f}x"
    )

    # W3: wide layers, float32
    for key in ("W3 relu", "W3 sigmoid"):
        w3 = work[key]
        c3, n3 = generated(w3, "c", folder), generated(w3, "numpy", folder)
        best = harness.time_interleaved(
            {"numpy module": module_step(n3, w3), "c module": module_step(c3, w3)},
            rounds=2 * rounds,  # the two are within a few % (the same matmuls): more rounds
            min_time=min_time,
            clock=clock,
        )
        rows += [harness.Row(w3.name, k, v) for k, v in best.items()]
        notes.append(
            f"{key} C vs NumPy module: {best['numpy module'] / best['c module']:.2f}x "
            f"(style {c3.STYLE}: BLAS matmuls, activations {', '.join(c3.C_FWD) or 'none'} in C; "
            "target >= 1.0x)"
        )

    print(harness.header())
    print()
    print("| workload | implementation | time/step |")
    print("|---|---|--:|")
    for r in rows:
        print(f"| {r.workload} | {r.impl} | {harness.format_seconds(r.seconds)} |")
    print()
    compiled = (
        f"seed C module compile time, cold cache: {compile_s:.2f} s wall, "
        f"{compile_cpu:.2f} s CPU in the compiler (target <= 1 s)"
    )
    for line in notes + [compiled]:
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
