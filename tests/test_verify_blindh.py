r"""Notations met reading math-for-ML books blind (Murphy's 'Probabilistic Machine Learning' sec.
13.3.2, Deisenroth, Faisal & Ong's 'Mathematics for Machine Learning' sec. 5.6.1): small documents
of our own in the same notation, other letters and sizes, checked both ways.

- a norm typed with two bars, ||y - x_4||^2 (latex/tokens.py), is the norm \|y - x_4\|^2
- the Euclidean norm's subscript and a braced square, \|v\|_2^2, \|v\|_{2}^{2}, \|v\|^{2}, read
  as \|v\|^2 by the vector reader too (latex/matrix.py); any other power is still refused
- \tag*{(13.30)}, an equation number without its brackets, is dropped whole: its number was read
  as a factor of the statement (latex/tokens.py)
- a middle side naming the layer's own function with its arguments, x_2 = f_1(x, \theta_1) = W_1 x,
  is dropped and the outer sides judged (latex/function_sides.py)
- the first layer's z^{(1)} = W^{(1)} x without a bias, in a document read with biases, is not
  checked as the other layers' are, never judged wrong (verify/running.py)
"""

from verdict_lines import factors_by_line, verify_layered, worst_by_line

from symbolic.verify.ditto import VerifyInputError

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
    # a chain that does not link: never correct, the missing link named (verify/chain_repairs.py)
    said = factors_by_line(verify_layered("2-3-2", slip, "tanh", "half_se", "identity"))
    assert said[5] == {("wrong", 3)}


def test_an_unbracketed_tag_is_not_a_factor():
    text = FORWARD + r"$$\mathcal{L} = \frac{1}{2}\|u_4 - y\|^2 \tag*{(7.3)}$$"
    assert _said(text) == dict.fromkeys(range(1, 5), "correct")
    assert _said(text.replace(r"\frac{1}{2}", ""))[4] == "wrong"


# Murphy's rows through the layers' own functions, in other letters (g_k, u_k)
CALLED = r"""$$u_2 = g_1(u_1, W_1) = W_1 u_1$$
$$u_3 = g_2(u_2, \varnothing) = \varphi(u_2)$$
$$u_4 = g_3(u_3, W_2) = W_2 u_3$$
$$\mathcal{L} = g_4(u_4, y) = \frac{1}{2}||u_4 - y||^2$$
"""


def test_a_side_naming_the_layer_function_with_its_arguments_is_dropped():
    assert _said(CALLED) == dict.fromkeys(range(1, 5), "correct")
    # the outer sides are the claim: the loss without its half is named at its factor
    assert _said(CALLED.replace(r"\frac{1}{2}||", "||")) == {
        1: "correct",
        2: "correct",
        3: "correct",
        4: "wrong",
    }


def _judged(text):
    """What is said by line, {} when nothing in the document could be checked."""
    try:
        return _said(text)
    except VerifyInputError:
        return {}


def test_a_call_with_one_argument_or_on_the_left_is_kept():
    one = CALLED.replace("g_1(u_1, W_1)", "g_1(u_1)")  # g_1(u_1) may be an activation: not dropped
    assert _judged(one).get(1, "not checked") == "not checked"
    left = CALLED.replace("u_2 = g_1(u_1, W_1) = ", "g_1(u_1, W_1) = ")  # no left side to keep
    assert _judged(left).get(1, "not checked") == "not checked"


def test_a_first_layer_without_its_bias_is_not_judged_wrong_beside_a_theta():
    # \theta may hold biases (verify/no_bias.py): the document is read with them, so its bias-free
    # rows are not checked, the first as the second (u_1 the input); was 'wrong' on line 1
    text = FORWARD + r"$$\frac{\partial \mathcal{L}}{\partial \theta_1} = u_1$$"
    said = _said(text)
    assert said[1] == said[3] == "not checked" and said[2] == "correct"
