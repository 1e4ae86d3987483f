r"""An activation letter with its layer as a subscript, applied to a quantity of that layer
(f_l(u_j^{l}), f_{l+1}'(u_k^{l+1}), f_L'(\bm{u}^{L}): latex/layer_functions.py) reads as the
generic activation of its argument's layer; with another layer than its argument's (f_L'(u_j^l),
a slip when the activations differ) it is left unread, never made right."""

from latex_tokens import texts
from verdict_lines import by_line

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("3-4-2", "tanh", "half_se", "identity"))


def test_the_subscript_goes_when_it_is_the_arguments_layer():
    assert texts(r"g_l(z_j^{l})")[:2] == ["g", "("]
    assert texts(r"f_{l+1}'\left( u_k^{l+1} \right)")[:2] == ["f", "'"]
    assert texts(r"f_L'(\bm{u}^{L})")[:2] == ["f", "'"]


def test_the_subscript_stays_when_the_layers_differ_or_nothing_says_one():
    assert texts(r"f_L'(u_j^{l})")[:3] == ["f", "_", "L"]
    assert texts(r"f_3'(W_3x_2)")[:3] == ["f", "_", "3"]  # Sudeep Raja's: subscript_layers reads it


DOC = (
    r"$$y_k^l = g_l\left(u_k^{l}\right)$$" + "\n"
    r"$$u_k^l = \sum_{j} w_{jk}^{l} y_{j}^{l-1}$$" + "\n"
    r"$$\delta_{k}^{l} = \frac{\partial E}{\partial y_{k}^{l}} g_{l}'(u_{k}^{l})$$" + "\n"
)


def test_a_layered_activation_is_judged_and_a_planted_slip_named():
    assert by_line(verify_text(D, DOC)) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    slip = verify_text(D, DOC.replace(r"g_{l}'(u_{k}^{l})", r"g_{l}(u_{k}^{l})"))  # the prime dropped
    assert by_line(slip)[3] == {"wrong"}
    assert next(v for v in slip.verdicts if v.line == 3).fault.position == 2


def test_the_output_layers_derivative_at_every_layer_is_never_made_right():
    r = verify_text(D, DOC.replace(r"g_{l}'(u_{k}^{l})", r"g_{L}'(u_{k}^{l})"))
    assert by_line(r)[3] == {"not checked"}
