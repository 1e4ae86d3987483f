r"""A letter per layer (verify/layer_names.py), as Zhou Zhihua's textbook writes a network: each
layer's output, weights and threshold named by their own letters, defined by
X_u = f(\sum_m V_{mu} Y_m - T_u) = f(A_u - T_u). Read blind, such a note had every line unread;
these are variants written here: three layers, other letters, biases added instead of thresholds,
weights indexed output-first, and definitions that do not chain (left as they are)."""

import pytest
from verdict_lines import by_line as lines

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

D3 = derive(network("2-3-2-1", "tanh,tanh,sigmoid", "half_se"))

THREE = (
    r"$$s_p = g(\sum_{i} u_{ip} x_i - \rho_p) = g(\mu_p - \rho_p)$$" + "\n"
    r"$$r_q = g(\sum_{p} v_{pq} s_p - \kappa_q) = g(\nu_q - \kappa_q)$$" + "\n"
    r"$$o_k = \sigma(\sum_{q} w_{qk} r_q - \theta_k)$$" + "\n"
    r"$$E = \frac{1}{2}(o_1 - y_1)^2$$" + "\n"
    r"$$\frac{\partial E}{\partial \theta_k} = -(o_k - y_k) o_k (1 - o_k)$$" + "\n"
    r"$$\frac{\partial E}{\partial w_{qk}} = (o_k - y_k) o_k (1 - o_k) r_q$$" + "\n"
    r"$$\frac{\partial r_q}{\partial \nu_q} = 1 - r_q^2$$" + "\n"
    r"$$\frac{\partial E}{\partial \kappa_q} = -(1 - r_q^2) w_{q1} (o_1 - y_1) o_1 (1 - o_1)$$" + "\n"
)


def by_line(d, text: str) -> dict[int, set[str]]:
    return lines(verify_text(d, text))


def test_three_layers_named_by_their_own_letters():
    assert by_line(D3, THREE) == {k: {"correct"} for k in range(1, 9)}
    text = render_text(verify_text(D3, THREE))
    assert r"\rho = -b^{[1]}" in text and r"\nu = z^{[2]} - b^{[2]}" in text and "v = W^{[2]}" in text


@pytest.mark.parametrize(
    ("line", "old", "new"),
    [
        (5, r"= -(o_k - y_k)", r"= (o_k - y_k)"),  # a threshold's sign
        (6, r"(1 - o_k) r_q$$", r"(1 - o_k) s_q$$"),  # the layer below's output, not the one two below
        (7, r"= 1 - r_q^2$$", r"= r_q (1 - r_q)$$"),  # the sigmoid's derivative for tanh's
        (8, r"w_{q1} (o_1", r"v_{q1} (o_1"),  # the weight of the wrong layer
    ],
)
def test_a_slip_is_wrong(line, old, new):
    planted = THREE.replace(old, new)
    assert planted != THREE
    lines = by_line(D3, planted)
    assert lines[line] == {"wrong"} and all(lines[k] == {"correct"} for k in lines if k != line)


def test_biases_added_and_weights_written_output_first():
    d = derive(network("3-4-2", "sigmoid", "half_se"))
    text = (
        r"$$h_m = \sigma(\sum_{i} A_{mi} x_i + c_m)$$" + "\n"
        r"$$o_k = \sigma(\sum_{m} B_{km} h_m + e_k)$$" + "\n"
        r"$$\frac{\partial E}{\partial c_m} = h_m (1 - h_m) \sum_k B_{km} (o_k - y_k) o_k (1 - o_k)$$" + "\n"
        r"$$\frac{\partial E}{\partial A_{mi}} = h_m (1 - h_m) x_i \sum_k B_{km} (o_k - y_k) o_k (1 - o_k)$$"
        + "\n"
    )
    assert by_line(d, text) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"correct"}}
    swapped = text.replace(r"\sum_k B_{km} (o_k", r"\sum_k B_{mk} (o_k", 1)
    assert "correct" not in by_line(d, swapped)[3]


def test_definitions_that_do_not_chain_are_left_as_they_are():
    d = derive(network("3-4-2", "sigmoid", "half_se"))
    # the second layer's input is not the first layer's output: no layer is read, nothing renamed
    text = (
        r"$$b_h = f(\sum_i v_{ih} x_i - \gamma_h)$$" + "\n"
        r"$$y_j = f(\sum_h w_{hj} c_h - \theta_j)$$" + "\n"
    )
    with pytest.raises(SympropError, match="unknown names"):
        verify_text(d, text)
