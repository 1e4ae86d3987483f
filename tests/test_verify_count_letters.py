r"""K, the number of outputs, as a mean over the outputs writes it (found on a probe in notation of
our own, not from the corpus): `L = \frac{1}{K}\sum_{k=1}^{K} (\hat{y}_k - y_k)^2` made K an unknown
name on every line; it is the outputs' count there (verify/count_letters.py).
"""

from __future__ import annotations

import sympy as sp
from verdict_lines import by_line, verify_layered

from symbolic.verify.count_letters import aliases

ROWS = r"""$$L = \frac{1}{K}\sum_{k=1}^{K} (\hat{y}_k - y_k)^2$$
$$\frac{\partial L}{\partial \hat{y}_k} = \frac{2}{K}(\hat{y}_k - y_k)$$
$$\frac{\partial L}{\partial \hat{y}_k} = \frac{1}{K}(\hat{y}_k - y_k)$$
"""


def test_k_is_the_number_of_outputs():
    assert by_line(verify_layered("2-3-2", ROWS, loss="mse")) == {
        1: {"correct"},
        2: {"correct"},
        3: {"wrong"},
    }


def test_k_is_read_only_as_a_bound_over_outputs():
    assert aliases(ROWS, 3) == {sp.Symbol("K"): 3}
    assert aliases(r"$$\sum_{i=1}^{K} x_i$$", 3) == {}  # over inputs: not the outputs' count
    assert aliases(ROWS + "$K = 4$", 3) == {}  # the document says what K is
