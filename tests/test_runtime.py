"""The static part of the generated modules (codegen/module/runtime/), exercised directly.

The runtime is a small training module of its own (a 2-1 linear model in its stub parts): its
optimizers are checked against closed-form least-squares solutions, its weights files, data
reading and command line as a user meets them, and the generated modules against its text.
"""

import ast
import importlib.util
import sys

import numpy as np
import pytest
from numeric import central_differences

from codegen.module import RUNTIME, render_module, runtime_parts
from codegen.module.runtime import cli as rio
from codegen.module.runtime import train as rt
from symbolic.backprop import derive
from symbolic.spec import network


def _regression(n=64, seed=5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 2))
    Y = X @ np.array([[1.5], [-0.75]]) + 0.25 + 0.1 * rng.standard_normal((n, 1))
    return X, Y


def _ridge(X, Y, lam):
    """Minimizer of mean ½(out − y)² + ½ λ |W|² (no decay on the bias), by the normal equations."""
    A = np.hstack([X, np.ones((len(X), 1))])
    theta = np.linalg.solve(A.T @ A / len(X) + lam * np.diag([1.0, 1.0, 0.0]), A.T @ Y / len(X))
    return theta[:2, 0], theta[2, 0]


def test_the_stub_model_gradients_match_central_differences():
    X, Y = _regression(9)
    params = rt.init_params(2)
    value, grads = rt.value_and_gradients(params, X, Y)
    g = rt._flat(grads)[0]
    assert value == pytest.approx(0.5 * np.mean((rt.forward(params, X) - Y) ** 2))
    fd = central_differences(rt, params, X, Y)
    for i in range(rt.N_PARAMS):
        assert g[i] == pytest.approx(fd[i], rel=1e-6, abs=1e-9)


@pytest.mark.parametrize(
    "optimizer, lr, epochs", [("sgd", 0.5, 400), ("momentum", 0.1, 400), ("adam", 0.05, 3000)]
)
@pytest.mark.parametrize("lam", [0.0, 0.3])
def test_optimizers_reach_the_ridge_solution(optimizer, lr, epochs, lam):
    X, Y = _regression()
    params, history = rt.train(X, Y, epochs=epochs, lr=lr, optimizer=optimizer, weight_decay=lam)
    w, b = _ridge(X, Y, lam)
    assert np.allclose(params["W1"][0], w, atol=2e-4) and params["b1"][0] == pytest.approx(b, abs=2e-4)
    assert len(history) == epochs and history[-1] < history[0]


def test_minibatches_are_seeded_and_training_diverges_cleanly():
    X, Y = _regression()
    runs = [rt.train(X, Y, epochs=20, batch_size=10, lr=0.1, seed=3)[0] for _ in range(2)]
    assert np.array_equal(rt._flat(runs[0])[0], rt._flat(runs[1])[0])
    with pytest.raises(rt.Diverged) as err:
        rt.train(X * 1e3, Y, epochs=50, lr=10.0)
    assert np.isfinite(rt._flat(err.value.params)[0]).all()


def test_save_load_round_trip_and_refusals(tmp_path):
    params = rt.init_params(4)
    path = tmp_path / "w.npz"
    rio.save(params, path)
    loaded = rio.load(path)
    assert all(np.array_equal(loaded[k], params[k]) for k, _ in rt.LAYOUT)
    assert rt._flat(loaded)[1]  # views into one flat vector, ready for `step`
    with pytest.raises(rio.WeightsError, match="already exists"):
        rio.save(params, path)
    rio.save(rt.init_params(5), path, force=True)
    assert not np.array_equal(rio.load(path)["W1"], params["W1"])
    np.savez(tmp_path / "other.npz", arch=np.array("3-1"), W1=np.zeros((1, 3)), b1=np.zeros(1))
    with pytest.raises(rio.WeightsError, match="3-1 network, this module trains 2-1"):
        rio.load(tmp_path / "other.npz")
    (tmp_path / "junk.npz").write_text("not a zip")
    with pytest.raises(rio.WeightsError, match="cannot read weights"):
        rio.load(tmp_path / "junk.npz")
    (tmp_path / "link.npz").symlink_to(path)
    for target, problem in (
        (tmp_path, "a folder"),
        (tmp_path / "link.npz", "symbolic link"),
        (tmp_path / "no" / "w.npz", "no such folder"),
    ):
        with pytest.raises(rio.WeightsError, match=problem):
            rio.check_target(str(target), force=True)
    with pytest.raises(rio.WeightsError, match="it is the input"):
        rio.check_target(str(path), True, inputs=(str(path),))


def test_read_data_names_the_problem(tmp_path):
    good = tmp_path / "d.csv"
    good.write_text("x1,x2,y\n0,0,0\n0,1,1\n\n1,0,1\n")
    X, Y = rio.read_data(str(good))
    assert X.shape == (3, 2) and Y[:, 0].tolist() == [0, 1, 1]
    cases = {
        "a.csv": ("0,0,0\n0,x,1\n", "line 2: 'x' is not a number"),
        "b.csv": ("0,0\n", "line 1: 2 columns, 2-1 needs 3"),
        "c.csv": ("0,0,0\n1,nan,1\n", "line 2, column 2 is nan"),
        "d.npz": (None, "has no array Y"),
    }
    np.savez(tmp_path / "d.npz", X=np.zeros((2, 2)))
    for name, (text, problem) in cases.items():
        if text is not None:
            (tmp_path / name).write_text(text)
        with pytest.raises(rio.UsageError, match=problem):
            rio.read_data(str(tmp_path / name))
    np.savez(tmp_path / "obj.npz", X=np.array([{}], dtype=object), Y=np.zeros((1, 1)))
    with pytest.raises(rio.UsageError, match="object array"):
        rio.read_data(str(tmp_path / "obj.npz"))


def test_main_trains_writes_and_refuses(tmp_path, capsys):
    data, out = tmp_path / "d.csv", tmp_path / "w.npz"
    data.write_text("0,0,0\n0,1,1\n1,0,1\n1,1,2\n")
    assert rio.main(["--data", str(data), "--epochs", "300", "--lr", "0.5", "--out", str(out)]) == 0
    assert rio.load(out)["W1"] == pytest.approx(np.array([[1.0, 1.0]]), abs=1e-3)
    assert "epoch 300/300" in capsys.readouterr().out
    assert rio.main(["--data", str(data), "--lr", "-1"]) == 2
    assert rio.main(["--data", str(data), "--out", str(data), "--force"]) == 2
    assert "--lr -1.0 is out of range" in capsys.readouterr().err


@pytest.mark.parametrize(
    "style, dtype", [("elementwise", "float64"), ("matrix", "float32"), ("matrix", "float64")]
)
def test_generated_modules_hold_the_runtime_verbatim(tmp_path, style, dtype):
    text = render_module(derive(network("3-4-2", "tanh", "mse")), style, dtype)
    parts = runtime_parts()
    assert set(parts) == {"layout", "params", "loss", "checks", "train", "weights", "cli"}
    positions = [text.index(body) for body in parts.values()]  # each verbatim, in file order
    assert positions == sorted(positions)
    assert 'ARCH = "2-1"' not in text and "symprop runtime:" not in text
    # what the runtime imports (standard library and NumPy only), the module imports too
    imports = [
        node
        for path in RUNTIME
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Import)
    ]
    for node in imports:
        for alias in node.names:
            assert alias.name in sys.stdlib_module_names or alias.name == "numpy"
            line = f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
            assert f"\n{line}\n" in text
    path = tmp_path / "net.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(f"rt_{style}_{dtype}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # load puts every W back in the order the flat vector keeps it (float32: column by column)
    params = module.init_params(3)
    module.save(params, tmp_path / "w.npz")
    loaded = module.load(tmp_path / "w.npz")
    assert module._flat(loaded)[1]
    assert np.array_equal(module._flat(loaded)[0], module._flat(params)[0])
    assert all(np.array_equal(loaded[k], params[k]) for k, _ in module.LAYOUT)
