r"""A network written unit by unit with a letter per layer's weights and biases, as lecture notes
write it (found on probes in notation of our own, not from the corpus):

    a_j = \sum_i W_{ji} x_i + b_j,  h_j = \max(0, a_j),  z_k = \sum_j V_{kj} h_j + c_k,  p_k = softmax

Before: V_{kj}, c_k, a_j, W_{ji}, b_j were all "unknown", and bound to unit 1 only, the rows
of h_j were called wrong at j = 2 (a false verdict). Now (verify/letter_sums.py):
- a forward sum's weight and bias may be in letters of the layer's own (V, c: unify.FREE_LETTERS);
- a row applying the layer's activation to a letter, h_j = \max(0, u_j) with h_j a layer's output,
  makes u_j that layer's net input (compared with the activation at probe points, never read off
  the letter), and Bishop's a_j so too, the activation then being h's;
- the sums are read again until nothing new is bound (h_j, bound by the sum above it, reads u_j);
- a definition in a letter is never bound to one unit (verify/binding._generic).
"""

from __future__ import annotations

import pytest
from verdict_lines import factors_by_line, verify_layered

ROWS = r"""$A_j = \sum_i W_{ji} x_i + b_j$, $h_j = \max(0, A_j)$, $z_k = \sum_j V_{kj} h_j + c_k$,
$p_k = \frac{e^{z_k}}{\sum_{m} e^{z_m}}$, $L = -\sum_k y_k \log p_k$.
$$\frac{\partial L}{\partial V_{kj}} = (p_k - y_k) h_j$$
$$\frac{\partial L}{\partial c_k} = p_k - y_k$$
$$\frac{\partial L}{\partial A_j} = \mathbb{1}[A_j > 0] \sum_k (p_k - y_k) V_{kj}$$
$$\frac{\partial L}{\partial W_{ji}} = \mathbb{1}[A_j > 0] \sum_k (p_k - y_k) V_{kj} \, x_i$$
"""


def _said(text: str, letter: str = "a") -> dict:
    report = verify_layered("2-3-2", text.replace("A_j", f"{letter}_j"), "relu", "cce", "softmax")
    return factors_by_line(report)


@pytest.mark.parametrize("letter", ["a", "u"])
def test_every_row_and_gradient_is_read(letter):
    said = _said(ROWS, letter)
    assert {status for line in said.values() for status, _ in line} == {"correct"}
    assert set(said) == {1, 2, 3, 4, 5, 6}


def test_slips_are_named():
    text = ROWS.replace(r"= p_k - y_k$$", r"= (p_k - y_k) h_k$$")
    text = text.replace(r"A_j} = \mathbb{1}[A_j > 0]", r"A_j} =")
    said = _said(text)
    assert said[4] == {("wrong", 2)}  # an extra h_k
    assert {s for s, _ in said[5]} == {"wrong"}  # the step left out
    assert said[6] == {("correct", None)}


DEEP = r"""$u_j = \sum_i W_{ji} x_i + b_j$, $h_j = \tanh(u_j)$, $s_m = \sum_j U_{mj} h_j + c_m$,
$g_m = \tanh(s_m)$, $z_k = \sum_m V_{km} g_m + \beta_k$, $\hat{y}_k = z_k$,
$L = \frac{1}{2}\sum_k (\hat{y}_k - y_k)^2$.
$$\frac{\partial L}{\partial s_m} = (1 - g_m^2) \sum_k (\hat{y}_k - y_k) V_{km}$$
$$\frac{\partial L}{\partial U_{mj}} = (1 - g_m^2) \sum_k (\hat{y}_k - y_k) V_{km} \, H$$
"""


def test_a_chain_of_letters_is_read_from_the_output_down():
    # \hat{y}_k = z_k (an identity output) binds z_k; each sum then binds the letters of the layer
    # below it, and each tanh row the net input under it: u, s, W, U, V, b, c, \beta
    said = factors_by_line(verify_layered("2-3-2-2", DEEP.replace("H", "h_j"), "tanh", output="identity"))
    assert said == {k: {("correct", None)} for k in (1, 2, 3, 4, 5)}  # rows on lines 1-3
    said = factors_by_line(verify_layered("2-3-2-2", DEEP.replace("H", "x_j"), "tanh", output="identity"))
    assert said[5] == {("wrong", 4)}  # x_j for h_j


ONE = r"""The network: $z_j = \sum_i w_{ji} x_i + b_j$, $h_j = \sigma(z_j)$, $\hat{y} = \sigma(u)$ with
$u = \sum_j v_j h_j + c$.
$$\frac{\partial L}{\partial u} = \hat{y} - y$$
$$\frac{\partial L}{\partial v_j} = (\hat{y} - y) h_j$$
$$\frac{\partial L}{\partial c} = \hat{y} - y$$
$$\frac{\partial L}{\partial w_{ji}} = (\hat{y} - y) v_j HIDDEN x_i$$
"""


@pytest.mark.parametrize("hidden, said", [("h_j (1 - h_j)", {("correct", None)}), ("h_j", {("wrong", 3)})])
def test_one_output_with_its_weights_in_one_letter(hidden, said):
    # u = \sum_j v_j h_j + c into the one output: v_j its weights, c its bias, its sum from j = 1
    # (the bias is c, never a weight v_0 as well: lone_bias.written_bias)
    out = factors_by_line(verify_layered("2-3-1", ONE.replace("HIDDEN", hidden), loss="bce"))
    assert out[1] == out[2] == out[3] == out[4] == out[5] == {("correct", None)}
    assert out[6] == said


def test_a_bias_written_twice_is_quoted_as_written():
    # + 2 b_j is a bias beside the sum too, so the sum runs from 1: the message quotes 2·b, not 3·b
    # (the sum from 0 took w_{j0} as a third b; lone_bias.written_bias)
    from symbolic.backprop import derive
    from symbolic.spec import network
    from symbolic.verify import verify_text

    text = "With $z_j = \\sum_i w_{ji} x_i + b_j$ and $h_j = \\sigma(z_j)$:\n"
    text += "$$z_j = \\sum_i w_{ji} x_i + 2 b_j$$\n"
    report = verify_text(derive(network("2-3-1", "sigmoid", "half_se", None, "layered")), text)
    wrong = [v for v in report.verdicts if v.line == 2]
    assert wrong and {v.status for v in wrong} == {"wrong"}
    assert all("2*b1_" in str(v.fault.read_as) and "3*b1_" not in str(v.fault.read_as) for v in wrong)
