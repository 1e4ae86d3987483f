"""Generated training modules, imported from disk as users will (issue 4)."""

from __future__ import annotations

import ast
import importlib.util
import random
import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from numeric import central_differences

from codegen.lambdify import lambdify
from codegen.module import render_module
from symbolic.backprop import derive
from symbolic.check import expanded, random_point
from symbolic.spec import network

ROOT = Path(__file__).resolve().parent.parent

# (arch, activation, loss, naming, style)
COMBOS = [
    ("2-3-1", "sigmoid", "half_se", "seed", "auto"),
    ("2-3-1", "sigmoid", "half_se", "layered", "matrix"),
    ("3-4-4-2", "tanh", "cce", "layered", "auto"),
    ("3-4-4-2", "tanh", "cce", "layered", "matrix"),
    ("4-8-1", "relu", "bce", "layered", "auto"),
    ("4-8-1", "relu", "bce", "layered", "matrix"),
    ("2-5-3", "softplus", "mse", "layered", "auto"),
    ("2-3-2-1", "leaky_relu", "half_se", "layered", "auto"),
    ("2-3-2-1", "leaky_relu", "half_se", "layered", "matrix"),
    ("2-3-1", "z/(1+exp(-z))", "half_se", "layered", "auto"),
    ("2-3-1", "tanh", "(out - y)**4/4", "layered", "elementwise"),
    ("3-4-2", "sigmoid,softmax", "half_se", "layered", "elementwise"),
    ("12-20-3", "relu", "cce", "layered", "auto"),  # matrix by auto
    # matrix style for every built-in activation and loss, and the general route it falls back to
    ("2-5-3", "softplus", "mse", "layered", "matrix"),
    ("3-4-2", "identity", "half_se", "layered", "matrix"),
    ("3-4-2", "sigmoid,identity", "mse", "layered", "matrix"),
    ("3-4-2", "tanh", "mse", "layered", "matrix"),
    ("3-4-2", "relu,leaky_relu", "half_se", "layered", "matrix"),
    ("3-4-1", "softplus", "bce", "layered", "matrix"),
    ("3-4-2", "sigmoid,softmax", "half_se", "layered", "matrix"),
    ("2-3-1", "z/(1+exp(-z))", "half_se", "layered", "matrix"),
    ("2-3-2", "tanh,z/(1+exp(-z))", "(out - y)**2/2", "layered", "matrix"),
    ("2-3-1", "tanh", "(out - y)**4/4", "layered", "matrix"),
]


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(
    tmp_path,
    arch,
    act="sigmoid",
    loss="half_se",
    naming="layered",
    style="auto",
    dtype="float64",
    scalar=None,
):
    d = derive(network(arch, act, loss, naming=naming), scalar=scalar)
    path = tmp_path / f"net_{abs(hash((arch, act, loss, naming, style, dtype)))}.py"
    path.write_text(render_module(d, style, dtype), encoding="utf-8")
    return d, load_module(path), path


def data(m, n=7, seed=0, onehot=False):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m.N_IN))
    Y = np.eye(m.N_OUT)[rng.integers(0, m.N_OUT, n)] if onehot else rng.random((n, m.N_OUT))
    return X, Y


@pytest.mark.parametrize("combo", COMBOS, ids=["/".join(c) for c in COMBOS])
def test_gradients_match_central_differences(tmp_path, combo):
    d, m, _ = generate(tmp_path, *combo)
    X, Y = data(m, onehot=combo[2] == "cce")
    params = m.init_params(1)
    value, grads = m.value_and_gradients(params, X, Y)
    assert value == pytest.approx(m.loss(params, X, Y))
    g = m._flat(grads)[0]
    assert g.shape == (d.spec.n_params,)
    fd = central_differences(m, params, X, Y)
    for i in range(m.N_PARAMS):
        assert g[i] == pytest.approx(fd[i], rel=1e-5, abs=1e-7), i


@pytest.mark.parametrize(
    "combo", [COMBOS[0], COMBOS[1], COMBOS[6], COMBOS[9], COMBOS[10]], ids=lambda c: "/".join(c)
)
def test_gradients_equal_lambdified_derivation(tmp_path, combo):
    """Each gradient at a random point equals sympy.lambdify of the expanded sheet gradient."""
    d, m, _ = generate(tmp_path, *combo)
    point = random_point(d, random.Random(3))
    x = np.array([[float(point[s]) for s in d.inputs]])
    y = np.array([[float(point[s]) for s in d.targets]])
    values = np.array([float(point[p]) for p in d.params])  # sheet order, each W row by row
    params = m._unflatten(
        m._flat({key: values[start:stop].reshape(shape) for key, start, stop, shape in m._SLICES})[0]
    )
    grads = m.gradients(params, x, y)
    grads = np.concatenate([grads[key].ravel() for key, _ in m.LAYOUT])
    symbols = list(d.inputs + d.targets + d.params)
    values = [float(point[s]) for s in symbols]
    for i, p in enumerate(d.params):
        f = sp.lambdify(symbols, expanded(d, d.gradient(p).rhs), "numpy")
        assert grads[i] == pytest.approx(f(*values), rel=1e-9, abs=1e-12), p


def test_lambdify_route_equals_the_file(tmp_path):
    d, m, _ = generate(tmp_path, "3-4-2", "tanh", "mse")
    ns = lambdify(d)
    X, Y = data(m)
    params = m.init_params(4)
    a, b = m._flat(m.gradients(params, X, Y))[0], ns._flat(ns.gradients(params, X, Y))[0]
    assert np.array_equal(a, b)
    assert "symprop" in ns.__file__


def test_seed_trains_xor_below_001(tmp_path):
    _, m, _ = generate(tmp_path, "2-3-1", naming="seed")
    X, Y = m.XOR
    params, history = m.train(X, Y, epochs=2000, lr=2.0, seed=0)
    assert history[-1] < history[0]
    assert m.loss(params, X, Y) < 0.01


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_optimizers_minibatches_and_weight_decay(tmp_path, optimizer):
    _, m, _ = generate(tmp_path, "2-4-1", "tanh", "bce")
    rng = np.random.default_rng(0)
    X = rng.standard_normal((64, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    lr = {"sgd": 0.5, "momentum": 0.1, "adam": 0.05}[optimizer]
    a, h1 = m.train(X, Y, 200, batch_size=16, lr=lr, optimizer=optimizer, seed=3, weight_decay=1e-3)
    b, h2 = m.train(X, Y, 200, batch_size=16, lr=lr, optimizer=optimizer, seed=3, weight_decay=1e-3)
    assert h1 == h2 and h1[-1] < h1[0]  # seeded shuffling: reproducible
    assert all(np.array_equal(a[k], b[k]) for k in a)


def test_save_load_round_trip_and_other_architecture(tmp_path):
    _, m, _ = generate(tmp_path, "2-3-1")
    _, other, _ = generate(tmp_path, "2-4-1")
    params = m.init_params(5)
    m.save(params, tmp_path / "w.npz")
    back = m.load(tmp_path / "w.npz")
    assert all(np.array_equal(params[k], back[k]) for k in params)
    other.save(other.init_params(0), tmp_path / "o.npz")
    with pytest.raises(ValueError, match="2-4-1"):
        m.load(tmp_path / "o.npz")


@pytest.mark.parametrize(
    "combo",
    [
        ("2-3-1", "sigmoid", "half_se"),
        ("2-3-1", "sigmoid", "bce"),
        ("3-4-3", "tanh", "cce"),
        ("2-3-1", "softplus", "mse"),
        ("2-3-1", "relu", "bce"),
        ("3-4-3", "sigmoid", "cce"),
        # user formulas: exp patterns rewritten into σ and softplus
        ("2-3-1", "z/(1+exp(-z))", "half_se"),
        ("2-3-1", "tanh,identity", "log(1 + exp(-(2*y - 1)*out))"),
        # every built-in activation, hidden and output
        ("3-4-2", "leaky_relu", "half_se"),
        ("3-4-2", "relu", "mse"),
        ("3-4-2", "identity", "half_se"),
        ("3-4-2", "tanh", "mse"),
        ("3-4-2", "softplus", "half_se"),
        ("3-4-2", "sigmoid", "mse"),
    ],
)
@pytest.mark.parametrize("style", ["elementwise", "matrix"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_stable_for_huge_z(tmp_path, combo, style, dtype):
    """|z| up to 1e4: no overflow/invalid/divide warning, no NaN, in both dtypes."""
    _, m, _ = generate(tmp_path, *combo, style=style, dtype=dtype)
    X = np.array([[1.0] * m.N_IN, [-1.0] * m.N_IN, [0.5] * m.N_IN], dtype=m.DTYPE)
    Y = (
        np.eye(m.N_OUT, dtype=m.DTYPE)[[0, m.N_OUT - 1, 0]]
        if combo[2] == "cce"
        else np.array([[1.0] * m.N_OUT, [0.0] * m.N_OUT, [1.0] * m.N_OUT], dtype=m.DTYPE)
    )
    for sign in (1.0, -1.0):
        params = m.init_params(0)
        for key in params:
            params[key][...] = sign * 5e3 / m.N_IN * np.sign(params[key] + 1e-3)
        with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
            warnings.simplefilter("error")
            value, grads = m.value_and_gradients(params, X, Y)
            out = m.forward(params, X)
        assert np.isfinite(value) and np.isfinite(out).all()
        assert all(np.isfinite(g).all() and g.dtype == m.DTYPE for g in grads.values())


@pytest.mark.parametrize("style", ["elementwise", "matrix"])
def test_sigmoid_prime_does_not_cancel(tmp_path, style):
    """σ′(30) ≈ 9.4e-14 keeps its digits (σ(z)·σ(−z), not σ(z)·(1 − σ(z)))."""
    _, m, _ = generate(tmp_path, "1-1-1", "sigmoid,identity", "half_se", style=style)
    params = m.init_params(0)
    params["W1"][...], params["b1"][...] = 1.0, 30.0
    params["W2"][...], params["b2"][...] = 1.0, 0.0
    grads = m.gradients(params, np.zeros((1, 1)), np.zeros((1, 1)))
    s = 1 / (1 + np.exp(-30.0))
    exact = s * (1 / (1 + np.exp(30.0))) * s  # δ_out = out - y = σ(30); times σ′(30)
    assert grads["b1"][0] == pytest.approx(exact, rel=1e-12)


def test_float32_module(tmp_path):
    _, m, _ = generate(tmp_path, "4-8-3", "relu", "cce", dtype="float32")
    X, Y = data(m, onehot=True)
    value, grads = m.value_and_gradients(m.init_params(0), X.astype(np.float32), Y.astype(np.float32))
    assert all(g.dtype == np.float32 for g in grads.values())


@pytest.mark.parametrize(
    "combo",
    [
        ("4-8-3", "relu", "cce"),
        ("3-5-2", "tanh,sigmoid", "bce"),
        ("4-8-3", "softplus", "mse"),
        ("4-8-3", "leaky_relu,sigmoid", "half_se"),
        ("4-8-3", "sigmoid,identity", "half_se"),
    ],
)
def test_float32_step_has_no_float64_intermediates(tmp_path, combo):
    """Every array the matrix step makes stays float32 (a float64 upcast doubles its traffic)."""
    _, m, _ = generate(tmp_path, *combo, style="matrix", dtype="float32")
    X, Y = data(m, onehot=combo[2] == "cce")
    seen = {}

    def trace(frame, event, arg):
        if frame.f_globals is vars(m):
            seen.update(
                {
                    (frame.f_code.co_name, k): v.dtype
                    for k, v in frame.f_locals.items()
                    if isinstance(v, np.ndarray | np.generic)
                }
            )
        return trace

    sys.settrace(trace)
    try:
        m.value_and_gradients(m.init_params(0), X.astype(np.float32), Y.astype(np.float32))
    finally:
        sys.settrace(None)
    assert seen and {k: v for k, v in seen.items() if v != np.float32} == {}


def test_lint_compile_no_sympy_determinism(tmp_path):
    texts = []
    for combo in COMBOS[:4]:
        _, _, path = generate(tmp_path, *combo)
        text = path.read_text()
        assert "sympy" not in text and "import numpy as np" in text
        subprocess.run([sys.executable, "-m", "py_compile", str(path)], check=True)
        texts.append(text)
    again = [render_module(derive(network(a, b, c, naming=n)), s) for a, b, c, n, s in COMBOS[:4]]
    assert again == texts
    # ruff is a test extra: installed with this interpreter, whatever PATH says
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--line-length",
            "100",
            "--select",
            "E,F,W,B,I",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def run_module(path, *args, cwd):
    return subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_module_command_line(tmp_path):
    _, _, path = generate(tmp_path, "2-3-1", naming="seed")
    ok = run_module(path, "--epochs", "300", "--out", "w.npz", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "epoch 300/300" in ok.stdout and "final loss" in ok.stdout
    assert (tmp_path / "w.npz").exists()
    (tmp_path / "good.csv").write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    ok = run_module(path, "--data", "good.csv", "--epochs", "5", "--quiet", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    np.savez(tmp_path / "d.npz", X=np.zeros((3, 2)), Y=np.ones((3, 1)))
    assert run_module(path, "--data", "d.npz", "--epochs", "2", cwd=tmp_path).returncode == 0


def test_module_command_line_bad_input(tmp_path):
    _, _, path = generate(tmp_path, "2-3-1", naming="seed")
    _, other, _ = generate(tmp_path, "2-4-1")
    other.save(other.init_params(0), tmp_path / "other.npz")
    (tmp_path / "cols.csv").write_text("0,0\n1,1\n")
    (tmp_path / "text.csv").write_text("0,0,0\n0,abc,1\n")
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "w.npz").write_bytes(b"keep me")
    cases = [
        (["--bogus"], "unrecognized"),
        (["--data", "cols.csv"], "columns"),
        (["--data", "text.csv"], "'abc' is not a number"),
        (["--data", "empty.csv"], "no data"),
        (["--data", "missing.csv"], "does not exist"),
        (["--init", "other.npz"], "2-4-1"),
    ]
    for args, message in cases:
        result = run_module(path, *args, "--out", "w.npz", cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, (
            args,
            result.stderr,
        )
        assert (tmp_path / "w.npz").read_bytes() == b"keep me"


def test_diverging_run_keeps_last_good_weights(tmp_path):
    _, _, path = generate(tmp_path, "2-3-1", "identity", "half_se")
    result = run_module(path, "--lr", "1e12", "--epochs", "50", "--out", "w.npz", cwd=tmp_path)
    assert result.returncode == 1 and "diverged" in result.stderr
    with np.load(tmp_path / "w.npz") as weights:
        assert all(np.isfinite(weights[k]).all() for k in ("W1", "b1", "W2", "b2"))


def test_symprop_generate_cli(tmp_path):
    def symprop(*args):
        return subprocess.run(
            [sys.executable, "-m", "codegen.cli", *args], capture_output=True, text=True, cwd=ROOT
        )

    out = tmp_path / "train_net.py"
    ok = symprop("generate", "2-3-1", "--activation", "sigmoid", "--loss", "half_se", "-o", str(out))
    assert ok.returncode == 0, ok.stderr
    first = out.read_bytes()
    again = symprop("generate", "2-3-1", "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    forced = symprop(
        "generate", "2-3-1", "--activation", "sigmoid", "--loss", "half_se", "-o", str(out), "--force"
    )
    assert forced.returncode == 0 and out.read_bytes() == first
    bad = symprop("generate", "2-x-1", "-o", str(tmp_path / "bad.py"))
    assert bad.returncode == 2 and not (tmp_path / "bad.py").exists()
    m = load_module(out)
    assert m.STYLE == "elementwise" and m.ARCH == "2-3-1"


@pytest.mark.parametrize("combo", [COMBOS[0], COMBOS[6], COMBOS[7], COMBOS[10]], ids=lambda c: "/".join(c))
def test_rows_chunks_and_whole_batch_agree(tmp_path, combo):
    """Elementwise modules: the Python-float rows path (few rows), the array path and the
    array path in several chunks give the same loss and gradients."""
    _, m, _ = generate(tmp_path, *combo)
    X, Y = data(m, n=10, seed=2)
    params = m.init_params(2)
    results = []
    for rows, chunk in ((16, 8192), (0, 8192), (0, 3)):
        m.ROWS, m.CHUNK = rows, chunk
        value, grads = m.value_and_gradients(params, X, Y)
        results.append((value, m._flat(grads)[0]))
    for value, g in results[1:]:
        assert value == pytest.approx(results[0][0], rel=1e-12)
        assert np.allclose(g, results[0][1], rtol=1e-10, atol=1e-14)


TRANSCENDENTAL = ("exp", "expm1", "log", "log1p", "logaddexp", "tanh", "power")
# exp/log/tanh passes per element of a layer's z that a tight matrix step needs, per activation
PASSES = {"sigmoid": 1, "tanh": 1, "relu": 0, "leaky_relu": 0, "softplus": 2, "identity": 0}


class _CountingNumpy:
    """Stands in for a module's `np`: counts the elements each transcendental function is given."""

    def __init__(self):
        self.counts = dict.fromkeys(TRANSCENDENTAL, 0)

    def __getattr__(self, name):
        f = getattr(np, name)
        if name not in TRANSCENDENTAL:
            return f

        def counted(*args, **kwargs):
            self.counts[name] += max(np.size(a) for a in args)
            return f(*args, **kwargs)

        return counted


@pytest.mark.parametrize("act", sorted(PASSES))
@pytest.mark.parametrize("loss", ["half_se", "mse"])
def test_matrix_step_computes_each_activation_with_one_transcendental_pass(tmp_path, act, loss):
    """Matrix style: f and f′ of a built-in activation share their exp (σ: one capped exp for σ
    and σ′; softplus: exp and log1p), the loss adds none, and np.logaddexp (slow) is not used."""
    # the module reads the delta (matrix) form only: the 2165 parameters' factor lists (2 s to
    # build) do not change a character of it
    _, m, _ = generate(tmp_path, "30-40-20-5", act, loss, style="matrix", dtype="float32", scalar=False)
    X, Y = (a.astype(np.float32) for a in data(m, n=16))
    counting = _CountingNumpy()
    m.np = counting
    try:
        m.value_and_gradients(m.init_params(0), X, Y)
    finally:
        m.np = np
    elements = sum(counting.counts.values())
    assert counting.counts["logaddexp"] == 0
    assert elements <= PASSES[act] * 16 * (40 + 20 + 5), counting.counts


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_matrix_layout_column_major_weights_keep_the_contract(tmp_path, dtype):
    """float32 matrix modules store each W column by column (X @ W.T is then a plain GEMM),
    float64 ones row by row; either way W[i, j] is the sheet's W_ij whatever arrays the caller
    passes: the module's own views, plain arrays, or row-major views into one vector of the
    right size (not to be taken for its own), and save/load round-trips."""
    _, m, _ = generate(tmp_path, "4-6-3", "tanh", "mse", style="matrix", dtype=dtype)
    X, Y = (a.astype(m.DTYPE) for a in data(m, n=9))
    own = m.init_params(3)
    assert own["W1"].flags.f_contiguous == (dtype == "float32") != own["W1"].flags.c_contiguous
    plain = {key: np.array(value, order="C") for key, value in own.items()}
    flat_c = np.concatenate([plain[key].ravel() for key, _ in m.LAYOUT])
    views = {key: flat_c[start:stop].reshape(shape) for key, start, stop, shape in m._SLICES}
    expected = None
    for params in (own, plain, views):
        grads = m.gradients(params, X, Y)
        m.step(params, grads, m.init_state("sgd", 0.1))
        after = {key: np.array(params[key]) for key, _ in m.LAYOUT}
        if expected is None:
            expected = after
        rtol = 1e-5 if dtype == "float32" else 1e-12
        assert all(np.allclose(after[key], expected[key], rtol=rtol) for key in after)
    m.save(own, tmp_path / "w.npz")
    back = m.load(tmp_path / "w.npz")
    assert all(np.array_equal(own[key], back[key]) for key, _ in m.LAYOUT)
    assert back["W1"].flags.f_contiguous == (dtype == "float32")


@pytest.mark.parametrize("combo", COMBOS, ids=["/".join(c) for c in COMBOS])
def test_every_assigned_value_is_used(combo):
    """No function of a generated module computes a value it never reads (forward made f′)."""
    d = derive(network(combo[0], combo[1], combo[2], naming=combo[3]))
    text = render_module(d, combo[4])
    for func in ast.walk(ast.parse(text)):
        if not isinstance(func, ast.FunctionDef):
            continue
        stored = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        read = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        read |= {
            n.target.id
            for n in ast.walk(func)  # x += ... reads x
            if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)
        }
        unused = {name for name in stored - read if not name.startswith("_")}
        assert not unused, f"{func.name} computes {sorted(unused)} and never uses them"
    forward = next(f for f in ast.parse(text).body if getattr(f, "name", "") == "forward")
    assert "_prime" not in ast.unparse(forward)


ELEMENTWISE = [c for c in COMBOS if c[4] != "matrix" and c[0] != "12-20-3"]  # (auto: matrix)


@pytest.mark.parametrize("combo", ELEMENTWISE, ids=["/".join(c) for c in ELEMENTWISE])
def test_each_sheet_label_is_printed_once(combo):
    """The Python-float rows path runs the chunk loop's lines; their labels stand there only."""
    text = render_module(derive(network(combo[0], combo[1], combo[2], naming=combo[3])), combo[4])
    assert "Code style: elementwise" in text
    labels = re.findall(r"^ *# ((?:delta|dL/d)\S*):", text, flags=re.M)
    assert labels and len(labels) == len(set(labels)), sorted(labels)


@pytest.mark.parametrize("style", ["elementwise", "matrix"])
@pytest.mark.parametrize("loss", ["(out-y)**4/4", "mse", "half_se"])
def test_seed_naming_in_both_styles_with_any_loss(tmp_path, style, loss):
    # with --naming seed the output unit is called out: its local factor dL/dout (in y_T) shared
    # the name of the rule dL/dout (in y), and the matrix module printed y_T: NameError at run time
    d, m, _ = generate(tmp_path, "2-3-1", "sigmoid", loss, naming="seed", style=style)
    X, Y = data(m)
    params = m.init_params(3)
    g = m._flat(m.gradients(params, X, Y))[0]
    fd = central_differences(m, params, X, Y)
    assert np.allclose(g, fd, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize(
    "arch, act, loss, style",
    [
        ("3-4-12", "sigmoid", "cce", "elementwise"),
        ("3-7-8", "tanh", "bce", "elementwise"),
        ("3-4-12", "relu", "cce", "matrix"),
    ],
)
def test_generated_lines_fit_the_width(arch, act, loss, style):
    # a hidden delta's sum inside f'(z)*(...) and a loss of many outputs in the docstring were
    # printed on one line of up to 190 characters
    text = render_module(derive(network(arch, act, loss)), style)
    long = [line for line in text.splitlines() if len(line) > 100]
    assert not long, long[:3]
