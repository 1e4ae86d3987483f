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
