r"""Vector rows as notes write them for a tanh layer (found on probes in notation of our own, not
from the corpus):

- forward rows on one line, each ended by a comma before \qquad (`h = \tanh(W_1 x + b_1), \qquad
  \hat{y} = W_2 h + b_2`): the comma kept the row from being read as a forward row, so h, W_2 and
  \hat{y} were unknown (latex/forward_letters._rows);
- tanh's derivative as `1 - h^2` of a vector h, or `1 - \tanh^2(z)`: a square after "number -" in
  a vector row is the entries squared ("unexpected '^'" before; latex/matrix.MatrixReader.postfix,
  MatrixParts.squared_call);
- in a document that writes its layers in brackets (`z^{(1)}`, `W^{[2]}`), a bare `h^2` is a
  power: it was read as layer 2, and a right `1 - h^2` on a 3-4-3 net was called wrong ("1 - h^2 is
  3×1"), a false verdict (latex/weight_letters.bracketed_layers);
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


BRACKETED = r"""$$z^{(1)} = W^{(1)} x + b^{(1)}, \quad h = \tanh(z^{(1)})$$
$$z^{(2)} = W^{(2)} h + b^{(2)}, \quad \hat{y} = z^{(2)}$$
$$\frac{\partial L}{\partial h} = W^{(2)\top} (\hat{y} - y)$$
$$\frac{\partial L}{\partial z^{(1)}} = \frac{\partial L}{\partial h} \odot (1 SIGN h^2)$$
"""


@pytest.mark.parametrize("sign, verdict", [("-", "correct"), ("+", "wrong")])
def test_a_bare_square_is_a_power_where_layers_are_bracketed(sign, verdict):
    text = BRACKETED.replace("SIGN", sign)  # 2-4-3: layer 2 has 3 units, h has 4
    said = by_line(verify_layered("2-4-3", text, activation="tanh", output="identity"))
    assert said[4] == {verdict}


def test_a_bare_digit_layer_stays_a_layer_where_the_document_writes_it_so():
    from symbolic.latex.weight_letters import bracketed_layers

    assert bracketed_layers(BRACKETED)
    assert not bracketed_layers(BRACKETED + r"$$\delta^2_j = (a^2_j - y_j) \sigma'(z^2_j)$$")
    assert not bracketed_layers(r"$$\delta^2 = (a^2 - y) \odot \sigma'(z^2)$$")
