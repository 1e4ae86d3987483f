r"""A planted slip is named at the factor the author wrote, and the correct line stays correct.

- The truth coarser than the writing (∂L/∂h is one true factor): the written factor whose
  companions divide the truth is named (verify/group_split.py), for factors joined by × or
  \cdot and for juxtaposed ones (a whole side at fault is looked at part by part).
- A matrix side with a generic layer letter (k, m, i) and a layer off by one: the wrong layer
  edit (verify/matrix_edits.py); a plain product of the wrong shape: its first factor when the
  rows differ, its last when the columns do (verify/matrix_faults.py).
- A side mixing ⊙ and the matrix product: its factors counted by the ⊙ as written, whichever
  reading is checked; an edit that fits only the left-to-right reading is found when neither
  reading fits as written (verify/written_positions.py, matrix_faults.py).
Networks, letters and depths of our own (1-1-1-1 tanh, 1-1-1 sigmoid, 3-4-2, 2-5-3-2, 2-3-3-1).
"""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


def said(text: str, net: str, act: str = "sigmoid", loss: str = "half_se", out: str | None = None):
    """line -> [(status, position)] of every verdict; unchecked lines as 'not checked'."""
    d = derive(network(net, act, loss, out))
    r = verify_text(d, text)
    got: dict[int, list] = {}
    for v in r.verdicts:
        got.setdefault(v.line, []).append((v.status, v.fault.position if v.fault else None))
    for u in r.unchecked:
        got.setdefault(u.line, []).append(("not checked", None))
    return got


TANH_CHAIN = r"""$$z_1 = w_1 x + b_1$$
$$h_1 = \tanh(z_1)$$
$$z_2 = w_2 h_1 + b_2$$
$$h_2 = \tanh(z_2)$$
$$z_3 = w_3 h_2 + b_3$$
$$\hat{y} = z_3$$
$$L = (\hat{y} - y)^2$$
"""
CHAIN = r"\frac{\partial L}{\partial h_2} = \frac{\partial L}{\partial z_3} \frac{\partial z_3}{\partial h_2}"


@pytest.mark.parametrize(
    "row,position",
    [
        (CHAIN + r" = 2(\hat{y} - y) \times w_3", None),
        (CHAIN + r" = 2(\hat{y} - y) \times w_2", 2),
        (r"\frac{\partial L}{\partial h_2} = w_2 \cdot 2(\hat{y} - y)", 1),
        # juxtaposed: each written factor counts one (2, (ŷ - y), w_2)
        (r"\frac{\partial L}{\partial h_2} = 2(\hat{y} - y) w_2", 3),
        (r"\frac{\partial L}{\partial h_1} = 2(\hat{y} - y) w_3 (1 - h_2^2) w_2", None),
        (r"\frac{\partial L}{\partial h_1} = 2(\hat{y} - y) w_3 (1 - h_2^2) w_1", 5),
        (r"\frac{\partial L}{\partial h_1} = 2(\hat{y} - y) w_3 (1 - h_1^2) w_2", 4),
        # × between the factors: 2(ŷ - y) is one
        (r"\frac{\partial L}{\partial h_1} = 2(\hat{y} - y) \times w_3 \times (1 - h_2^2) \times w_1", 4),
    ],
)
def test_one_written_factor_of_a_coarser_true_factor_is_named(row, position):
    got = said(TANH_CHAIN + f"$${row}$$\n", "1-1-1-1", "tanh", "mse", "identity")
    assert all(s == "correct" for s, _ in sum((got[k] for k in range(1, 8)), []))
    if position is None:
        assert got[8] == [("correct", None)]
    else:
        assert got[8] == [("wrong", position)]


def test_a_sigmoid_form_for_tanh_is_named_at_no_single_factor():
    # h_2 (1 - h_2) for 1 - h_2^2: no written factor is wrong alone (1 - h_2 is no factor of
    # 1 - h_2^2 as written), so none is named; the product's ratio is said instead
    row = (
        r"\frac{\partial L}{\partial h_1} = 2(\hat{y} - y) \times w_3 \times h_2 \times (1 - h_2) \times w_2"
    )
    got = said(TANH_CHAIN + f"$${row}$$\n", "1-1-1-1", "tanh", "mse", "identity")
    assert got[8] == [("wrong", None)]


SIGMOID_CHAIN = r"""$$u = v x + c$$
$$s = \sigma(u)$$
$$o = q s + e$$
$$p = \sigma(o)$$
$$E = \frac{1}{2}(p - t)^2$$
"""


def test_other_letters_and_an_output_sigmoid():
    # ∂E/∂s = (p - t) p (1 - p) q: the weight v of the layer below where q belongs, and p for s
    good = r"$$\frac{\partial E}{\partial s} = (p - t) \times p(1 - p) \times q$$"
    bad = r"$$\frac{\partial E}{\partial s} = (p - t) \times p(1 - p) \times v$$"
    names = "% symprop: alias v = W_{1,1,1}\n% symprop: alias q = W_{2,1,1}\n"
    names += "% symprop: alias c = b_{1,1}\n% symprop: alias e = b_{2,1}\n% symprop: alias t = y_1\n"
    names += "% symprop: alias u = z_{1,1}\n% symprop: alias o = z_{2,1}\n% symprop: alias E = L\n"
    names += "% symprop: alias s = a_{1,1}\n% symprop: alias p = a_{2,1}\n% symprop: alias x = x_1\n"
    assert said(SIGMOID_CHAIN + good + "\n" + names, "1-1-1")[6] == [("correct", None)]
    assert said(SIGMOID_CHAIN + bad + "\n" + names, "1-1-1")[6] == [("wrong", 3)]


MATRIX = r"""$$\delta_k = W_{k+1}^T\delta_{k+1}\circ f_k'(W_kx_{k-1})$$
$$\frac{\partial E}{\partial W_k} = \delta_kx_{k-1}^T$$
$$\frac{\partial E}{\partial W_k} = SLIP$$
"""


@pytest.mark.parametrize("net", ["3-4-2", "2-5-3-2"])
@pytest.mark.parametrize(
    "slip,position",
    [
        (r"\delta_kx_{k}^T", 2),  # the layer's own output where its input belongs: a layer off by one
        (r"\delta_{k}x_{k+1}^T", 2),  # two layers off: the columns differ, the last factor
        (r"\delta_{k-1}x_{k-1}^T", 1),  # the rows differ: the first factor
    ],
)
def test_a_generic_layer_letter_slip_in_a_matrix_product_is_named(net, slip, position):
    got = said(MATRIX.replace("SLIP", slip), net)
    assert got[1] and all(s == "correct" for s, _ in got[1])
    assert got[2] and all(s == "correct" for s, _ in got[2])
    assert got[3] and all(v == ("wrong", position) for v in got[3]), got[3]


def test_index_letters_m_and_l_in_superscripts():
    text = "$$z^m = W^m a^{m-1} + b^m$$\n$$\\frac{\\partial L}{\\partial W^{m}} = \\delta^m (a^{m})^T$$\n"
    got = said(text, "2-3-3-1", loss="bce")
    assert got[2] and all(v == ("wrong", 2) for v in got[2])
    right = text.replace("(a^{m})^T", "(a^{m-1})^T")
    assert all(v == ("correct", None) for v in said(right, "2-3-3-1", loss="bce")[2])


FORWARD = "$$z^l = W^l a^{l-1} + b^l$$\n$$\\delta^L = a^L - y$$\n"
MIXED = (
    r"$$\frac{\partial L}{\partial W^{L-1}} = "
    r"(W^L)^T (a^L - y) \odot \sigma'(z^{L-1}) \cdot (a^{L-2})^T$$"
)


@pytest.mark.parametrize("net", ["2-3-3-1", "3-2-4-2"])
@pytest.mark.parametrize(
    "old,new,position",
    [
        (None, None, None),
        # neither reading fits as written; the transpose restored fits read left to right
        ("(W^L)^T", "(W^L)", 1),
        ("\\sigma'(z^{L-1})", "\\sigma(z^{L-1})", 2),  # σ where σ' belongs: the second ⊙ operand
        ("z^{L-1})", "z^{L-2})", 2),
    ],
)
def test_a_mixed_side_is_named_by_its_operands_as_written(net, old, new, position):
    row = MIXED if old is None else MIXED.replace(old, new, 1)
    got = said(FORWARD + row + "\n", net, loss="bce")
    want = ("correct", None) if position is None else ("wrong", position)
    assert got[3] and all(v == want for v in got[3]), got[3]
