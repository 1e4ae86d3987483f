r"""Notations met reading four published sources blind (a worked example with boxed numbers, a
Stack Exchange question with its weights in one running count, a Spanish note, a Russian
notebook): small documents of our own in each notation, checked both ways (the true statement
judged correct, a slip wrong at its factor, or at least never called correct).

- units counted through the network with one letter and weights with another, `a_4 =
  f(m_7a_1+m_8a_2+m_9a_3+b_4)` (verify/running_units.py)
- the loss defined under its name and differentiated under its letter, `\text{Loss} = ...` then
  `\frac{\partial l}{\partial \hat{y}}` (verify/loss_letters.py)
- a unit index the document declares (`for each unit $j=1,2$`) in its own names, h_j and v_{2j}
  beside h_1, h_2, v_{21}, v_{22} (verify/declared_indices.py)
- an updated weight's numbers with the step written as its factors, `w_{11} = 0.2 - 0.1 \cdot
  (-0.0043) \cdot 1.5` (verify/update_numbers.py)
- the new and old weight marked by words in other languages (w^{neu}, w_{nuevo} = w_{viejo} - ...,
  latex/update_words.py), the weight's index left to the rule's gradient (verify/update_indices.py)
"""

from verdict_lines import factors_by_line, verify_layered, worst_by_line

_verify, _said = verify_layered, worst_by_line

# a 2-2-1 network of our own, its units a_1, a_2 (hidden) and a_3 (the output) in one count, its
# weights q_1 ... q_6 in another, biases c_1 ... c_3 (no letter the network knows)
RUNNING = r"""
$$a_1 = f(q_1x_1+q_2x_2+c_1)$$
$$a_2 = f(q_3x_1+q_4x_2+c_2)$$
$$a_3 = f(q_5a_1+q_6a_2+c_3)$$
$$E=(a_3-t_1)^2$$
$$\frac{\partial E}{\partial q_6} = 2(a_3-t_1) \cdot a_3(1-a_3) \cdot a_2$$
$$\frac{\partial E}{\partial q_3} = 2(a_3-t_1) \cdot a_3(1-a_3) \cdot q_6 \cdot a_2(1-a_2) \cdot x_1$$
"""


def _running(text: str):
    return _verify("2-2-1", text, loss="(out - y)**2")


def test_units_counted_through_the_network_bind_their_weights_and_biases():
    assert _said(_running(RUNNING)) == {k: "correct" for k in range(2, 8)}


def test_a_slip_in_a_running_count_is_wrong_at_its_factor():
    # q_5 where q_6 belongs (the other hidden unit's weight): the chain's third factor
    slip = RUNNING.replace(r"\cdot q_6 \cdot a_2(1-a_2)", r"\cdot q_5 \cdot a_2(1-a_2)")
    assert slip != RUNNING
    assert ("wrong", 3) in factors_by_line(_running(slip))[7]
    # a definition with the other unit's bias (c_1 into a_2 too): no one count, nothing bound,
    # never called correct
    bias = RUNNING.replace("q_4x_2+c_2)", "q_4x_2+c_1)")
    assert bias != RUNNING
    said = _said(_running(bias))
    assert said[3] != "correct" and said[7] != "correct", said


def test_a_count_that_does_not_cover_the_network_binds_nothing():
    # a_3 missing: two units defined on a network of three past the input, nothing settled
    partial = "\n".join(line for line in RUNNING.splitlines() if not line.startswith("$$a_3"))
    said = _said(_running(partial))
    # only the loss (its output a_3 bound by the loss's own form) is judged
    assert [k for k, v in said.items() if v != "not checked"] == [4], said


LETTER = r"""
$$\text{Loss} = \frac{1}{2}(y - \hat{y})^2$$
$$\frac{\partial l}{\partial \hat{y}} = \hat{y} - y$$
$$\frac{\partial l}{\partial z} = (\hat{y} - y) \hat{y}(1 - \hat{y})$$
$$\hat{y} = \sigma(z)$$
$$z = w_1 x_1 + w_2 x_2 + b$$
$$\frac{\partial l}{\partial w_2} = (\hat{y} - y) \hat{y}(1 - \hat{y}) x_2$$
"""


def test_the_loss_differentiated_under_its_letter_is_the_loss():
    assert _said(_verify("2-1", LETTER)) == {k: "correct" for k in range(2, 8)}
    slip = LETTER.replace(r"\hat{y}(1 - \hat{y}) x_2$$", r"\hat{y}(1 - \hat{y}) x_1$$")
    assert slip != LETTER
    assert ("wrong", 3) in factors_by_line(_verify("2-1", slip))[7]


def test_a_letter_also_written_as_a_variable_is_not_the_loss():
    # l also stands in a product: not only differentiated, so not read as the loss
    both = LETTER + "$$u = l x_1$$\n"
    said = _said(_verify("2-1", both))
    assert said[3] == "not checked" and said[7] == "not checked", said


# a 1-2-1 network of our own with layer-digit-then-unit names (u_{11}, v_{21}), a declared j
DECLARED = r"""
$$ u_{11} = v_{11} x + c_{11}, \quad h_1 = \sigma(u_{11}) $$
$$ u_{12} = v_{12} x + c_{12}, \quad h_2 = \sigma(u_{12}) $$
$$ u_2 = v_{21} h_1 + v_{22} h_2 + c_2, \quad \hat{y} = \sigma(u_2) $$
$$ E = \frac{1}{2}(y - \hat{y})^2 $$
For every hidden unit $ j=1,2 $:
$$ \frac{\partial u_2}{\partial h_j} = v_{2j} $$
$$ \frac{\partial E}{\partial c_{1j}} = (\hat{y} - y) \hat{y}(1 - \hat{y}) v_{2j} h_j(1 - h_j) $$
"""


def test_a_declared_unit_index_is_read_for_each_unit():
    report = _verify("1-2-1", DECLARED)
    said = factors_by_line(report)
    assert said[7] == {("correct", None)} and said[8] == {("correct", None)}, said
    assert len([v for v in report.verdicts if v.line in (7, 8)]) == 4  # two instances each
    slip = DECLARED.replace("v_{2j} h_j(1 - h_j) $$", "v_{1j} h_j(1 - h_j) $$")
    assert slip != DECLARED
    assert ("wrong", 3) in factors_by_line(_verify("1-2-1", slip))[8]


def test_an_undeclared_letter_is_not_expanded():
    undeclared = DECLARED.replace("For every hidden unit $ j=1,2 $:", "For every hidden unit:")
    said = _said(_verify("1-2-1", undeclared))
    assert said[7] == "not checked" and said[8] == "not checked", said


# a 2-1 sigmoid neuron of our own: updates marked in Portuguese, German and Spanish
UPDATES = r"""
$$z = w_1 x_1 + w_2 x_2 + b$$
$$a = \sigma(z)$$
$$L = \frac{1}{2}(y - a)^2$$
$$w_2^{neu} = w_2^{alt} - \eta \frac{\partial L}{\partial w_2}$$
$$w_{novo} = w_{antigo} - \eta \cdot \frac{\partial L}{\partial w_1}$$
$$w_{nuevo} = 0.2 - (0.5) \cdot (0.0125)$$
"""
POINT = {"x_1": 1.0, "x_2": 0.5, "w_1": 0.2, "w_2": -0.4, "b": 0.0, "y": 1.0, "eta": 0.5}


def _updates(text: str):
    from symbolic.backprop import derive
    from symbolic.spec import network
    from symbolic.verify import verify_text
    from symbolic.verify.read import _tex

    d = derive(network("2-1", "sigmoid", "half_se", None, "layered"))
    return verify_text(d, text, point={_tex(k, 0): v for k, v in POINT.items()})


def test_updates_marked_by_words_in_other_languages_are_read():
    report = _updates(UPDATES)
    said = worst_by_line(report)
    assert said[5] == "correct" and said[6] == "correct", said
    # the bare w of line 6 is w_1 (its rule's gradient), and so is the new w of line 7: at the
    # point a = 0.5 and dL/dw_1 = -(1 - a) a (1 - a) x_1 = -0.125, so 0.2 - 0.5 x 0.0125 is not
    # w_1's update (0.2625)
    numbers = {n.claim.line: n.correct for n in report.numbers}
    assert numbers[7] is False, numbers
    climb = UPDATES.replace(r"w_{antigo} - \eta", r"w_{antigo} + \eta")
    assert climb != UPDATES
    assert worst_by_line(_updates(climb))[6] == "wrong"


def test_a_bare_update_whose_rule_names_no_weight_stays_generic():
    # the step differentiates by the bare w too: the rule of every weight (one instance each), no
    # index taken from it
    bare = UPDATES.replace(r"\frac{\partial L}{\partial w_1}$$", r"\frac{\partial L}{\partial w}$$")
    assert bare != UPDATES
    report = _updates(bare)
    assert [v.status for v in report.verdicts if v.line == 6] == ["correct", "correct"]


def test_an_update_with_its_step_written_in_factors_is_a_claim():
    # w_2 - eta (dL/dz) x_2 = -0.4 - 0.5 (-0.125)(0.5) = -0.36875: the step as three numbers
    line = "$$w_2 = -0.4 - 0.5 \\cdot (-0.125) \\cdot 0.5 = -0.36875$$\n"
    right = _updates(UPDATES + line)
    assert [n.correct for n in right.numbers if n.claim.line == 8] == [True, True]
    climb = _updates(UPDATES + line.replace("-0.4 - 0.5", "-0.4 + 0.5").replace("-0.36875", "-0.43125"))
    assert [n.correct for n in climb.numbers if n.claim.line == 8] == [False, False]
