"""`generate --backend jax`: pure functions, a jax.custom_vjp whose backward is the Derivation's
delta rule. Checked against the NumPy module, against jax.grad of the plain forward pass, under
jit, vmap, a lax.fori_loop training loop, and pmap and sharding over two host devices."""

from __future__ import annotations

import ast
import json
import math
import os
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
    jax,
    jnp,
    module,
    numpy_gradients,
    reference_loss,
)


def _arrays(params, X, Y, dtype="float64"):
    return {k: jnp.asarray(v, dtype) for k, v in params.items()}, jnp.asarray(X, dtype), jnp.asarray(Y, dtype)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_gradients_equal_the_numpy_module_and_jax_grad(case):
    m = module("jax", case)
    params, X, Y = batch(case)
    p, Xj, Yj = _arrays(params, X, Y)
    L, grads = m.value_and_grad(p, Xj, Yj)
    L_np, g_np = numpy_gradients(case, params, X, Y)
    assert float(L) == pytest.approx(L_np, rel=1e-12)
    assert_close({k: np.asarray(v) for k, v in grads.items()}, g_np)
    # jax.grad of the module's own forward pass with the loss written out: an independent route
    ref = jax.jit(jax.grad(reference_loss("jax", case)))(p, Xj, Yj)
    assert_close({k: np.asarray(v) for k, v in grads.items()}, {k: np.asarray(v) for k, v in ref.items()})


def test_the_backward_is_the_derived_one():
    """_loss_bwd is what jax.grad runs: a changed line in it changes the gradient."""
    case = CASES[1]
    source = backend("jax").render(derivation(case), "auto", "float64", "")
    assert "@jax.custom_vjp" in source and "_loss.defvjp(_loss_fwd, _loss_bwd)" in source
    assert "# matrix delta1: δ⁽¹⁾ = W⁽²⁾ᵀδ⁽²⁾ ⊙ tanh′(z⁽¹⁾)" in source
    broken = source.replace("db1 = delta1.sum(0)", "db1 = 2 * delta1.sum(0)")
    assert broken != source
    namespace: dict = {}
    exec(compile(broken, "broken.py", "exec"), namespace)
    params, X, Y = batch(case)
    g = namespace["grad"](*_arrays(params, X, Y))
    want = numpy_gradients(case, params, X, Y)[1]
    assert np.allclose(g["b1"], 2 * want["b1"]) and np.allclose(g["W1"], want["W1"])


def test_imports_only_jax_and_the_standard_library_and_is_deterministic():
    for case in CASES:
        text = backend("jax").render(derivation(case), "auto", "float64", "")
        assert text == backend("jax").render(derivation(case), "auto", "float64", "")
        modules = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                modules.add(node.module.split(".")[0])
        assert modules <= {"jax"} | sys.stdlib_module_names, modules - sys.stdlib_module_names


def test_vmap_over_examples_and_over_parameter_sets():
    case = CASES[7]
    m = module("jax", case)
    params, X, Y = batch(case, n=8)
    p, Xj, Yj = _arrays(params, X, Y)
    # per-example gradients (a batch of one each): their mean is the batch gradient
    per = jax.vmap(m.grad, in_axes=(None, 0, 0))(p, Xj[:, None, :], Yj[:, None, :])
    full = numpy_gradients(case, params, X, Y)[1]
    assert_close({k: np.asarray(v).mean(axis=0) for k, v in per.items()}, full)
    one = numpy_gradients(case, params, X[3:4], Y[3:4])[1]
    assert_close({k: np.asarray(v)[3] for k, v in per.items()}, one)
    # a stack of three parameter sets
    sets = [batch(case, n=8, seed=s)[0] for s in range(3)]
    stacked = {k: jnp.stack([jnp.asarray(s[k]) for s in sets]) for k in params}
    many = jax.vmap(m.grad, in_axes=(0, None, None))(stacked, Xj, Yj)
    for i, s in enumerate(sets):
        assert_close({k: np.asarray(v)[i] for k, v in many.items()}, numpy_gradients(case, s, X, Y)[1])


@pytest.mark.slow
def test_fori_loop_training_is_jitted_and_equals_python_steps():
    case = CASES[0]
    m = module("jax", case)
    p = m.init_params(0, "float64")
    X, Y = (jnp.asarray(a, "float64") for a in m.XOR)
    trained, history = m.train(p, X, Y, 40, 2.0)
    state = (p, p, jnp.zeros((), jnp.int32))
    lowered = m._epochs.lower(p, state, X, Y, 40, 2.0, 0.0, 0.0, 40, "sgd").as_text()
    assert "while" in lowered  # the steps are one compiled loop, not Python
    q = p
    for _ in range(40):
        q = m.step(q, X, Y, 2.0)
    assert_close(
        {k: np.asarray(v) for k, v in trained.items()}, {k: np.asarray(v) for k, v in q.items()}, 1e-9
    )
    assert float(history[0]) > float(history[-1]) > float(m.loss(trained, X, Y))
    # momentum: one step of v = g, p -= lr v, then v = 0.9 v + g
    two, _ = m.train(p, X, Y, 2, 0.5, 0.9)
    g0 = m.grad(p, X, Y)
    p1 = jax.tree.map(lambda a, g: a - 0.5 * g, p, g0)
    g1 = m.grad(p1, X, Y)
    p2 = jax.tree.map(lambda a, u, v: a - 0.5 * (0.9 * u + v), p1, g0, g1)
    assert_close({k: np.asarray(v) for k, v in two.items()}, {k: np.asarray(v) for k, v in p2.items()})


@pytest.mark.parametrize("case", [CASES[0], CASES[1], CASES[2], CASES[4], CASES[6]], ids=lambda c: c[1])
def test_no_nan_at_large_pre_activations(case):
    """|z| up to 1e4: capped exps, softplus and cross-entropies from logits stay finite."""
    m = module("jax", case)
    params, X, Y = batch(case)  # the shapes of the first test: its compiled gradient is reused
    p, Xj, Yj = _arrays(params, X, Y)
    p = {k: v * (1e4 / (1.0 + float(jnp.abs(v).max()))) for k, v in p.items()}
    L, g = m.value_and_grad(p, Xj * 10, Yj)
    assert np.isfinite(float(L)) and all(np.isfinite(np.asarray(v)).all() for v in g.values())


@pytest.mark.slow
def test_command_line(tmp_path, capsys):
    case = CASES[0]
    m = module("jax", case)
    out = tmp_path / "w.json"
    assert m.main(["--data", "xor", "--epochs", "300", "--lr", "2", "--out", str(out)]) == 0
    final = float(capsys.readouterr().out.split()[2])
    assert final < 0.1 and json.loads(out.read_text())["arch"] == "2-3-1"
    X, Y = (jnp.asarray(a, "float64") for a in m.XOR)
    assert float(m.loss(m.load(out), X, Y)) == pytest.approx(final, rel=1e-6)
    assert m.main(["--data", "xor", "--epochs", "1", "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err


def test_float32_follows_the_data():
    params, X, Y = batch(CASES[2])
    g = module("jax", CASES[2]).grad(*_arrays(params, X, Y, "float32"))
    assert all(v.dtype == jnp.float32 for v in g.values())
    assert_close({k: np.asarray(v) for k, v in g.items()}, numpy_gradients(CASES[2], params, X, Y)[1], 1e-5)


def test_cli_refuses_a_missing_jax(tmp_path, capsys, monkeypatch):
    import importlib.util

    out = tmp_path / "m.py"
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "jax" else real(name, *a)
    )
    assert main(["generate", "3-4-2", "--loss", "cce", "--backend", "jax", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "symprop[jax]" in err[0] and not out.exists()


DEVICES = textwrap.dedent(
    """
    import json, os, sys
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    from jax.sharding import Mesh, NamedSharding, PartitionSpec
    sys.path.insert(0, os.environ["MODULE_DIR"])
    m = __import__(os.environ["MODULE_NAME"])
    data = json.loads(open(os.environ["DATA"]).read())
    p = {k: jnp.asarray(v) for k, v in data["params"].items()}
    X, Y = jnp.asarray(data["X"]), jnp.asarray(data["Y"])
    assert jax.device_count() == 2, jax.devices()
    # pmap: each device the gradient of its half, then their mean across devices
    halves = lambda A: A.reshape(2, A.shape[0] // 2, A.shape[1])
    pgrad = jax.pmap(lambda p, X, Y: jax.lax.pmean(m.grad(p, X, Y), "d"), axis_name="d", in_axes=(None, 0, 0))
    pm = {k: v[0].tolist() for k, v in pgrad(p, halves(X), halves(Y)).items()}
    # sharding: the batch split over a mesh of the two devices, one jitted gradient
    mesh = Mesh(jax.devices(), ("batch",))
    rows = NamedSharding(mesh, PartitionSpec("batch", None))
    Xs, Ys = jax.device_put(X, rows), jax.device_put(Y, rows)
    sh = {k: v.tolist() for k, v in m.grad(p, Xs, Ys).items()}
    print(json.dumps({"pmap": pm, "sharded": sh, "sharding": str(Xs.sharding)}))
    """
)


@pytest.mark.slow
def test_pmap_and_sharding_on_two_host_devices(tmp_path):
    case = CASES[1]
    m = module("jax", case)
    params, X, Y = batch(case, n=12)
    (tmp_path / "data.json").write_text(
        json.dumps({"params": {k: v.tolist() for k, v in params.items()}, "X": X.tolist(), "Y": Y.tolist()})
    )
    (tmp_path / "devices.py").write_text(DEVICES)
    env = {
        **os.environ,
        "XLA_FLAGS": "--xla_force_host_platform_device_count=2",
        "MODULE_DIR": os.path.dirname(m.__file__),
        "MODULE_NAME": m.__name__,
        "DATA": str(tmp_path / "data.json"),
    }
    run = subprocess.run(
        [sys.executable, str(tmp_path / "devices.py")], env=env, capture_output=True, text=True, timeout=180
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    want = numpy_gradients(case, params, X, Y)[1]
    assert_close({k: np.array(v) for k, v in result["pmap"].items()}, want)
    assert_close({k: np.array(v) for k, v in result["sharded"].items()}, want)
    assert "batch" in result["sharding"]


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_train_follows_the_numpy_module_with_weight_decay(optimizer):
    """Full-batch SGD or Adam with an L2 penalty on the weights only: the JAX module's chunked
    train and the NumPy module's train take the same steps from the same start."""
    case = CASES[1]
    m, ref = module("jax", case), module("numpy", case)
    params, X, Y = batch(case, n=10)
    lr = 0.05 if optimizer == "adam" else 0.5
    start = {k: jnp.asarray(v) for k, v in params.items()}
    ours, history = m.train(start, jnp.asarray(X), jnp.asarray(Y), 30, lr, 0.0, optimizer, 0.1)
    theirs, ref_history = ref.train(
        X, Y, 30, None, lr, optimizer, 0, 0.1, params={k: v.copy() for k, v in params.items()}
    )
    assert_close({k: np.asarray(v) for k, v in ours.items()}, theirs, 1e-10)
    np.testing.assert_allclose(np.asarray(history), ref_history, rtol=1e-10)
    plain, _ = m.train(start, jnp.asarray(X), jnp.asarray(Y), 30, lr, 0.0, optimizer, 0.0)
    assert not np.allclose(np.asarray(plain["W1"]), np.asarray(ours["W1"]))
    assert not np.allclose(np.asarray(plain["b1"]), np.asarray(ours["b1"]))  # through the weights


def test_ctrl_c_stops_between_chunks_and_writes_the_weights(tmp_path):
    out = tmp_path / "w.json"
    _, stdout, _, epoch = interrupted_run(module("jax", CASES[0]), out, 1.0)
    assert epoch > 0 and f"after {epoch} epochs" in stdout
    weights = json.loads(out.read_text())
    assert weights["arch"] == "2-3-1" and all(math.isfinite(v) for v in np.ravel(weights["W1"]))
