"""Textbook conventions: weights indexed input-by-output (--weights input-by-output), a bias as
the weight on x_0 = 1 (always), t for the target with y the output (--targets t); user aliases
applied once, an alias whose value is itself aliased refused."""

import pytest

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text


@pytest.fixture(scope="module")
def d():
    return derive(network("2-3-2", "sigmoid", "half_se", None, "layered"))


def said(d, text, **conventions):
    report = verify_text(d, text, conventions=conventions)
    return [v.status for v in report.verdicts], [u.reason for u in report.unchecked]


def test_weights_input_by_output(d):
    # W_{1,1,2} from input 1 to hidden unit 2: symprop's W⁽¹⁾₂₁
    text = r"$$\frac{\partial L}{\partial W_{1,1,2}} = \delta_{1,2} x_1$$"
    assert said(d, text, weights="input-by-output") == (["correct"], [])
    assert said(d, text) == (["wrong"], [])  # read output-by-input it is another weight


def test_a_bias_is_the_weight_on_x0(d):
    text = "\n".join(
        [
            r"$$\frac{\partial L}{\partial W_{1,2,0}} = \delta_{1,2} x_0$$",
            r"$$\frac{\partial L}{\partial W_{1,2,0}} = \delta_{1,2} x_1$$",
        ]
    )
    assert said(d, text) == (["correct", "wrong"], [])


def test_t_for_the_target_and_y_for_the_output(d):
    good = r"$$\frac{\partial L}{\partial W_{2,1,1}} = (y_1 - t_1) y_1 (1 - y_1) a_{1,1}$$"
    assert said(d, good, targets="t") == (["correct"], [])
    with pytest.raises(SympropError, match="unknown name t_1"):  # without it t is no name
        verify_text(d, good)


def test_aliases_are_applied_once(d):
    # t_1 -> y_1 is the network's target y_1, never read on as the output under --targets t
    text = "% symprop: alias T_1 = y_1\n" + (
        r"$$\frac{\partial L}{\partial W_{2,1,2}} = (y_1 - T_1) y_1 (1 - y_1) a_{1,2}$$"
    )
    assert said(d, text, targets="t") == (["correct"], [])


def test_an_alias_of_an_alias_is_an_error(d):
    text = "% symprop: alias T_1 = y_1\n% symprop: alias y_1 = a_{2,1}\n" + (
        r"$$\frac{\partial L}{\partial W_{2,1,2}} = (y_1 - T_1) y_1 (1 - y_1) a_{1,2}$$"
    )
    with pytest.raises(SympropError, match="y_1 is itself an alias"):
        verify_text(d, text)


def test_an_unknown_convention_is_one_clear_error(d):
    with pytest.raises(SympropError, match="weights = 'sideways'"):
        verify_text(
            d, r"$$\frac{\partial L}{\partial b_{1,1}} = \delta_{1,1}$$", conventions={"weights": "sideways"}
        )


def test_an_alias_in_an_index_letter_reads_every_unit():
    # CS231n's scores f_k and probabilities p_k: p_k = a_{2,k}, f_k = z_{2,k} for every k
    d = derive(network("2-3-3", "relu", "cce", "softmax", "layered"))
    aliases = "% symprop: alias p_k = a_{2,k}\n% symprop: alias f_k = z_{2,k}\n"
    good = aliases + r"$$\frac{\partial L_i }{ \partial f_k } = p_k - \mathbb{1}(y_i = k)$$"
    assert said(d, good) == (["correct"] * 3, [])
    definition = aliases + r"$$p_k = \frac{e^{f_k}}{ \sum_j e^{f_j} }$$"
    assert said(d, definition) == (["correct"] * 3, [])
    assert said(d, good.replace("p_k -", "p_k +")) == (["wrong"] * 3, [])
    label = aliases + r"$$L_i =-\log\left(p_{y_i}\right)$$"  # p indexed by the class label
    assert said(d, label) == (["correct"], [])
    assert said(d, label.replace("=-", "=")) == (["wrong"], [])
