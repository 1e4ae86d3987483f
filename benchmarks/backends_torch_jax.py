"""The generated PyTorch and JAX modules against plain autograd and jax.grad: `python
benchmarks/backends_torch_jax.py [--quick]`.

One training step (forward, backward, SGD update) on W2 (2-3-1 sigmoid/half-SE, 100k rows,
float64) and W3 (784-128-10 relu/softmax-CE, batch 256, float32), the same data and starting
parameters for all four implementations, timed interleaved in the same run (harness.py):

  torch      benchmarks/baselines.py: an addmm forward, autograd, torch.optim.SGD
  generated  `symprop generate … --backend torch`: Net(X, Y).backward() runs the derived
  (torch)    backward (NetLoss.backward), then the same torch.optim.SGD
  jax        baselines.py: jax.jit(value_and_grad) + the update, parameter buffers donated
  generated  `--backend jax`: the same jitted update around the module's `loss`, whose
  (jax)      gradient is its jax.custom_vjp (the derived backward)

Before timing, one step of each generated module is checked against its baseline (loss and
every updated parameter). Targets (issue 14): each generated module within 1.2x of its baseline.
"""

import harness  # first: pins BLAS/OpenMP/XLA to one thread before numpy is imported

# isort: split
import argparse
import importlib.util
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

TARGET = 1.2  # generated time / baseline time, at most
_DIR = Path(tempfile.mkdtemp(prefix="symprop_backends_"))


def _module(lib: str, w: run.Workload):
    loss = {"ce": "cce"}.get(w.loss, w.loss)
    d = derive(network("-".join(map(str, w.sizes)), w.hidden_act, loss, output_activation=w.out_act))
    path = _DIR / f"{lib}_{len(list(_DIR.iterdir()))}.py"
    path.write_text(backend(lib).render(d, "auto", np.dtype(w.dtype).name, ""))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def generated_torch(w: run.Workload, start):
    import torch

    m = _module("torch", w)
    net = m.Net(dtype=getattr(torch, np.dtype(w.dtype).name))
    with torch.no_grad():
        for l, (W, b) in enumerate(start, start=1):
            getattr(net, f"W{l}").copy_(torch.from_numpy(W.T))
            getattr(net, f"b{l}").copy_(torch.from_numpy(b))
    opt = torch.optim.SGD(net.parameters(), lr=w.lr)

    def step(X, Y):
        opt.zero_grad(set_to_none=True)
        L = net(X, Y)
        L.backward()
        opt.step()
        return L.detach()

    return lambda: [
        (getattr(net, f"W{l}").detach().numpy().T, getattr(net, f"b{l}").detach().numpy())
        for l in range(1, len(start) + 1)
    ], step


def generated_jax(w: run.Workload, start):
    import jax
    import jax.numpy as jnp

    m = _module("jax", w)
    params = {}
    for l, (W, b) in enumerate(start, start=1):
        params[f"W{l}"], params[f"b{l}"] = jnp.array(W.T), jnp.array(b)
    holder = [params]

    def update(p, X, Y):
        L, g = jax.value_and_grad(m.loss)(p, X, Y)
        return jax.tree.map(lambda a, d: a - w.lr * d, p, g), L

    update = jax.jit(update, donate_argnums=0)

    def step(X, Y):
        holder[0], L = update(holder[0], X, Y)
        return L

    def now():
        p = holder[0]
        return [(np.asarray(p[f"W{l}"]).T, np.asarray(p[f"b{l}"])) for l in range(1, len(start) + 1)]

    return now, step


def check(w: run.Workload) -> bool:
    """One step from the same start: the generated modules land where their baselines do."""
    start = baselines.init_params(w.sizes, w.seed, w.dtype)
    rtol = 1e-9 if w.dtype == np.float64 else 2e-4
    ok = True
    for lib, make, convert in (
        ("torch", generated_torch, baselines._to_torch),
        ("jax", generated_jax, baselines._to_jax),
    ):
        base_params, base_step = baselines.BASELINES[lib][0](
            w.sizes,
            w.hidden_act,
            w.out_act,
            w.loss,
            lr=w.lr,
            dtype=w.dtype,
            params=[(W.copy(), b.copy()) for W, b in start],
        )
        now, gen_step = make(w, [(W.copy(), b.copy()) for W, b in start])
        X, Y = (convert(a) for a in w.batches[0])
        L_base, L_gen = float(base_step(X, Y)), float(gen_step(X, Y))
        ref = baselines.params_to_numpy(base_params)
        same = np.isclose(L_gen, L_base, rtol=rtol) and all(
            np.allclose(p, q, rtol=rtol, atol=rtol * np.abs(q).max())
            for (P, Q) in zip(now(), ref)
            for p, q in zip(P, Q)
        )
        print(
            f"check {w.name} / generated ({lib}): {'agrees' if same else 'MISMATCH'} "
            f"(loss {L_gen:.8g} vs {L_base:.8g})",
            file=sys.stderr,
        )
        ok &= bool(same)
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short timings")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    chosen = [w for w in run.workloads() if w.name.startswith(("W2", "W3 784-128-10 relu"))]
    if not all(check(w) for w in chosen):
        return 1
    rounds, min_time = (3, 0.05) if args.quick else (5, 0.1)
    rows, verdicts = [], []
    for w in chosen:
        start = baselines.init_params(w.sizes, w.seed, w.dtype)
        impls = {}
        for lib, make, convert in (
            ("torch", generated_torch, baselines._to_torch),
            ("jax", generated_jax, baselines._to_jax),
        ):
            base = baselines.BASELINES[lib][0](
                w.sizes,
                w.hidden_act,
                w.out_act,
                w.loss,
                lr=w.lr,
                dtype=w.dtype,
                params=[(W.copy(), b.copy()) for W, b in start],
            )[1]
            gen = make(w, [(W.copy(), b.copy()) for W, b in start])[1]
            impls[lib] = run.stepper(run.Impl(lib, base, convert), w)
            impls[f"generated ({lib})"] = run.stepper(run.Impl(lib, gen, convert), w)
        best = harness.time_interleaved(impls, rounds=rounds, min_time=min_time, clock=time.process_time)
        for name, seconds in best.items():
            rows.append(harness.Row(w.name, name, seconds))
        for lib in ("torch", "jax"):
            ratio = best[f"generated ({lib})"] / best[lib]
            verdicts.append(
                f"{w.name}: generated ({lib}) takes {ratio:.2f}x the time of {lib} "
                f"({'met' if ratio <= TARGET else 'NOT met'}: target <= {TARGET}x)"
            )
    harness.print_table(rows, ["torch", "jax"])
    print()
    for line in verdicts:
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
