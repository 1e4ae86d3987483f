r"""Notations met reading math-for-ML books blind (Murphy's 'Probabilistic Machine Learning' sec.
13.3.2, Deisenroth, Faisal & Ong's 'Mathematics for Machine Learning' sec. 5.6.1): small documents
of our own in the same notation, other letters and sizes, checked both ways.

- a norm typed with two bars, ||y - x_4||^2 (latex/tokens.py), is the norm \|y - x_4\|^2
- the Euclidean norm's subscript and a braced square, \|v\|_2^2, \|v\|_{2}^{2}, \|v\|^{2}, read
  as \|v\|^2 by the vector reader too (latex/matrix.py); any other power is still refused
"""

from verdict_lines import verify_layered, worst_by_line

# Murphy's layers: the linear maps and the activation counted apart (x_2 = W_1 x, x_3 = phi(x_2)),
# here on a 2-3-2 tanh network with a linear output, in other letters
FORWARD = r"""$$u_2 = W_1 u_1$$
$$u_3 = \varphi(u_2)$$
$$u_4 = W_2 u_3$$
"""


def _said(text, arch="2-3-2", activation="tanh", loss="half_se", output="identity"):
    return worst_by_line(verify_layered(arch, text, activation, loss, output))


def test_a_norm_typed_with_two_bars_is_read_and_judged():
    said = _said(r"$$E = \frac{1}{2}||\mathbf{a}^{(2)} - \mathbf{y}||^{2}$$")
    assert said == {1: "correct"}
    said = _said(r"$$E = ||\mathbf{a}^{(2)} - \mathbf{y}||^{2}$$")
    assert said == {1: "wrong"}  # without the half of the network's loss


def test_the_euclidean_subscript_and_a_braced_square_are_the_squared_norm():
    for norm in (r"||u_4 - y||_{2}^{2}", r"\|u_4 - y\|_2^2", r"\left\|u_4 - y\right\|^{2}"):
        said = _said(FORWARD + rf"$$\mathcal{{L}} = \frac{{1}}{{2}}{norm}$$")
        assert said == dict.fromkeys(range(1, 5), "correct"), norm
    said = _said(FORWARD + r"$$\mathcal{L} = ||u_4 - y||_{2}^{2}$$")
    assert said[4] == "wrong"


def test_a_norm_to_another_power_or_a_single_bar_is_not_read_as_the_square():
    for norm in (r"||u_4 - y||^{3}", r"|u_4 - y|^{2}"):
        said = _said(FORWARD + rf"$$\mathcal{{L}} = \frac{{1}}{{2}}{norm}$$")
        assert said[4] == "not checked", norm


def test_murphys_whole_loss_and_chains_in_other_letters():
    text = FORWARD + (
        r"$$\mathcal{L}=\frac{1}{2}||y-W_{2}\varphi(W_{1}u_1)||_{2}^{2}$$"
        "\n"
        r"$$\frac{\partial\mathcal{L}}{\partial W_{1}}=\frac{\partial\mathcal{L}}{\partial u_{4}}"
        r"\frac{\partial u_{4}}{\partial u_{3}}\frac{\partial u_{3}}{\partial u_{2}}"
        r"\frac{\partial u_{2}}{\partial W_{1}}$$"
    )
    assert _said(text) == dict.fromkeys(range(1, 6), "correct")
    slip = text.replace(r"\frac{\partial u_{3}}{\partial u_{2}}", "")  # the activation's Jacobian left out
    assert _said(slip)[5] == "not checked"  # a chain that does not link: never correct
