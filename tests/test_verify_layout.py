r"""Derivatives of vectors written as matrices (symbolic/verify/jacobians.py) and the layout a
document writes them in, read off its other statements (symbolic/verify/layout_votes.py).

- An element-wise Jacobian written as its diagonal (∂a/∂z = σ'(z), ∂z/∂b = 1) is the same in every
  layout: judged, a wrong activation derivative named at its factor.
- ∂z/∂a = W or Wᵀ, ∂z/∂W = aᵀ or a, ∂L/∂a a row or a column: judged in the layout two other
  statements or more settle; a statement in the other layout names the mismatch, not checked; one
  right in no layout is wrong at its factor; a document that mixes them settles nothing.
- The chain rule written as derivatives alone (∂L/∂a ∂a/∂z ∂z/∂W) is judged as the sum over its
  intermediate entries, in either order.
Documents written here, in other letters, depths and activations than the corpus's.
"""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from tests.verdict_lines import by_line

NG = "$$z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}$$\n$$a^{[l]} = \\sigma(z^{[l]})$$\n"
PARENS = "$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$$\n"


def run(text: str, net: str = "2-3-2", act: str = "sigmoid", loss: str = "half_se", out=None):
    d = derive(network(net, act, loss, out))
    return verify_text(d, text)


def lines(report) -> dict[int, set[str]]:
    return by_line(report)


def fault(report, line: int):
    return next(v.fault for v in report.verdicts if v.line == line and v.status == "wrong")


def reason(report, line: int) -> str:
    return next(u.reason for u in report.unchecked if u.line == line)


# ------------------------------------------------------------------------------ diagonal Jacobians


def test_an_elementwise_jacobian_written_as_its_diagonal_is_judged_in_any_letters():
    r = run(
        NG
        + "$$\\frac{\\partial a^{[1]}}{\\partial z^{[1]}} = \\sigma'(z^{[1]})$$\n"
        + "$$\\frac{\\partial a^{[2]}}{\\partial z^{[2]}} = a^{[2]} \\odot (1 - a^{[2]})$$\n"
        + "$$\\frac{\\partial z^{[2]}}{\\partial b^{[2]}} = 1$$\n"
    )
    got = lines(r)
    assert got[3] == {"correct"} and got[4] == {"correct"} and got[5] == {"correct"}


def test_a_tanh_network_in_parentheses_and_a_relu_one():
    r = run(
        PARENS + "$$\\frac{\\partial a^{(2)}}{\\partial z^{(2)}} = 1 - a^{(2)} \\odot a^{(2)}$$\n",
        net="3-4-2",
        act="tanh",
    )
    assert lines(r)[2] == {"correct"}
    r = run(
        "$$z^L = W^L a^{L-1} + b^L$$\n"
        "$$\\frac{\\partial a^{L-1}}{\\partial z^{L-1}} = \\text{ReLU}'(z^{L-1})$$\n",
        net="2-3-1",
        act="relu",
        loss="bce",
        out="sigmoid",
    )
    assert lines(r)[2] == {"correct"}


def test_a_wrong_activation_derivative_is_named_at_its_factor():
    r = run(NG + "$$\\frac{\\partial a^{[1]}}{\\partial z^{[1]}} = \\sigma(z^{[1]})$$\n")
    assert lines(r)[3] == {"wrong"} and fault(r, 3).position == 1
    # a(1 + a) for a(1 - a): one factor, the pair as the corpus counts it (verify/glued_factors.py)
    r = run(NG + "$$\\frac{\\partial a^{[2]}}{\\partial z^{[2]}} = a^{[2]} \\odot (1 + a^{[2]})$$\n")
    assert lines(r)[3] == {"wrong"} and fault(r, 3).position == 1


def test_a_diagonal_of_another_layer_and_a_wrong_number_are_wrong():
    r = run(NG + "$$\\frac{\\partial a^{[1]}}{\\partial z^{[1]}} = \\sigma'(z^{[2]})$$\n")
    assert lines(r)[3] == {"wrong"} and "layer" in fault(r, 3).text
    r = run(NG + "$$\\frac{\\partial z^{[2]}}{\\partial b^{[2]}} = 0$$\n")
    assert lines(r)[3] == {"wrong"}


def test_a_softmax_jacobian_is_not_diagonal_and_stays_not_checked():
    r = run(
        NG + "$$\\frac{\\partial a^{[2]}}{\\partial z^{[2]}} = a^{[2]} \\odot (1 - a^{[2]})$$\n",
        net="2-3-3",
        loss="ce",
        out="softmax",
    )
    assert lines(r)[3] == {"not checked"}


# ------------------------------------------------------------------------------ layouts settled by votes

NUMERATOR = (
    PARENS
    + "$$\\frac{\\partial z^{(3)}}{\\partial a^{(2)}} = W^{(3)}$$\n"  # 2
    + "$$\\frac{\\partial z^{(2)}}{\\partial a^{(1)}} = W^{(2)}$$\n"  # 3
    + "$$\\frac{\\partial C}{\\partial a^{(2)}} = "
    "\\left(\\frac{\\partial C}{\\partial z^{(3)}}\\right)^T W^{(3)}$$\n"  # 4
)
DENOMINATOR = (
    PARENS
    + "$$\\frac{\\partial z^{(3)}}{\\partial a^{(2)}} = (W^{(3)})^T$$\n"  # 2
    + "$$\\frac{\\partial z^{(2)}}{\\partial a^{(1)}} = (W^{(2)})^T$$\n"  # 3
    + "$$\\frac{\\partial C}{\\partial a^{(2)}} = (W^{(3)})^T \\frac{\\partial C}{\\partial z^{(3)}}$$\n"  # 4
)


def test_a_document_in_numerator_layout_is_judged_in_it():
    r = run(NUMERATOR, net="2-3-4-2")
    got = lines(r)
    assert got[2] == got[3] == got[4] == {"correct"}
    label = next(v.label for v in r.verdicts if v.line == 2)
    assert "numerator layout" in label and "lines 3 and 4" in label


def test_a_document_in_denominator_layout_is_judged_in_it():
    r = run(DENOMINATOR, net="2-3-4-2")
    got = lines(r)
    assert got[2] == got[3] == got[4] == {"correct"}


def test_a_statement_in_the_other_layout_names_the_mismatch_and_is_not_checked():
    r = run(DENOMINATOR + "$$\\frac{\\partial z^{(4)}}{\\partial a^{(3)}} = W^{(4)}$$\n", net="2-3-4-2")
    assert lines(r)[5] == {"not checked"}
    said = reason(r, 5)
    assert "numerator layout" in said and "lines 2, 3 and 4" in said and "denominator layout" in said


def test_a_missing_transpose_right_in_no_layout_is_named():
    slip = "$$\\frac{\\partial C}{\\partial a^{(1)}} = W^{(2)} \\frac{\\partial C}{\\partial z^{(2)}}$$\n"
    r = run(DENOMINATOR + slip, net="2-3-4-2")
    assert lines(r)[5] == {"wrong"} and fault(r, 5).position == 1


def test_a_wrong_layer_is_wrong_in_every_layout():
    r = run(NUMERATOR + "$$\\frac{\\partial z^{(4)}}{\\partial a^{(3)}} = W^{(3)}$$\n", net="2-3-4-2")
    assert lines(r)[5] == {"wrong"} and fault(r, 5).position == 1 and "layer" in fault(r, 5).text


def test_one_statement_never_settles_its_own_layout():
    r = run(PARENS + "$$\\frac{\\partial z^{(3)}}{\\partial a^{(2)}} = W^{(3)}$$\n", net="2-3-4-2")
    assert lines(r)[2] == {"not checked"} and "do not settle" in reason(r, 2)
    r = run(
        PARENS
        + "$$\\frac{\\partial z^{(3)}}{\\partial a^{(2)}} = W^{(3)}$$\n"
        + "$$\\frac{\\partial z^{(2)}}{\\partial a^{(1)}} = W^{(2)}$$\n",
        net="2-3-4-2",
    )
    assert lines(r)[2] == lines(r)[3] == {"not checked"}  # one vote each: not two


def test_a_document_that_mixes_layouts_settles_nothing():
    r = run(
        PARENS
        + "$$\\frac{\\partial z^{(3)}}{\\partial a^{(2)}} = W^{(3)}$$\n"
        + "$$\\frac{\\partial z^{(2)}}{\\partial a^{(1)}} = W^{(2)}$$\n"
        + "$$\\frac{\\partial z^{(4)}}{\\partial a^{(3)}} = (W^{(4)})^T$$\n"
        + "$$\\frac{\\partial C}{\\partial a^{(2)}} = (W^{(3)})^T \\frac{\\partial C}{\\partial z^{(3)}}$$\n",
        net="2-3-4-2",
    )
    got = lines(r)
    assert got[2] == got[3] == got[4] == {"not checked"}
    assert "wrong" not in set().union(*got.values())


# ------------------------------------------------------------------------------ by the weights

WEIGHTS = (
    NG
    + "$$\\frac{\\partial L}{\\partial W^{[2]}} = \\frac{\\partial L}{\\partial z^{[2]}} (a^{[1]})^T$$\n"  # 3
    + "$$\\frac{\\partial L}{\\partial W^{[1]}} = \\frac{\\partial L}{\\partial z^{[1]}} x^T$$\n"  # 4
)


def test_dz_dW_in_the_shape_of_W_is_judged_where_the_gradients_are_delta_a_transposed():
    r = run(WEIGHTS + "$$\\frac{\\partial z^{[2]}}{\\partial W^{[2]}} = (a^{[1]})^T$$\n", net="3-4-2")
    assert lines(r)[5] == {"correct"}
    assert "shape of W" in next(v.label for v in r.verdicts if v.line == 5)


def test_dz_dW_as_a_column_there_names_the_mismatch():
    r = run(WEIGHTS + "$$\\frac{\\partial z^{[2]}}{\\partial W^{[2]}} = a^{[1]}$$\n", net="3-4-2")
    assert lines(r)[5] == {"not checked"} and "lines 3 and 4" in reason(r, 5)


def test_dz_dW_with_the_input_of_another_layer_is_wrong_at_its_factor():
    r = run(WEIGHTS + "$$\\frac{\\partial z^{[2]}}{\\partial W^{[2]}} = x^T$$\n", net="3-4-2")
    assert lines(r)[5] == {"wrong"} and fault(r, 5).position == 1


# ------------------------------------------------------------------------------ the chain as names


def test_a_chain_of_derivatives_of_vectors_is_judged_in_either_order():
    r = run(
        NG + "$$\\frac{\\partial L}{\\partial W^{[1]}} = \\frac{\\partial L}{\\partial a^{[2]}} "
        "\\frac{\\partial a^{[2]}}{\\partial z^{[2]}} \\frac{\\partial z^{[2]}}{\\partial a^{[1]}} "
        "\\frac{\\partial a^{[1]}}{\\partial z^{[1]}} \\frac{\\partial z^{[1]}}{\\partial W^{[1]}}$$\n"
        + "$$\\frac{\\partial L}{\\partial b^{[1]}} = \\frac{\\partial z^{[1]}}{\\partial b^{[1]}} "
        "\\frac{\\partial a^{[1]}}{\\partial z^{[1]}} \\frac{\\partial L}{\\partial a^{[1]}}$$\n",
        net="2-4-3",
        act="tanh",
    )
    got = lines(r)
    assert got[3] == {"correct"} and got[4] == {"correct"}


def test_a_chain_ending_in_one_entry_of_a_vector_is_not_judged():
    r = run(
        NG + "$$\\frac{\\partial L}{\\partial z^{[2]}} = \\frac{\\partial L}{\\partial a^{[2]}} "
        "\\frac{\\partial a^{[2]}}{\\partial z_1^{[2]}}$$\n"
    )
    assert lines(r)[3] == {"not checked"}


def test_a_gradient_by_a_vector_written_as_a_row_times_W_is_numerator_layout():
    rows = NUMERATOR.replace(
        "\\left(\\frac{\\partial C}{\\partial z^{(3)}}\\right)^T W^{(3)}",
        "\\frac{\\partial C}{\\partial z^{(3)}} W^{(3)}",
    )
    assert rows != NUMERATOR
    r = run(rows, net="2-3-4-2")
    assert lines(r)[4] == {"correct"}
    slip = "$$\\frac{\\partial C}{\\partial a^{(1)}} = \\frac{\\partial C}{\\partial z^{(2)}} W^{(3)}$$\n"
    r = run(rows + slip, net="2-3-4-2")
    assert lines(r)[5] == {"wrong"} and fault(r, 5).position == 2


def test_a_gradient_that_does_not_show_its_orientation_votes_for_no_layout():
    r = run(
        PARENS
        + "$$\\frac{\\partial C}{\\partial b^{(3)}} = \\delta^{(3)}$$\n"
        + "$$\\frac{\\partial C}{\\partial b^{(2)}} = \\delta^{(2)}$$\n"
        + "$$\\frac{\\partial z^{(3)}}{\\partial a^{(2)}} = W^{(3)}$$\n",
        net="2-3-4-2",
    )
    assert lines(r)[4] == {"not checked"} and "do not settle" in reason(r, 4)
