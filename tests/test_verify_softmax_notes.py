r"""Notations of softmax / cross-entropy notes (issue 12), each on networks other than the corpus
file that shows it, with a planted slip named at its factor and controls that must not change.

A name of the document's own defined as a sum (the softmax's normalizer `S = \sum_t \exp(z_t)`,
written after its use as in math.se 2303338): the other lines read it as its formula
(symbolic/verify/own_names.py); its definition is not checked, and says so.

A layer's forward sum in index letters (`z_k = \sum_i w_{ki}\tilde{a}_i + b_k`) once its left side
is bound in a letter: the bias and the activation below bound (symbolic/verify/letter_sums.py).

A per-layer name in index letters with no layer (\delta_j, w_{(i,j)}) on a network of several layers,
which nothing settles: not checked, and the reason says why (symbolic/verify/unlayered.py).

Kronecker's delta of the class label on the left of an identity (`\delta_{yj} = y_j`): one
statement per class, the delta the one-hot target's entry (symbolic/verify/kronecker.py).
"""

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text


def said(doc: str, net: str, hidden: str = "tanh") -> dict[int, list[str]]:
    """line -> the verdicts on it ('correct', 'wrong', 'not proved') and 'not checked: REASON'."""
    d = derive(network(net, hidden, "cce", "softmax"))
    try:
        r = verify_text(d, "% a document\n" + doc)
        verdicts, unchecked = r.verdicts, r.unchecked
    except SympropError as err:
        verdicts, unchecked = [], list(getattr(err, "unchecked", []))
    out: dict[int, list[str]] = {}
    for v in verdicts:
        out.setdefault(v.line, []).append(v.status if v.status != "wrong" else f"wrong@{v.fault.position}")
    for u in unchecked:
        out.setdefault(u.line, []).append(f"not checked: {u.reason}")
    return out


# 2-3-4 with a softmax output, the document's own letters (q the output, u its net input, N the sum)
LETTERS = r"""$$q_i=\frac{\exp(u_i)}{N},\;\;N=\sum_{m} \exp(u_m)$$
$$\frac{\partial L}{\partial u_i} = \frac{\exp(u_i)}{N} - y_i$$
"""

# 4-3 softmax regression in layered names, Z defined after its use and differentiated
LAYERED = (
    r"$$\frac{\partial L}{\partial z^{(1)}_{2}} = \frac{e^{z^{(1)}_{2}}}{Z} - y_2,"
    r"\;\; Z = \sum_k e^{z^{(1)}_k}$$"
    + "\n"
    + r"""$$\frac{\partial Z}{\partial z^{(1)}_{3}} = e^{z^{(1)}_{3}}$$
$$\frac{\partial L}{\partial z^{(1)}_{1}} = \frac{1}{Z} \frac{\partial Z}{\partial z^{(1)}_{1}} - y_1$$
"""
)


def test_a_sum_named_after_its_use_is_read_as_its_formula_in_the_document_letters():
    out = said(LETTERS, "2-3-4")
    assert out[2][:4] == ["correct"] * 4 and out[3] == ["correct"] * 4
    assert [r for r in out[2] if r.startswith("not checked")] == [
        "not checked: defines N, a name of the document's own (a sum): nothing to check "
        "(the other lines read it as defined here)"
    ]


def test_a_slip_beside_the_sum_is_named_at_its_factor():
    out = said(LETTERS.replace(r"{N} - y_i", r"{N} + y_i"), "2-3-4")
    assert out[3] == ["wrong@1"] * 4


def test_in_layered_names_the_sum_is_read_in_quotients_and_derivatives():
    out = said(LAYERED, "4-3", "sigmoid")
    assert out[2][0] == "correct" and out[3] == ["correct"] and out[4] == ["correct"]
    assert out[2][1].startswith("not checked: defines Z, a name of the document's own")


def test_a_slip_in_the_sum_itself_makes_the_lines_that_use_it_wrong():
    out = said(LAYERED.replace(r"Z = \sum_k e^{z^{(1)}_k}", r"Z = \sum_k e^{2 z^{(1)}_k}"), "4-3", "sigmoid")
    assert out[2][0] == "wrong@1" and out[3] == ["wrong@1"]


def test_a_name_differentiated_by_is_not_inlined():
    doc = r"""$$Z = \sum_k e^{z^{(1)}_k}$$
$$\frac{\partial L}{\partial Z} = \frac{1}{Z}$$
$$\frac{\partial L}{\partial z^{(1)}_{1}} = \frac{e^{z^{(1)}_{1}}}{Z} - y_1$$
"""
    out = said(doc, "4-3", "sigmoid")
    assert all(r.startswith("not checked") and "document's own" not in r for r in out[2] + out[3] + out[4])


def test_a_name_defined_twice_or_without_a_sum_is_not_inlined():
    twice = r"""$$Z = \sum_k e^{z^{(1)}_k}$$
$$Z = \sum_k e^{z^{(1)}_k} + 1$$
$$\frac{\partial L}{\partial z^{(1)}_{1}} = \frac{e^{z^{(1)}_{1}}}{Z} - y_1$$
"""
    plain = (
        r"$$\frac{\partial L}{\partial z^{(1)}_{1}} = \frac{e^{z^{(1)}_{1}}}{Z} - y_1,"
        r"\;\; Z = e^{z^{(1)}_1} + e^{z^{(1)}_2} + e^{z^{(1)}_3}$$" + "\n"
    )
    for doc in (twice, plain):
        out = said(doc, "4-3", "sigmoid")
        assert not any(r in ("correct", "wrong@1") for rows in out.values() for r in rows), out
        assert not any("document's own" in r for rows in out.values() for r in rows), out


def test_the_loss_defined_as_a_sum_is_still_checked_as_the_loss():
    doc = r"$$L = -\sum_k y_k \log a^{(1)}_k$$" + "\n"
    assert said(doc, "4-3", "sigmoid")[2] == ["correct"]
    assert said(doc.replace("-\\sum", "\\sum"), "4-3", "sigmoid")[2] == ["wrong@1"]


def test_a_sum_that_defines_the_network_output_is_still_bound_not_inlined():
    doc = r"""$$O = \sigma\left(\sum_{j} w_j x_j + b\right)$$
$$E = \frac{1}{2}(T - O)^2$$
$$\frac{\partial E}{\partial w_1} = -(T - O) O (1 - O) x_1$$
"""
    d = derive(network("2-1", "sigmoid", "half_se", "sigmoid"))
    r = verify_text(d, "% a document\n" + doc)
    assert [(v.line, v.status) for v in r.verdicts] == [(3, "correct")]
    assert not any("document's own" in u.reason for u in r.unchecked)


KRONECKER = r"""$$\delta_{yk}=y_k$$
$$\delta_{yk}=1 - y_k$$
$$\delta_{yk}=a^{(1)}_k$$
$$\delta_{ij}=y_j$$
"""


def test_the_kronecker_delta_of_the_label_is_the_one_hot_target_per_class():
    out = said(KRONECKER, "3-2", "sigmoid")  # softmax regression, two classes
    assert out[2] == ["correct"] * 2
    assert out[3] == ["wrong@1"] * 2 and out[4] == ["wrong@1"] * 2  # slips: 1 - y_k, the output
    assert out[5] == ["not checked: a definition of something other than a name: not checked"]


def test_the_kronecker_delta_in_the_target_letter_t_and_not_beside_a_rival_target():
    doc = r"""$$E = -\sum_k t_k \ln y_k$$
$$\delta_{tk}=t_k$$
$$\delta_{yk}=y_k$$
$$\delta_{tk}=y_k$$
"""
    d = derive(network("2-3-4", "tanh", "cce", "softmax"))
    r = verify_text(d, "% a document\n" + doc, conventions={"targets": "t"})  # y the output
    got = {(v.line, v.status) for v in r.verdicts}
    assert {(3, "correct"), (5, "wrong")} <= got and not any(line == 4 for line, _ in got)
    assert [u.line for u in r.unchecked if u.line == 4] == [4]
    # the network alone: t_k beside the label y: which one is the target is not settled
    out = said(doc, "2-3-4")
    assert all(r.startswith("not checked") for r in out.get(4, [])) and out.get(4)


# 2-3-4, softmax output: q, u the document's letters (bound by the softmax), W_{mr} g_r + b_m below
FORWARD = r"""$$q_m=\frac{e^{u_m}}{\sum_{n} e^{u_n}}$$
$$u_m = \sum_{r} W_{mr} g_r + b_m$$
$$\frac{\partial L}{\partial b_m} = q_m - y_m$$
$$\frac{\partial q_m}{\partial b_m} = q_m (1 - q_m)$$
"""


def test_the_bias_of_a_forward_sum_in_letters_is_bound_and_judged():
    out = said(FORWARD, "2-3-4")
    assert out[4] == ["correct"] * 4 and out[5] == ["correct"] * 4
    assert out[3] == ["correct"] * 4  # the weight read with its layer: W^{(2)}_{mr}
    d = derive(network("2-3-4", "tanh", "cce", "softmax"))
    inferred = {(s.name, str(s.value)) for s in verify_text(d, "% a document\n" + FORWARD).inferred}
    assert {("b_m", "b⁽²⁾_m"), ("g_r", "a⁽¹⁾_r"), ("W_mr", "W⁽²⁾_mr")} <= inferred


def test_the_weight_of_a_forward_sum_in_letters_is_read_with_its_layer():
    grad = FORWARD + r"$$\frac{\partial L}{\partial W_{mr}} = (q_m - y_m) g_r$$" + "\n"
    assert said(grad, "2-3-4")[6] == ["correct"] * 12
    assert said(grad.replace("(q_m - y_m) g_r", "(y_m - q_m) g_r"), "2-3-4")[6] == ["wrong@1"] * 12
    # - b_m: no longer a sum plus a bias, nothing read from it: not checked, never correct
    minus = said(FORWARD.replace("W_{mr} g_r + b_m", "W_{mr} g_r - b_m"), "2-3-4")
    assert all(r.startswith("not checked") for r in minus[3] + minus[4])


def test_a_decorated_name_in_a_letter_is_its_own_not_the_bare_one():
    # \tilde{q}_r (the hidden layer) beside q_m (the softmax output): never read as q_r
    doc = FORWARD.replace("g_r", "\\tilde{q}_r")
    assert said(doc, "2-3-4")[3] == ["correct"] * 4
    assert said(doc.replace("\\tilde{q}_r + b_m", "q_r + b_m"), "2-3-4")[3] != ["correct"] * 4


def test_slips_beside_the_bias_are_named_at_their_factor():
    assert said(FORWARD.replace("q_m - y_m", "q_m + y_m"), "2-3-4")[4] == ["wrong@1"] * 4
    # q_m (1 + q_m): one product, named as the side's one factor
    assert said(FORWARD.replace("(1 - q_m)", "(1 + q_m)"), "2-3-4")[5] == ["wrong@1"] * 4


def test_softmax_regression_forward_sum_over_the_inputs():
    doc = r"""$$q_m=\frac{e^{u_m}}{\sum_{n} e^{u_n}}$$
$$u_m = \sum_{r} w_{rm} x_r + b_m$$
$$\frac{\partial L}{\partial b_m} = q_m - y_m$$
"""
    assert said(doc, "4-3")[4] == ["correct"] * 3
    assert said(doc.replace("q_m - y_m", "y_m - q_m"), "4-3")[4] == ["wrong@1"] * 3
    # w_{rm}: input-by-output, as the sum says (orientation.py); its gradient in those letters
    grad = doc + r"$$\frac{\partial L}{\partial w_{rm}} = x_r (q_m - y_m)$$" + "\n"
    assert said(grad, "4-3")[3] == ["correct"] * 3 and said(grad, "4-3")[5] == ["correct"] * 12
    assert said(grad.replace("x_r (q_m - y_m)", "x_r (q_m + y_m)"), "4-3")[5] == ["wrong@2"] * 12


def test_a_forward_sum_is_not_read_unless_its_left_side_and_shape_are_settled():
    unbound = FORWARD.split("\n", 1)[1]  # no softmax definition: u_m is no one's
    assert all(r.startswith("not checked") for r in said(unbound, "2-3-4")[3])
    misplaced = FORWARD.replace("g_r + b_m", "g_r + b_r")  # the bias in the summed letter
    assert all(r.startswith("not checked") for r in said(misplaced, "2-3-4")[4])
    two_terms = FORWARD.replace("g_r + b_m", "g_r + b_m + c_m")  # more than the sum and the bias
    assert all(r.startswith("not checked") for r in said(two_terms, "2-3-4")[4])


UNLAYERED = r"""$$\delta_m = q_m - y_m$$
$$\delta_r = \left(\sum_m \delta_m w_{rm}\right) g_r (1 - g_r)$$
"""


def test_a_delta_in_letters_with_no_layer_is_not_checked_and_says_why():
    out = said(UNLAYERED, "2-4-2", "sigmoid")
    reasons = out[2] + out[3]
    assert reasons and all(r.startswith("not checked") for r in reasons)
    # \delta_m is an output unit's by its target y_m, \delta_r a hidden unit's by the sum over m
    # (letter_readings.py): what is left unknown is the document's q_m and g_r, said by name
    assert any("unknown name q_m" in r for r in out[2]) and any("unknown name g_r" in r for r in out[3])


def test_no_layer_note_where_the_network_has_one_layer_or_a_letter_is_bound():
    one = said(UNLAYERED, "3-2", "sigmoid")
    assert not any("carries index letters" in r for rows in one.values() for r in rows)
    # a layered name elsewhere: w_{mr} is not given a layer (the document numbers layers itself),
    # and beside u_m, read in a letter, it gets no note
    layered = FORWARD + r"$$\frac{\partial L}{\partial b^{(2)}_1} = q_1 - y_1$$" + "\n"
    assert said(layered.replace("W_{mr}", "w_{mr}"), "2-3-4")[3] == ["not checked: unknown name w_{mr}"]
