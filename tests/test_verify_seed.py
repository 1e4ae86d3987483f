"""The worked example: the seed's own derivation, pasted as written, and its two slips."""

import hashlib
import json
from pathlib import Path

import pytest
import sympy as sp

from codegen.cli import main
from symbolic.backprop import derive
from symbolic.functions import sigmoid
from symbolic.spec import network
from symbolic.verify import verify_text

ROOT = Path(__file__).resolve().parent.parent
SEED_TEX = ROOT / "examples" / "seed_derivation.tex"


@pytest.fixture(scope="module")
def d():
    return derive(network("2-3-1", naming="seed"))


@pytest.fixture(scope="module")
def report(d):
    return verify_text(d, SEED_TEX.read_text(encoding="utf-8"), "tex")


SEED_COPY = ROOT / "tests" / "data" / "seed_000_8c9fba2d71a6ddb8.txt"  # see tests/data/README.md
SEED_SHA256 = "c1bf729b76fcdb7d8d51af4f92a0bd02c1014f6490a142da72bfac5671f4c23b"


def test_example_is_the_seed_verbatim():
    raw = SEED_COPY.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SEED_SHA256, "tests/data holds the seed unedited"
    part = raw.decode("utf-8").split("Derivatives computation", 1)[1]
    assert part.strip() and part.strip() in SEED_TEX.read_text(encoding="utf-8")


def test_every_statement_is_checked(report):
    assert len(report.verdicts) == 19
    assert report.unchecked == []
    assert report.exit_code == 1


def test_the_local_factor_slip_is_found(d, report):
    wrong_locals = [v for v in report.verdicts if v.kind == "local" and not v.correct]
    assert len(wrong_locals) == 1
    v = wrong_locals[0]
    z_o, w_a, w11 = d.symbol("z_o"), d.symbol("w_a"), d.symbol("w11")
    assert (v.num, v.den) == (z_o, sigmoid(d.symbol("z_h1")))
    assert v.fault.read_as == w11 and v.fault.expected == w_a
    assert v.fault.wrote == sp.Symbol("W_11")


def test_the_first_factor_slip_is_found_in_every_gradient(d, report):
    grads = [v for v in report.verdicts if v.kind == "gradient" and v.line > 20]
    assert len(grads) == 13
    assert {v.param for v in grads} == set(d.params)
    out, y, z_o = d.symbol("out"), d.symbol("y_T"), d.symbol("z_o")
    for v in grads:
        assert not v.correct
        f = v.fault
        assert (f.kind, f.position) == ("wrong", 1)
        assert f.read_as == z_o - y
        assert f.expected == out - y
        assert f.partial == (d.loss_symbol, out)
        assert f.others == 0  # every other factor is right, ditto marks included
        assert v.witness.hand != v.witness.true


def test_everything_else_passes(report):
    correct = [v for v in report.verdicts if v.correct]
    assert len(correct) == 5
    assert all(v.exact for v in correct)


def test_fixed_seed_passes(d):
    text = SEED_TEX.read_text(encoding="utf-8")
    text = text.replace(r"[z_{\hat{}} - y]", r"[\sigma(z_{\hat{}}) - y]")
    text = text.replace(r"\partial g(z_{h1})} = W_{11}", r"\partial g(z_{h1})} = w_{41}")
    report = verify_text(d, text, "tex")
    assert report.ok, [v for v in report.verdicts if not v.correct]
    assert report.exit_code == 0


def test_chain_of_derivatives_that_does_not_link_is_noted(report):
    noted = [v for v in report.verdicts if v.notes]
    assert noted and all(v.kind == "gradient" for v in noted)
    n = noted[0].notes[0]
    assert str(n.before.num) == "z_hat" and str(n.after.num) == "sigma(z_h1)"


def test_cli_output_and_exit_code(capsys):
    code = main(["verify", str(SEED_TEX), "--net", "2-3-1", "--naming", "seed"])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    assert sum(line.startswith("✓") for line in lines) == 5
    assert sum(line.startswith("✗") for line in lines) == 14
    assert "wrote [W₁₁] (read as w₁₁), expected [w_a]" in out
    assert "factor 1: wrote [ẑ − y] (read as z_o − y_T), expected [out − y_T] = ∂L/∂out" in out
    assert "where out = σ(z_o)" in out


def test_cli_json(capsys):
    code = main(["verify", str(SEED_TEX), "--net", "2-3-1", "--naming", "seed", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1 and doc["exit_code"] == 1 and doc["ok"] is False
    assert doc["counts"] == {"statements": 19, "correct": 5, "wrong": 14, "not_proved": 0, "not_checked": 0}
    bad = [s for s in doc["statements"] if not s["correct"]]
    assert bad[0]["fault"]["expected"]["sympy"] == "w_a"
    assert bad[1]["fault"]["partial"] == "∂L/∂out"
    assert set(bad[1]["witness"]) == {"point_index", "values", "point", "hand", "true", "pattern"}
    assert bad[1]["status"] == "wrong" and bad[1]["evidence"]["discriminating_points"] == 20
    assert len(bad[1]["witness"]["point"]) == 2 + 13 + 1  # inputs, parameters, target
