r"""A function defined by cases on its argument's value (symbolic/verify/value_cases.py):
`f'(x) = \begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}` is one statement,
f'(x) = 1(x > 0) + 0 (1 - 1(x > 0)), checked as an identity in x at the network's net inputs
(gauravreddy08's ReLU'(z) in the corpus; here f, g, h and leaky ReLU on other networks). A
branch swapped is named wrong; cases on an index letter stay per case."""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

RELU_CASES = r"""
$$f'(x) = \begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}$$
$$f(x) = \begin{cases} x & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}$$
$$h'(a) = \begin{cases} 1 & \text{if } a \geq 0 \\ 0 & \text{otherwise} \end{cases}$$
"""


def said(report) -> dict[int, str]:
    out = {u.line: "not checked" for u in report.unchecked}
    out.update({v.line: v.status for v in report.verdicts})
    return out


@pytest.mark.parametrize("net", ["2-3-1", "3-2-2-1"])
def test_relu_and_its_derivative_by_cases_are_correct(net):
    r = verify_text(derive(network(net, "relu", "half_se")), RELU_CASES)
    assert said(r) == {2: "correct", 3: "correct", 4: "correct"}


@pytest.mark.parametrize(
    "old, new, line",
    [
        ("1 & \\text{if } x > 0 \\\\ 0", "0 & \\text{if } x > 0 \\\\ 1", 2),  # the branches swapped
        ("x & \\text{if } x > 0", "1 & \\text{if } x > 0", 3),  # the derivative's branch in f
        ("a \\geq 0", "a < 0", 4),  # the comparison turned
    ],
)
def test_a_slip_in_a_branch_is_named_wrong(old, new, line):
    assert RELU_CASES.count(old) == 1
    r = verify_text(derive(network("2-3-1", "relu", "half_se")), RELU_CASES.replace(old, new))
    assert said(r)[line] == "wrong"
    assert [k for k, s in said(r).items() if s == "wrong"] == [line]


def test_a_leaky_relus_slope_by_cases():
    d = derive(network("2-2-1", "leaky_relu", "half_se", alpha=0.1))
    text = r"$$g'(u) = \begin{cases} 1 & \text{if } u > 0 \\ \frac{1}{10} & \text{otherwise} \end{cases}$$"
    assert said(verify_text(d, text)) == {1: "correct"}
    assert said(verify_text(d, text.replace("{10} &", "{5} &"))) == {1: "wrong"}


def test_cases_on_an_index_letter_stay_one_statement_per_case():
    # i = j and otherwise: conditions on indices (latex/conditions.py), never merged into a step
    text = r"""
$$\frac{\partial a^{(2)}_i}{\partial z^{(2)}_j} = \begin{cases}
a^{(2)}_i (1 - a^{(2)}_i) & \text{if } i = j \\
0 & \text{otherwise} \end{cases}$$
"""
    r = verify_text(derive(network("2-2-2", "sigmoid", "half_se")), text)
    assert r.verdicts and {v.status for v in r.verdicts} == {"correct"}
    assert len(r.verdicts) == 4  # (i, j) over two units: each instance under its own case
