"""verify with --shared-bias: a document with one bias per layer (Mazur's b_1, b_2) is read with
b_l as the layer's shared bias; ∂L/∂b as the sum over units is proved, numbers are checked at the
given point, and a bias gradient that forgets some of the units is named as such."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen.cli import main
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

MAZUR = (Path(__file__).resolve().parent / "data" / "mazur_shared_bias.tex").read_text(encoding="utf-8")
POINT = """"W_{1,1,1}" = 0.15
"W_{1,1,2}" = 0.20
"W_{1,2,1}" = 0.25
"W_{1,2,2}" = 0.30
"W_{2,1,1}" = 0.40
"W_{2,1,2}" = 0.45
"W_{2,2,1}" = 0.50
"W_{2,2,2}" = 0.55
"b_1" = 0.35
"b_2" = 0.60
"x_1" = 0.05
"x_2" = 0.10
"y_1" = 0.01
"y_2" = 0.99
eta = 0.5
"""


def cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path):
    doc, point = tmp_path / "mazur.tex", tmp_path / "point.toml"
    doc.write_text(MAZUR, encoding="utf-8")
    point.write_text(POINT, encoding="utf-8")
    return doc, point


def test_a_shared_bias_document_is_read_proved_and_its_numbers_checked(files, capsys):
    doc, point = files
    code, out, err = cli(
        capsys, "verify", str(doc), "--net", "2-2-2", "--shared-bias", "--at", str(point), "--json"
    )
    assert code == 0, out + err
    report = json.loads(out)
    assert report["ok"] is True
    statuses = [(v["line"], v["status"]) for v in report["statements"]]
    assert statuses == [(2, "correct"), (3, "correct"), (4, "correct"), (5, "correct")], statuses
    assert all(v["exact"] for v in report["statements"]) and report["statements"][0]["param"] == "b2"
    assert len(report["numbers"]) == 4 and all(n["correct"] for n in report["numbers"])


def test_without_the_flag_the_names_suggest_it(files, capsys):
    doc, _ = files
    code, out, err = cli(capsys, "verify", str(doc), "--net", "2-2-2")
    assert code == 2 and "(b_1, b_2); these names fit --shared-bias" in err


@pytest.mark.parametrize(
    "planted,missing",
    [
        (r"\delta_{h1}$$", "missing the path through z⁽¹⁾₂ (+ δ⁽¹⁾₂)"),
        (r"\delta_{h2}$$", "missing the path through z⁽¹⁾₁ (+ δ⁽¹⁾₁)"),
    ],
)
def test_a_bias_gradient_that_forgets_units_is_named(files, capsys, planted, missing):
    doc, _ = files
    doc.write_text(MAZUR.replace(r"\delta_{h1} + \delta_{h2}$$", planted), encoding="utf-8")
    code, out, err = cli(capsys, "verify", str(doc), "--net", "2-2-2", "--shared-bias")
    assert code == 1, out + err
    wrong = [line for line in out.splitlines() if line.startswith("✗")]
    assert len(wrong) == 1 and wrong[0].startswith("✗ 4:3  ∂L/∂b⁽¹⁾  the sum over units is incomplete")
    assert missing in wrong[0]


def test_a_wrong_bias_number_is_named(files, capsys):
    doc, point = files
    doc.write_text(MAZUR.replace("= 0.100400325$$", "= 0.138498562$$"), encoding="utf-8")
    code, out, err = cli(capsys, "verify", str(doc), "--net", "2-2-2", "--shared-bias", "--at", str(point))
    assert code == 1
    assert any(line.startswith("✗ 3:") and "0.138498562" in line for line in out.splitlines()), out


def test_seed_naming_and_a_txt_derivation():
    d = derive(network("2-3-1", naming="seed", shared_bias=True))
    text = (
        "dL/db1 = delta_h1 + delta_h2 + delta_h3\n"
        "dL/db2 = (out - y_T) * out*(1 - out)\n"
        "dL/db4 = delta_o\n"  # the seed's own name of the output bias
        "dL/db1 = (out - y_T) * out*(1 - out) * w_a * sigma(z_h1)*(1 - sigma(z_h1))\n"
    )
    report = verify_text(d, text, fmt="txt")
    assert [v.status for v in report.verdicts] == ["correct", "correct", "correct", "wrong"]
    fault = report.verdicts[-1].fault
    assert fault.kind == "paths" and [str(z) for z in fault.missing_paths] == ["z_h2", "z_h3"]


@pytest.mark.parametrize("arch", ["2-3-1", "2-3-3-1"])
def test_chosen_points_put_each_relu_unit_on_and_off_with_one_bias_per_layer(arch):
    """A shared bias cannot place every unit of its layer: the points move each other unit by
    its first weight, so every asked on/off pattern holds."""
    from symbolic.verify.numbers import Points
    from symbolic.verify.points import choose_points

    d = derive(network(arch, "relu", "half_se", "identity", shared_bias=True))
    units = tuple(z for la in d.layers[:-1] for z in (d.naming.z(la.index, i) for i in range(1, la.size + 1)))
    base, asked = choose_points(d, units, 20, seed=3)
    points = Points(d, base=base)
    vectors = {u: points.vector(u) for u in units}
    below = [d.naming.z(1, i) for i in range(1, 4)]  # with all of them off, layer 2's z are all b2
    possible = [k for k, p in enumerate(asked) if len(d.layers) == 2 or any(p[u] > 0 for u in below)]
    held = [k for k in possible if all((vectors[u][k] > 0) == (sign > 0) for u, sign in asked[k].items())]
    assert len(possible) >= 20 and held == possible, (len(held), len(possible))


def test_toml_network_table_takes_shared_bias(tmp_path, capsys):
    doc = tmp_path / "d.toml"
    body = '[derivatives]\n"dL/db1" = "delta_h1 + delta_h2 + delta_h3"\n"dL/db2" = "delta_o"\n'
    doc.write_text(
        '[network]\nnet = "2-3-1"\nnaming = "seed"\nshared_bias = true\n\n' + body, encoding="utf-8"
    )
    code, out, err = cli(capsys, "verify", str(doc))
    assert code == 0 and "shared-bias" in out.splitlines()[0] and out.count("correct (exact)") == 2, out + err
    doc.write_text(
        '[network]\nnet = "2-3-1"\nnaming = "seed"\nshared_bias = "yes"\n\n' + body, encoding="utf-8"
    )
    code, out, err = cli(capsys, "verify", str(doc))
    assert code == 2 and "shared_bias must be true or false" in err


def test_layer_superscript_bias_without_unit_index(tmp_path, capsys):
    """b^{(l)} as the sheet writes a shared bias: read as the layer's bias; on a net with a bias
    per unit it names nothing, and the reason says which option it needs."""
    doc = tmp_path / "own.tex"
    doc.write_text(
        "$$\\frac{\\partial L}{\\partial b^{(1)}} = \\delta^{(1)}_{1} + \\delta^{(1)}_{2}$$\n"
        "$$\\frac{\\partial z^{(2)}_{2}}{\\partial b^{(2)}} = 1$$\n",
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "verify", str(doc), "--net", "2-2-2", "--shared-bias")
    assert code == 0 and out.count("correct (exact)") == 2, out + err
    code, out, err = cli(capsys, "verify", str(doc), "--net", "2-2-2")
    assert code == 2 and "b^{1} names nothing" in err and "pass --shared-bias" in err
