r"""Markup of worked examples as blog posts and study notes write them (a Bengali study note on a
2-2-1 sigmoid network with binary cross-entropy, read blind, broke on each): \vec{z^{[1]}} for the
vector; `\quad \text{(Linear)}` labels after a formula; rounded values written with ≈ or \approx;
numbers written through the activation (\sigma(0.2), once an internal error); the sigmoid's
derivative written out, a^{[1]} \cdot (1 - a^{[1]}), entry by entry in a gradient's row; and a
matrix of given values (x = [1; 0]) taken as the point, not also said "not checked"."""

import math

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

NET = derive(network("2-2-1", "sigmoid", "bce"))

GIVEN = (
    r"$$x = \begin{bmatrix} 1 \\ 0 \end{bmatrix}, \quad W^{[1]} = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & 0.4"
    r" \end{bmatrix}, \quad b^{[1]} = \begin{bmatrix} 0.1 \\ 0.1 \end{bmatrix}$$" + "\n"
    r"$$W^{[2]} = \begin{bmatrix} 0.2 & 0.3 \end{bmatrix}, \quad b^{[2]} = 0.1, \quad y = 1$$" + "\n"
)


def sig(v: float) -> float:
    return 1 / (1 + math.exp(-v))


def test_vec_and_trailing_labels_are_read_through():
    text = (
        r"$$\vec{z^{[1]}} = \vec{W^{[1]}} \cdot \vec{x} + \vec{b^{[1]}} \quad \text{(Linear)}$$" + "\n"
        r"$$\vec{a^{[1]}} = \sigma(\vec{z^{[1]}}) \quad \text{(Activation, e.g., Sigmoid)}$$" + "\n"
        r"$$\hat{y} = \sigma(z^{[2]}) \qquad \text{(Prediction)}$$" + "\n"
    )
    r = verify_text(NET, text)
    assert [v.status for v in r.verdicts] == ["correct"] * 3 and not r.unchecked
    slip = verify_text(NET, text.replace(r"\sigma(\vec{z^{[1]}})", r"\tanh(\vec{z^{[1]}})"))
    assert [v.status for v in slip.verdicts] == ["correct", "wrong", "correct"]


def test_a_label_that_is_one_word_stays_a_name():
    # \text{out} after a space is a factor (a name), not a label: the statement is read with it
    r = verify_text(NET, r"$$\frac{\partial L}{\partial z^{[2]}} = \hat{y} - y \quad \text{out}$$")
    assert not [v for v in r.verdicts if v.status == "correct"]


@pytest.mark.parametrize("approx", ["≈", r"\approx", r"\simeq"])
def test_rounded_values_are_claims_at_the_given_point(approx):
    a1, a2 = sig(0.2), sig(0.4)
    y_hat = sig(0.2 * a1 + 0.3 * a2 + 0.1)
    text = GIVEN + (
        rf"$$a^{{[1]}} = \begin{{bmatrix}} \sigma(0.2) \\ \sigma(0.4) \end{{bmatrix}} {approx} "
        rf"\begin{{bmatrix}} {a1:.2f} \\ {a2:.2f} \end{{bmatrix}}$$" + "\n"
        rf"$$\hat{{y}} = \sigma(0.39) {approx} {y_hat:.3f}$$" + "\n"
    )
    r = verify_text(NET, text)
    assert r.numbers and all(n.correct for n in r.numbers)
    assert not r.unchecked
    wrong = verify_text(NET, text.replace(f"{y_hat:.3f}", f"{y_hat + 0.01:.3f}"))
    assert [n.correct for n in wrong.numbers].count(False) == 1


def test_f_of_a_number_is_the_activation_only_when_every_layer_shares_it():
    text = GIVEN + r"$$\hat{y} = f(0.39) = 0.596$$" + "\n"
    r = verify_text(NET, text)
    assert [n.correct for n in r.numbers] == [True, True] and not r.unchecked
    mixed = derive(network("2-2-1", "tanh,sigmoid", "bce"))  # f of which layer: not evaluated
    r = verify_text(mixed, text)
    assert any("does not evaluate" in u.reason for u in r.unchecked)


def test_the_sigmoid_derivative_written_out_is_entry_by_entry():
    good = r"$$\delta^{[1]} = \left( (W^{[2]})^T \delta^{[2]} \right) \cdot a^{[1]} \cdot (1 - a^{[1]})$$"
    r = verify_text(NET, r"$$\delta^{[2]} = \hat{y} - y$$" + "\n" + good)
    assert [v.status for v in r.verdicts] == ["correct", "correct"]
    plus = verify_text(NET, r"$$\delta^{[2]} = \hat{y} - y$$" + "\n" + good.replace("(1 - a", "(1 + a"))
    assert [v.status for v in plus.verdicts] == ["correct", "wrong"]
    # the row vector δ W (a transpose missing) is named, not read as a dot product with a^{[1]}
    row = good.replace(r"(W^{[2]})^T \delta^{[2]}", r"\delta^{[2]} \cdot W^{[2]}")
    bad = verify_text(NET, r"$$\delta^{[2]} = \hat{y} - y$$" + "\n" + row)
    assert bad.verdicts[1].status == "wrong" and "transpose" in bad.verdicts[1].fault.text


def test_log_of_a_hatted_name_needs_no_parentheses():
    # CS229's log loss: y \log \hat y (the \hat y read as \log's argument, not a product after it)
    d = derive(network("3-2-1", "sigmoid", "bce"))
    text = r"$$\mathcal{L}(\hat y,y)=-[(1-y)\log(1-\hat y)+y\log \hat y]\quad\text{(3.9)}$$"
    assert [v.status for v in verify_text(d, text).verdicts] == ["correct"]
    swapped = text.replace(r"(1-y)\log(1-\hat y)", r"(1-y)\log \hat y")
    assert [v.status for v in verify_text(d, swapped).verdicts] == ["wrong"]


def test_underbraced_factors_of_a_gradient_are_read_with_their_labels_dropped():
    d = derive(network("2-3-1", "sigmoid", "bce"))
    text = (
        r"$$\underbrace{\frac{\partial L}{\partial W^{[1]}}}_{3\times2} = "
        r"\underbrace{ {W^{[2]}}^T }_{3\times1} \circ \underbrace{ g'(z^{[1]}) }_{3\times1}"
        r"\underbrace{ (a^{[2]}-y) }_{1\times1} \underbrace{ x^T }_{1\times2} \quad \text{(3.30)}$$"
    )
    assert [v.status for v in verify_text(d, text).verdicts] == ["correct"]
    slip = verify_text(d, text.replace("g'(z^{[1]})", "g(z^{[1]})"))
    assert [v.status for v in slip.verdicts] == ["wrong"] and "g′ belongs" in slip.verdicts[0].fault.text
    over = text.replace(r"\underbrace{ x^T }_{1\times2}", r"\overbrace{ x^T }^{\text{input}}")
    assert [v.status for v in verify_text(d, over).verdicts] == ["correct"]


def test_a_prime_in_braces_as_a_quote_is_a_prime():
    # h^{'}(a_j) (Obsidian, Typora): the prime, as h^{\prime}(a_j) and h'(a_j)
    d = derive(network("3-4-2", "tanh", "half_se", "identity"))
    text = (
        r"$$z_{j} = h(a_{j}) \tag{2}$$" + "\n"
        r"$$\delta_{k}=y_{k}-t_{k} \tag 5$$" + "\n"
        r"$$\delta_{j}=h^{'}(a_{j})\sum_{k}w_{kj}\delta_{k} \tag{6}$$" + "\n"
    )
    r = verify_text(d, text)
    assert {v.status for v in r.verdicts} == {"correct"} and not r.unchecked
    assert [v.line for v in r.verdicts].count(3) == 4  # j over the 4 hidden units
    slip = verify_text(d, text.replace("h^{'}(a_{j})", "h(a_{j})"))
    assert {v.status for v in slip.verdicts if v.line == 3} == {"wrong"}


def test_lowercase_theta_with_a_layer_is_ngs_weight_matrix():
    # \theta^{(l)}_{kp} as \Theta^{(l)}_{kp}: out of layer l (Ng)
    d = derive(network("2-3-2", "sigmoid", "half_se", "identity"))
    good = r"$$z_k^{(l+1)} = \sum_p \theta_{kp}^{(l)} a_p^{(l)} + b_k^{(l)}$$"
    r = verify_text(d, good)
    assert r.verdicts and {v.status for v in r.verdicts} == {"correct"}
    # the index order of a definition says how the document stores its weights (orientation.py);
    # a slip is the wrong activation: a_k for a_p
    slip = verify_text(d, good.replace(r"a_p^{(l)}", r"a_k^{(l)}"))
    assert slip.verdicts and "correct" not in {v.status for v in slip.verdicts}


def test_h_j_before_parentheses_is_a_product_when_h_j_is_a_value():
    # h_j (1 - h_j): a hidden unit's output times (1 - itself), not the activation of unit j
    # applied (Haykin's \varphi_j(v_j)); it was a false 'wrong' (read as σ(1 - σ(z)))
    d = derive(network("3-4-2", "sigmoid", "half_se"))
    text = (
        "% symprop: alias h_j = a_{1,j}\n"
        r"$$\frac{\partial E}{\partial z^{(1)}_j} = h_j (1 - h_j) \sum_k W^{(2)}_{kj} \delta^{(2)}_k$$"
    )
    assert {v.status for v in verify_text(d, text).verdicts} == {"correct"}
    haykin = r"$$\frac{\partial a^{(1)}_1}{\partial z^{(1)}_1} = \sigma_j'(z^{(1)}_1)$$"
    assert [v.status for v in verify_text(d, haykin).verdicts] == ["correct"]
