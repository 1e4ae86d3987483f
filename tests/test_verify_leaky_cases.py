r"""Leaky ReLU as notes write it (found on probes in notation of our own, not from the corpus):

- a `cases` block of two values multiplied in a product, `(\sum_k w_{kj} \delta_k) \cdot
  \begin{cases} 1 & z_j > 0 \\ \alpha & \text{otherwise} \end{cases}`, was read as `(\sum ...)
  \cdot 1 \cdot H(z_j) + \alpha (1 - H(z_j))`: the block was not one factor, and a right δ was
  called wrong (latex/value_cases._weighted now brackets it);
- \alpha in it is the slope of the network's leaky ReLU (verify/names.Resolver), and
  `\mathrm{LeakyReLU}` one of its names (activations.TABLE, `also`).
"""

from __future__ import annotations

import pytest
from verdict_lines import by_line

ROWS = r"""$$a^{(1)}_j = \mathrm{LeakyReLU}(z^{(1)}_j)$$
$$\delta^{(1)}_j = \left(\sum_k w^{(2)}_{kj} \delta^{(2)}_k\right) \cdot \begin{cases} 1 & z^{(1)}_j > 0
\\ SLOPE & \text{otherwise} \end{cases}$$
"""


def _said(slope: str) -> dict:
    from symbolic.backprop import derive
    from symbolic.spec import network
    from symbolic.verify import verify_text

    spec = network("2-2-2", "leaky_relu", "half_se", "identity", "layered", alpha=0.1)
    return by_line(verify_text(derive(spec), ROWS.replace("SLOPE", slope)))


@pytest.mark.parametrize("slope", [r"\alpha", "0.1"])
def test_the_leaky_step_in_a_product_is_its_derivative(slope):
    assert _said(slope) == {1: {"correct"}, 2: {"correct"}}


@pytest.mark.parametrize("slip", ["0", "0.01"])
def test_a_wrong_slope_is_wrong(slip):
    assert _said(slip)[2] == {"wrong"}
