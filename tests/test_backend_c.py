"""`--backend c`: the compiled kernel computes what its NumPy twin computes (issue 14).

Gradients equal the `--backend numpy` module's to 1e-12 relative in float64 (each entry, against
its own size plus 1e-3 of the largest gradient: an entry that cancels to about 0 over the rows,
such as a shared softmax-CE bias's Σ(a − y) = 0, carries the rounding of its terms, not of
itself) for every built-in activation and
loss, a formula activation and a formula loss, in both the kernel's loops (a few rows, many rows);
in float32 to 2e-4 of the largest gradient (float32 rounding over a few hundred rows, the
NumPy module's own float32 tolerance). Training equals the twin's trajectory for each optimizer,
full batch and minibatches (losses to 1e-12 relative, parameters to 1e-12 of the largest). And
the kernel is checked against central differences on its own.
"""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from cmodules import derivation, pair
from numeric import central_differences

from codegen.backends.c import render_module as render_c

COMBOS = [  # (arch, activation(s), loss, naming): every built-in activation and loss
    ("2-3-1", "sigmoid", "half_se", "seed"),
    ("3-4-2", "tanh", "mse", "layered"),
    ("2-4-3-1", "relu,leaky_relu,sigmoid", "bce", "layered"),
    ("3-3-3", "softplus,softmax", "cce", "layered"),
    ("2-3-2", "identity,tanh", "half_se", "layered"),
    ("3-4-2", "sigmoid,softmax", "half_se", "layered"),  # softmax without its cce shortcut
    ("2-3-1", "z/(1+exp(-z))", "half_se", "layered"),  # a formula activation
    ("2-3-1", "tanh", "(out - y)**4/4", "layered"),  # a formula loss
]


@pytest.fixture(scope="module", autouse=True)
def cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("SYMPROP_CACHE_DIR", str(tmp_path_factory.mktemp("ccache")))
    mp.delenv("SYMPROP_NO_C", raising=False)
    mp.delenv("CC", raising=False)
    yield
    mp.undo()


def data(m, n, seed=1, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m.N_IN)) * scale
    if m.TARGETS == "one_hot":
        Y = np.eye(m.N_OUT)[rng.integers(0, m.N_OUT, n)]
    else:
        Y = rng.random((n, m.N_OUT))
    return X.astype(m.DTYPE), Y.astype(m.DTYPE)


def flat(m, grads):
    return np.array(m._flat(grads)[0], dtype=np.float64)


def relative(a, b):
    """|a - b| per entry over |b| + 1e-3 of the largest |b| (so 1e-12 of it allows 1e-15 of the
    largest gradient on an entry that cancels to about 0)."""
    return np.abs(a - b) / (np.abs(b) + 1e-3 * np.abs(b).max())


@pytest.mark.parametrize("combo", COMBOS, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def test_gradients_equal_the_numpy_module(tmp_path, capsys, combo):
    c, n = pair(tmp_path, combo)
    assert c.C_SOURCE is not None and c.STYLE == "elementwise"
    params = n.init_params(3)
    for rows in (1, 5, 63, 64, 1000):  # the 4-wide loop below 64 rows, the wide one above
        X, Y = data(c, rows, seed=rows)
        Lc, gc = c.value_and_gradients(params, X, Y)
        Ln, gn = n.value_and_gradients(params, X, Y)
        assert abs(Lc - Ln) <= 1e-12 * abs(Ln)
        assert relative(flat(c, gc), flat(n, gn)).max() <= 1e-12, rows
    assert c._c_kernel() is not None  # the kernel ran, not the twin
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "combo",
    [("2-3-1", "sigmoid", "half_se", "seed", True), ("3-4-3", "tanh,softmax", "cce", "layered", True)],
    ids=["seed", "softmax"],
)
def test_shared_bias_one_per_layer(tmp_path, combo):
    c, n = pair(tmp_path, combo)
    params = n.init_params(4)
    assert params["b1"].shape == (1,) and c.C_SOURCE is not None
    for rows in (3, 200):
        X, Y = data(c, rows, seed=rows)
        Lc, gc = c.value_and_gradients(params, X, Y)
        Ln, gn = n.value_and_gradients(params, X, Y)
        assert abs(Lc - Ln) <= 1e-12 * abs(Ln) and gc["b1"].shape == (1,)
        assert relative(flat(c, gc), flat(n, gn)).max() <= 1e-12
    pc, hc = c.train(X, Y, epochs=50, lr=0.3, weight_decay=0.01, batch_size=64)
    pn, hn = n.train(X, Y, epochs=50, lr=0.3, weight_decay=0.01, batch_size=64)
    assert np.allclose(hc, hn, rtol=1e-12) and np.allclose(flat(c, pc), flat(n, pn), rtol=1e-10, atol=1e-14)


def test_kernel_against_central_differences(tmp_path):
    c, _ = pair(tmp_path, ("2-4-3-1", "relu,leaky_relu,sigmoid", "bce", "layered"))
    params = c.init_params(5)
    X, Y = data(c, 50)
    fd = central_differences(c, params, X, Y)
    assert np.allclose(flat(c, c.gradients(params, X, Y)), fd, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("combo", [COMBOS[0], COMBOS[3]], ids=["sigmoid", "softmax"])
def test_float32_close_at_float32_precision(tmp_path, combo):
    c, n = pair(tmp_path, combo, dtype="float32")
    assert "#define SP_FLOAT32 1" in c.C_SOURCE
    params = n.init_params(2)
    X, Y = data(c, 300)
    Lc, gc = c.value_and_gradients(params, X, Y)
    Ln, gn = n.value_and_gradients(params, X, Y)
    assert gc["W1"].dtype == np.float32
    gc, gn = flat(c, gc), flat(n, gn)
    assert np.abs(gc - gn).max() <= 2e-4 * np.abs(gn).max() and abs(Lc - Ln) <= 1e-5 * abs(Ln)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_training_follows_the_numpy_trajectory(tmp_path, optimizer):
    c, n = pair(tmp_path, COMBOS[0])
    X, Y = data(c, 40, seed=7)
    start = {key: value.astype(np.float32) for key, value in n.init_params(9).items()}  # any dtype
    for batch, given in ((None, None), (7, None), (None, start)):  # minibatches: the twin's order
        kw = dict(epochs=300, lr=0.5, optimizer=optimizer, batch_size=batch, seed=4, weight_decay=1e-3)
        kw["params"] = given
        pc, hc = c.train(X, Y, **kw)
        pn, hn = n.train(X, Y, **kw)
        assert len(hc) == len(hn) == 300
        assert np.allclose(hc, hn, rtol=1e-12, atol=0)
        a, b = flat(c, pc), flat(n, pn)  # Adam drives decayed weights to 1e-8: against the largest
        assert np.abs(a - b).max() <= 1e-12 * np.abs(b).max()


def test_training_logs_and_diverges_like_the_twin(tmp_path):
    c, n = pair(tmp_path, COMBOS[1])
    X, Y = data(c, 30, seed=2)
    logged = []
    c.train(X, Y, epochs=50, lr=0.1, log=lambda e, v: logged.append((e, v)), log_every=20)
    assert [e for e, _ in logged] == [20, 40, 50]
    c, n = pair(tmp_path, ("2-2-1", "identity,identity", "half_se", "layered"))
    big = data(c, 30, seed=2)
    errors = []
    for m in (c, n):
        with pytest.raises(m.Diverged) as err:
            m.train(*big, epochs=200, lr=3.0)
        errors.append(err.value)
        assert np.isfinite(flat(m, err.value.params)).all()
    assert str(errors[0]) == str(errors[1]) and errors[0].epoch == errors[1].epoch
    assert np.allclose(flat(c, errors[0].params), flat(n, errors[1].params), rtol=1e-9)


@pytest.mark.parametrize("combo", COMBOS[:5], ids=lambda c: c[1])
def test_finite_for_z_up_to_1e4(tmp_path, combo):
    c, _ = pair(tmp_path, combo)
    params = c.init_params(0)
    for key in params:
        params[key][...] = np.sign(params[key] + 1e-3) * 1e4 / c.N_IN  # |z| up to about 1e4
    X, Y = data(c, 70)
    X = np.sign(X)
    L, g = c.value_and_gradients(params, X, Y)
    assert np.isfinite(L) and np.isfinite(flat(c, g)).all()


MATRIX = [  # wide layers: the twin's matmuls, each activation's f and f′ in one C pass
    ("12-20-6-3", "sigmoid,tanh,sigmoid", "bce", "layered"),
    ("12-20-6-2", "leaky_relu,softplus,identity", "mse", "layered"),
]


@pytest.mark.parametrize("combo", MATRIX, ids=lambda c: c[1])
def test_matrix_style_runs_the_activations_in_c(tmp_path, capsys, combo):
    c, n = pair(tmp_path, combo)
    assert c.STYLE == "matrix" and c.C_FWD and c.C_SOURCE is not None
    params = n.init_params(1)
    for rows in (1, 64, 301):
        X, Y = data(c, rows)
        Lc, gc = c.value_and_gradients(params, X, Y)
        Ln, gn = n.value_and_gradients(params, X, Y)
        assert abs(Lc - Ln) <= 1e-12 * abs(Ln)
        assert relative(flat(c, gc), flat(n, gn)).max() <= 1e-12
    assert set(c._c_kernel()) == set(c.C_FWD) | {"path"}  # the C activations ran
    z = np.linspace(-1e4, 1e4, 101).reshape(1, -1)  # f and f′ stay finite at |z| = 1e4
    for name in c.C_FWD:
        a, d = getattr(c, f"_{name}_fwd")(z.copy())
        assert np.isfinite(a).all() and np.isfinite(d).all()
    assert capsys.readouterr().err == ""


def test_matrix_style_keeps_numpy_where_c_does_not_win(tmp_path, capsys):
    c, n = pair(tmp_path, ("12-20-3", "relu", "cce", "layered"))
    assert c.STYLE == "matrix" and c.C_SOURCE is None and not c.C_FWD
    params = n.init_params(1)
    X, Y = data(c, 64)
    assert np.array_equal(flat(c, c.gradients(params, X, Y)), flat(n, n.gradients(params, X, Y)))
    assert capsys.readouterr().err == ""


def test_matrix_style_float32(tmp_path):
    c, n = pair(tmp_path, MATRIX[0], dtype="float32")
    assert c.C_FWD == ("sigmoid",)  # float32 tanh: NumPy's is faster
    params = n.init_params(1)
    X, Y = data(c, 256)
    gc, gn = flat(c, c.gradients(params, X, Y)), flat(n, n.gradients(params, X, Y))
    assert np.abs(gc - gn).max() <= 2e-4 * np.abs(gn).max() and c._c_kernel() is not None


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_kernel_compiles_without_warnings(tmp_path, dtype):
    for k, combo in enumerate([COMBOS[0], COMBOS[3], COMBOS[6], COMBOS[7]]):
        source = render_c(derivation(*combo), "auto", dtype)
        ns: dict = {}
        exec(source[source.index("C_SOURCE = ") : source.index("C_PREFIX = ")], ns)
        path = tmp_path / f"k{k}.c"
        path.write_text(ns["C_SOURCE"], encoding="utf-8")
        for flags in (["-march=native", "-DSP_MVEC=1"], ["-DSP_MVEC=0"]):
            run = subprocess.run(
                ["cc", "-std=gnu11", "-O2", "-fopenmp-simd", "-fsyntax-only", "-Wall", "-Wextra", str(path)]
                + flags,
                capture_output=True,
                text=True,
            )
            assert run.returncode == 0 and run.stderr == "", run.stderr


def _code_of(module_text: str) -> tuple[str, str]:
    """(the module's syntax tree with string values blanked, its C without comments and prefix)."""
    import ast
    import re

    tree = ast.parse(module_text)
    source = next(
        n.value.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "C_SOURCE"
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    c = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return ast.dump(tree), re.sub(r"symprop_[0-9a-f]{16}_", "PREFIX_", c)


@pytest.mark.parametrize(
    "payload",
    [
        '*/ int pwned; /* ??/ """; open("/tmp/x", "w"); """ \\ \u2028 \x85 \x1b[31m',
        '(\n*/ exit(1); /*\n"""\n)',
    ],
    ids=["one-line", "multiline"],
)
def test_user_text_stays_in_c_comments(tmp_path, payload):
    def made(comment):
        if comment.startswith("("):  # each line of a multi-line payload is a comment line
            act = "(z*tanh(z) #" + comment[1:-1].replace("\n", "\n#") + "\n)"
        else:
            act = f"z*tanh(z) #{comment}" if comment else "z*tanh(z)"
        return render_c(derivation("2-2-1", act, "half_se"), "elementwise")

    hostile, clean = made(payload), made("")
    assert _code_of(hostile) == _code_of(clean)
    ns: dict = {}
    exec(hostile[hostile.index("C_SOURCE = ") : hostile.index("C_PREFIX = ")], ns)
    path = tmp_path / "k.c"
    path.write_text(ns["C_SOURCE"], encoding="utf-8")
    run = subprocess.run(
        ["cc", "-std=gnu11", "-fopenmp-simd", "-fsyntax-only", "-Wall", "-Wextra", "-Wcomment", str(path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and run.stderr == "", run.stderr


def test_c_comment_cannot_end_or_splice_a_comment():
    from codegen.escape import c_comment

    for text in ["*/ x /*", "a*//*b", "***///", "??/", "???/", "x\ny", "x\u2028y\x85z\\"]:
        out = c_comment(text)
        assert "*/" not in out and "/*" not in out and "??" not in out
        assert len(out.splitlines()) == 1 and out.isprintable()


def test_ctrl_c_keeps_the_last_finished_epoch(tmp_path):
    import os
    import signal

    c, n = pair(tmp_path, COMBOS[0])
    X, Y = data(c, 40, seed=3)

    def ctrl_c(epoch, value):
        if epoch == 20:
            os.kill(os.getpid(), signal.SIGINT)

    got = []
    for m in (c, n):
        with pytest.raises(m.Interrupted) as err:
            m.train(X, Y, epochs=10_000, lr=0.5, log=ctrl_c, log_every=10)
        got.append(err.value)
    assert got[0].epoch == got[1].epoch == 20 and len(got[0].history) == 20
    assert np.allclose(got[0].history, got[1].history, rtol=1e-12)
    a, b = flat(c, got[0].params), flat(n, got[1].params)
    assert np.abs(a - b).max() <= 1e-12 * np.abs(b).max()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_during_a_chunk_keeps_a_consistent_epoch(tmp_path):
    import os
    import signal
    import threading

    c, _ = pair(tmp_path, COMBOS[0])
    X, Y = data(c, 40, seed=3)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(c.Interrupted) as err:
        c.train(X, Y, epochs=50_000_000, lr=0.5)
    timer.join()
    stopped = err.value
    assert 0 < stopped.epoch == len(stopped.history) < 50_000_000
    again, history = c.train(X, Y, epochs=stopped.epoch, lr=0.5)  # the same epochs, uninterrupted
    assert np.array_equal(flat(c, stopped.params), flat(c, again)) and history == stopped.history


def test_generated_module_passes_ruff(tmp_path):
    """The module, its runtime part and the C in its string stay within the NumPy module's rules
    (100 columns: the C's long lines are broken between tokens, its pragmas with backslashes)."""
    import sys

    nets = [  # the NumPy module's own lint test's nets (the twin's text must pass too)
        (COMBOS[0], "auto"),
        (("3-4-4-2", "tanh", "cce", "layered"), "auto"),
        (("2-3-1", "sigmoid", "half_se", "layered"), "matrix"),  # sigmoid in C
    ]
    for k, (combo, style) in enumerate(nets):
        (tmp_path / f"m{k}.py").write_text(render_c(derivation(*combo), style), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--line-length", "100"]
        + ["--select", "E,F,W,B,I", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout


def test_float32_training_stays_close(tmp_path):
    c, n = pair(tmp_path, COMBOS[0], dtype="float32")
    X, Y = data(c, 40, seed=5)
    for optimizer in ("sgd", "adam"):
        kw = dict(epochs=100, lr=0.05, optimizer=optimizer, batch_size=16)
        (pc, hc), (pn, hn) = c.train(X, Y, **kw), n.train(X, Y, **kw)
        a, b = flat(c, pc), flat(n, pn)
        assert pc["W1"].dtype == np.float32
        assert np.abs(a - b).max() <= 1e-4 * np.abs(b).max() and np.allclose(hc, hn, rtol=1e-4)
