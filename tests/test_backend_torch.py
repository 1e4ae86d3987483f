"""`generate --backend torch`: an nn.Module and an autograd.Function whose backward is the
Derivation's delta rule. Checked against the NumPy module, against autograd on the plain forward
pass, by torch.autograd.gradcheck (central differences), on the meta device, and under
DistributedDataParallel in two processes."""

from __future__ import annotations

import ast
import json
import math
import os
import socket
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from codegen.backends import backend
from codegen.cli import main
from tests.tensor_backends import (
    CASES,
    IDS,
    assert_close,
    batch,
    derivation,
    interrupted_run,
    module,
    numpy_gradients,
    reference_loss,
    torch,
)


def _tensors(params, X, Y, dtype=None):
    dtype = torch.float64 if dtype is None else dtype
    p = {k: torch.tensor(v, dtype=dtype, requires_grad=True) for k, v in params.items()}
    return p, torch.tensor(X, dtype=dtype), torch.tensor(Y, dtype=dtype)


def _derived(case, params, X, Y, dtype=None):
    m = module("torch", case)
    p, Xt, Yt = _tensors(params, X, Y, dtype)
    L = m.loss(p, Xt, Yt)
    L.backward()
    return L.item(), {k: v.grad.numpy() for k, v in p.items()}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_gradients_equal_the_numpy_module_and_autograd(case):
    params, X, Y = batch(case)
    L, grads = _derived(case, params, X, Y)
    L_np, g_np = numpy_gradients(case, params, X, Y)
    assert L == pytest.approx(L_np, rel=1e-12)
    assert_close(grads, g_np)
    # autograd on the module's own forward pass with the loss written out: an independent route
    p, Xt, Yt = _tensors(params, X, Y)
    reference_loss("torch", case)(p, Xt, Yt).backward()
    assert_close(grads, {k: v.grad.numpy() for k, v in p.items()})


@pytest.mark.parametrize("case", [CASES[0], CASES[1], CASES[6], CASES[8]], ids=IDS[0:2] + [IDS[6], IDS[8]])
def test_gradcheck_in_float64(case):
    m = module("torch", case)
    params, X, Y = batch(case, n=5)
    p, Xt, Yt = _tensors(params, X, Y)
    keys = list(p)
    assert torch.autograd.gradcheck(lambda *ps: m.loss(dict(zip(keys, ps)), Xt, Yt), tuple(p.values()))
    # the backward scales by the incoming gradient: L is usable inside a larger expression
    L = m.loss(p, Xt, Yt)
    (3.0 * L).backward()
    want = numpy_gradients(case, params, X, Y)[1]
    assert_close({k: v.grad.numpy() / 3.0 for k, v in p.items()}, want)


def test_the_backward_is_the_derived_one_not_autograd():
    """NetLoss.backward runs (its lines are the sheet's), and a wrong line in it shows."""
    case = CASES[0]
    m = module("torch", case)
    source = backend("torch").render(derivation(case), "auto", "float64", "")
    tree = ast.parse(source)
    netloss = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "NetLoss")
    targets = {
        t.id
        for n in ast.walk(netloss)
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    assert {"z1", "a1", "z2", "a2", "delta2", "delta1", "dW1", "db1", "dW2", "db2"} <= targets
    assert "# matrix delta1: δ⁽¹⁾ = W⁽²⁾ᵀδ⁽²⁾ ⊙ σ′(z⁽¹⁾)" in source
    broken = source.replace("dW1 = delta1.T @ X", "dW1 = 2 * delta1.T @ X")
    assert broken != source
    namespace: dict = {}
    exec(compile(broken, "broken.py", "exec"), namespace)
    params, X, Y = batch(case)
    p, Xt, Yt = _tensors(params, X, Y)
    namespace["loss"](p, Xt, Yt).backward()
    want = numpy_gradients(case, params, X, Y)[1]
    assert np.allclose(p["W1"].grad.numpy(), 2 * want["W1"]) and np.allclose(p["b1"].grad.numpy(), want["b1"])
    assert isinstance(m.Net(), torch.nn.Module) and issubclass(m.NetLoss, torch.autograd.Function)


def test_imports_only_torch_and_the_standard_library_and_is_deterministic():
    for case in CASES:
        text = backend("torch").render(derivation(case), "auto", "float64", "")
        assert text == backend("torch").render(derivation(case), "auto", "float64", "")
        modules = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                modules.add(node.module.split(".")[0])
        assert modules <= {"torch"} | sys.stdlib_module_names, modules - sys.stdlib_module_names
        assert "numpy" not in modules and "cpu" not in text.replace("CPU", "")


def test_device_agnostic_on_the_meta_device():
    """The meta device has no data: any tensor made on the CPU and mixed in would be an error."""
    for case in (CASES[1], CASES[2], CASES[8]):
        m = module("torch", case)
        net = m.Net(dtype=torch.float64, device="meta")
        X = torch.empty((6, m.N_IN), dtype=torch.float64, device="meta")
        Y = torch.empty((6, m.N_OUT), dtype=torch.float64, device="meta")
        L = net(X, Y)
        L.backward()
        assert L.device.type == "meta" and all(p.grad.device.type == "meta" for p in net.parameters())
        assert net.predict(X).shape == (6, m.N_OUT)


def test_float32_follows_the_data_and_data_gradients_are_refused():
    case = CASES[7]
    params, X, Y = batch(case)
    L, grads = _derived(case, params, X, Y, torch.float32)
    want = numpy_gradients(case, params, X, Y)[1]
    assert_close(grads, want, rtol=1e-5)
    assert all(g.dtype == np.float32 for g in grads.values())
    m = module("torch", case)
    p, Xt, Yt = _tensors(params, X, Y)
    with pytest.raises(ValueError, match="X and Y are data"):
        m.loss(p, Xt.requires_grad_(), Yt)


@pytest.mark.parametrize("case", [CASES[0], CASES[1], CASES[2], CASES[4], CASES[6]], ids=lambda c: c[1])
def test_no_nan_at_large_pre_activations(case):
    """|z| up to 1e4: capped exps, softplus and cross-entropies from logits stay finite."""
    m = module("torch", case)
    params, X, Y = batch(case)
    p, Xt, Yt = _tensors(params, X, Y)
    with torch.no_grad():
        for key in p:
            p[key] *= 1e4 / (1.0 + float(p[key].abs().max()))
    L = m.loss(p, Xt * 10, Yt)
    L.backward()
    assert torch.isfinite(L) and all(torch.isfinite(v.grad).all() for v in p.values())


def test_train_and_command_line(tmp_path, capsys):
    case = CASES[0]
    m = module("torch", case)
    out = tmp_path / "w.json"
    assert m.main(["--data", "xor", "--epochs", "300", "--lr", "2", "--out", str(out)]) == 0
    final = float(capsys.readouterr().out.split()[2])
    assert final < 0.1 and json.loads(out.read_text())["arch"] == "2-3-1"
    # an existing --out is kept without --force; bad data is one line, exit 2
    assert m.main(["--data", "xor", "--epochs", "1", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    bad = tmp_path / "d.csv"
    bad.write_text("0,1,1\n1,nan,0\n")
    assert m.main(["--data", str(bad), "--epochs", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "row 2, column 2" in err[0]
    net = m.load(out)
    assert m.loss(
        net.params(), torch.tensor(m.XOR[0], dtype=torch.float64), torch.tensor(m.XOR[1], dtype=torch.float64)
    ).item() == pytest.approx(final, rel=1e-6)


def test_minibatch_training_is_seeded_and_learns():
    m = module("torch", CASES[1])
    _, X, Y = batch(CASES[1], n=12)
    X, Y = torch.tensor(X), torch.tensor(Y)
    runs = []
    for _ in range(2):
        net = m.Net(seed=2)
        history = m.train(net, X, Y, epochs=30, lr=0.5, momentum=0.9, batch_size=5, seed=7)
        runs.append((history, [p.detach().clone() for p in net.parameters()]))
    assert runs[0][0] == runs[1][0] and all(torch.equal(a, b) for a, b in zip(runs[0][1], runs[1][1]))
    assert runs[0][0][-1] < runs[0][0][0] - 0.02  # soft targets: the floor is their entropy
    other = m.train(m.Net(seed=2), X, Y, epochs=30, lr=0.5, momentum=0.9, batch_size=5, seed=8)
    assert other != runs[0][0]  # the seed orders the minibatches


def test_cli_refuses_elementwise_and_a_missing_torch(tmp_path, capsys, monkeypatch):
    out = tmp_path / "m.py"
    assert main(["generate", "2-3-1", "--backend", "torch", "--style", "elementwise", "-o", str(out)]) == 2
    assert "matrix" in capsys.readouterr().err and not out.exists()
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a)
    )
    assert main(["generate", "2-3-1", "--backend", "torch", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "symprop[torch]" in err[0] and not out.exists()
    monkeypatch.undo()
    assert main(["generate", "2-3-1", "--backend", "torch", "-o", str(out)]) == 0
    assert "--backend torch" in out.read_text()


DDP_LAUNCHER = textwrap.dedent(
    """
    import json, multiprocessing, os, sys
    import torch
    import torch._dynamo.utils  # what DDP's constructor imports: once here, not in each rank
    import torch.distributed as dist

    sys.path.insert(0, os.environ["MODULE_DIR"])
    m = __import__(os.environ["MODULE_NAME"])
    data = json.loads(open(os.environ["DATA"]).read())
    X = torch.tensor(data["X"], dtype=torch.float64)
    Y = torch.tensor(data["Y"], dtype=torch.float64)


    def rank_main(rank):
        torch.set_num_threads(1)
        dist.init_process_group("gloo", rank=rank, world_size=2)
        net = m.Net(seed=3)
        ddp = torch.nn.parallel.DistributedDataParallel(net)
        half = X.shape[0] // 2
        rows = slice(rank * half, (rank + 1) * half)
        ddp(X[rows], Y[rows]).backward()  # DDP all-reduces the derived gradients (their mean)
        grads = {k: p.grad.tolist() for k, p in net.params().items()}
        opt = torch.optim.SGD(ddp.parameters(), lr=0.5)
        for _ in range(3):  # a few DDP training steps: the replicas stay equal
            opt.zero_grad()
            ddp(X[rows], Y[rows]).backward()
            opt.step()
        after = {k: p.tolist() for k, p in net.params().items()}
        with open(os.environ["OUT"] + str(rank), "w") as handle:
            handle.write(json.dumps({"grads": grads, "after": after}))
        dist.barrier()
        os._exit(0)  # a forked rank: no interpreter teardown (it hung once in destroy/exit)


    if __name__ == "__main__":
        ranks = [multiprocessing.get_context("fork").Process(target=rank_main, args=(r,)) for r in range(2)]
        for p in ranks:
            p.start()
        for p in ranks:
            p.join(90)
        for p in ranks:
            if p.exitcode is None:
                p.kill()
        codes = [p.exitcode for p in ranks]
        sys.exit(3 if None in codes else max(abs(c) for c in codes))
    """
)


@pytest.mark.slow
def test_distributed_data_parallel_averages_to_the_full_batch(tmp_path):
    case = CASES[1]
    m = module("torch", case)
    _, X, Y = batch(case, n=12)
    (tmp_path / "data.json").write_text(json.dumps({"X": X.tolist(), "Y": Y.tolist()}))
    (tmp_path / "launch.py").write_text(DDP_LAUNCHER)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "MASTER_ADDR": "127.0.0.1",
        "MASTER_PORT": str(port),
        "WORLD_SIZE": "2",
        "MODULE_DIR": os.path.dirname(m.__file__),
        "MODULE_NAME": m.__name__,
        "DATA": str(tmp_path / "data.json"),
        "OUT": str(tmp_path / "out"),
        "OMP_NUM_THREADS": "1",
    }
    run = subprocess.run(
        [sys.executable, str(tmp_path / "launch.py")], env=env, capture_output=True, text=True, timeout=180
    )
    assert run.returncode == 0, run.stderr
    results = [json.loads((tmp_path / f"out{r}").read_text()) for r in range(2)]
    net = m.Net(seed=3)
    net(torch.tensor(X), torch.tensor(Y)).backward()
    full = {k: p.grad.numpy() for k, p in net.params().items()}
    for r in range(2):
        assert_close({k: np.array(v) for k, v in results[r]["grads"].items()}, full)
    assert results[0]["after"] == results[1]["after"]


@pytest.mark.parametrize("lib", ["torch", "jax"])
def test_generated_lines_fit_the_width(lib):
    # the command line's device default, the data errors and jax's init loop were 101-115 wide
    for case in CASES:
        for style in ("matrix",):
            text = backend(lib).render(derivation(case), style, "float64", "")
            long = [line for line in text.splitlines() if len(line) > 100]
            assert not long, (case, style, long[:3])


def test_adam_with_weight_decay_on_the_weights_only():
    """train(optimizer='adam', weight_decay=λ) = Adam on ∂L/∂θ + λW for weights, + 0 for biases,
    written out here with the module's backward and torch.optim.Adam without weight decay."""
    case = CASES[1]
    m = module("torch", case)
    params, X, Y = batch(case, n=12)
    X, Y, lam = torch.tensor(X), torch.tensor(Y), 0.05
    net, ref = m.Net(seed=1), m.Net(seed=1)
    history = m.train(net, X, Y, 25, 0.02, optimizer="adam", weight_decay=lam)
    opt = torch.optim.Adam(ref.parameters(), lr=0.02)
    for _ in range(25):
        opt.zero_grad()
        ref(X, Y).backward()
        with torch.no_grad():
            for key, p in ref.params().items():
                if key.startswith("W"):
                    p.grad += lam * p
        opt.step()
    assert len(history) == 25 and history[-1] < history[0]
    for key, p in net.params().items():
        torch.testing.assert_close(p, ref.params()[key], rtol=1e-12, atol=1e-12)
    plain = m.Net(seed=1)
    m.train(plain, X, Y, 25, 0.02, optimizer="adam")
    assert not torch.equal(plain.W1, net.W1) and not torch.equal(plain.b1, net.b1)


def test_ctrl_c_stops_at_the_epoch_end_and_writes_the_weights(tmp_path):
    out = tmp_path / "w.json"
    _, stdout, _, epoch = interrupted_run(module("torch", CASES[0]), out, 0.5)
    assert epoch > 0 and f"after {epoch} epochs" in stdout
    weights = json.loads(out.read_text())
    assert weights["arch"] == "2-3-1" and all(math.isfinite(v) for v in np.ravel(weights["W1"]))
