"""Numbers written as chain-rule products, checked at a point (what `symprop exercise` answers
are): the wrong factor of a product is named; the same factors in another order are right; an
update of a layered weight is read; a number written with e is judged, never a crash."""

from __future__ import annotations

import pytest

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.worked import read_point

MAZUR = """eta = 0.5
x = [0.05, 0.10]
y = [0.01, 0.99]
W1 = [[0.15, 0.20], [0.25, 0.30]]
b1 = [0.35, 0.35]
W2 = [[0.40, 0.45], [0.50, 0.55]]
b2 = [0.60, 0.60]
"""
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
    assert report.exit_code in (1, 4) and ("✗" in out or "not checked" in out), out
