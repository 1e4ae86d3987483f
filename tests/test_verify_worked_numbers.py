"""Numbers written as chain-rule products, checked at a point (what `symprop exercise` answers
are): the wrong factor of a product is named; the same factors in another order are right; an
update of a layered weight is read; a number written with e is judged, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.cli import main
from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.worked import read_point

# Mazur's given values, the README's example point
MAZUR = (Path(__file__).resolve().parent.parent / "examples" / "mazur_point.toml").read_text(encoding="utf-8")
G = r"\frac{\partial L}{\partial W^{(2)}_{11}}"


@pytest.fixture(scope="module")
def net():
    d = derive(network("2-2-2"))
    return d, read_point(MAZUR, d)


def check(net, text):
    d, point = net
    report = verify_text(d, text, "tex", point=point)
    return report, render_text(report, "x.tex")


def test_the_wrong_factor_of_a_product_is_named(net):
    report, out = check(net, f"$${G} = 0.741365 \\cdot 0.196816 \\cdot 0.593270 = 0.0821670$$\n")
    wrong = [n for n in report.numbers if not n.correct]
    assert len(wrong) == 1 and [f.position for f in wrong[0].faults] == [2]
    assert "factor 2 (∂a⁽²⁾₁/∂z⁽²⁾₁): wrote 0.196816, should be 0.1868156" in out
    assert report.exit_code == 1
    # the final value on the same line is right, and said so
    assert [n.correct for n in report.numbers] == [False, True]


def test_factors_in_another_order_are_right_and_other_shapes_are_judged_whole(net):
    report, _ = check(
        net, f"$${G} = 0.593270 \\cdot 0.741365 \\cdot 0.186816$$\n$${G} = 0.138499 \\cdot 0.593270$$\n"
    )
    assert [n.correct for n in report.numbers] == [True, True] and report.exit_code == 0
    report, out = check(net, f"$${G} = 0.138499 \\cdot 0.693270$$\n")
    assert not report.numbers[0].correct and not report.numbers[0].faults
    assert "should be 0.08216704" in out


@pytest.mark.parametrize("lhs", [r"{W^{(2)}_{11}}^{+}", r"W^{(2)}_{11}^{+}", r"(W^{(2)}_{11})^{+}"])
def test_an_updated_layered_weight_is_read(net, lhs):
    report, out = check(net, f"$${lhs} = 0.358916$$\n$${lhs} = 0.4 - 0.5 \\cdot 0.0821670 = 0.368916$$\n")
    assert [n.correct for n in report.numbers] == [True, True, False], out
    assert "should be 0.3589164797" in out


def test_a_number_with_e_is_judged_not_a_crash(net):
    report, out = check(net, f"$${G} = 8.2167e-2$$\n")
    assert report.exit_code == 0 and [n.correct for n in report.numbers] == [True], out


RIGHT = [
    "8.2167e-2",
    "8.2167E-2",
    "8.2167e-02",
    "82.167e-3",
    "8.2e-2",
    r"8.2167\times10^{-2}",
    r"8.2167 \cdot 10^{-2}",
]
WRONG = ["8.3167e-2", "8.23e-2", "8.2167e-3", r"8.2167\times10^{-3}", r"8.21 \cdot 10^{-2}", "8.2167e^{-2}"]


def test_scientific_notation_is_a_number_through_the_cli(tmp_path, capsys):
    """8.2e-2, 1.5E-3, 3\\times10^{-2}: numbers to the mantissa's precision, not 8.2·e − 2; a wrong
    one is named; e alone and e^{..} stay Euler's number."""
    point = tmp_path / "point.toml"
    point.write_text(MAZUR, encoding="utf-8")
    lines = [f"$${G} = {x}$$" for x in RIGHT + WRONG]
    lines += [f"$${G} = 0.0302276 e$$", f"$${G} = 0.0111201 e^{{2}}$$", f"$${G} = 0.0302276 e^{{2}}$$"]
    lines.append(f"$${G} = 0.741365 \\cdot 1.96816e-1 \\cdot 5.93270E-1$$")
    path = tmp_path / "sci.tex"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["verify", str(path), "--net", "2-2-2", "--at", str(point)])
    out = capsys.readouterr().out
    verdicts = [line[0] for line in out.splitlines() if line[:1] in ("✓", "✗")]
    assert verdicts == ["✓"] * len(RIGHT) + ["✗"] * len(WRONG) + ["✓", "✓", "✗", "✗"], out
    assert code == 1
    assert "factor 2 (∂a⁽²⁾₁/∂z⁽²⁾₁): wrote 0.196816, should be 0.1868156" in out, out


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # 0.38 is z = 0.3775 rounded; σ(0.38) = 0.59387 worked out from it is right as a step,
        # though the true a = 0.59327 rounds to 0.5933
        (r"\sigma(0.38) = 0.5939", [True, True]),
        (r"\sigma(0.38) = 0.5933", [True, True]),  # from the unrounded z: right by the truth
        (r"\sigma(0.38) = 0.5950", [True, False]),  # neither the step nor the truth
        (r"\sigma(0.39) = 0.5963", [False, False]),  # carried from a wrong number: wrong twice
        # a given weight is exact: 0.25 for w = 0.2 is no rounding, and the step stays wrong
        (r"\sigma(0.15 \cdot 0.05 + 0.25 \cdot 0.1 + 0.35) = 0.5945", [None, False]),
    ],
)
def test_a_number_worked_out_from_the_side_before_carries_its_rounding(net, text, said):
    report, out = check(net, f"$$a^{{(1)}}_1 = {text}$$\n")
    assert [n.correct if s is not None else None for n, s in zip(report.numbers, said)] == said, out
    assert len(report.numbers) == 2 and report.exit_code == (0 if all(said) else 1)
