r"""Vector rows as notes write them for a tanh layer (found on probes in notation of our own, not
from the corpus):

- forward rows on one line, each ended by a comma before \qquad (`h = \tanh(W_1 x + b_1), \qquad
  \hat{y} = W_2 h + b_2`): the comma kept the row from being read as a forward row, so h, W_2 and
  \hat{y} were unknown (latex/forward_letters._rows);
- tanh's derivative as `1 - h^2` of a vector h, or `1 - \tanh^2(z)`: a square after "number -" in
  a vector row is the entries squared ("unexpected '^'" before; latex/matrix.MatrixReader.postfix,
  MatrixParts.squared_call);
- the names a refusal lists are shown as the messages wrote them (\hat{y}, never "haty").
"""

from __future__ import annotations

import pytest
from verdict_lines import by_line, verify_layered

from symbolic.spec import network
from symbolic.verify.unknown import unknown_summary

ROWS = r"""$$h = \tanh(W_1 x + b_1), \qquad \hat{y} = W_2 h + b_2$$
$$\frac{\partial L}{\partial W_2} = (\hat{y} - y) h^\top$$
$$\frac{\partial L}{\partial W_1} = \left[ W_2^\top (\hat{y} - y) \odot DERIVATIVE \right] x^\top$$
"""


def _said(derivative: str) -> dict:
    text = ROWS.replace("DERIVATIVE", derivative)
    return by_line(verify_layered("2-2-1", text, activation="tanh", output="identity"))


@pytest.mark.parametrize("derivative", ["(1 - h^{2})", r"(1 - \tanh^2(W_1 x + b_1))"])
def test_forward_rows_on_one_line_and_the_square_of_a_vector(derivative):
    assert _said(derivative) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}


@pytest.mark.parametrize("slip", ["(1 + h^2)", r"(1 + \tanh^{2}(W_1 x + b_1))"])
def test_a_slip_in_the_square_is_wrong(slip):
    assert _said(slip)[3] == {"wrong"}


def test_a_refusal_lists_names_as_written():
    problems = [
        r"line 1, col 3: unknown names \hat{y}, W_2; use the network's names (L)",
        "line 2, col 3: unknown name b_2; use the network's names (L)",
    ]
    summary = unknown_summary(problems, network("3-4-2"))
    assert summary is not None
    assert r"\hat{y}" in summary[0][0] and "haty" not in summary[0][0], summary
