r"""Code-style layered names (verify/code_names.py), as notebooks beside NumPy code write them
(g-eoj's CS231n notes): the layer glued to the letter (W2_{11}, h1_1, b2_0), output scores and
targets by a word (scores_0, trueprob_0), the loss as a word. Roles come from the document's own
forward sums and softmax loss; indices count from 0 only where a 0 is written. Variants written
here: other letters and sizes, tanh and relu, weights written output-first, 1-based and 0-based
families, three layers, planted slips named at their factor, and names left unknown when nothing
settles them."""

import pytest
from verdict_lines import by_line as lines

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

D_TANH = derive(network("2-3-2", "tanh", "cce", "softmax"))
D_RELU = derive(network("3-2-3", "relu", "cce", "softmax"))
D_DEEP = derive(network("2-2-2-2", "relu", "cce", "softmax"))


def by_line(d, text: str) -> dict[int, set[str]]:
    return lines(verify_text(d, text))


def factor(d, text: str, line: int) -> int | None:
    wrong = [v for v in verify_text(d, text).verdicts if v.line == line and v.status == "wrong"]
    return wrong[0].fault.position if wrong and wrong[0].fault else None


# 0-based logits and labels, 1-based weights written output-first (V2_{kj} into class k from j)
LOSS0 = (
    r"$$cost = -(label_0) \log{(\frac{e^{logits_0}}{e^{logits_0} + e^{logits_1}})}"
    r" - (label_1) \log{(\frac{e^{logits_1}}{e^{logits_0} + e^{logits_1}})}$$"
)
TANH = (
    LOSS0 + "\n"
    r"$$\frac{\partial{cost}}{\partial{\mathit{V2_{12}}}} = \frac{\partial{cost}}{\partial{logits_0}}"
    r" \frac{\partial{}}{\partial{\mathit{V2_{12}}}}(\mathit{g1_1} \mathit{V2_{11}}"
    r" + \mathit{g1_2} \mathit{V2_{12}} + \mathit{g1_3} \mathit{V2_{13}} + \mathit{c2_0})"
    r" = \frac{\partial{cost}}{\partial{logits_0}} (\mathit{g1_2})$$" + "\n"
    r"$$\frac{\partial{cost}}{\partial{logits_1}}"
    r" = \frac{e^{logits_1}}{e^{logits_0} + e^{logits_1}} - label_1$$" + "\n"
    r"$$\frac{d{cost}}{d{\mathit{g1_3}}} = \frac{\partial{cost}}{\partial{logits_0}} \mathit{V2_{13}}"
    r" + \frac{\partial{cost}}{\partial{logits_1}} \mathit{V2_{23}}$$"
)


def test_output_first_weights_zero_based_scores_tanh():
    assert by_line(D_TANH, TANH) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"correct"}}


@pytest.mark.parametrize(
    ("slip", "fixed", "line", "at"),
    [
        (r"(\mathit{g1_2})$$", r"(\mathit{g1_1})$$", 2, 2),  # the other hidden unit
        (r"} - label_1$$", r"} - label_0$$", 3, 1),  # the other class's target
        (r"\mathit{V2_{23}}$$", r"\mathit{V2_{13}}$$", 4, None),  # the weight into the other class
    ],
)
def test_planted_slips_named_at_their_factor(slip, fixed, line, at):
    text = TANH.replace(slip, fixed)
    assert text != TANH
    assert by_line(D_TANH, text)[line] == {"wrong"}
    if at is not None:  # a sum of products: the side is wrong as a whole
        assert factor(D_TANH, text, line) == at


# everything 1-based, input-by-output weights (W2_{jk} from hidden j to class k), a relu network
# whose loss is named J, and the hidden layer's own sum from the inputs X_1..X_3
RELU = (
    r"$$J = -(y_1) \log{(\frac{e^{s_1}}{e^{s_1} + e^{s_2} + e^{s_3}})} - (y_2) \log{(\frac{e^{s_2}}{e^{s_1}"
    r" + e^{s_2} + e^{s_3}})} - (y_3) \log{(\frac{e^{s_3}}{e^{s_1} + e^{s_2} + e^{s_3}})}$$" + "\n"
    r"$$\frac{\partial J}{\partial W2_{21}} = \frac{\partial J}{\partial s_1}"
    r" \frac{\partial}{\partial W2_{21}}"
    r"(h1_1 W2_{11} + h1_2 W2_{21} + b2_1) = \frac{\partial J}{\partial s_1} h1_2$$" + "\n"
    r"$$\frac{\partial J}{\partial W1_{32}} = \frac{\partial J}{\partial h1_2}"
    r" \frac{\partial h1_2}{\partial W1_{32}}"
    r" = \frac{\partial J}{\partial h1_2} \frac{\partial}{\partial W1_{32}}"
    r" \max(0, X_1 W1_{12} + X_2 W1_{22} + X_3 W1_{32} + b1_2)$$" + "\n"
    r"$$\frac{\partial s_2}{\partial h1_1} = W2_{12}$$"
)


def test_one_based_relu_with_the_inputs_sum():
    assert by_line(D_RELU, RELU) == {k: {"correct"} for k in range(1, 5)}
    slip = RELU.replace(r"= W2_{12}$$", r"= W2_{21}$$")  # the weight from the other unit to the other class
    assert by_line(D_RELU, slip)[4] == {"wrong"}


def test_lettered_unit_and_its_net_input():
    text = (
        RELU + "\n"
        r"$$\frac{\partial J}{\partial P_m} = \frac{\partial J}{\partial h1_m}"
        r" \frac{\partial h1_m}{\partial P_m}"
        r" = \frac{\partial J}{\partial h1_m} \frac{\partial}{\partial P_m} (\max(0, P_m))$$"
    )
    assert by_line(D_RELU, text)[5] == {"correct"}
    slip = text.replace(r"(\max(0, P_m))", r"(\max(0, -P_m))")
    assert by_line(D_RELU, slip)[5] == {"wrong"}
    assert factor(D_RELU, slip, 5) == 2


def test_three_layers():
    text = (
        r"$$L = -(t_0) \log{(\frac{e^{o_0}}{e^{o_0} + e^{o_1}})}"
        r" - (t_1) \log{(\frac{e^{o_1}}{e^{o_0} + e^{o_1}})}$$" + "\n"
        r"$$\frac{\partial L}{\partial u3_{21}} = \frac{\partial L}{\partial o_0}"
        r" \frac{\partial}{\partial u3_{21}}(a2_1 u3_{11} + a2_2 u3_{21} + c3_0)"
        r" = \frac{\partial L}{\partial o_0} a2_2$$" + "\n"
        r"$$\frac{\partial L}{\partial a2_1} = \frac{\partial L}{\partial o_0} u3_{11}"
        r" + \frac{\partial L}{\partial o_1} u3_{12}$$"
    )
    assert by_line(D_DEEP, text) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    slip = text.replace(r"u3_{12}$$", r"u3_{22}$$")
    assert by_line(D_DEEP, slip)[3] == {"wrong"}


@pytest.mark.parametrize(
    "bad",
    [
        # a unit index past the layer's width (g1_4 in a layer of 3): not read
        TANH.replace(r"\mathit{g1_3} \mathit{V2_{13}}", r"\mathit{g1_4} \mathit{V2_{14}}"),
        # the glued digit names no hidden layer below the weights (g3 under V2)
        TANH.replace("g1_", "g3_"),
    ],
)
def test_names_not_settled_stay_unchecked(bad):
    got = by_line(D_TANH, bad)
    assert got[2] == {"not checked"}
    assert "correct" not in got[4] and "wrong" not in got[4]


def test_scores_need_a_softmax_loss():
    """Without the loss definition nothing says logits are the net input: not checked."""
    text = "\n".join(TANH.split("\n")[1:])
    with pytest.raises(SympropError, match="unknown name"):
        verify_text(D_TANH, text)


def test_sources_say_the_reading():
    report = verify_text(D_TANH, TANH)
    read = {s.name: str(s.value) for s in report.inferred if s.how == "code name"}
    assert read["logits_0"] == "z2_1" and read["label_1"] == "y2" and read["cost"] == "L"
    assert read["V2_12"] == "W2_1_2" and read["c2_0"] == "b2_1" and read["g1_3"] == "a1_3"


def test_zero_based_targets_and_inputs_in_the_networks_own_letters():
    """y_0, y_1, y_2 and x_0 counted from 0: each the next unit, never an alias of an alias."""
    text = (
        r"$$L = -y_0 \log{(\frac{e^{f_0}}{e^{f_0} + e^{f_1} + e^{f_2}})}"
        r" - y_1 \log{(\frac{e^{f_1}}{e^{f_0} + e^{f_1} + e^{f_2}})}"
        r" - y_2 \log{(\frac{e^{f_2}}{e^{f_0} + e^{f_1} + e^{f_2}})}$$" + "\n"
        r"$$\frac{\partial L}{\partial f_2} = \frac{e^{f_2}}{e^{f_0} + e^{f_1} + e^{f_2}} - y_2$$" + "\n"
        r"$$\frac{\partial h1_1}{\partial W1_{01}} = \frac{\partial}{\partial W1_{01}}"
        r" \max(0, x_0 W1_{01} + x_1 W1_{11} + x_2 W1_{21} + b1_1)$$"
    )
    assert by_line(D_RELU, text) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    slip = text.replace(r"} - y_2$$", r"} - y_1$$")
    assert by_line(D_RELU, slip)[2] == {"wrong"}
