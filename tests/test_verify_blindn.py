r"""Blind round n (Nilsson's notes, Gurney ch. 6, Jeremy Jordan's post): notations the three
showed the verifier not reading, each on short derivations of their own.

- An equation editor's markup (latex/editor_braces.py): `\frac{{\partial C}}{{\partial \Theta _{21}^{(2)}}}`,
  doubled braces that group nothing more than single ones, was "expected '/'"; a sum's body in
  braces, `\sum\limits_k {\delta _k^{(3)} w _{kj}^{(2)}} g'(z_j^{(2)})`, was one factor, so a
  wrong weight in it was named as the whole group (factor 1), not as the weight (factor 2).
- Ng's Θ written in lowercase in matrix rows (`\delta^{(l)} = (\theta^{(l)})^T \delta^{(l+1)}
  \odot g'(z^{(l)})`, `\theta^{(l)} := \theta^{(l)} - \alpha \nabla`): the scalar reader took
  \theta^{(l)} for Θ^{(l)} already, the matrix reader named nothing for any layer.
- A bare σ in an identity about σ' (`\sigma'(a) = \sigma(1 - \sigma)`, Gurney): σ at a
  (verify/bare_functions.py), as in `\frac{d\sigma}{dx} = \sigma(1 - \sigma)`; it was refused.
"""

import pytest
from verdict_lines import by_line, factors_by_line, verify_layered

from symbolic.errors import SympropError

EDITOR = (
    r"$$C = \frac{1}{2}\sum\limits_k {{{\left( {{t_k} - a_k^{(3)}} \right)}^2}}$$" + "\n"
    r"$$\frac{{\partial C}}{{\partial a_2^{(3)}}} = -\left( {{t_2} - a_2^{(3)}} \right)$$" + "\n"
    r"$$\frac{{\partial C}}{{\partial \Theta _{21}^{(2)}}} = "
    r"\left( {\frac{{\partial C}}{{\partial z_2^{(3)}}}} \right)"
    r"\left( {\frac{{\partial z_2^{(3)}}}{{\partial \Theta _{21}^{(2)}}}} \right)$$" + "\n"
)


def test_doubled_braces_of_an_equation_editor_read_as_single_ones():
    r = verify_layered("3-2-2", EDITOR, activation="tanh", targets="t")
    assert by_line(r) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}


def test_a_wrong_factor_under_doubled_braces_is_named():
    wrong = EDITOR.replace(r"-\left( {{t_2} - a_2^{(3)}} \right)", r"\left( {{t_2} - a_2^{(3)}} \right)")
    r = verify_layered("3-2-2", wrong, activation="tanh", targets="t")
    assert by_line(r)[2] == {"wrong"}


SUM_BODY = (
    r"$$\delta _j^{(2)} = \sum\limits_k {\delta _k^{(3)}w _{kj}^{(2)}} g'\left( {z_j^{(2)}} \right)$$" + "\n"
)


def test_a_sum_body_in_braces_is_read_as_the_unbraced_sum():
    r = verify_layered("2-3-2", SUM_BODY, activation="tanh")
    assert by_line(r) == {1: {"correct"}}


def test_a_wrong_weight_in_a_braced_sum_body_is_named_at_its_own_factor():
    r = verify_layered("2-3-2", SUM_BODY.replace("w _{kj}", "w _{jk}"), activation="tanh")
    assert factors_by_line(r)[1] == {("wrong", 2)}  # the weight, not the group δ w as factor 1


def test_a_group_that_is_not_the_sum_body_alone_keeps_its_braces():
    # {{t_k} - a_k}: a group of more than one group; a_k^{(3)} stays inside the square
    r = verify_layered("3-2-2", EDITOR.splitlines()[0] + "\n", activation="tanh", targets="t")
    assert by_line(r) == {1: {"correct"}}


LOWER_THETA = (
    r"$$\frac{\partial J}{\partial \theta_{11}^{(2)}} = \delta_1^{(3)} a_1^{(2)}$$" + "\n"
    r"$$\delta^{(l)} = (\theta^{(l)})^T \delta^{(l+1)} \odot g'(z^{(l)})$$" + "\n"
    r"$$\theta^{(l)} := \theta^{(l)} - \alpha \frac{\partial J}{\partial \theta^{(l)}}$$" + "\n"
)


def test_lowercase_theta_in_matrix_rows_is_ngs_theta():
    r = verify_layered("3-2-2", LOWER_THETA, activation="tanh")
    assert by_line(r) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}


def test_a_missing_transpose_on_lowercase_theta_is_named():
    r = verify_layered("3-2-2", LOWER_THETA.replace(r"(\theta^{(l)})^T", r"\theta^{(l)}"), activation="tanh")
    assert by_line(r)[2] == {"wrong"}


def test_a_bare_sigma_in_an_identity_about_sigma_prime_is_sigma_at_its_variable():
    # Gurney's sigma'(a) = sigma(1 - sigma): "sigma needs an argument" before
    text = "\\[ \\sigma'(u) = \\sigma(1 - \\sigma) \\]\n\\[ \\sigma'(u) = \\sigma(1 + \\sigma) \\]\n"
    r = verify_layered("3-2-1", text)
    assert by_line(r) == {1: {"correct"}, 2: {"wrong"}}


def test_a_bare_sigma_without_a_derivative_of_sigma_still_needs_its_argument():
    with pytest.raises(SympropError, match="needs an argument"):  # nothing read: refused, exit 2
        verify_layered("3-2-1", "\\[ \\sigma'(u) \\cdot 2 = \\sigma(1 - \\sigma) \\]\n")
