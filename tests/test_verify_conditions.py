r"""Indicators and case conditions: \mathbb{1}(i = j), 1(x > 0), \mathbf{1}\{...\}, a condition
after a statement (', \quad i = j', '\text{if } i \neq j') and \begin{cases} blocks (the softmax
Jacobian, a δ for output and hidden units), each checked for the instances its condition allows."""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

SOFTMAX_JACOBIAN = {
    "comma": r"$$\frac{{\partial a^{{(3)}}_i}}{{\partial z^{{(3)}}_j}} = {same}, \quad i = j$$"
    "\n"
    r"$$\frac{{\partial a^{{(3)}}_i}}{{\partial z^{{(3)}}_j}} = {other} \quad \text{{if }} i \neq j$$",
    "cases": r"$$\frac{{\partial a^{{(3)}}_i}}{{\partial z^{{(3)}}_j}} = \begin{{cases}} {same} & i = j \\ "
    r"{other} & \text{{otherwise}} \end{{cases}}$$",
}
SAME, OTHER = r"a^{(3)}_i(1 - a^{(3)}_j)", r"-a^{(3)}_i a^{(3)}_j"


@pytest.fixture(scope="module")
def softmax():
    return derive(network("2-2-3", "sigmoid", "cce", "softmax", "layered"))


def statuses(d, text):
    report = verify_text(d, text)
    assert not report.unchecked, [u.reason for u in report.unchecked]
    return [(v.status, v.instance) for v in report.verdicts]


@pytest.mark.parametrize("form", sorted(SOFTMAX_JACOBIAN))
def test_the_softmax_jacobian_by_cases_is_checked_per_condition(softmax, form):
    good = statuses(softmax, SOFTMAX_JACOBIAN[form].format(same=SAME, other=OTHER))
    assert len(good) == 9 and all(s == "correct" for s, _ in good)  # 3 with i = j, 6 with i ≠ j
    swapped = statuses(softmax, SOFTMAX_JACOBIAN[form].format(same=OTHER, other=SAME))
    assert len(swapped) == 9 and all(s == "wrong" for s, _ in swapped)


def test_an_indicator_of_indices_and_without_it(softmax):
    with_indicator = (
        r"$$\frac{\partial a^{(3)}_i}{\partial z^{(3)}_j} = a^{(3)}_i(\mathbb{1}(i = j) - a^{(3)}_j)$$"
    )
    assert {s for s, _ in statuses(softmax, with_indicator)} == {"correct"}
    without = with_indicator.replace(r"\mathbb{1}(i = j)", "1")
    said = statuses(softmax, without)
    assert {i for s, i in said if s == "correct"} == {"i=1, j=1", "i=2, j=2", "i=3, j=3"}


def test_a_cases_delta_for_output_and_hidden_units(softmax):
    text = (
        r"$$\delta^l_j = \begin{cases} (a^l_j - y_j) & \text{if } j \text{ is an output neuron,}\\ "
        r"\sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j) & \text{otherwise} \end{cases}$$"
    )
    said = statuses(softmax, text)
    assert len(said) == 5 and {s for s, _ in said} == {"correct"}  # 3 output units, 2 hidden
    wrong = statuses(softmax, text.replace(r"\sigma'(z^l_j)", r"\sigma'(z^{l+1}_j)"))
    assert sorted(s for s, _ in wrong) == ["correct"] * 3 + ["wrong"] * 2


@pytest.mark.parametrize("one", [r"\mathbb{1}(z_{1,1} > 0)", r"\mathbf{1}\{z_{1,1} > 0\}", r"1(z_{1,1} > 0)"])
def test_a_step_written_as_an_indicator(one):
    d = derive(network("2-2-1", "relu", "half_se", None, "layered"))
    text = rf"$$\frac{{\partial L}}{{\partial b_{{1,1}}}} = \delta_{{2,1}} W_{{2,1,1}} {one}$$"
    assert statuses(d, text) == [("correct", "")]
    flipped = text.replace("> 0", "< 0")
    assert statuses(d, flipped)[0][0] == "wrong"
