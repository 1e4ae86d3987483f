r"""Notations met reading four published sources blind (Brilliant's backpropagation wiki, Hinton's
lecture 3d, Hagan, Demuth & Beale's 'Neural Network Design' ch. 11, Jurafsky & Martin ch. 7):
small documents of our own in the same notation, other letters and sizes, checked both ways.

- a layer letter beside a last-layer letter that is also written with a shift (o_i^{n-1} beside
  w_{jq}^{p+1}): the one said only of the output is the last layer (verify/layer_letters.py)
- a sum written from 0 (\sum_{i=0}^{r} w_{ij}^p o_i^{p-1}) holds the bias as the weight on o_0 = 1;
  from 1, without a bias, it leaves the bias out and is wrong (latex/expressions.sum_header)
"""

from verdict_lines import verify_layered, worst_by_line

# Brilliant's letters with p the layer and n the last layer, q the unit above
LETTERS = r"""$$a_j^p = \sum_{i=0}^{r_{p-1}} w_{ij}^p o_i^{p-1}$$
$$\frac{\partial E}{\partial w_{ij}^p} = \delta_j^p o_i^{p-1}$$
$$\delta_1^n = (\hat{y} - y) g'(a_1^n)$$
$$\frac{\partial E}{\partial w_{i1}^n} = \delta_1^n o_i^{n-1} = (\hat{y} - y) g'(a_1^n) o_i^{n-1}$$
$$\delta_j^p = g'(a_j^p) \sum_{q} w_{jq}^{p+1} \delta_q^{p+1}$$
"""


def _said(text, arch="2-2-2-1"):
    return worst_by_line(verify_layered(arch, text, weights="input-by-output"))


def test_a_layer_letter_beside_a_shifted_last_layer_letter_is_read():
    assert _said(LETTERS) == dict.fromkeys(range(1, 6), "correct")


def test_slips_in_those_letters_are_named():
    said = _said(LETTERS.replace(r"\delta_1^n o_i^{n-1}", r"\delta_1^n o_i^{n}"))
    assert said[4] == "wrong"
    said = _said(LETTERS.replace(r"w_{jq}^{p+1} \delta_q", r"w_{qj}^{p+1} \delta_q"))
    assert said[5] == "wrong"


def test_a_sum_from_zero_holds_the_bias_and_one_from_one_does_not():
    forward = LETTERS.splitlines()[0] + "\n"
    biased = forward + r"$$\frac{\partial E}{\partial b_j^p} = \delta_j^p$$"  # a document that names a bias
    assert _said(biased, "3-2-1")[1] == "correct"
    from_one = biased.replace(r"\sum_{i=0}^{r_{p-1}}", r"\sum_{i=1}^{r_{p-1}}")
    assert _said(from_one, "3-2-1")[1] == "wrong"


# Jurafsky & Martin's letters on another network: a bare z that only ∂a^{[2]}/∂z places, and a
# loss named by its kind with its arguments written, L_{BCE}(a^{[2]}, y)
BARE_Z = r"""$$a^{[2]} = \sigma(z^{[2]})$$
$$L_{BCE}(a^{[2]}, y) = -\left[y \log a^{[2]} + (1-y) \log(1-a^{[2]})\right]$$
$$\frac{\partial a^{[2]}}{\partial z} = a^{[2]}(1-a^{[2]})$$
$$\frac{\partial L}{\partial z} = a^{[2]} - y$$
"""


def _bce(text):
    return worst_by_line(verify_layered("3-4-1", text, "tanh", "bce", "sigmoid"))


def test_a_bare_net_input_placed_by_its_derivative_and_a_named_loss_are_judged():
    assert _bce(BARE_Z) == dict.fromkeys(range(1, 5), "correct")


def test_slips_there_are_wrong():
    assert _bce(BARE_Z.replace(r"= a^{[2]} - y", r"= y - a^{[2]}"))[4] == "wrong"
    assert _bce(BARE_Z.replace(r"(1-y) \log(1-a^{[2]})", r"(1-y) \log(a^{[2]})"))[2] == "wrong"


def test_a_bare_name_two_derivatives_place_at_two_layers_stays_unread():
    two = BARE_Z + r"$$\frac{\partial a^{[1]}}{\partial z} = 1 - (a^{[1]})^2$$" + "\n"
    two = r"$$a^{[1]} = \tanh(z^{[1]})$$" + "\n" + two
    said = _bce(two)
    assert said[5] == "not checked" and said[4] == "not checked"


# Hagan, Demuth & Beale's letters on another network and letters: the layer letter k with its
# capital K the last layer, the document's own letter r for δ (r^k_i \equiv \partial\hat{F} /
# \partial n^k_i: verify/own_deltas.py), \dot{f}^k(n^k_j) the derivative of the layer's function
SENSITIVITIES = r"""$$n^k_i = \sum_{j} w^k_{i,j} a^{k-1}_j + b^k_i$$
$$r^k_i \equiv \frac{\partial \hat{F}}{\partial n^k_i}$$
$$\frac{\partial \hat{F}}{\partial w^k_{i,j}} = r^k_i a^{k-1}_j$$
$$r^K_i = -2(t_i - a^K_i) \dot{f}^K(n^K_i)$$
$$\frac{\partial n^{k+1}_i}{\partial n^k_j} = w^{k+1}_{i,j} \dot{f}^k(n^k_j)$$
"""


def _sse(text):
    return worst_by_line(verify_layered("3-2-2", text, "tanh", "(out - y)**2", targets="t"))


def test_a_sensitivity_letter_and_newtons_dot_are_read():
    assert _sse(SENSITIVITIES) == dict.fromkeys(range(1, 6), "correct")


def test_slips_in_the_sensitivities_are_wrong():
    assert _sse(SENSITIVITIES.replace(r"= -2(t_i", r"= (t_i"))[4] == "wrong"
    assert _sse(SENSITIVITIES.replace(r"\dot{f}^K(n^K_i)", r"f^K(n^K_i)"))[4] == "wrong"
    assert _sse(SENSITIVITIES.replace(r"= w^{k+1}_{i,j}", r"= w^{k+1}_{j,i}"))[5] == "wrong"


def test_a_letter_the_document_also_writes_as_delta_is_not_renamed():
    said = _sse(SENSITIVITIES + r"$$\delta^k_i = r^k_i$$" + "\n")
    assert said[3] == "not checked"


def test_a_document_with_its_own_unlayered_delta_keeps_its_letter():
    said = _sse(SENSITIVITIES + r"$$\delta_j = 1$$" + "\n")
    assert said[3] == "not checked"
