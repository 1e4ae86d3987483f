"""Where the W2 time goes: `python benchmarks/w2_floor.py [--quick]`.

W2 is the seed net (2-3-1, sigmoid, half-SE) on 100,000 float64 rows, full batch. Its target is
the generated module at >= 1.0x JAX jit per step. This script measures, in one interleaved run,
how close NumPy can get at all:

  * jax: the benchmark's JAX baseline (one fused XLA loop, vectorised exp);
  * generated: the `symprop generate` module, as in benchmarks/run.py;
  * tuned numpy: `tuned_step` below, a hand-tuned NumPy step that gives up readability for
    speed: reused buffers, every operation in place, -z folded into the weights, the output
    weights and 1/n folded into the gradient sums. No readable NumPy code has fewer passes;
  * exp only: just the four np.exp calls per row the sigmoids need (chunks of CHUNK rows, in
    place), in float64 and, for comparison, float32. This is a floor for any NumPy step.

np.exp is vectorised for float32 on AVX2, but for float64 only with AVX-512: on an AVX2 CPU the
float64 exp floor is several times the float32 one, and that floor, not the code around it,
decides whether NumPy can match JAX here.
"""

import harness  # first: pins BLAS/OpenMP/XLA to one thread before numpy is imported

# isort: split
import argparse
import sys

import baselines
import numpy as np
import run

CHUNK = 8192


def tuned_step(params, lr):
    """A hand-tuned SGD step for the 2-3-1 sigmoid/half-SE net: the fastest NumPy we could write.

    params = [W1 (3, 2), b1 (3,), w2 (3,), b2 (1,)] as float64 arrays, updated in place.
    """
    mul, add, dot = np.multiply, np.add, np.dot

    def sigmoid_pair(e, a, p):
        """e holds -z on entry: a = σ(z), p = σ′(z) = σ(z)σ(-z); e is used up."""
        np.minimum(e, 700.0, out=e)
        np.exp(e, out=e)
        add(e, 1.0, out=a)
        np.divide(1.0, a, out=a)
        mul(e, a, out=e)  # σ(-z)
        mul(e, a, out=p)

    def step(X, Y):
        W1, b1, w2, b2 = params
        n = X.shape[0]
        (w11, w12), (w21, w22), (w31, w32) = W1.tolist()
        hidden = ((w11, w12, b1[0]), (w21, w22, b1[1]), (w31, w32, b1[2]))
        wa, wb, wc = w2.tolist()
        b4 = float(b2[0])
        loss, g = 0.0, np.zeros(13)
        buf = np.empty((12, min(n, CHUNK)))
        for start in range(0, n, CHUNK):
            k = min(CHUNK, n - start)
            a1, a2, a3, p1, p2, p3, e, t, zo, ao, po, t0 = buf[:, :k]
            x1, x2 = X[start : start + CHUNK].T.copy()
            y = Y[start : start + CHUNK, 0]
            for (u, v, c), a, p in zip(hidden, (a1, a2, a3), (p1, p2, p3), strict=True):
                mul(x1, -u, out=e)  # -z, built from negated weights
                mul(x2, -v, out=t)
                add(e, t, out=e)
                add(e, -c, out=e)
                sigmoid_pair(e, a, p)
            mul(a1, -wa, out=e)
            mul(a2, -wb, out=t)
            add(e, t, out=e)
            mul(a3, -wc, out=t)
            add(e, t, out=e)
            add(e, -b4, out=e)
            sigmoid_pair(e, ao, po)
            np.subtract(ao, y, out=t0)
            loss += dot(t0, t0)
            mul(po, t0, out=t0)  # δ_o
            mul(p1, t0, out=p1)  # δ_h / w (w folded into the sums below)
            mul(p2, t0, out=p2)
            mul(p3, t0, out=p3)
            g += (
                dot(p1, x1),
                dot(p1, x2),
                dot(p2, x1),
                dot(p2, x2),
                dot(p3, x1),
                dot(p3, x2),
                p1.sum(),
                p2.sum(),
                p3.sum(),
                dot(a1, t0),
                dot(a2, t0),
                dot(a3, t0),
                t0.sum(),
            )
        g[:9] *= (wa, wa, wb, wb, wc, wc, wa, wb, wc)
        g *= lr / n
        W1 -= g[:6].reshape(3, 2)
        b1 -= g[6:9]
        w2 -= g[9:12]
        b2 -= g[12:]
        return 0.5 * loss / n

    return step


def exp_only(n, dtype):
    """The four np.exp calls per row of a sigmoid 2-3-1 step, chunked and in place."""
    z = np.random.default_rng(0).standard_normal((4, min(n, CHUNK))).astype(dtype)

    def call():
        for start in range(0, n, CHUNK):
            k = min(CHUNK, n - start)
            np.exp(z[:, :k], out=z[:, :k])
            z[:, :k] *= -1e-3  # keep the values in a normal range for the next call
        return z

    return call


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short timings")
    args = parser.parse_args(argv)
    rounds, min_time = (3, 0.05) if args.quick else (12, 0.25)

    w = next(w for w in run.workloads() if w.name.startswith("W2"))
    X, Y = w.batches[0]
    start = baselines.init_params(w.sizes, w.seed, w.dtype)
    impls = {i.name: i for i in run.baseline_impls(w, start) + run.candidates(w)}
    fns = {}
    if "jax" in impls:
        fns["jax"] = run.stepper(impls["jax"], w)
    generated = next(name for name in impls if name.startswith("generated"))
    fns[generated] = run.stepper(impls[generated], w)
    (W1, b1), (W2, b2) = start
    tuned = [W1.T.copy(), b1.copy(), W2[:, 0].copy(), b2.copy()]
    tuned_sgd = tuned_step(tuned, w.lr)
    fns["tuned numpy (in place, unreadable)"] = lambda: tuned_sgd(X, Y)
    fns["exp only, float64 (4 per row)"] = exp_only(len(X), np.float64)
    fns["exp only, float32 (4 per row)"] = exp_only(len(X), np.float32)

    check = tuned_step([a.copy() for a in tuned], w.lr)(X, Y)
    reference = impls["numpy"].step(X, Y)
    if not np.isclose(check, reference, rtol=1e-12):
        print(f"tuned step disagrees with the numpy baseline: {check} vs {reference}", file=sys.stderr)
        return 1

    best = harness.time_interleaved(fns, rounds=rounds, min_time=min_time)
    print(harness.header())
    print()
    base = best.get("jax")
    print("| W2 (2-3-1, 100k rows, f64) | time/step | vs jax |")
    print("|---|--:|--:|")
    for name, seconds in best.items():
        ratio = f"{base / seconds:.2f}×" if base else "jax not installed"
        print(f"| {name} | {harness.format_seconds(seconds)} | {ratio} |")
    print()
    print(
        "vs jax = JAX time / row time (> 1: faster than JAX). The exp-only rows do no other "
        "work: no NumPy step can be faster than its exp floor."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
