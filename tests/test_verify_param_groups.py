r"""A layer's parameters written as one group θ_k (latex/parameter_groups.py): Murphy's PML 13.3.2,
`x_2 = f_1(x, \theta_1) = W_1 x`, and Deisenroth, Faisal & Ong's MML 5.6.1, `\theta_j = \{A_j,
b_j\}`. Small documents of our own in the same notations, other letters and sizes.

- a gradient by θ_k is judged as the gradient by each member of its group, a member wrong named
- the rows through the layers' functions show what every θ_k holds: θ hides no bias, and a text
  naming no other bias is read as a network without biases (verify/no_bias.py)
- an empty group (f_2(u_2, \varnothing)) names nothing: not checked
"""

from verdict_lines import factors_by_line, verify_layered, worst_by_line

from symbolic.latex import parameter_groups

CALLED = r"""$$u_2 = g_1(u_1, \theta_1) = W_1 u_1$$
$$u_3 = g_2(u_2, \varnothing) = \varphi(u_2)$$
$$u_4 = g_3(u_3, \theta_3) = W_2 u_3$$
$$\mathcal{L} = \frac{1}{2}||u_4 - y||^2$$
"""
CHAIN_1 = (
    r"$$\frac{\partial\mathcal{L}}{\partial\theta_1} = \frac{\partial\mathcal{L}}{\partial u_4}"
    r"\frac{\partial u_4}{\partial u_3}\frac{\partial u_3}{\partial u_2}"
    r"\frac{\partial u_2}{\partial\theta_1}$$"
)
GROUPED = r"""$$\theta_j = \{W_j, b_j\}$$
$$z_1 = W_1 x + b_1$$
$$a_1 = \sigma(z_1)$$
$$z_2 = W_2 a_1 + b_2$$
$$E = \frac{1}{2}\|z_2 - y\|^2$$
"""


def _called(text):
    return verify_layered("2-3-2", text, "tanh", "half_se", "identity")


def _grouped(text):
    return verify_layered("2-3-2", text, "sigmoid", "half_se", "identity")


def test_what_each_group_holds_is_read_from_the_layer_functions_and_from_a_set():
    def members(text):
        return {k: [" ".join(t.text for t in m) for m in v] for k, v in parameter_groups.detect(text).items()}

    assert members(CALLED) == {("1",): ["W _ 1"], ("3",): ["W _ 2"], ("2",): []}
    assert members(GROUPED) == {("", "j"): ["W _ j", "b _ j"]}
    assert members(r"$\theta = \{W_1, b_1, \ldots, W_L, b_L\}$") == {}  # bare, and trailing off
    clash = r"$$u_2 = g_1(u_1, \theta_1) = W_1 u_1$$ $$\theta_1 = \{W_1, b_1\}$$"
    assert members(clash) == {}  # two rows saying different things: neither read


def test_the_layer_functions_show_every_theta_so_the_network_has_no_biases():
    said = worst_by_line(_called(CALLED))
    assert said == dict.fromkeys(range(1, 5), "correct")  # u_2 = W_1 u_1 judged, bias-free
    # a θ whose contents are not shown may hold biases: the bias-free rows stay not checked
    hidden = CALLED.replace(r"g_3(u_3, \theta_3)", r"g_3(u_3)") + r"$\theta_3$ the parameters"
    assert worst_by_line(_called(hidden))[1] == "not checked"


def test_a_gradient_by_a_group_of_one_is_the_gradient_by_its_member():
    right = r"$$\frac{\partial\mathcal{L}}{\partial\theta_3} = (u_4 - y) u_3^T$$"
    assert worst_by_line(_called(CALLED + right))[5] == "correct"
    slip = right.replace("u_3^T", "u_2^T")
    assert worst_by_line(_called(CALLED + slip))[5] == "wrong"
    assert factors_by_line(_called(CALLED + slip))[5] == {("wrong", 2)}
    assert worst_by_line(_called(CALLED + CHAIN_1))[5] == "correct"
    # the chain without the activation's Jacobian does not link: never correct, the missing link
    # named (between factors 2 and 3: verify/chain_repairs.py)
    broken = CHAIN_1.replace(r"\frac{\partial u_3}{\partial u_2}", "")
    assert factors_by_line(_called(CALLED + broken))[5] == {("wrong", 3)}


def test_a_gradient_by_an_empty_group_names_nothing():
    empty = (
        r"$$\frac{\partial\mathcal{L}}{\partial\theta_2} = \frac{\partial\mathcal{L}}{\partial u_4}"
        r"\frac{\partial u_4}{\partial u_3}\frac{\partial u_3}{\partial\theta_2}$$"
    )
    assert worst_by_line(_called(CALLED + empty))[5] == "not checked"


def test_a_gradient_by_a_set_is_judged_for_each_member():
    chain = (
        r"$$\frac{\partial E}{\partial \theta_2} = \frac{\partial E}{\partial z_2}"
        r"\frac{\partial z_2}{\partial \theta_2}$$"
    )
    report = _grouped(GROUPED + chain)
    assert sorted(v.label for v in report.verdicts if v.line == 6) == [
        "∂E/∂W^{[2]} (every entry, 6)",
        "∂E/∂b^{[2]} (both entries)",
    ]
    assert worst_by_line(report)[6] == "correct"
    # right for W_2, wrong for b_2: wrong, at the factor that is wrong for b_2
    weights_only = r"$$\frac{\partial E}{\partial \theta_2} = (z_2 - y) a_1^T$$"
    assert factors_by_line(_grouped(GROUPED + weights_only))[6] == {("correct", None), ("wrong", 2)}


# MML's notation (5.112)-(5.114) in other letters: layers counted to K, the parameters of layer k
# indexed k-1, each layer's own activation \phi_k, a 3-2-2 net with a linear output
COMPOSED = r"""$h_0 := x$
$$h_k := \phi_k\left(V_{k-1} h_{k-1} + c_{k-1}\right), \quad k = 1, \ldots, K$$
$$E(\theta) = \frac{1}{2}\left\|h_K(\theta, x) - y\right\|^2$$
$\theta_k = \{V_k, c_k\}$
"""


def _composed(text):
    return verify_layered("3-2-2", text, "tanh", "half_se", "identity")


def test_layers_counted_back_from_the_last_one_and_each_layers_own_activation():
    said = worst_by_line(_composed(COMPOSED))
    assert [said[n] for n in (1, 2, 3)] == ["correct"] * 3  # \phi_k: tanh, then identity at K
    right = r"$$\frac{\partial E}{\partial c_{K-1}} = h_K - y$$"
    assert worst_by_line(_composed(COMPOSED + right))[5] == "correct"
    slip = right.replace("h_K - y", r"(h_K - y) \odot h_K")
    assert factors_by_line(_composed(COMPOSED + slip))[5] == {("wrong", 2)}
    # K - 1 is the layer below the last: its bias's gradient is not the output's
    below = right.replace("c_{K-1}", "c_{K-2}")
    assert worst_by_line(_composed(COMPOSED + below))[5] == "wrong"


def test_a_chain_by_a_group_counted_back_from_k():
    chain = (
        r"$$\frac{\partial E}{\partial \theta_{K-2}} = \frac{\partial E}{\partial h_K}"
        r"\frac{\partial h_K}{\partial h_{K-1}}\frac{\partial h_{K-1}}{\partial \theta_{K-2}}$$"
    )
    report = _composed(COMPOSED + chain)
    assert {v.label.split(" ")[0] for v in report.verdicts if v.line == 5} == {
        "∂E/∂W^{[L-1]}",
        "∂E/∂b^{[L-1]}",
    }
    assert worst_by_line(report)[5] == "correct"
