r"""Columns with W stored input-by-output, the forward pass written W^T a (a Japanese note's
u^l = (W^l)^T y^{l-1}, Goodfellow's h = g(W^T x + c)): the document's forward definitions say it
(verify/transposed_weights.py), and its backward lines are judged in it (δ = W δ' ⊙ f'(z),
∂E/∂W = a (δ)^T); without such a forward definition they are judged in symprop's convention."""

from verdict_lines import by_line

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("3-4-2", "tanh", "half_se", "identity"))

FORWARD = (
    r"$$z^{(1)} = (W^{(1)})^T x + b^{(1)}$$" + "\n"
    r"$$z^{(2)} = (W^{(2)})^T a^{(1)} + b^{(2)}$$" + "\n"
)
BACKWARD = (
    r"$$\delta^{(1)} = W^{(2)} \delta^{(2)} \odot f'(z^{(1)})$$" + "\n"
    r"$$\frac{\partial E}{\partial W^{(1)}} = x (\delta^{(1)})^T$$" + "\n"
    r"$$\frac{\partial E}{\partial W^{(2)}} = a^{(1)} (\delta^{(2)})^T$$" + "\n"
)


def test_the_backward_pass_of_a_transposed_forward_is_right():
    lines = by_line(verify_text(D, FORWARD + BACKWARD))
    assert lines == {k: {"correct"} for k in range(1, 6)}


def test_a_transpose_added_to_the_recursion_is_wrong():
    slip = BACKWARD.replace(r"W^{(2)} \delta^{(2)}", r"(W^{(2)})^T \delta^{(2)}")
    r = verify_text(D, FORWARD + slip)
    assert by_line(r)[3] == {"wrong"}
    assert next(v for v in r.verdicts if v.line == 3).fault.position == 1


def test_the_gradient_with_the_other_layers_delta_is_wrong_and_its_transpose_not_judged():
    slip = BACKWARD.replace(r"x (\delta^{(1)})^T", r"x (\delta^{(2)})^T")
    r = verify_text(D, FORWARD + slip)
    assert by_line(r)[4] == {"wrong"} and by_line(r)[3] == by_line(r)[5] == {"correct"}
    assert next(v for v in r.verdicts if v.line == 4).fault.position == 2
    swapped = BACKWARD.replace(r"x (\delta^{(1)})^T", r"\delta^{(1)} x^T")  # numerator layout
    assert by_line(verify_text(D, FORWARD + swapped))[4] == {"not checked"}


def test_without_the_forward_definitions_symprops_convention_judges():
    lines = by_line(verify_text(D, BACKWARD))
    assert lines[1] == {"wrong"}  # W δ' in symprop's W (output-by-input): a missing transpose


def test_a_document_writing_both_forwards_is_not_read_transposed():
    both = FORWARD + r"$$z^{(2)} = W^{(2)} a^{(1)} + b^{(2)}$$" + "\n" + BACKWARD
    lines = by_line(verify_text(D, both))
    assert "correct" not in lines[4]  # the recursion is not judged right in a convention not settled
