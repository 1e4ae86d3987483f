"""--shared-bias through every subcommand (derive, sheet, generate, train, verify) and the sheet:
one bias label per layer in the diagram, z = W a + 1 b, dL/db as the sum of its paths, a clean
pdflatex compile with the worked example."""

from __future__ import annotations

import importlib.util
import json
import shlex

import numpy as np
import pytest

from codegen.cli import build_parser, main
from codegen.cli.generate import command_line
from codegen.sheet import render_sheet
from codegen.tex import compile_pdf
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.worked import evaluate_at, random_point_for


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_subcommand_takes_the_flag():
    parser = build_parser()
    for command, extra in [
        ("derive", []),
        ("sheet", ["-o", "s.tex"]),
        ("generate", ["-o", "m.py"]),
        ("train", ["--data", "xor"]),
    ]:
        args = parser.parse_args([command, "2-2-1", *extra, "--shared-bias"])
        assert args.shared_bias is True, command
        assert parser.parse_args([command, "2-2-1", *extra]).shared_bias is False
    assert parser.parse_args(["verify", "f.tex", "--net", "2-2-1", "--shared-bias"]).shared_bias is True


def test_derive_text_and_json(capsys):
    code, out, err = cli(capsys, "derive", "2-3-1", "--naming", "seed", "--shared-bias")
    assert code == 0, err
    assert "naming=seed shared-bias  (11 parameters)" in out
    assert "z_h3 = w₃₁·x₁ + w₃₂·x₂ + b₁" in out and "+ b₂" in out
    assert "∂z_h3/∂b₁ · ∂z_h2/∂b₁" not in out  # paths are summed, each a product
    assert "= δ_h1 + δ_h2 + δ_h3" in out
    assert "z⁽¹⁾ = W⁽¹⁾x + 𝟏b⁽¹⁾" in out and "∇b⁽¹⁾ = 𝟏ᵀδ⁽¹⁾" in out
    code, out, err = cli(capsys, "derive", "2-2-2", "--shared-bias", "--json")
    doc = json.loads(out)
    assert doc["shared_bias"] is True and doc["params"][-1] == "b2" and doc["n_params"] == 10
    grad = next(e for e in doc["equations"] if e["name"] == "dL/db1")
    assert grad["compact"] == "delta1_1 + delta1_2" and len(grad["paths"]) == 2
    assert [f["den"] for f in grad["paths"][1]][-1] == "b1"
    code, out, err = cli(capsys, "derive", "2-2-2", "--json")
    assert "shared_bias" not in json.loads(out)  # unchanged without the flag


def test_generate_records_the_flag_and_train_round_trips(tmp_path, capsys):
    out = tmp_path / "net.py"
    code, _, err = cli(capsys, "generate", "2-3-1", "--shared-bias", "--style", "matrix", "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    args = build_parser().parse_args(["generate", "2-3-1", "--shared-bias", "--style", "matrix", "-o", "x"])
    assert (
        command_line(args)
        == "symprop generate 2-3-1 --activation sigmoid --loss half_se --style matrix --shared-bias"
    )
    assert shlex.split(command_line(args))[-1] == "--shared-bias" and "--shared-bias" in text
    m = load(out)
    assert m.N_PARAMS == 11 and dict(m.LAYOUT)["b1"] == (1,)
    weights = tmp_path / "w.npz"
    train = ["train", "2-3-1", "--shared-bias", "--data", "xor", "--epochs", "30", "--lr", "2"]
    code, printed, err = cli(capsys, *train, "--out", str(weights))
    assert code == 0, err
    params = m.load(str(weights))
    assert params["b1"].shape == (1,) and params["b2"].shape == (1,)
    final = float(printed.split("final loss ")[1].split()[0])  # "final loss X after N epochs"
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[0.0], [1.0], [1.0], [0.0]])
    assert m.loss(params, X, Y) == pytest.approx(final, rel=1e-5)


def _sheet_parts(tex: str, name: str) -> str:
    start = tex.index(
        f"\\frac{{\\partial L}}{{\\partial {name}}} &= ", tex.index("\\subsection*{Gradients of the")
    )
    return tex[start : tex.index("\\end{align*}", start)]


def test_sheet_one_bias_label_per_layer_and_the_summed_paths():
    d = derive(network("3-4-2", "tanh", "mse", shared_bias=True))
    tex = render_sheet(d)
    assert tex.count("{$+b^{(1)}$}") == 1 and tex.count("{$+b^{(2)}$}") == 1
    assert "+b^{(1)}_" not in tex
    assert "One bias per layer ($b^{(1)}$, $b^{(2)}$)" in tex
    assert "W^{(1)}\\,x + \\mathbf{1} b^{(1)}" in tex
    assert "\\nabla_{b}^{(2)} &= \\mathbf{1}^{\\top} \\delta^{(2)}" in tex
    assert "the layer's one shared bias" in tex and "one bias per layer" in tex
    block = _sheet_parts(tex, "b^{(2)}")
    assert block.count(" + \\frac{\\partial L}{\\partial a^{(2)}_{2}}") == 1  # the second path
    assert block.rstrip(" \\\n").endswith("&= \\delta^{(2)}_{1} + \\delta^{(2)}_{2}")
    assert "--shared-bias" in tex  # the command that writes it
    plain = render_sheet(derive(network("3-4-2", "tanh", "mse")))
    assert "Here $\\mathbf{1}$ is a column of ones" in tex
    assert "mathbf{1}" not in plain and "One bias per layer" not in plain


@pytest.mark.tex
@pytest.mark.parametrize(
    "net",
    [
        ("2-3-1", "sigmoid", "half_se", "seed"),
        ("3-4-4-2", "tanh", "cce", "layered"),
        ("4-8-1", "relu", "bce", "layered"),
    ],
    ids=lambda n: n[0],
)
def test_sheet_compiles_with_the_worked_example(net):
    d = derive(network(*net[:3], naming=net[3], shared_bias=True))
    w = evaluate_at(d, random_point_for(d, 1))
    compiled = compile_pdf(render_sheet(d, worked=w), "shared")
    assert compiled.pdf.startswith(b"%PDF")
    too_wide = [x for x in compiled.overfull if x > 1.0]
    assert not too_wide, f"overfull boxes (pt): {too_wide}"


def test_markdown_sheet(tmp_path, capsys):
    out = tmp_path / "s.md"
    code, _, err = cli(capsys, "sheet", "2-2-2", "--shared-bias", "--format", "md", "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "10 parameters, one bias per layer." in text and "\\mathbf{1} b^{(2)}" in text
