r"""Statements the corpus left unread or misread, on short derivations in notation of our own.

- a unit's output defined through its weighted sum under the activation, `y_j = \sigma(\sum_i
  w_{ji} x_i + b_j)`, alone on a page: roles._weighted_sum took the sum inside \sigma for the
  left side's own definition (y_j the net input, X_j = \sum_i w_{ij} A_i), read the line as
  z = \sigma(z) and called a right line wrong (a false verdict). Only a sum that is the side
  itself (plus a bias) defines a net input; under an activation it is the activation's argument.
"""

from __future__ import annotations

import pytest
from verdict_lines import by_line, verify_layered

FORWARD = [
    r"y_j = \sigma \left( \sum_{i} w_{ji} x_i + b_j \right)",
    r"y_j = \sigma \left( \sum_{i} x_i w_{ij} + b_j \right)",
    r"o_j = \sigma \left( \sum_{i=1}^{n} w_{ji} x_i + b_j \right)",
    r"y_j = \sigma \left( b_j + \sum_{i} w_{ji} x_i \right)",
]


@pytest.mark.parametrize("arch", ["2-2-1", "2-3-2"])
@pytest.mark.parametrize("row", FORWARD)
def test_an_activation_of_a_weighted_sum_alone_is_never_called_wrong(arch, row):
    said = by_line(verify_layered(arch, f"$${row}$$\n"))
    assert "wrong" not in said[1], said


def test_the_net_input_written_as_the_sum_itself_is_still_read():
    said = by_line(verify_layered("2-2-1", r"$$z_j = \sum_{i} w_{ji} x_i + b_j$$" + "\n"))
    assert said == {1: {"correct"}}


SLIPS = [
    r"\sigma \left( \sum_{i} w_{ji} x_i \right) + b_j",
    r"\sigma \left( \sum_{i} w_{ji} x_i - b_j \right)",
]


@pytest.mark.parametrize("slip", SLIPS)
def test_a_slip_in_the_forward_row_is_still_wrong(slip):
    said = by_line(verify_layered("2-3-2", f"$$y_j = {slip}$$\n"))
    assert said[1] == {"wrong"}


# - an increment written with a small delta, `\delta W_{mn} = -\eta \partial H / \partial W_{mn}`
#   (small_increments.py): read as \Delta W, the update W + \delta W; a bare \delta the document
#   defines itself keeps \delta W a product.
CHECKED = r"$$\frac{\partial L}{\partial a^{(2)}_1} = a^{(2)}_1 - y_1$$" + "\n"  # a line judged in any case
SMALL = r"""$$\delta W^{(2)}_{11} = -\eta \frac{\partial L}{\partial W^{(2)}_{11}}$$
$$\delta b^{(1)}_{2} = -\eta \frac{\partial L}{\partial b^{(1)}_{2}}$$
$$\delta W^{(1)}_{12} = \eta \frac{\partial L}{\partial W^{(1)}_{12}}$$
"""


def test_a_small_delta_before_a_weight_is_its_increment():
    said = by_line(verify_layered("2-2-2", SMALL))
    assert said == {1: {"correct"}, 2: {"correct"}, 3: {"wrong"}}


def test_a_small_delta_the_document_defines_is_not_an_increment():
    text = r"$$\delta = a^{(2)}_{1} - y_{1}$$" + "\n" + SMALL + CHECKED
    said = by_line(verify_layered("2-2-2", text))
    assert said[2] == {"not checked"} and said[5] == {"correct"}


# - a name of the document's own in one index letter (own_indexed.py), `e_k = (a_k - y_k)
#   \sigma'(z_k)`, used in a sum over k, or on a line above its definition: read as its formula
#   at the sum's letter (before, the name was unknown there: not checked).
OWN = r"""$$\frac{\partial L}{\partial z^{(1)}_j} = \sum_{k} e_k W^{(2)}_{kj} \sigma'(z^{(1)}_j)$$
$$e_k = (a^{(2)}_k - y_k) \sigma'(z^{(2)}_k)$$
$$\frac{\partial L}{\partial W^{(2)}_{kj}} = e_k a^{(1)}_j$$
$$\frac{\partial L}{\partial b^{(1)}_j} = \sigma'(z^{(1)}_j) \sum_{k} W^{(2)}_{kj} e_k$$
"""


def test_an_own_indexed_name_is_read_in_a_sum_and_above_its_definition():
    said = by_line(verify_layered("2-2-2", OWN))
    assert said == {1: {"correct"}, 2: {"not checked"}, 3: {"correct"}, 4: {"correct"}}


def test_a_slip_beside_an_own_indexed_name_in_a_sum_is_wrong():
    said = by_line(verify_layered("2-2-2", OWN.replace(r"e_k W^{(2)}_{kj}", r"e_k W^{(2)}_{jk}")))
    assert said[1] == {"wrong"}


def test_an_own_name_with_another_free_letter_is_not_inlined():
    text = OWN.replace(r"e_k = (a^{(2)}_k - y_k)", r"e_k = (a^{(2)}_k - y_j)") + CHECKED
    said = by_line(verify_layered("2-2-2", text))
    assert said[1] == {"not checked"} and said[4] == {"not checked"}


# - a line summing over the patterns on two sides, once with the unit's letter first
#   (`\sum_{i\nu}`) and once alone (`\sum_\nu`): pattern_superscripts took the combined sum for
#   "no sum over the patterns" beside a side about one pattern and left the whole line as written
#   (its \sum_\nu then named nothing in the network: not checked).
def test_a_combined_pattern_sum_with_the_unit_letter_first_is_a_sum_over_the_patterns():
    from symbolic.verify.pattern_superscripts import blank

    text = (
        r"\[ E = \frac{1}{2} \sum_{k\nu} (t_k^{(\nu)} - y_k^{(\nu)})^2 \]" + "\n"
        r"\[ \Delta v_{pq} = \eta \sum_{k\nu} (t_k^{(\nu)} - y_k^{(\nu)}) u_q^{(\nu)} "
        r"= \eta \sum_\nu e_p^{(\nu)} u_q^{(\nu)} \]" + "\n"
    )
    assert "nu" not in blank(text).splitlines()[1]


# - a letter a statement writes on the target and on the input (t_k and x_k, x never said to be
#   the net input): letter_readings fixed k by whichever name it read last, read x_k as the
#   input x_1 and called a right chain wrong (∂x_k/∂a_j taken as 0). No one layer: not checked.
CLASH = (
    r"$$E = \frac{1}{2} \sum_{k} (o_k - t_k)^2$$" + "\n"
    r"$$\frac{\partial E}{\partial w_{ji}} = \sum_{k} (o_k - t_k) o_k (1 - o_k) "
    r"\frac{\partial x_k}{\partial o_j} \frac{\partial o_j}{\partial w_{ji}}$$" + "\n"
)


def test_a_letter_on_the_target_and_on_the_input_is_not_read():
    said = by_line(verify_layered("2-3-2", CLASH, targets="t"))
    assert said[2] == {"not checked"}, said
