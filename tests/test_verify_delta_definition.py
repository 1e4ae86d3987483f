"""A δ defined with its sign (δ_k = -∂E/∂net_k) says the sign of every later line that writes the
same δ, even where the letters are read by their roles (Kriesel's δ_h): a swapped t - y there is
a sign fault named at the difference (verify/reading_folds.spoken_for, sign_faults._swapped_difference)."""

from __future__ import annotations

from tests.verdict_lines import factors_by_line, verify_layered

DOC = r"""
\[ E = \frac{1}{2}\sum_{k} (t_k - y_k)^2 \]
\[ \delta_k = -\frac{\partial E}{\partial net_k} \]
\[ \delta_k = f'(net_k) (t_k - y_k) \]
"""


def _check(text):
    return factors_by_line(verify_layered("2-3-2", text, targets="t"))


def test_the_defined_sign_judges_the_later_formula():
    assert _check(DOC)[4] == {("correct", None)}


def test_a_swapped_difference_is_named_as_the_sign_slip():
    assert _check(DOC.replace("(t_k - y_k) \\]", "(y_k - t_k) \\]"))[4] == {("wrong", 2)}


def test_sigma_prime_written_out_is_one_factor_and_the_difference_is_named():
    # y(1 - y)(y - t): y(1 - y) is σ' (one factor), the swapped difference the second
    text = DOC.replace("f'(net_k) (t_k - y_k) \\]", "y_k (1 - y_k) (y_k - t_k) \\]")
    assert _check(text)[4] == {("wrong", 2)}
