"""A worked example's given values are exact inside its numeric sides, and a claim is judged at a
point that gives every value it depends on (symbolic/verify/claims.py, rounding.carried).

Mazur's notation, on his 2-2-2 network with one bias per layer; the numbers are ours."""

from __future__ import annotations

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

GIVEN = [r"w_1 = 0.15", r"w_2 = 0.2", r"w_3 = 0.25", r"i_1 = 0.05", r"i_2 = 0.1", r"b_1 = 0.35"]


def _numbers(*lines: str) -> list[bool]:
    d = derive(network("2-2-2", "sigmoid", "half_se", None, "layered"))
    text = "".join(f"\\[ {g} \\]\n" for g in (*GIVEN, *lines))
    report = verify_text(d, text, conventions={"shared_bias": True})
    return [n.correct for n in report.numbers]


NET = r"net_{h1} = w_1 * i_1 + w_2 * i_2 + b_1 * 1 = "


def test_a_partial_point_judges_the_claims_it_settles():
    # the output weights and targets are not given: net_{h1} needs none of them
    assert _numbers(NET + r"0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1 = 0.3775") == [True, True]


def test_a_given_value_written_wrong_is_not_covered_by_rounding():
    # w_2 = 0.2 written 0.25: i_2 = 0.1 has one decimal, and its half unit (0.05) once covered it
    assert _numbers(NET + r"0.15 * 0.05 + 0.25 * 0.1 + 0.35 * 1") == [False]


def test_a_rounded_intermediate_still_carries_its_rounding():
    # 0.3775 rounded to 0.378 and carried on: sigma(0.378) = 0.5934 (true sigma(0.3775) = 0.59327)
    out = r"out_{h1} = \frac{1}{1 + e^{-net_{h1}}} = \frac{1}{1 + e^{-0.378}} = 0.5933"
    assert _numbers(NET + "0.378", out) == [True, True, True]
