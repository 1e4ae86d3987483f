r"""ReLU's derivative written as an indicator of the unit's output (found on probes in notation of
our own, not from the corpus):

- `\mathbb{1}[h_1 > 0]`, Iverson's bracket, was refused ("an indicator without its condition");
  it reads as `\mathbb{1}(h_1 > 0)` does (latex/indicators.Indicators.indicator);
- `\mathbb{1}(h_1 > 0)` with h_1 = ReLU(z_1) was called wrong: it was evaluated as the step of
  ReLU(z_1), which is 1/2, not 0, where z_1 < 0. The step of a ReLU output is the step of its net
  input (verify/name_calls._indicator), as ReLU'(ReLU(z)) already is.
"""

from __future__ import annotations

import pytest
from verdict_lines import by_line, verify_layered

ROWS = r"""$$h_1 = \mathrm{ReLU}(w_1 x_1 + w_2 x_2 + b_1)$$
$$h_2 = \mathrm{ReLU}(w_3 x_1 + w_4 x_2 + b_2)$$
$$\hat{y} = w_5 h_1 + w_6 h_2 + b_3$$
$$\frac{\partial L}{\partial w_3} = (\hat{y} - y) \, w_6 \cdot STEP \cdot x_1$$
"""


def _said(step: str) -> set:
    text = ROWS.replace("STEP", step)
    return by_line(verify_layered("2-2-1", text, activation="relu", output="identity"))[4]


@pytest.mark.parametrize(
    "step", [r"\mathbb{1}[h_2 > 0]", r"\mathbb{1}(h_2 > 0)", r"1(h_2 > 0)", r"\mathbb{1}_{h_2 > 0}"]
)
def test_the_step_of_a_relu_output_is_its_derivative(step):
    assert _said(step) == {"correct"}


@pytest.mark.parametrize("slip", [r"\mathbb{1}[h_2 < 0]", r"\mathbb{1}[h_1 > 0]"])
def test_a_wrong_step_is_wrong(slip):
    assert _said(slip) == {"wrong"}


def test_goodfellows_max_with_escaped_braces_is_relu():
    # \max\{0, z\}: the book's braces were "expected '(', found \{" (latex/matrix_max.max_zero)
    text = r"""$$h = \max\{0, W^{(1)} x + b^{(1)}\}, \quad \hat{y} = W^{(2)} h + b^{(2)}$$
$$\frac{\partial L}{\partial W^{(1)}} = \left[ (W^{(2)})^\top (\hat{y} - y) \odot \mathbb{1}[h > 0] \right]
x^\top$$
"""
    assert by_line(verify_layered("2-2-1", text, activation="relu", output="identity")) == {
        1: {"correct"},
        2: {"correct"},
    }
