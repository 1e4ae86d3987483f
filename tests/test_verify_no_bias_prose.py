r"""A worked example that says in words it has no biases (found on probes in notation of our own,
not from the corpus): "no biases" was read as naming a bias, so the forward rows without one were
called wrong (a false verdict), and every number was "not checked: the point lacks b". The words
that deny a bias no longer count as naming one (verify/no_bias._DENIED), and the numbers are
checked with every bias 0.
"""

from __future__ import annotations

import pytest
from verdict_lines import by_line, verify_layered

EXAMPLE = r"""Inputs $x_1 = 1$, $x_2 = 0$, target $t = 1$; weights $w_{11} = 0.5$, $w_{12} = -0.5$,
$w_{21} = 0.3$, $w_{22} = 0.8$, $v_1 = 1.0$, $v_2 = -1.0$, PROSE.
$$net_1 = w_{11} x_1 + w_{12} x_2 = 0.5, \quad h_1 = \tanh(net_1) \approx 0.4621$$
$$net_2 = w_{21} x_1 + w_{22} x_2 = 0.3, \quad h_2 = \tanh(net_2) \approx 0.2913$$
$$o = v_1 h_1 + v_2 h_2 \approx 0.1708, \quad E = \frac{1}{2}(t - o)^2$$
$$\frac{\partial E}{\partial w_{11}} = -(t - o) v_1 (1 - h_1^2) x_1 \approx -0.6521$$
"""


def _said(prose: str) -> dict:
    text = EXAMPLE.replace("PROSE", prose)
    return by_line(verify_layered("2-2-1", text, activation="tanh", output="identity", targets="t"))


@pytest.mark.parametrize("prose", ["no biases", "without a bias", "a bias-free network"])
def test_a_network_said_to_have_no_bias_is_read_so_with_its_numbers(prose):
    said = _said(prose)
    assert said[3] == said[4] == said[5] == said[6] == {"correct"}


def test_a_network_said_to_have_biases_keeps_them():
    said = _said("and biases $b_1 = b_2 = 0$")
    assert "wrong" in said[3]  # net_1 written without the bias the document gives
