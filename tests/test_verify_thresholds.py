r"""Thresholds: a net input written with its bias subtracted, Σ w x - θ (Zhou Zhihua's f(β_j - θ_j),
a perceptron's threshold), binds θ to the bias negated (unify._threshold); and derivatives by a
formula of one quantity, ∂E/∂θ with θ = -b, ∂ŷ/∂β with β = z - b (the weighted sum without its
bias), are the derivative by that quantity over its coefficient, the parameters held fixed
(truth.affine). A formula in two moving quantities is still not a quantity one differentiates by."""

import pytest

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("2-2-1", "sigmoid", "half_se"))

FORWARD = (
    r"$$net_{h1} = w_1 i_1 + w_2 i_2 - \theta_{h1}$$" + "\n"
    r"$$out_{h1} = \sigma(net_{h1})$$" + "\n"
    r"$$net_{o1} = w_5 out_{h1} + w_6 out_{h2} - \theta_{o1}$$" + "\n"
)
THETA_O = r"$$\frac{\partial E}{\partial \theta_{o1}} = -(out_{o1} - target_{o1}) out_{o1}(1 - out_{o1})$$"
THETA_H = (
    r"$$\frac{\partial E}{\partial \theta_{h1}} = -(out_{o1} - target_{o1}) out_{o1}(1 - out_{o1})"
    r" w_5 out_{h1}(1 - out_{h1})$$"
)


def statuses(text: str, d=D) -> list[str]:
    return [v.status for v in verify_text(d, text).verdicts]


def test_thresholds_bind_to_the_negated_biases_and_their_derivatives_are_checked():
    r = verify_text(D, FORWARD + THETA_O + "\n" + THETA_H + "\n")
    assert [v.status for v in r.verdicts] == ["correct"] * 5
    text = render_text(r)
    assert r"\theta_{o1} = −b⁽²⁾₁" in text and "∂E/∂θ_o1" in text


@pytest.mark.parametrize(
    "slip",
    [
        (
            "= -(out_{o1} - target_{o1}) out_{o1}(1 - out_{o1})$$",
            "= (out_{o1} - target_{o1}) out_{o1}(1 - out_{o1})$$",
        ),
        ("w_5 out_{h1}(1 - out_{h1})", "w_6 out_{h1}(1 - out_{h1})"),
    ],
)
def test_a_slip_in_a_threshold_gradient_is_wrong(slip):
    text = FORWARD + THETA_O + "\n" + THETA_H + "\n"
    planted = text.replace(*slip)
    assert planted != text
    assert statuses(planted).count("wrong") == 1


def test_a_plus_sign_stays_a_bias():
    text = FORWARD.replace(r"- \theta_{o1}", r"+ b_{o1}") + (
        r"$$\frac{\partial E}{\partial b_{o1}} = (out_{o1} - target_{o1}) out_{o1}(1 - out_{o1})$$"
    )
    assert statuses(text)[-1] == "correct"


def test_derivatives_by_a_shifted_quantity_with_aliases():
    d = derive(network("3-4-2", "sigmoid", "half_se"))
    aliases = (
        "% symprop: alias \\beta_j = z_{2,j} - b_{2,j}\n"
        "% symprop: alias \\gamma_h = -b_{1,h}\n"
        "% symprop: alias \\hat{y}_j = a_{2,j}\n"
    )
    good = aliases + r"$$\frac{\partial \hat{y}_j}{\partial \beta_j} = \hat{y}_j (1 - \hat{y}_j)$$"
    assert statuses(good, d) == ["correct", "correct"]
    bad = good.replace(r"\hat{y}_j (1 - \hat{y}_j)$$", r"\hat{y}_j$$")
    assert statuses(bad, d) == ["wrong", "wrong"]
    gamma = aliases + r"$$\frac{\partial E}{\partial \gamma_2} = -\frac{\partial E}{\partial b^{(1)}_2}$$"
    assert statuses(gamma, d) == ["correct"]


def test_a_formula_in_two_moving_quantities_is_not_differentiated_by():
    d = derive(network("3-4-2", "sigmoid", "half_se"))
    text = "% symprop: alias s = z_{2,1} + z_{2,2}\n" + r"$$\frac{\partial E}{\partial s} = 1$$"
    with pytest.raises(SympropError, match="not a quantity of the network"):
        verify_text(d, text)
