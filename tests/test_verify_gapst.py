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
