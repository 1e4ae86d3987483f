"""--shared-bias: one bias per layer, shared by its units (b1 = 0.35 for both of Mazur's hidden
units). Spec, naming, derivation (∂L/∂b⁽ˡ⁾ = Σᵢ δ⁽ˡ⁾ᵢ as a sum of path products), the NumPy
module in both styles, and the worked numbers, each against an independent route."""

from __future__ import annotations

import importlib.util
import json
import math
import random

import numpy as np
import pytest
import sympy as sp
from numeric import central_differences

from codegen.cli import main
from codegen.module import render_module
from symbolic import check
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.worked import evaluate_at, point_toml, random_point_for, read_point

# (arch, activation, loss, naming, style, dtype)
MODULES = [
    ("2-2-2", "sigmoid", "half_se", "layered", "elementwise", "float64"),
    ("2-2-2", "sigmoid", "half_se", "layered", "matrix", "float64"),
    ("2-3-1", "sigmoid", "half_se", "seed", "elementwise", "float64"),
    ("3-4-4-2", "tanh", "cce", "layered", "elementwise", "float64"),
    ("3-4-4-2", "tanh", "cce", "layered", "matrix", "float64"),
    ("4-5-1", "relu", "bce", "layered", "matrix", "float64"),
    ("2-3-2-1", "leaky_relu", "mse", "layered", "elementwise", "float64"),
    ("2-3-2", "softplus,z/(1+exp(-z))", "(out - y)**4/4", "layered", "matrix", "float64"),
    ("3-4-2", "sigmoid,softmax", "half_se", "layered", "matrix", "float64"),
    ("2-3-1", "tanh", "half_se", "layered", "elementwise", "float32"),
    ("3-4-2", "relu", "cce", "layered", "matrix", "float32"),
]


def load(tmp_path, d, style, dtype, tag=""):
    path = tmp_path / f"net_{style}_{dtype}{tag}.py"
    path.write_text(render_module(d, style, dtype), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def batch(m, cce, n=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m.N_IN))
    Y = np.eye(m.N_OUT)[rng.integers(0, m.N_OUT, n)] if cce else rng.random((n, m.N_OUT))
    return X, Y


def nonzero_biases(m, params, seed=5):
    rng = np.random.default_rng(seed)
    for key in params:
        if key.startswith("b"):
            params[key][...] = rng.uniform(-0.5, 0.5, params[key].shape)
    return params


def test_spec_naming_and_parameter_count():
    d = derive(network("2-2-2", shared_bias=True))
    assert d.spec.shared_bias and d.spec.n_params == 4 + 1 + 4 + 1
    assert "shared-bias" in d.spec.describe()
    assert network("2-2-2").n_params == 12 and "shared" not in network("2-2-2").describe()
    for layer in d.layers:
        assert layer.shared_bias and layer.b.shape == (1, 1) and layer.db.shape == (1, 1)
        (b,) = d.biases(layer.index)
        assert d.naming.names[b].code == f"b{layer.index}"
        assert d.naming.names[b].latex == f"b^{{({layer.index})}}"
    # z_i = Σ_j W_ij a_j + b for every unit of the layer: the same bias symbol in each sum
    b1 = d.biases(1)[0]
    assert all(eq.terms[-1] == b1 for eq in d.of_kind("forward") if eq.layer == 1 and eq.terms)
    assert [str(p) for p in d.params][-1] == "b2" and len(d.params) == d.spec.n_params
    seed = derive(network("2-3-1", naming="seed", shared_bias=True))
    assert [str(s) for s in seed.params if str(s).startswith("b")] == ["b1", "b2"]
    assert seed.symbol("b4") == seed.symbol("b2")  # the seed's name of the output bias
    with pytest.raises(SympropError):
        network("2-2-2", shared_bias="yes")


def test_bias_gradient_is_the_sum_of_its_paths():
    d = derive(network("2-3-2", "tanh", "mse", shared_bias=True))
    nm = d.naming
    for layer in d.layers:
        b = d.biases(layer.index)[0]
        eq = d.gradient(b)
        assert len(eq.paths) == layer.size
        deltas = [nm.delta(layer.index, i) for i in range(1, layer.size + 1)]
        assert eq.compact == sp.Add(*deltas)
        assert len(eq.factors) == 1 and eq.factors[0].kind == "sum"
        for i, path in enumerate(eq.paths, start=1):
            assert path[-1].num == nm.z(layer.index, i) and path[-1].den == b and path[-1].value == 1
        assert eq.rhs == sp.Add(*[sp.Mul(*[f.value for f in path]) for path in eq.paths])
    db = d["matrix db1"]
    assert isinstance(db.rhs, sp.MatMul) and isinstance(db.rhs.args[0], sp.OneMatrix)


@pytest.mark.parametrize(
    "net",
    [("2-2-2", "sigmoid", "half_se", "layered"), ("2-2-1", "relu", "bce", "layered")],
    ids=lambda n: "/".join(n),
)
def test_every_gradient_equals_sympy_diff_of_the_expanded_loss(net):
    """Exactly (rational cancellation), the chain-rule sum and the delta form 1ᵀδ."""
    d = derive(network(*net[:3], naming=net[3], shared_bias=True))
    loss = check.expanded_loss(d)
    explicit = check.explicit_delta_form(d)
    assert set(explicit) == set(d.params)
    for p in d.params:
        truth = sp.diff(loss, p)
        assert check.exact_zero(check.expanded(d, d.gradient(p).rhs) - truth), p
        assert check.exact_zero(check.expanded(d, explicit[p]) - truth), p


@pytest.mark.parametrize(
    "net",
    [
        ("2-3-1", "sigmoid", "half_se", "seed"),
        ("1-2-2-1", "tanh", "mse", "layered"),
        ("2-2-3", "sigmoid", "(out - y)**4/4", "layered"),
        ("2-3-3", "softplus", "cce", "layered"),
    ],
    ids=lambda n: "/".join(n),
)
def test_every_gradient_equals_central_differences_at_50_digits(net):
    """Deeper and wider nets: the chain-rule sum, its compact Σδ and 1ᵀδ against the loss."""
    d = derive(network(*net[:3], naming=net[3], shared_bias=True))
    explicit = check.explicit_delta_form(d)
    point = check.random_point(d, random.Random(5))
    for p in d.params:
        fd = check.central_difference(d, p, point)
        for route in (d.gradient(p).rhs, d.gradient(p).compact, explicit[p]):
            ours = check.evaluate(check.expanded(d, route), point)
            assert abs(ours - fd) < sp.Float("1e-25") * (1 + abs(fd)), (p, ours, fd)


@pytest.mark.parametrize("combo", MODULES, ids=["/".join(c) for c in MODULES])
def test_module_gradients_match_central_differences(tmp_path, combo):
    arch, act, loss, naming, style, dtype = combo
    d = derive(network(arch, act, loss, naming=naming, shared_bias=True))
    m = load(tmp_path, d, style, dtype)
    assert all(m._unflatten(np.zeros(m.N_PARAMS))[f"b{la.index}"].shape == (1,) for la in d.layers)
    assert m.N_PARAMS == d.spec.n_params
    X, Y = batch(m, loss == "cce")
    params = nonzero_biases(m, m.init_params(1))
    if dtype == "float32":  # the float32 module against its float64 twin, then that against FD
        twin = load(tmp_path, d, style, "float64", "_twin")
        p64 = twin._unflatten(np.zeros(twin.N_PARAMS))  # by name: float32 keeps W column-major
        for key in params:
            p64[key][...] = params[key]
        g32 = m._flat(m.gradients(params, X.astype(np.float32), Y.astype(np.float32)))[0]
        assert g32.dtype == np.float32
        g64 = twin.gradients(p64, X, Y)
        g32 = np.concatenate(
            [m.gradients(params, X.astype(np.float32), Y.astype(np.float32))[k].ravel() for k in g64]
        )
        g64 = np.concatenate([g.ravel() for g in g64.values()])
        assert np.allclose(g32, g64, rtol=2e-4, atol=2e-5 * np.abs(g64).max())
        m, params = twin, p64
    g = m._flat(m.gradients(params, X, Y))[0]
    fd = central_differences(m, params, X, Y)
    assert g.shape == (d.spec.n_params,)
    np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize(
    "combo",
    [
        ("2-2-2", "sigmoid", "half_se", "layered", "elementwise"),
        ("2-2-2", "sigmoid", "half_se", "layered", "matrix"),
        ("2-3-1", "tanh", "bce", "seed", "elementwise"),
        ("1-2-2-1", "softplus", "mse", "layered", "matrix"),
    ],
    ids=lambda c: "/".join(c),
)
def test_module_gradients_equal_lambdified_sympy_diff(tmp_path, combo):
    """Each module gradient at a random point equals SymPy's diff of the expanded loss."""
    arch, act, loss, naming, style = combo
    d = derive(network(arch, act, loss, naming=naming, shared_bias=True))
    m = load(tmp_path, d, style, "float64")
    point = check.random_point(d, random.Random(11))
    x = np.array([[float(point[s]) for s in d.inputs]])
    y = np.array([[float(point[s]) for s in d.targets]])
    values = np.array([float(point[p]) for p in d.params])  # sheet order: W row by row, then b
    params = m._unflatten(values.copy())
    if style == "matrix":  # flat order may differ (column-major W in float32 only): set by name
        params = m._unflatten(np.zeros(m.N_PARAMS))
        k = 0
        for key, shape in m.LAYOUT:
            size = int(np.prod(shape))
            params[key][...] = values[k : k + size].reshape(shape)
            k += size
    grads = m.gradients(params, x, y)
    flat = np.concatenate([grads[key].ravel() for key, _ in m.LAYOUT])
    loss_expr = check.expanded_loss(d)
    symbols = list(d.inputs + d.targets + d.params)
    at = [float(point[s]) for s in symbols]
    for i, p in enumerate(d.params):
        f = sp.lambdify(symbols, sp.diff(loss_expr, p), "numpy")
        assert flat[i] == pytest.approx(f(*at), rel=1e-9, abs=1e-12), p


def test_module_save_load_and_step(tmp_path):
    d = derive(network("2-2-2", shared_bias=True))
    m = load(tmp_path, d, "elementwise", "float64")
    params = nonzero_biases(m, m.init_params(3))
    assert np.all(params["b1"] == params["b1"][0])
    path = tmp_path / "w.npz"
    m.save(params, str(path))
    back = m.load(str(path))
    assert back["b1"].shape == (1,) and np.array_equal(back["b1"], params["b1"])
    X, Y = batch(m, False)
    grads = m.gradients(params, X, Y)
    before = params["b2"].copy()
    m.step(params, grads, m.init_state("sgd", lr=0.5))
    assert params["b2"] == pytest.approx(before - 0.5 * grads["b2"])
    # weights of a per-unit-bias net do not load into the shared-bias module
    other = load(tmp_path, derive(network("2-2-2")), "elementwise", "float64", "_unshared")
    path2 = tmp_path / "w2.npz"
    other.save(other.init_params(0), str(path2))
    with pytest.raises(m.WeightsError, match=r"a 2-2-2 network, this module trains 2-2-2 \(shared bias\)"):
        m.load(str(path2))


# --------------------------------------------------------------------------- worked numbers

MAZUR = """eta = 0.5
x = [0.05, 0.10]
y = [0.01, 0.99]
W1 = [[0.15, 0.20], [0.25, 0.30]]
b1 = 0.35
W2 = [[0.40, 0.45], [0.50, 0.55]]
b2 = [0.60]
"""


def published(printed: float, text: str) -> bool:
    decimals = len(text.split(".")[1])
    return abs(printed - float(text)) <= 0.5 * 10**-decimals + 1e-15


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_mazur_with_shared_bias_reproduces_his_numbers(tmp_path, capsys):
    """Mazur's network as he draws it: b1 = 0.35 for both hidden units, b2 = 0.60 for both
    outputs. His published values, and the bias gradients as the sums of his deltas."""
    path = tmp_path / "mazur.toml"
    path.write_text(MAZUR, encoding="utf-8")
    code, out, err = cli(capsys, "derive", "2-2-2", "--shared-bias", "--at", str(path), "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["shared_bias"] is True and doc["n_params"] == 10
    w = doc["worked"]
    for name, text in [("z1_1", "0.3775"), ("a1_1", "0.593269992"), ("a1_2", "0.596884378")]:
        assert published(w["forward"][name], text), name
    for name, text in [("z2_1", "1.105905967"), ("a2_1", "0.75136507"), ("a2_2", "0.772928465")]:
        assert published(w["forward"][name], text), name
    assert published(w["loss"], "0.298371109")
    deltas = {x["delta"]: x["value"] for x in w["deltas"]}
    assert published(deltas["delta2_1"], "0.138498562")  # his δ_o1
    for name, text in [
        ("W2_1_1", "0.35891648"),
        ("W2_1_2", "0.408666186"),
        ("W2_2_1", "0.511301270"),
        ("W2_2_2", "0.561370121"),
        ("W1_1_1", "0.149780716"),
        ("W1_1_2", "0.19956143"),
        ("W1_2_1", "0.24975114"),
        ("W1_2_2", "0.29950229"),
    ]:
        assert published(w["updated"][name], text), name
    grads = {g["param"]: g for g in w["gradients"]}
    # ∂E/∂b2 = δ_o1 + δ_o2 (he updates no bias): his δ_o1 plus δ_o2 from his factors
    assert published(grads["b2"]["value"] - deltas["delta2_2"], "0.138498562")
    assert published(deltas["delta2_2"], "-0.0380982365")  # = -0.217071535 · 0.175510053, as printed
    assert grads["b2"]["terms"] == pytest.approx([deltas["delta2_1"], deltas["delta2_2"]], abs=1e-15)
    assert grads["b1"]["value"] == pytest.approx(deltas["delta1_1"] + deltas["delta1_2"], abs=1e-15)
    assert w["updated"]["b2"] == pytest.approx(0.60 - 0.5 * grads["b2"]["value"], abs=1e-15)
    code, out, err = cli(capsys, "derive", "2-2-2", "--shared-bias", "--at", str(path), "--only", "worked")
    assert code == 0, err
    assert "∂L/∂b⁽²⁾ = 0.138499 + (-0.0380982) = 0.100400" in out
    assert "b⁽²⁾ = 0.6 − 0.5·0.100400 = 0.549800" in out


@pytest.mark.parametrize(
    "net",
    [
        ("2-2-2", "sigmoid", "half_se", "layered"),
        ("2-3-1", "sigmoid", "half_se", "seed"),
        ("3-4-2", "tanh", "cce", "layered"),
    ],
    ids=lambda n: "/".join(n),
)
def test_worked_numbers_equal_the_module(tmp_path, net):
    d = derive(network(*net[:3], naming=net[3], shared_bias=True))
    point = random_point_for(d, 2)
    assert read_point(point_toml(d, point), d) == point  # b1 = [v] round trips
    w = evaluate_at(d, point)
    m = load(tmp_path, d, "elementwise", "float64")
    params = m._unflatten(np.array([point[p] for p in d.params], dtype=float))
    X = np.array([[point[s] for s in d.inputs]])
    Y = np.array([[point[s] for s in d.targets]])
    flat = m._flat(m.gradients(params, X, Y))[0]
    assert m.loss(params, X, Y) == pytest.approx(w.loss, rel=1e-12, abs=1e-12)
    for k, x in enumerate(w.gradients):
        assert math.isclose(x.value, flat[k], rel_tol=1e-12, abs_tol=1e-12), x.equation.name
        if x.terms:
            assert math.isclose(sum(x.terms), x.value, rel_tol=1e-12, abs_tol=1e-12)
    assert sum(1 for x in w.gradients if x.terms) == d.spec.depth


def test_point_keys_for_a_shared_bias(tmp_path, capsys):
    d = derive(network("2-2-2", shared_bias=True))
    assert read_point(MAZUR, d)[d.biases(1)[0]] == 0.35
    path = tmp_path / "p.toml"
    path.write_text(MAZUR.replace("b1 = 0.35", "b1 = [0.35, 0.35]"), encoding="utf-8")
    code, out, err = cli(capsys, "derive", "2-2-2", "--shared-bias", "--at", str(path))
    assert code == 2 and out == ""
    assert err.startswith("symprop: error:") and "shared" in err and "b1 = 0.35" in err
    seed = derive(network("2-3-1", naming="seed", shared_bias=True))
    text = "eta = 0.5\nx1 = 0.1\nx2 = 0.2\ny_T = 0.5\nW1 = [[1, 2], [3, 4], [5, 6]]\nb1 = 0.1\n"
    text += "w_a = 1\nw_b = 2\nw_c = 3\nb4 = 0.2\n"  # the seed's name of the output bias
    point = read_point(text, seed)
    assert point[seed.symbol("b2")] == 0.2 and point[seed.symbol("b1")] == 0.1


def test_generated_modules_are_lint_clean(tmp_path):
    """No unused names (the matrix style's `ones` is for per-unit biases only), lines <= 100."""
    import subprocess
    import sys

    for k, (arch, act, loss, naming, style) in enumerate(
        [
            ("2-3-1", "sigmoid", "half_se", "seed", "elementwise"),
            ("3-4-4-2", "tanh", "cce", "layered", "matrix"),
            ("2-2-2", "sigmoid", "half_se", "layered", "matrix"),
        ]
    ):
        d = derive(network(arch, act, loss, naming=naming, shared_bias=True))
        (tmp_path / f"m{k}.py").write_text(render_module(d, style, "float32"), encoding="utf-8")
    command = [sys.executable, "-m", "ruff", "check", "--isolated", "--line-length", "100"]
    result = subprocess.run(
        [*command, "--select", "E,F,W,B,I", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("n", [3, 40], ids=["rows", "columns"])
def test_elementwise_rows_and_column_paths_agree_with_central_differences(tmp_path, n):
    """Up to ROWS samples the module runs on Python floats, above it on NumPy columns."""
    d = derive(network("2-3-2", "tanh", "mse", shared_bias=True))
    m = load(tmp_path, d, "elementwise", "float64", f"_{n}")
    assert (n <= m.ROWS) == (n == 3)
    X, Y = batch(m, False, n=n, seed=n)
    params = nonzero_biases(m, m.init_params(2))
    g = m._flat(m.gradients(params, X, Y))[0]
    np.testing.assert_allclose(g, central_differences(m, params, X, Y), rtol=1e-5, atol=1e-7)
