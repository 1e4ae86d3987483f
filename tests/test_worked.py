"""Worked numbers (`derive --at`): the Derivation's equations at one point, against the generated
module at that point and against published step-by-step examples (issue: worked numbers)."""

from __future__ import annotations

import importlib.util
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from codegen.cli import main
from codegen.module import render_module
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.worked import arrays, point_toml, random_point_for

# (arch, activation, loss, naming)
NETS = [
    ("2-3-1", "sigmoid", "half_se", "seed"),
    ("2-2-2", "sigmoid", "half_se", "layered"),  # Mazur's network
    ("3-4-2", "tanh", "cce", "layered"),
    ("3-4-2", "relu", "half_se", "layered"),
]

# Mazur's given values, the README's example point
MAZUR = (Path(__file__).resolve().parent.parent / "examples" / "mazur_point.toml").read_text(encoding="utf-8")


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def net_args(arch, act, loss, naming) -> list[str]:
    return [arch, "--activation", act, "--loss", loss, "--naming", naming]


def load_module(d, tmp_path):
    path = tmp_path / "net_module.py"
    path.write_text(render_module(d, "auto", "float64"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("net_module", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def where(d) -> dict:
    """param symbol -> (array name, index) in the module's params."""
    out = {}
    for key, want in arrays(d).items():
        for index in np.ndindex(np.shape(want)):
            cell = want
            for i in index:
                cell = cell[i]
            out[cell] = (key, index)
    return out


def module_route(d, point, tmp_path):
    """(outputs, loss, gradients, params after one step) from the generated module at `point`."""
    m = load_module(d, tmp_path)
    layout = arrays(d)
    params = {k: np.array(v, dtype=float) for k, v in _values(layout, point).items() if k not in "xy"}
    X = np.array([[point[s] for s in layout["x"]]])
    Y = np.array([[point[s] for s in layout["y"]]])
    outputs = m.forward(params, X)[0]
    loss = m.loss(params, X, Y)
    grads = m.gradients(params, X, Y)
    after = {k: v.copy() for k, v in params.items()}
    m.step(after, grads, m.init_state("sgd", lr=point[d.eta]))
    return outputs, loss, grads, after


def _values(want, point):
    if isinstance(want, dict):
        return {k: _values(v, point) for k, v in want.items()}
    if isinstance(want, list):
        return [_values(w, point) for w in want]
    return point[want]


NUMBER = r"-?\d+(?:\.\d*)?(?:e[-+]\d+)?"


def sections(text: str) -> dict[str, list[str]]:
    """The worked example's lines by sub-section ('forward', 'gradients...', ...)."""
    body = text[text.index("Worked example") :].splitlines()[1:]
    out, current = {}, None
    for line in body:
        if line.startswith("  ") and not line.startswith("    "):
            current = line.strip().split(",")[0]
            out[current] = []
        elif line.startswith("    "):
            out[current].append(line.strip())
    return out


def numbers(line: str) -> list[float]:
    rhs = line.split(" = ", 1)[1]
    return [float(t) for t in re.findall(NUMBER, rhs.replace("(", " ").replace(")", " "))]


def close(a, b, tol=1e-12) -> bool:
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


@pytest.mark.parametrize("net", NETS, ids=["/".join(n) for n in NETS])
def test_printed_numbers_equal_the_generated_module(tmp_path, capsys, net):
    d = derive(network(*net[:3], naming=net[3]))
    point = random_point_for(d, 4)  # at seed 4 the relu net's units are partly on, partly off
    path = tmp_path / "point.toml"
    path.write_text(point_toml(d, point), encoding="utf-8")
    outputs, loss, grads, after = module_route(d, point, tmp_path)
    at = where(d)
    zero = sum(1 for p in d.params if grads[at[p][0]][at[p][1]] == 0)
    assert zero < len(d.params) // 2  # a point where most gradients say something

    code, out, err = cli(capsys, "derive", *net_args(*net), "--at", str(path), "--digits", "16")
    assert code == 0, err
    s = sections(out)
    forward = [numbers(line)[-1] for line in s["forward"]]
    assert len(forward) == len(d.of_kind("forward"))
    for printed, module in zip(forward[-len(outputs) :], outputs, strict=True):
        assert close(printed, module)
    assert close(numbers(s["loss"][0])[-1], loss)
    assert len(s["gradients"]) == len(s["after one step"]) == len(d.params)
    for p, g_line, u_line in zip(d.params, s["gradients"], s["after one step"], strict=True):
        key, index = at[p]
        *factors, value = numbers(g_line)
        assert close(value, grads[key][index]), g_line
        assert close(math.prod(factors), value), g_line  # the product of the printed factors
        assert len(factors) in (1, len(d.gradient(p).factors))
        before, eta, g, new = numbers(u_line)
        assert close(new, after[key][index]), u_line
        assert close(before - eta * g, new) and close(g, value)

    code, out, err = cli(capsys, "derive", *net_args(*net), "--at", str(path), "--json")
    assert code == 0, err
    worked = json.loads(out)["worked"]
    for p, g in zip(d.params, worked["gradients"], strict=True):
        key, index = at[p]
        assert g["param"] == str(p) and close(g["value"], grads[key][index])
        assert close(worked["updated"][str(p)], after[key][index])
    assert close(worked["loss"], loss)
    # the module's dL/db are the deltas, and dL/dW / dL/db the activations below
    deltas = {x["delta"]: x["value"] for x in worked["deltas"]}
    for line, x in zip(s["deltas"], worked["deltas"], strict=True):
        assert close(numbers(line)[-1], x["value"])
    for layer in d.layers:
        db, dW = grads[layer.b.name], grads[layer.W.name]
        for i in range(layer.size):
            assert close(deltas[str(d.naming.delta(layer.index, i + 1))], db[i])
        if layer.index > 1:
            i = int(np.argmax(abs(db)))
            for j in range(dW.shape[1]):
                a = worked["forward"][str(d.naming.a(layer.index - 1, j + 1))]
                assert close(a * db[i], dW[i, j])
    for y, v in zip(d.outputs, outputs, strict=True):
        assert close(worked["forward"][str(y)], v)


def published(printed: float, text: str) -> bool:
    """`printed` rounds to the published `text` at its number of decimals."""
    decimals = len(text.split(".")[1])
    return abs(printed - float(text)) <= 0.5 * 10**-decimals + 1e-15


def test_mazur_step_by_step_example(tmp_path, capsys):
    """Matt Mazur, "A Step by Step Backpropagation Example" (2015): 2-2-2 sigmoid, E = sum of
    1/2 (target - out)^2, b1 = 0.35 and b2 = 0.60 shared by a layer's units, eta = 0.5. His w1..w4
    are W1 row by row, w5..w8 W2; his hidden updates use the original output weights."""
    path = tmp_path / "mazur.toml"
    path.write_text(MAZUR, encoding="utf-8")
    code, out, err = cli(capsys, "derive", "2-2-2", "--at", str(path), "--json")
    assert code == 0, err
    w = json.loads(out)["worked"]
    f = w["forward"]
    for name, text in [
        ("z1_1", "0.3775"),  # net_h1
        ("a1_1", "0.593269992"),  # out_h1
        ("a1_2", "0.596884378"),  # out_h2
        ("z2_1", "1.105905967"),  # net_o1
        ("a2_1", "0.75136507"),  # out_o1
        ("a2_2", "0.772928465"),  # out_o2
    ]:
        assert published(f[name], text), (name, f[name], text)
    assert published(w["loss"], "0.298371109")  # E_total
    grads = {g["param"]: g for g in w["gradients"]}
    # dE/dw5 = dE/dout_o1 · dout_o1/dnet_o1 · dnet_o1/dw5
    assert [
        published(v, t)
        for v, t in zip(grads["W2_1_1"]["factors"], ["0.74136507", "0.186815602", "0.593269992"])
    ] == [True] * 3
    assert published(grads["W2_1_1"]["value"], "0.082167041")
    # dE/dw1 = dE_total/dout_h1 · dout_h1/dnet_h1 · dnet_h1/dw1
    assert [
        published(v, t) for v, t in zip(grads["W1_1_1"]["factors"], ["0.036350306", "0.241300709", "0.05"])
    ] == [True] * 3
    assert published(grads["W1_1_1"]["value"], "0.000438568")
    updated = w["updated"]
    for name, text in [
        ("W2_1_1", "0.35891648"),  # w5+
        ("W2_1_2", "0.408666186"),  # w6+
        ("W2_2_1", "0.511301270"),  # w7+
        ("W2_2_2", "0.561370121"),  # w8+
        ("W1_1_1", "0.149780716"),  # w1+
        ("W1_1_2", "0.19956143"),  # w2+
        ("W1_2_1", "0.24975114"),  # w3+
        ("W1_2_2", "0.29950229"),  # w4+
    ]:
        assert published(updated[name], text), (name, updated[name], text)

    # the terminal shows the same numbers, six significant digits by default
    code, out, err = cli(capsys, "derive", "2-2-2", "--at", str(path), "--only", "worked")
    assert code == 0, err
    assert "∂L/∂W⁽²⁾₁₁ = 0.741365 · 0.186816 · 0.593270 = 0.0821670" in out
    assert "W⁽²⁾₁₁ = 0.4 − 0.5·0.0821670 = 0.358916" in out
    assert "Forward steps" not in out


def test_second_published_example_2_2_1(tmp_path, capsys):
    """FIQ Lab, "Backpropagation, manual calculation": Mazur's first output alone (2-2-1 sigmoid,
    t1 = 0.01, w5 = 0.40, w6 = 0.45, hidden bias 0.35, output bias 0.60), printed to 5 decimals."""
    path = tmp_path / "fiq.toml"
    path.write_text(
        "eta = 0.5\nx = [0.05, 0.10]\ny = [0.01]\nW1 = [[0.15, 0.20], [0.25, 0.30]]\n"
        "b1 = [0.35, 0.35]\nW2 = [[0.40, 0.45]]\nb2 = [0.60]\n",
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "derive", "2-2-1", "--at", str(path), "--json")
    assert code == 0, err
    f = json.loads(out)["worked"]["forward"]
    for name, text in [
        ("z1_1", "0.3775"),
        ("a1_1", "0.59327"),
        ("z1_2", "0.3925"),
        ("a1_2", "0.59688"),
        ("z2_1", "1.10591"),
        ("a2_1", "0.75137"),
    ]:
        assert published(f[name], text), (name, f[name], text)


def test_seed_names_are_accepted(tmp_path, capsys):
    d = derive(network("2-3-1", naming="seed"))
    point = random_point_for(d, 1)
    arrays_text = point_toml(d, point)
    scalar_text = "\n".join(
        [f"eta = {point[d.eta]!r}"]
        + [f"{s} = {point[s]!r}" for s in d.inputs + d.params]
        + [f"y_T = {point[d.targets[0]]!r}"]
    )
    outs = []
    for text in (arrays_text, scalar_text.replace("w_a =", "w41 =")):
        path = tmp_path / "p.toml"
        path.write_text(text, encoding="utf-8")
        code, out, err = cli(capsys, "derive", "2-3-1", "--naming", "seed", "--at", str(path), "--json")
        assert code == 0, err
        outs.append(json.loads(out)["worked"])
    assert outs[0] == outs[1]
    assert set(outs[0]["updated"]) == {str(p) for p in d.params}


@pytest.mark.parametrize(
    "text, words",
    [
        (MAZUR.replace("b2 = [0.60, 0.60]\n", ""), "no value for b2"),
        (
            MAZUR.replace("W1 = [[0.15, 0.20], [0.25, 0.30]]", "W1 = [[0.15, 0.20, 0.1], [0.25, 0.30, 0.1]]"),
            "W1[0] must be",
        ),
        (MAZUR.replace("b1 = [0.35, 0.35]", "b1 = [0.35]"), "b1 must be a list of 2 numbers"),
        (MAZUR.replace("x = [0.05, 0.10]", "x = [0.05, nan]"), "x is nan"),
        (MAZUR.replace("eta = 0.5", "eta = inf"), "eta is inf"),
        (MAZUR.replace("x = [0.05, 0.10]", 'x = [0.05, "a"]'), "x must be a number"),
        (MAZUR + "W3 = [[1.0]]\n", "unknown key 'W3'"),
        (MAZUR.replace("eta = 0.5\n", ""), "no value for eta"),
        ("x = [0.05, 0.10\n", "not TOML"),
    ],
    ids=["missing", "shape-row", "shape", "nan", "inf", "string", "unknown", "no-eta", "not-toml"],
)
def test_bad_points_are_one_line_exit_2(tmp_path, capsys, text, words):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli(capsys, "derive", "2-2-2", "--at", str(path))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("symprop: error: ") and words in err, err


def test_missing_point_file_and_only_worked_without_at(tmp_path, capsys):
    code, _, err = cli(capsys, "derive", "2-2-2", "--at", str(tmp_path / "none.toml"))
    assert code == 2 and "no such file" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "derive", "2-2-2", "--only", "worked")
    assert code == 2 and "--at" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "derive", "784-128-10", "--loss", "cce", "--at", "random")
    assert code == 2 and "per parameter" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "derive", "2-2-2", "--at", "random", "--digits", "0")
    assert code == 2 and "--digits" in err and err.count("\n") == 1


def test_random_point_is_deterministic(capsys):
    args = ["derive", "3-4-2", "--activation", "tanh", "--loss", "cce", "--at", "random", "--only", "worked"]
    _, a, _ = cli(capsys, *args, "--seed", "5")
    _, b, _ = cli(capsys, *args, "--seed", "5")
    _, c, _ = cli(capsys, *args, "--seed", "6")
    assert a == b and a != c
    assert "Worked example" in a and "after one step" in a


@pytest.mark.parametrize(
    "loss, y, words",
    [
        ("-y*log(out)", 1.0, "the loss is inf"),  # log(0) at out = 0
        ("sqrt(abs(out - y))", 0.0, "the local factor ∂L/∂a⁽¹⁾₁ is nan"),  # |u|^(1/2)' at 0
    ],
)
def test_point_with_a_non_finite_number_is_one_line_exit_2(tmp_path, capsys, loss, y, words):
    # before: exit 0 with inf/nan in the example, and bare NaN/Infinity in --json (not JSON)
    point = tmp_path / "p.toml"
    point.write_text(f"eta = 0.5\nx = [1.0]\ny = [{y}]\nW1 = [[0.0]]\nb1 = [0.0]\n")
    for extra in ([], ["--json"]):
        code = main(["derive", "1-1", "-a", "identity", f"--loss={loss}", "--at", str(point), *extra])
        out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 1 and words in lines[0], err
        assert out == ""
