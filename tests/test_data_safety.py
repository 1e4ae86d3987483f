"""No output over an input, no writing through links or onto device nodes, modes as any program
gives them, and a second Ctrl-C while `symprop train` writes loses nothing."""

import contextlib
import importlib.util
import io
import os
import signal
import stat
import subprocess
import sys
import tempfile

import numpy as np
import pytest

from codegen import progress
from codegen.cli import main as symprop
from codegen.writer import check_writable
from symbolic.errors import SympropError

NET = ["2-3-1", "--naming", "seed"]
XOR_CSV = "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = symprop(argv)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def umask(mask):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def load_module(path, name="safety_module"):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(XOR_CSV)
    return path


# -- symprop: outputs never over inputs ----------------------------------------------------------


@pytest.mark.parametrize(
    "flags",
    [["--plot", "{d}.png"], ["--out", "{d}.csv"], ["--plot", "{d}.csv"], ["--out", "{t}/./../{n}/d.csv"]],
)
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_train_never_writes_over_its_data(data, flags, force):
    d, t, n = str(data.with_suffix("")), str(data.parent), data.parent.name
    argv = [
        "train",
        *NET,
        "--data",
        str(data),
        "--epochs",
        "5",
        *[f.format(d=d, t=t, n=n) for f in flags],
        *force,
    ]
    status, _, err = run(argv)
    assert status == 2, err
    assert "is the input" in err or "both be" in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert data.read_text() == XOR_CSV
    assert sorted(p.name for p in data.parent.iterdir()) == ["d.csv"]


def test_train_refuses_a_hard_link_to_its_data(data):
    os.link(data, data.parent / "h.csv")
    status, _, err = run(
        ["train", *NET, "--data", str(data), "--epochs", "5", "--plot", str(data.parent / "h.png"), "--force"]
    )
    assert status == 2 and "is the input" in err, err
    assert data.read_text() == XOR_CSV


@pytest.mark.tex
def test_outputs_that_are_one_file_are_refused(tmp_path):
    status, _, err = run(["sheet", *NET, "-o", str(tmp_path / "s.pdf"), "--pdf"])
    assert status == 2 and "both be" in err, err
    assert list(tmp_path.iterdir()) == []


# -- symprop: only regular files are replaced ---------------------------------------------------


def test_symlink_is_refused_even_with_force(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.txt"
    link.symlink_to(victim)
    status, _, err = run(["derive", *NET, "-o", str(link), "--force"])
    assert status == 2 and "symbolic link" in err and str(victim) in err, err
    assert link.is_symlink() and victim.read_text() == "precious"


def test_device_node_is_refused_even_with_force():
    # the check alone (nothing is written), so that a regression cannot replace /dev/null
    with pytest.raises(SympropError, match="character device"):
        check_writable("/dev/null", force=True)


def test_fifo_is_refused_even_with_force(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    status, _, err = run(["generate", *NET, "-o", str(fifo), "--force"])
    assert status == 2 and "FIFO" in err, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- symprop: modes ------------------------------------------------------------------------------


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_honour_the_umask(tmp_path, mask, mode):
    with umask(mask):
        assert run(["derive", *NET, "-o", str(tmp_path / "d.txt")])[0] == 0
        assert (
            run(
                [
                    "train",
                    *NET,
                    "--epochs",
                    "3",
                    "--out",
                    str(tmp_path / "w.npz"),
                    "--plot",
                    str(tmp_path / "l.png"),
                ]
            )[0]
            == 0
        )
    for name in ("d.txt", "w.npz", "l.csv", "l.png"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == mode, name


def test_force_keeps_the_mode_of_the_replaced_file(tmp_path):
    target = tmp_path / "train_net.py"
    target.write_text("old")
    target.chmod(0o755)
    weights = tmp_path / "w.npz"
    weights.write_text("old")
    weights.chmod(0o640)
    with umask(0o077):
        assert run(["generate", *NET, "-o", str(target), "--force"])[0] == 0
        assert run(["train", *NET, "--epochs", "3", "--out", str(weights), "--force"])[0] == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o755 and target.read_text() != "old"
    assert stat.S_IMODE(os.stat(weights).st_mode) == 0o640 and weights.read_bytes()[:2] == b"PK"


# -- symprop train: a second Ctrl-C while writing ------------------------------------------------


def test_second_ctrl_c_while_writing_keeps_every_output(tmp_path, monkeypatch):
    original_update, original_mkstemp = progress.Progress.update, tempfile.mkstemp

    def first_ctrl_c(self, epoch, loss):
        if epoch == 50:
            raise KeyboardInterrupt
        original_update(self, epoch, loss)

    def second_ctrl_c(*args, **kwargs):  # a real SIGINT, just before each file is written
        os.kill(os.getpid(), signal.SIGINT)
        return original_mkstemp(*args, **kwargs)

    monkeypatch.setattr(progress.Progress, "update", first_ctrl_c)
    monkeypatch.setattr(tempfile, "mkstemp", second_ctrl_c)
    weights, plot = tmp_path / "w.npz", tmp_path / "l.png"
    status, _, err = run(["train", *NET, "--epochs", "1000", "--out", str(weights), "--plot", str(plot)])
    monkeypatch.setattr(tempfile, "mkstemp", original_mkstemp)
    assert status == 130, err
    assert err.index(f"wrote {weights}") < err.index(f"wrote {plot.with_suffix('.csv')}")
    assert plot.read_bytes()[:4] == b"\x89PNG"
    assert len(np.loadtxt(tmp_path / "l.csv", delimiter=",", skiprows=1)) == 50
    assert symprop(["generate", *NET, "-o", str(tmp_path / "m.py")]) == 0
    module = load_module(tmp_path / "m.py")
    expected, _ = module.train(*module.XOR, epochs=50, lr=2.0)
    assert np.allclose(module._flat(module.load(weights))[0], module._flat(expected)[0])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# -- the generated module's save and --out --------------------------------------------------------


@pytest.fixture(scope="module")
def module_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("module") / "train_net.py"
    assert symprop(["generate", *NET, "-o", str(path)]) == 0
    return path


def run_module(path, *args, cwd, mask=0o022):
    return subprocess.run(
        [sys.executable, str(path), "--epochs", "20", "--quiet", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.umask(mask),
    )


def test_module_out_refuses_links_fifos_and_devices(module_path, tmp_path):
    (tmp_path / "victim.npz").write_text("precious")
    (tmp_path / "link.npz").symlink_to(tmp_path / "victim.npz")
    os.mkfifo(tmp_path / "pipe.npz")
    for target, word in (("link.npz", "symbolic link"), ("pipe.npz", "FIFO"), (".", "folder")):
        result = run_module(module_path, "--out", target, "--force", cwd=tmp_path)
        assert result.returncode == 2 and word in result.stderr, (target, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "victim.npz").read_text() == "precious"
    assert (tmp_path / "link.npz").is_symlink() and stat.S_ISFIFO(os.lstat(tmp_path / "pipe.npz").st_mode)
    # a device node: asked of the check alone, so that a regression cannot replace /dev/null
    m = load_module(module_path, "safety_module_device")
    with pytest.raises(m.WeightsError, match="device node"):
        m.check_target("/dev/null", force=True)


def test_module_out_needs_force_to_replace_and_keeps_the_mode(module_path, tmp_path):
    weights = tmp_path / "w.npz"
    weights.write_text("old")
    weights.chmod(0o751)
    refused = run_module(module_path, "--out", "w.npz", cwd=tmp_path)
    assert refused.returncode == 2 and "--force" in refused.stderr, refused.stderr
    assert weights.read_text() == "old"
    forced = run_module(module_path, "--out", "w.npz", "--force", cwd=tmp_path, mask=0o077)
    assert forced.returncode == 0, forced.stderr
    assert stat.S_IMODE(os.stat(weights).st_mode) == 0o751 and weights.read_bytes()[:2] == b"PK"
    fresh = run_module(module_path, "--out", "new.npz", cwd=tmp_path, mask=0o027)
    assert fresh.returncode == 0, fresh.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "new.npz").st_mode) == 0o640


def test_module_out_never_writes_over_its_inputs(module_path, tmp_path):
    (tmp_path / "d.csv").write_text(XOR_CSV)
    assert run_module(module_path, "--out", "w.npz", cwd=tmp_path).returncode == 0
    before = (tmp_path / "w.npz").read_bytes()
    for args in (
        ["--data", "d.csv", "--out", "d.csv"],
        ["--init", "w.npz", "--out", "w.npz"],
        ["--data", "d.csv", "--out", "./../" + tmp_path.name + "/d.csv"],
    ):
        result = run_module(module_path, *args, "--force", cwd=tmp_path)
        assert result.returncode == 2 and "is the input" in result.stderr, (args, result.stderr)
    assert (tmp_path / "d.csv").read_text() == XOR_CSV
    assert (tmp_path / "w.npz").read_bytes() == before


def test_module_save_refuses_to_replace_without_force(module_path, tmp_path):
    m = load_module(module_path, "safety_module_save")
    params = m.init_params(0)
    m.save(params, tmp_path / "w.npz")
    with pytest.raises(m.WeightsError, match="already exists"):
        m.save(m.init_params(1), tmp_path / "w.npz")
    assert np.allclose(m.load(tmp_path / "w.npz")["W1"], params["W1"])
    m.save(m.init_params(1), tmp_path / "w.npz", force=True)
    assert np.allclose(m.load(tmp_path / "w.npz")["W1"], m.init_params(1)["W1"])


def test_module_second_ctrl_c_while_saving_keeps_the_weights(module_path, tmp_path, monkeypatch):
    m = load_module(module_path, "safety_module_sigint")
    params = m.init_params(3)

    def interrupted(*args, **kwargs):
        raise m.Interrupted(params, 7, [0.5] * 7)

    def second_ctrl_c(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return original_mkstemp(*args, **kwargs)

    original_mkstemp = tempfile.mkstemp
    monkeypatch.setattr(m, "train", interrupted)
    monkeypatch.setattr(tempfile, "mkstemp", second_ctrl_c)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = m.main(["--out", str(tmp_path / "w.npz")])
    monkeypatch.setattr(tempfile, "mkstemp", original_mkstemp)
    assert status == 130 and "kept the weights of epoch 7" in err.getvalue()
    assert np.allclose(m.load(tmp_path / "w.npz")["W1"], params["W1"])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_failed_write_is_one_line_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fchmod", disk_full)
    status, _, err = run(["derive", *NET, "-o", str(tmp_path / "d.txt")])
    monkeypatch.undo()
    assert status == 2 and err == (
        f"symprop: error: cannot write {tmp_path / 'd.txt'}: No space "
        "left on device; check the folder's permissions and free space\n"
    )
    assert list(tmp_path.iterdir()) == []
