"""Generic indices, sums and layer superscripts: a statement in j, k, l is judged for every
instance the network has, a sum is expanded over its index's range, and a wrong instance is named."""

import pytest

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text


@pytest.fixture(scope="module")
def d():
    return derive(network("2-3-2", "sigmoid", "half_se", None, "layered"))


def test_generic_gradient_is_judged_for_every_weight(d):
    r = verify_text(d, r"$$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j$$")
    assert len(r.verdicts) == 3 * 2 + 2 * 3 and all(v.status == "correct" for v in r.verdicts)
    assert {v.instance for v in r.verdicts} >= {"j=1, k=2, l=2", "j=2, k=3, l=3"}
    assert r.exit_code == 0


def test_a_wrong_instance_is_named_in_the_verdict_line(d):
    r = verify_text(d, r"$$\frac{\partial C}{\partial w^l_{jk}} = a^{l}_k \delta^l_j$$")
    assert r.exit_code == 1 and all(v.status == "wrong" for v in r.verdicts)
    text = render_text(r)
    assert "for j=1, k=1, l=2: ∂L/∂W⁽¹⁾₁₁" in text


def test_sum_over_the_next_layer_is_expanded_and_an_excluded_term_is_missed(d):
    right = r"$$\delta^l_j = \sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j)$$"
    r = verify_text(d, right)
    assert [v.instance for v in r.verdicts] == ["j=1, l=2", "j=2, l=2", "j=3, l=2"]
    assert all(v.status == "correct" for v in r.verdicts)
    r = verify_text(d, right.replace(r"\sum_k", r"\sum_{k \neq j}"))
    assert [v.status for v in r.verdicts] == ["wrong", "wrong", "correct"]  # j=3: no k=3 to skip


def test_layers_counted_from_the_first_weight_layer(d):
    r = verify_text(d, r"$$\frac{\partial E}{\partial w^{(2)}_{kj}} = \delta^{(2)}_k a^{(1)}_j$$")
    assert len(r.verdicts) == 6 and all(v.status == "correct" for v in r.verdicts)
    r = verify_text(d, r"$$\frac{\partial E}{\partial w^{(1)}_{ji}} = \delta^{(1)}_j a^{(1)}_i$$")
    assert all(v.status == "wrong" for v in r.verdicts)


def test_layers_counted_from_the_input(d):
    r = verify_text(d, r"$$\frac{\partial J}{\partial \Theta^{(2)}_{ij}} = a^{(2)}_j \delta^{(3)}_i$$")
    assert len(r.verdicts) == 6 and all(v.status == "correct" for v in r.verdicts)


def test_target_indexed_by_the_same_letter():
    d = derive(network("2-3-2", "sigmoid", "bce", None, "layered"))  # Ng's ex4: δ = a - y
    r = verify_text(d, r"$$\delta^{(3)}_k = (a^{(3)}_k - y_k)$$")
    assert [v.instance for v in r.verdicts] == ["k=1", "k=2"] and r.exit_code == 0
    r = verify_text(d, r"$$\delta^{(3)}_k = (y_k - a^{(3)}_k)$$")
    assert r.exit_code == 1


def test_h_prime_is_the_activation_derivative():
    d = derive(network("2-3-2", "tanh", "half_se", "identity", "layered"))
    text = r"$$\delta^l_j = h'(z^l_j) \sum_k w^{l+1}_{kj} \delta^{l+1}_k$$"
    r = verify_text(d, text)
    assert len(r.verdicts) == 3 and all(v.status == "correct" for v in r.verdicts)
    r = verify_text(d, text.replace("h'(z^l_j)", "h(z^l_j)"))
    assert all(v.status == "wrong" for v in r.verdicts)


def test_operator_form_on_the_loss_with_its_arguments_ufldl(d):
    text = r"""\begin{align}
\frac{\partial}{\partial W_{ij}^{(l)}} J(W,b; x, y) &= a^{(l)}_j \delta_i^{(l+1)} \\
\frac{\partial}{\partial b_{i}^{(l)}} J(W,b; x, y) &= \delta_i^{(l+1)}.
\end{align}"""
    r = verify_text(d, text)
    assert len(r.verdicts) == 12 + 5 and r.exit_code == 0
    r = verify_text(d, text.replace(r"&= \delta_i^{(l+1)}.", r"&= \delta_i^{(l)}."))
    assert any(v.status == "wrong" for v in r.verdicts)


BISHOP = r"""$$z_j = h(a_j)$$
$$a_j = \sum_i w_{ji} z_i$$
$$\delta_j = h'(a_j) \sum_k w_{kj} \delta_k$$
$$\frac{\partial E_n}{\partial w^{(1)}_{ji}} = \delta_j x_i$$
"""


def test_letter_roles_bishop():
    d = derive(network("2-3-2", "tanh", "half_se", "identity", "layered"))
    r = verify_text(d, BISHOP)
    assert r.exit_code == 0 and len(r.verdicts) == 3 + 3 + 3 + 6  # the sum over i includes w_j0 = b_j
    r = verify_text(d, BISHOP.replace(r"\sum_k w_{kj}", r"\sum_k w_{jk}"))  # no such connection
    assert [v.status for v in r.verdicts[6:9]] == ["wrong"] * 3
    # no role definition: the rows in a, z are not read (a_k in letters with no layer: unlayered.py
    # says why, per row); the gradient row, whose w^{(1)} places delta_j, is still judged, and the
    # run is not "all correct"
    r = verify_text(d, BISHOP.replace("z_j = h(a_j)", "z_j = h(a_k)"))
    assert r.exit_code == 4 and len(r.verdicts) == 6
    assert [u.reason.split(",")[0] for u in r.unchecked] == [
        "a_k carries index letters and no layer",
        "z_i carries index letters and no layer",
        "a_j carries index letters and no layer",
    ]


def test_instances_beyond_the_limit_are_said_not_checked(d, monkeypatch):
    from symbolic.verify import indices

    text = r"$$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j$$"
    monkeypatch.setattr(indices, "MAX_INSTANCES", 4)
    r = verify_text(d, text)
    assert len(r.verdicts) == 4 and r.exit_code == 4
    assert [u.reason for u in r.unchecked] == [
        "8 more instances of a statement in j, k, l: not checked (the first 4 are)"
    ]
    monkeypatch.setattr(indices, "MAX_TRIES", 10)
    with pytest.raises(SympropError, match="up to 27 instances: not checked"):
        verify_text(d, text)


def test_concrete_layers_and_a_layer_the_network_lacks(d):
    text = (
        r"$$\delta^{(3)}_1 = \frac{\partial C}{\partial z^{(3)}_1}$$ "
        r"$$\frac{\partial C}{\partial W^{(2)}_{11}} = a^{(2)}_1 \delta^{(3)}_1$$"
    )
    r = verify_text(d, text)  # from the input (layer 3 of a depth-2 net): W^{(2)} out of layer 2
    assert [(v.status, v.instance) for v in r.verdicts] == [("correct", ""), ("correct", "")]
    r = verify_text(d, text + r" $$\frac{\partial C}{\partial w^{(2)}_{11}} = a^{(5)}_1$$")
    assert [u.reason for u in r.unchecked] == ["a^{5}_{1} names nothing in the network here"]
