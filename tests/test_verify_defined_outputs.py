r"""Names a document defines by its forward pass, read with the meaning written.

- A bare name defined as the activation of a layer's net input is that layer's output: MIT 6.390's
  `g = f^2(z^2)` (the output, read by later chains through \partial L/\partial g) was an unknown
  name (verify/running.defined_vectors).
- A capital with a layer defined by a matrix row is a vector in later rows: after `Z^1 = (W^1)^T
  A^0 + W_0^1`, `A^1 = f^1(Z^1)` was read as scalars, A^1 the power 1 of A (latex/algorithm.py).
- An activation applied to a weight matrix times a vector, nothing added, in a text naming no
  bias: the network is read without biases and the written sum is that layer's net input (Kyle
  Lo's `-y^T \log \phi(w^T x)` of a softmax layer: verify/no_bias.py, layer_calls.word_for).
"""

import pytest
from verdict_lines import by_line, verify_layered

MIT = r"""$$
z^2 = (w^2)^\top A^1 + w_0^2, \qquad g = f^2(z^2).
$$
$$
\frac{\partial \mathcal{L}}{\partial w^2_0} = {f^2}'(z^2) \; \frac{\partial \mathcal{L}}{\partial g}.
$$
"""


def test_a_bare_name_defined_as_a_layers_activation_is_its_output():
    assert by_line(verify_layered("2-2-1", MIT)) == {2: {"correct"}, 5: {"correct"}}


def test_a_slip_through_the_defined_name_is_wrong():
    report = verify_layered("2-2-1", MIT.replace("= {f^2}'(z^2)", "= {f^2}(z^2)"))
    assert by_line(report) == {2: {"correct"}, 5: {"wrong"}}


def test_the_name_is_the_layer_its_net_input_names():
    # g = f^2(z^1): the hidden layer's output, so dL/dw^2_0 through it is not the output's chain
    report = verify_layered("2-2-1", MIT.replace("g = f^2(z^2)", "g = f^2(z^1)"))
    assert by_line(report)[5] == {"wrong"}


CAPITALS = r"""$$
Z^1 = (W^1)^\top A^0 + W_0^1, \qquad A^1 = f^1(Z^1),
$$
"""


def test_a_capital_defined_with_its_layer_is_a_vector_in_the_rows_after():
    assert by_line(verify_layered("2-2-1", CAPITALS)) == {2: {"correct"}}
    wrong = verify_layered("2-2-1", CAPITALS.replace("A^1 = f^1", "A^1 = {f^1}'"))
    assert {v.status for v in wrong.verdicts} == {"correct", "wrong"}


SOFTMAX = r"$$\mathcal{L}(w) = -y^T \log \phi(w^T x)$$" + "\n"


def test_an_activation_of_a_weighted_sum_in_a_text_without_biases():
    report = verify_layered("2-3", SOFTMAX, output="softmax", loss="cce")
    assert by_line(report) == {1: {"correct"}}
    assert any(s.how == "no biases" for s in report.inferred)
    slip = verify_layered("2-3", SOFTMAX.replace("= -y^T", "= y^T"), output="softmax", loss="cce")
    assert by_line(slip) == {1: {"wrong"}}


def test_a_text_that_writes_a_bias_keeps_it():
    # b named beside: \phi(w^T x) is not a net input of this network, never read as one
    text = SOFTMAX + r"$$z = w^T x + b$$" + "\n"
    # z = w^T x + b is itself a forward row (latex/forward_letters: w transposed, as written, the
    # weights input-by-output by transposed_weights), judged with its bias; line 1 stays unread
    said = by_line(verify_layered("2-3", text, output="softmax", loss="cce"))
    assert said == {1: {"not checked"}, 2: {"correct"}}


def test_the_top_layer_by_its_letter_L():
    text = r"""$$g = f^L(Z^L).$$
$$\frac{\partial \mathcal{L}}{\partial Z^L} = {f^L}'(Z^L) \frac{\partial \mathcal{L}}{\partial g}$$
$$\frac{\partial \mathcal{L}}{\partial Z^L} = {f^L}(Z^L) \frac{\partial \mathcal{L}}{\partial g}$$
"""
    assert by_line(verify_layered("2-2-1", text)) == {1: {"correct"}, 2: {"correct"}, 3: {"wrong"}}


def test_a_name_the_network_already_has_is_checked_not_rebound():
    # Bengali note's plant: the prediction as the hidden layer's activation is a wrong definition
    text = r"$$\hat{y} = \sigma(z^{[1]})$$" + "\n"
    assert by_line(verify_layered("2-2-1", text)) == {1: {"wrong"}}


HAT = r"""$$z^{[1]} = W^{[1]} x + b^{[1]}, \quad a^{[1]} = \sigma(z^{[1]})$$
$$\hat{y} = \sigma(W^{[2]} a^{[1]} + b^{[2]})$$
$$\frac{\partial \mathcal{L}}{\partial \hat{y}} = \hat{y} - y$$
"""


@pytest.mark.parametrize("said", [r"\sigma(W^{[2]} a^{[1]} + b^{[2]})", r"W^{[2]} a^{[1]} + b^{[2]}"])
def test_the_prediction_defined_as_a_formula_of_layers_is_the_output_vector(said):
    """\\hat{y} defined by a formula of whole layers (not only as a^{[2]} itself) is the output
    vector in later rows: ∂L/∂\\hat{y} by the whole vector was an unknown name (latex/algorithm.py)."""
    output = None if said.startswith(r"\sigma") else "identity"
    text = HAT.replace(r"\sigma(W^{[2]} a^{[1]} + b^{[2]})", said)
    said = by_line(verify_layered("3-4-2", text, output=output))
    assert said == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    slip = verify_layered("3-4-2", text.replace(r"= \hat{y} - y", r"= \hat{y} + y"), output=output)
    assert by_line(slip)[3] == {"wrong"}


def test_a_wrong_definition_of_a_vector_names_no_derivative():
    """An entry of a vector row defined wrong says what was written and expected, without a
    derivative by 1 (codegen/verdict.py)."""
    from codegen.verdict import render_text

    text = r"$$z^{[1]} = W^{[1]} x + b^{[1]}, \quad a^{[1]} = \tanh(z^{[1]})$$" + "\n"
    said = render_text(verify_layered("2-2-1", text))
    assert "expected [σ(z⁽¹⁾₁)]" in said and "/∂1" not in said, said
