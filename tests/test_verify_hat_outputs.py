r"""The output written \hat{y}_j (or \hat{y_j}) with a generic letter and no layer: \hat{y} exists
only at the output, as x only at the input and y, t only as targets, so the letter ranges over
that one layer's units and the statement is checked for each (ŷ_1 was read before, ŷ_j was an
unknown name). Messages show ŷ₁, never the reader's y_hat_1."""

import pytest

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


def run(text: str, net: str = "3-4-2", act: str = "sigmoid", loss: str = "half_se"):
    return verify_text(derive(network(net, act, loss)), text)


def statuses(report) -> list[tuple[int, str, str]]:
    return sorted((v.line, v.instance, v.status) for v in report.verdicts)


@pytest.mark.parametrize("hat", [r"\hat{y}_j", r"\hat{y_j}", r"\hat y_j"])
def test_hat_y_j_is_checked_for_every_output(hat):
    text = (
        rf"$$E=\frac{{1}}{{2}}\sum_{{j}}({hat}-y_j)^2$$" + "\n"
        rf"$$\frac{{\partial E}}{{\partial {hat}}}={hat}-y_j$$" + "\n"
    )
    r = run(text)
    assert statuses(r) == [(1, "", "correct"), (2, "j=1", "correct"), (2, "j=2", "correct")]
    assert not r.unchecked


def test_a_sign_slip_in_hat_y_j_is_wrong_for_every_output_and_shown_as_written():
    r = run(r"$$\frac{\partial E}{\partial \hat{y}_k}=\hat{y}_k+y_k$$" + "\n", net="2-2-3")
    assert [v.status for v in r.verdicts] == ["wrong"] * 3
    assert [v.instance for v in r.verdicts] == ["k=1", "k=2", "k=3"]
    text = render_text(r)
    assert "ŷ₁" in text and "y_hat" not in text


def test_the_chain_through_the_output_with_hat_y_j():
    # dE/dz_j of the output layer in layered z, with the output as \hat{y}_j (cross-entropy, softmax)
    text = r"$$\frac{\partial E}{\partial z^{(2)}_j}=\hat{y}_j-y_j$$" + "\n"
    good = derive(network("2-3-3", "sigmoid", "cross_entropy", "softmax"))
    assert [v.status for v in verify_text(good, text).verdicts] == ["correct"] * 3
    bad = verify_text(good, text.replace(r"\hat{y}_j-y_j", r"y_j-\hat{y}_j"))
    assert [v.status for v in bad.verdicts] == ["wrong"] * 3


def test_x_i_alone_ranges_over_the_inputs_only():
    # a statement in x_i alone: three inputs, so three instances, none for a fourth
    r = run(r"$$\frac{\partial z^{(1)}_1}{\partial W^{(1)}_{1i}}=x_i$$" + "\n")
    assert [v.instance for v in r.verdicts] == ["i=1", "i=2", "i=3"]
    assert {v.status for v in r.verdicts} == {"correct"}


def test_a_letter_only_hat_y_carries_on_the_right_is_one_output_not_every_output():
    # L = -log(\hat{y}_d), d the correct class: not 'for every d' (which is false); left unread
    d = derive(network("4-3-3", "relu", "cce", "softmax"))
    r = verify_text(
        d,
        r"$$L = -\log(\hat{y}_d)$$" + "\n" + r"$$\frac{\partial L}{\partial \hat{y}_k} = -y_k / \hat{y}_k$$",
    )
    assert [v.status for v in r.verdicts] == ["correct"] * 3 and [v.line for v in r.verdicts] == [2, 2, 2]
    assert any(u.line == 1 for u in r.unchecked)
