r"""Notations met reading three published sources blind (LeCun et al.'s "Efficient BackProp",
course notes in Larochelle's notation, a study guide of Gormley's computation-graph slides):
small documents of our own in each notation, checked both ways (the true statement judged
correct, a slip wrong or at least never called correct).

- the input as every layer quantity's argument, a^{(k)}(x), h^{(k-1)}(x)^T, (a^{(k)}(x))_j
  (Larochelle): verify/input_arguments.py
- Goodfellow's letters (a the pre-activation, h the activation) renamed once, when a scalar line
  also defines a_i = b_i + \sum_j W_{ij} h_j: verify/matrix.py (layout's roles)
"""

from verdict_lines import verify_layered, worst_by_line

_verify, _said = verify_layered, worst_by_line

# Larochelle's slides: every quantity of a layer a function of the input x
INPUT_ARGUMENT = r"""
$$a^{(k)}(x) = b^{(k)} + W^{(k)} h^{(k-1)}(x)$$
$$h^{(k)}(x) = g(a^{(k)}(x))$$
$$\nabla_{W^{(k)}} L = \nabla_{a^{(k)}(x)} L \; h^{(k-1)}(x)^T$$
$$\nabla_{b^{(k)}} L = \nabla_{a^{(k)}(x)} L$$
$$\nabla_{h^{(k)}(x)} L = \left(W^{(k+1)}\right)^T \nabla_{a^{(k+1)}(x)} L$$
"""


def test_the_input_as_argument_is_not_a_factor():
    said = _said(_verify("2-3-2", INPUT_ARGUMENT))
    assert said == {2: "correct", 3: "correct", 4: "correct", 5: "correct", 6: "correct"}
    slip = INPUT_ARGUMENT.replace("L \\; h^{(k-1)}(x)^T", "L \\; h^{(k)}(x)^T")
    assert slip != INPUT_ARGUMENT
    assert _said(_verify("2-3-2", slip))[4] == "wrong"


def test_an_entry_of_a_parenthesised_layer_quantity():
    text = INPUT_ARGUMENT + (
        "$$\\left(a^{(k+1)}(x)\\right)_{i} = b_{i}^{(k+1)} + \\sum_{j} W_{i, j}^{(k+1)}"
        " \\left(h^{(k)}(x)\\right)_{j}$$\n"
    )
    said = _said(_verify("2-3-2", text))
    assert said[7] == "correct"
    slip = text.replace("\\left(h^{(k)}(x)\\right)_{j}$$", "\\left(a^{(k)}(x)\\right)_{j}$$")
    assert _said(_verify("2-3-2", slip))[7] == "wrong"


def test_x_after_one_name_only_stays_as_written():
    # one layered name before (x): no notation shown, the product stays a product (not checked
    # or wrong, never read as the argument)
    text = "$$z^{(2)} = W^{(2)}(x)$$\n"
    assert _said(_verify("2-3-2", text)).get(1) != "correct"


# Goodfellow's letters in matrix lines, and a scalar line defining the pre-activation's entry
GOODFELLOW_ROWS = r"""
$$a^{(k)} = b^{(k)} + W^{(k)} h^{(k-1)}$$
$$h^{(k)} = \sigma(a^{(k)})$$
$$a^{(k+1)}_i = b^{(k+1)}_i + \sum_j W^{(k+1)}_{ij} h^{(k)}_j$$
"""


def test_goodfellow_roles_are_applied_once():
    said = _said(_verify("2-3-2", GOODFELLOW_ROWS))
    assert said == {2: "correct", 3: "correct", 4: "correct"}
    slip = GOODFELLOW_ROWS.replace("W^{(k)} h^{(k-1)}$$", "W^{(k)} a^{(k-1)}$$")
    assert _said(_verify("2-3-2", slip))[2] == "wrong"


def test_goodfellow_roles_reach_the_scalar_lines():
    # no scalar definition: the matrix lines alone say a is the pre-activation, h the activation
    text = GOODFELLOW_ROWS.replace(
        "$$a^{(k+1)}_i = b^{(k+1)}_i + \\sum_j W^{(k+1)}_{ij} h^{(k)}_j$$",
        "$$\\frac{\\partial L}{\\partial a^{(k)}_j} = "
        "\\frac{\\partial L}{\\partial h^{(k)}_j} h^{(k)}_j (1 - h^{(k)}_j)$$",
    )
    said = _said(_verify("2-3-2", text))
    assert said[4] == "correct"
    slip = text.replace("h^{(k)}_j (1 - h^{(k)}_j)$$", "a^{(k)}_j (1 - a^{(k)}_j)$$")
    assert _said(_verify("2-3-2", slip))[4] == "wrong"


# Larochelle's L hidden layers: the output is L+1, and f(x) the network's output, e(y) the one-hot
OUTPUT_L_PLUS_1 = r"""
$$a^{(k)}(x) = b^{(k)} + W^{(k)} h^{(k-1)}(x)$$
$$a^{(L+1)}(x) = b^{(L+1)} + W^{(L+1)} h^{(L)}(x)$$
$$\nabla_{a^{(L+1)}(x)} L = f(x) - e(y)$$
$$\nabla_{W^{(L+1)}} L = \left(f(x) - e(y)\right) h^{(L)}(x)^T$$
"""


def test_the_output_layer_written_l_plus_1():
    said = _said(_verify("2-3-3", OUTPUT_L_PLUS_1, "sigmoid", "cce", "softmax"))
    assert said == {2: "correct", 3: "correct", 4: "correct", 5: "correct"}
    slip = OUTPUT_L_PLUS_1.replace("h^{(L)}(x)^T$$", "a^{(L)}(x)^T$$")
    assert _said(_verify("2-3-3", slip, "sigmoid", "cce", "softmax"))[5] == "wrong"
    turned = OUTPUT_L_PLUS_1.replace("L = f(x) - e(y)$$", "L = e(y) - f(x)$$")
    assert _said(_verify("2-3-3", turned, "sigmoid", "cce", "softmax"))[4] == "wrong"


def test_f_of_something_else_keeps_f_a_function():
    # f applied to a pre-activation: f is the activation, f(x) not the network's output
    text = OUTPUT_L_PLUS_1 + "$$h^{(k)}(x) = f(a^{(k)}(x))$$\n"
    said = _said(_verify("2-3-3", text, "sigmoid", "cce", "softmax"))
    assert said[4] != "correct" and said[5] != "correct"


def test_a_call_keeps_its_parentheses_and_a_product_loses_them():
    text = INPUT_ARGUMENT + (
        "$$\\left(h^{(k)}(x)\\right)_{j} = g\\left(a^{(k)}(x)\\right)_{j}$$\n"
        "$$\\left(a^{(k+1)}(x)\\right)_{i} = b_{i}^{(k+1)} + "
        "\\sum_{j} W_{i, j}^{(k+1)} \\left(h^{(k)}(x)\\right)_{j}$$\n"
    )
    said = _said(_verify("2-3-2", text))
    assert said[8] == "correct"  # W^{(k+1)} (h)_j: a product, the parentheses an entry's
    assert said.get(7) != "wrong"  # g(a)_j: a call's parentheses kept (never misread as g·a_j)


# Gormley's computation-graph letters (a learner's notes): a \sum with no index over indexed names
BARE_SUM = r"""
$$z^{(1)}_j = \sum W^{(1)}_{ji} x_i + b^{(1)}_j$$
$$a^{(1)}_j = \frac{1}{1+e^{-z^{(1)}_j}}$$
"""


def test_a_bare_sum_sums_the_letter_the_left_side_lacks():
    assert _said(_verify("2-3-1", BARE_SUM)) == {2: "correct", 3: "correct"}
    slip = BARE_SUM.replace("W^{(1)}_{ji} x_i", "W^{(1)}_{ji} x_j")  # summed over i: x_j a slip
    assert _said(_verify("2-3-1", slip))[2] == "wrong"
    two = BARE_SUM.replace("W^{(1)}_{ji} x_i", "W^{(1)}_{ji} x_i x_k")  # two letters left: unread
    assert _said(_verify("2-3-1", two))[2] == "not checked"


STARRED_TARGET = r"""
$$y=\frac{1}{1+e^{-u}}$$
$$J=\frac12(y-y^*)^2$$
$$\frac{dJ}{dy} = y - y^*$$
$y^* = 1$
"""


def test_a_starred_target_keeps_its_reading_beside_its_given_value():
    said = _said(_verify("2-3-1", STARRED_TARGET))
    assert said[2] == "correct" and said[3] == "correct"
    slip = STARRED_TARGET.replace("= y - y^*$$", "= y^* - y$$")
    assert _said(_verify("2-3-1", slip))[4] == "wrong"


# layers as subscripts with the net input's own letter: y_n = W_n x_{n-1} (LeCun et al., in lower
# case here; read before as a unit y_n beside layered x_n: a false 'wrong' on every line)
SUBSCRIPT_NET = r"""
$$y_n = W_n x_{n-1}$$
$$x_n = f(y_n)$$
$$\frac{\partial E}{\partial x_{n-1}} = W_n^T \frac{\partial E}{\partial y_n}$$
"""


def test_the_net_input_letter_of_subscript_layers():
    assert _said(_verify("2-3-2", SUBSCRIPT_NET)) == {2: "correct", 3: "correct", 4: "correct"}
    slip = SUBSCRIPT_NET.replace("\\partial y_n}$$", "\\partial x_n}$$")  # dE/dx_n for dE/dy_n
    assert slip != SUBSCRIPT_NET
    assert _said(_verify("2-3-2", slip))[4] == "wrong"


# LeCun et al.'s capitals for a layer's vectors, and E^p the cost of pattern p (p on the loss alone)
LECUN_CAPITALS = r"""
$$Y_n = W_n X_{n-1}$$
$$\frac{\partial E^p}{\partial X_{n-1}} = W_n^T \frac{\partial E^p}{\partial Y_n}$$
"""


def test_capital_vectors_and_the_pattern_on_the_loss_alone():
    assert _said(_verify("2-3-2", LECUN_CAPITALS)) == {2: "correct", 3: "correct"}
    slip = LECUN_CAPITALS.replace("W_n^T \\frac", "W_{n-1}^T \\frac")
    assert _said(_verify("2-3-2", slip))[3] != "correct"


def test_a_bare_sum_never_sums_the_letter_a_derivative_fixes():
    # dE/dz_j = \sum ... a_j: j is the derivative's, not the sum's (the sum runs over the examples)
    text = (
        "$$a^{(1)}_j = \\sigma(z^{(1)}_j)$$\n"
        "$$\\frac{\\partial E}{\\partial W^{(2)}_{1j}} = \\sum (a^{(2)}_1 - y_1) a^{(1)}_j$$\n"
    )
    assert _said(_verify("2-3-1", text))[2] == "not checked"


def test_f_defined_by_a_formula_in_x_stays_the_activation():
    text = OUTPUT_L_PLUS_1 + "$$f(x) = \\frac{1}{1+e^{-x}}$$\n"
    said = _said(_verify("2-3-3", text, "sigmoid", "cce", "softmax"))
    assert said.get(6) != "wrong"  # never the output called sigma(x)
    assert said[4] != "correct"  # f(x) - e(y) no longer read as the output minus the target
