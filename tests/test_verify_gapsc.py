r"""Scattered notation of the published corpus read by general mechanisms, on networks other than
the corpus files' (2-2-1, 3-4-2, ...):
- `a \cdot (1 + a)` in a gradient row, the slip for the sigmoid's a(1 - a): two columns taken
  entry by entry like a(1 - a) (latex/elementwise_cdot.py), judged wrong at that one factor (the
  corpus's convention: X(1 ± X) is one factor), not refused for its shapes.
- `-0.5 \times [1, 2] = [-0.5, -1.0]`: a bracketed list is a row (latex/matrix_published.py), a
  written number scales a matrix even under NumPy's * (verify/matrix.py), and the numbers written
  beside a formula side whose layout is the question are checked all the same
  (matrix_entries.beside_misfit).
- a side written as one factor for the chain's several, exactly minus the truth (y - a for
  a - y), is named by its sign (explain.pinpoint), not an opaque ratio;
- `-2 (t_k + o_k) sigmoid(\sum_j w_{jk} o_j)(1 - sigmoid(...)) o_j`: the written order is kept
  under a leading minus (latex/document.py), a sum inside a call is one factor (parts.py), and a
  number written apart that is the truth's own (-2 of 2(o - t)) is evidence for the rest
  (group_split.py): the wrong factor is named.
- `J = -\sum_k Y_k * \log(\hat{Y}_k)` where a matrix statement writes Y bare (A^{[2]} - Y): the
  indexed capitals are the entries of their vectors, \hat{Y} the estimate of Y
  (output_letters.entries), and \hat{Y} reads in a matrix statement as the output (as \hat{y}).
- `\frac{\partial C}{\partial B^{(2)}} = \sum_{i=1}^{N_{out}} \frac{\partial C}{\partial Z^{(2)}}`:
  a sum over i of a term without i is N_{out} times the term (latex/count_sums.py), judged wrong
  and said so; B^{(l)} is the bias vector, a capital as A, Z.
"""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


def verdicts(text: str, net: str = "3-4-2", act: str = "sigmoid", loss: str = "mse", **kw):
    d = derive(network(net, act, loss_text=loss, **kw))
    r = verify_text(d, text)
    said = [(v.line, v.status, v.fault.position if v.fault else None) for v in r.verdicts]
    return said, [(u.line, u.reason) for u in r.unchecked], r


HIDDEN = (
    r"$$\frac{\partial C}{\partial Z^{(1)}} = \frac{\partial C}{\partial A^{(1)}} \cdot A^{(1)}"
    r" \cdot (1 - A^{(1)})$$"
)


def test_a_times_one_minus_a_by_cdot_is_element_wise_and_correct():
    said, unchecked, _ = verdicts(HIDDEN)
    assert said == [(1, "correct", None)] and unchecked == []


def test_a_times_one_plus_a_by_cdot_is_named_at_that_factor():
    said, unchecked, r = verdicts(HIDDEN.replace("(1 - A", "(1 + A"))
    assert said[0][1:] == ("wrong", 2) and unchecked == []
    fault = r.verdicts[0].fault
    assert fault.kind == "wrong" and fault.wrote is not None  # a factor, not a shape mismatch
    assert "1 + " in str(fault.wrote).replace("A", "a") or "+ 1" in str(fault.wrote)


def test_one_plus_a_of_another_name_is_still_a_matrix_product():
    # a^{(1)} \cdot (1 + a^{(2)}) is no logistic derivative: the shapes speak, as before
    said, _, _ = verdicts(HIDDEN.replace("(1 - A^{(1)})", "(1 + A^{(2)})"))
    assert said[0][1] == "wrong"


GIVEN = (
    "$X = A^{[0]} = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$\n"
    "$W^{[1]} = \\begin{bmatrix} 0.5 & -0.25 \\end{bmatrix}$, $b^{[1]} = \\begin{bmatrix} 0 \\end{bmatrix}$\n"
    "$Y = \\begin{bmatrix} 1 \\end{bmatrix}$\n"
    "$Z^{[1]} = W^{[1]}A^{[0]} + b^{[1]}$\n"
    "$\\delta^{[1]} = \\frac{\\partial L}{\\partial Z^{[1]}} = A^{[1]} - Y = 0.5 - 1 = -0.5$\n"
)
DW = r"\frac{\partial L}{\partial W^{[1]}} = "


def numbers(row: str):
    d = derive(network("2-1", "sigmoid", loss_text="bce"))
    r = verify_text(d, GIVEN + f"${DW}{row}$\n")
    said = sorted({("correct" if n.correct else "wrong") for n in r.numbers if n.claim.line == 6})
    return said, [u.reason for u in r.unchecked if u.line == 6], r


def test_a_bracketed_list_is_a_row_scaled_by_a_number():
    said, unchecked, r = numbers(r"\delta^{[1]} (A^{[0]})^T = -0.5 \times [1, 2] = [-0.5, -1.0]")
    assert said == ["correct"] and unchecked == []
    assert [v.status for v in r.verdicts if v.line == 6] == ["correct"]
    assert len([n for n in r.numbers if n.claim.line == 6]) == 4  # two sides, two entries each


def test_a_slip_in_a_bracketed_row_is_wrong():
    said, _, _ = numbers(r"-0.5 \times [1, 2] = [-0.5, -1.5]")
    assert said == ["correct", "wrong"]


def test_numbers_beside_a_formula_in_question_are_still_checked():
    # δ · A^{[0]} is the transpose of W's shape: that side not checked, its numbers judged
    said, unchecked, _ = numbers(r"\delta^{[1]} \cdot A^{[0]} = -0.5 \times [1, 2] = [-0.5, -1.5]")
    assert said == ["correct", "wrong"] and unchecked


CHAIN = (
    r"\frac{\partial L}{\partial z^{(3)}_1} = \frac{\partial L}{\partial a^{(3)}_1}"
    r" \frac{\partial a^{(3)}_1}{\partial z^{(3)}_1} = "
)


def test_one_factor_for_the_chain_with_its_sign_flipped_is_named_by_its_sign():
    said, _, r = verdicts(f"$${CHAIN}a^{{(3)}}_1 - y_1$$\n$${CHAIN}y_1 - a^{{(3)}}_1$$", "2-2-1", loss="bce")
    assert said == [(1, "correct", None), (2, "wrong", 1)]
    fault = r.verdicts[1].fault
    assert fault.kind == "wrong" and fault.ratio == -1


def test_one_factor_off_by_another_constant_stays_a_ratio():
    said, _, r = verdicts(f"$${CHAIN}3 (a^{{(3)}}_1 - y_1)$$", "2-2-1", loss="bce")
    assert said[0][1] == "wrong" and r.verdicts[0].fault.kind in ("ratio", "extra")


RASHID = (
    "$$o_k = sigmoid (\\sum_j w_{jk} o_j)$$\n"
    "$$\\frac{\\partial E}{\\partial w_{jk}} = -2 (t_k - o_k) sigmoid (\\sum_j w_{jk} o_j)"
    "(1 - sigmoid(\\sum_j w_{jk} o_j))o_j$$\n"
)


def rashid(slip: tuple[str, str] = ("", "")):
    text = RASHID.replace(*slip) if slip[0] else RASHID
    said, _, _ = verdicts(text, "2-3-2", loss="(out - y)**2")
    return {(line, status, factor) for line, status, factor in said if line == 2}


def test_a_sigmoid_of_a_written_sum_is_aligned_with_its_true_factor():
    assert rashid() == {(2, "correct", None)}


def test_the_target_sign_slip_under_a_leading_minus_is_named_at_factor_2():
    assert rashid(("(t_k - o_k)", "(t_k + o_k)")) == {(2, "wrong", 2)}


def test_the_output_for_the_hidden_output_is_named_at_factor_4():
    assert rashid(("o_j))o_j", "o_j))o_k")) == {(2, "wrong", 4)}


SOFTMAX = "$\\delta^{[2]} = A^{[2]} - Y$\n"
CCE = "$J = - \\sum_{k=1}^{3} Y_k * \\log(\\hat{Y}_k)$\n"


def softmax_net(text: str):
    return verdicts(text, "2-4-3", "relu", "cce", output_activation="softmax")


def test_indexed_capitals_of_a_bare_vector_are_its_entries():
    said, unchecked, _ = softmax_net(SOFTMAX + CCE)
    assert said == [(1, "correct", None), (2, "correct", None)] and unchecked == []
    said, _, _ = softmax_net(SOFTMAX + CCE.replace(r"\log(\hat{Y}_k)", r"\log(1 - \hat{Y}_k)"))
    assert said[1][1] == "wrong"


def test_indexed_capitals_without_their_vector_stay_unknown():
    import pytest

    from symbolic.errors import SympropError

    with pytest.raises(SympropError):  # nothing else to check: Y_k, \hat{Y}_k unknown names
        softmax_net(CCE)


def test_a_hatted_capital_in_a_matrix_statement_is_the_output():
    said, unchecked, _ = softmax_net("$\\delta^{[2]} = \\hat{Y} - Y$\n")
    assert said == [(1, "correct", None)] and unchecked == []


FORWARD = "$$Z^{(2)} = W^{(2)} A^{(1)} + B^{(2)}$$\n"


def test_a_sum_of_a_term_without_its_index_is_n_times_the_term():
    row = (
        r"$$\frac{\partial C}{\partial B^{(2)}} = \sum_{k=1}^{N_{out}} \frac{\partial C}{\partial Z^{(2)}}$$"
    )
    said, unchecked, r = verdicts(FORWARD + row, "3-4-2")
    assert said == [(1, "correct", None), (2, "wrong", 1)] and unchecked == []
    assert "the sum over k of a term without k is N_{out} times it" in r.verdicts[1].fault.text


def test_the_bias_gradient_of_a_capital_b_is_read():
    row = r"$$\frac{\partial C}{\partial B^{(2)}} = \frac{\partial C}{\partial Z^{(2)}}$$"
    said, unchecked, _ = verdicts(FORWARD + row, "3-4-2")
    assert said == [(1, "correct", None), (2, "correct", None)] and unchecked == []


def test_a_count_sum_over_one_output_is_the_term():
    # N_{out} = 1: the sum of one term is that term, correct
    row = (
        r"$$\frac{\partial C}{\partial B^{(2)}} = \sum_{i=1}^{N_{out}} \frac{\partial C}{\partial Z^{(2)}}$$"
    )
    said, _, _ = verdicts(FORWARD + row, "3-4-1")
    assert said[1] == (2, "correct", None)
