r"""A minus before a sum of chain-rule products (found on probes in notation of our own, not from
the corpus): `-\sum_k (t_k - o_k) o_k (1 - o_k) w_{jk} o_j x_i`, Mitchell's and Wikipedia's sign,
with o_j(1 - o_j) left out, got only an opaque ratio "written/true = ..."; written without the
minus, `\sum_k (o_k - t_k) ...` named the factor. The minus now stays on each term's first
factor that varies (verify/parts._item), so the factor at fault is named either way.
"""

from __future__ import annotations

import pytest
from verdict_lines import factors_by_line, verify_layered

ROWS = r"""Take $E = \frac{1}{2}\sum_k (t_k - o_k)^2$ with $o_k = \sigma(net_k)$, $net_k = \sum_j w_{jk} o_j$
and $o_j = \sigma(net_j)$, $net_j = \sum_i w_{ij} x_i$.
$$\frac{\partial E}{\partial w_{ij}} = SUM\, o_k (1 - o_k)\, w_{jk}\, HIDDEN\, x_i$$
"""


def _said(total: str, hidden: str) -> set:
    text = ROWS.replace("SUM", total).replace("HIDDEN", hidden)
    return factors_by_line(verify_layered("2-3-2", text))[3]


@pytest.mark.parametrize("total", [r"-\sum_k (t_k - o_k)", r"\sum_k (o_k - t_k)"])
def test_the_missing_derivative_is_named_with_or_without_the_minus(total):
    assert _said(total, "o_j") == {("wrong", 5)}


def test_the_right_sum_is_correct():
    assert _said(r"-\sum_k (t_k - o_k)", "o_j (1 - o_j)") == {("correct", None)}


def test_a_sign_slip_under_the_minus_is_wrong():
    assert {s for s, _ in _said(r"-\sum_k (o_k - t_k)", "o_j (1 - o_j)")} == {"wrong"}
