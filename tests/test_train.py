"""`symprop train`: trains the generated module, keeps the last good weights, writes the curve."""

import contextlib
import importlib.util
import io
import sys

import numpy as np
import pytest

from codegen import progress
from codegen.cli import main as symprop

NET = ["2-3-1", "--naming", "seed"]


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = symprop(argv)
    return status, out.getvalue(), err.getvalue()


def module_for(tmp_path):
    target = tmp_path / "m.py"
    assert symprop(["generate", *NET, "-o", str(target)]) == 0
    spec = importlib.util.spec_from_file_location("train_test_module", target)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_trains_xor_and_writes_weights_and_curve(tmp_path):
    weights, plot = tmp_path / "w.npz", tmp_path / "loss.png"
    status, out, err = run(
        ["train", *NET, "--epochs", "2000", "--lr", "2", "--out", str(weights), "--plot", str(plot)]
    )
    assert status == 0, err
    final = float(out.split("final loss ")[1].split()[0])
    assert final < 0.01
    module = module_for(tmp_path)
    params = module.load(weights)
    X, Y = module.XOR
    assert module.loss(params, X, Y) == pytest.approx(final, rel=1e-5)
    history = np.loadtxt(tmp_path / "loss.csv", delimiter=",", skiprows=1)
    assert history.shape == (2000, 2) and history[-1, 1] == pytest.approx(final, rel=1e-2)
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "epoch 2000/2000" in err


def test_without_matplotlib_the_csv_is_still_written(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    status, _, err = run(["train", *NET, "--epochs", "20", "--plot", str(tmp_path / "l.png")])
    assert status == 0
    assert "pip install" in err and "matplotlib" in err
    assert (tmp_path / "l.csv").exists() and not (tmp_path / "l.png").exists()


def test_ctrl_c_keeps_the_last_finished_epoch(tmp_path, monkeypatch):
    original = progress.Progress.update

    def interrupt(self, epoch, loss):
        if epoch == 50:
            raise KeyboardInterrupt
        original(self, epoch, loss)

    monkeypatch.setattr(progress.Progress, "update", interrupt)
    weights = tmp_path / "w.npz"
    status, _, err = run(
        ["train", *NET, "--epochs", "1000", "--out", str(weights), "--plot", str(tmp_path / "l.png")]
    )
    assert status == 130
    assert "stopped at epoch" in err
    module = module_for(tmp_path)
    params = module.load(weights)
    # the weights are those of the last finished epoch: 50 epochs from the same start
    expected, history = module.train(*module.XOR, epochs=49 + 1, lr=2.0)
    assert np.allclose(module._flat(params)[0], module._flat(expected)[0])
    assert len(np.loadtxt(tmp_path / "l.csv", delimiter=",", skiprows=1)) == 50


def test_divergence_exits_1_and_keeps_good_weights(tmp_path):
    weights = tmp_path / "w.npz"
    status, _, err = run(
        [
            "train",
            "2-8-1",
            "-a",
            "identity",
            "--output-activation",
            "identity",
            "--data",
            "moons",
            "--epochs",
            "200",
            "--lr",
            "1e6",
            "--out",
            str(weights),
        ]
    )
    assert status == 1 and "diverged" in err
    with np.load(weights) as data:
        assert all(np.isfinite(data[k]).all() for k in ("W1", "b1", "W2", "b2"))


@pytest.mark.parametrize("data", ["moons", "circles"])
def test_builtin_sets_are_learnable(data):
    status, out, err = run(
        [
            "train",
            "2-8-1",
            "-a",
            "tanh",
            "--loss",
            "bce",
            "--data",
            data,
            "--optimizer",
            "adam",
            "--lr",
            "0.05",
            "--epochs",
            "400",
        ]
    )
    assert status == 0, err
    assert float(out.split("final loss ")[1].split()[0]) < 0.2


def test_csv_data(tmp_path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 3))
    y = (X.sum(axis=1) > 0).astype(float)
    np.savetxt(tmp_path / "d.csv", np.c_[X, y], delimiter=",", header="a,b,c,label", comments="")
    status, out, err = run(
        ["train", "3-4-1", "--loss", "bce", "--data", str(tmp_path / "d.csv"), "--epochs", "300", "--lr", "1"]
    )
    assert status == 0, err
    assert float(out.split("final loss ")[1].split()[0]) < 0.3


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_backend_c_trains_the_same_trajectory(tmp_path, monkeypatch, optimizer):
    monkeypatch.setenv("SYMPROP_CACHE_DIR", str(tmp_path / "cache"))
    common = ["train", *NET, "--epochs", "300", "--lr", "0.5", "--optimizer", optimizer]
    status, out, err = run([*common, "--out", str(tmp_path / "numpy.npz")])
    assert status == 0, err
    status, out_c, err_c = run([*common, "--backend", "c", "--out", str(tmp_path / "c.npz")])
    assert status == 0 and "backend c" in err_c and "NumPy twin" not in err_c, err_c
    assert list((tmp_path / "cache").glob("*.so")), "the C kernel was not compiled"
    a, b = np.load(tmp_path / "numpy.npz"), np.load(tmp_path / "c.npz")
    assert a.files == b.files
    for key in a.files:
        if a[key].dtype.kind == "f":
            np.testing.assert_allclose(b[key], a[key], rtol=1e-10, atol=1e-12)
        else:
            assert (a[key] == b[key]).all(), key
    assert out_c.split("final loss ")[1].split()[0] == out.split("final loss ")[1].split()[0]


def test_backend_c_without_a_compiler_says_so_and_trains(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMPROP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CC", str(tmp_path / "no-such-cc"))
    status, out, err = run(["train", *NET, "--epochs", "50", "--backend", "c"])
    assert status == 0 and "final loss" in out
    assert "no-such-cc" in err and "NumPy twin" in err


def test_backend_without_the_numpy_api_is_refused(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        run(["train", *NET, "--backend", "torch"])
    assert exit_.value.code == 2
