r"""Worked examples with neurons numbered through the network, thresholds and new-weight marks
(the notations of Negnevitsky's exclusive-OR example, read generally): short documents of my own
in each notation, other sizes and numbers, checked both ways (the true statement judged correct,
a slip wrong or at least never called correct).

- y_4 = sigmoid(x_1 w_{14} + ... - \theta_4) makes y_4 the output of unit 4 and θ_4 its
  threshold (the bias negated) once w_{14} is read by its units' numbers
  (verify/global_numbering.py, verify/unit_numbers.py); δ_6 and y_{d,6} are unit 6's δ and
  desired output; a threshold's value in the point is the bias negated (given_point.py), and an
  update of θ is -(b - η ∂E/∂b) (resolve._update)
- e = y_{d,6} - y_6 beside the sigmoid's e^{-x}: the bare e the name, e^{-x} Euler's
  (latex/error_letter.py, latex/names.py)
- (p), the iteration, on every name, and w(p+1) the weight after the update (verify/arguments.py)
- sigmoid[...]: a function word's argument in square brackets (latex/calls.py)
- w_{14} = w_{14} + \Delta w_{14} with no mark: the new value on the left (latex/update_marks.py),
  Δw read as the formula defining it, and the numbers of Δw = ... = 0.1 × 0.52 × 0.03 claims
  about the increment (verify/increments.py)
"""

from verdict_lines import worst_by_line

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.read import _tex

_said = worst_by_line


def _verify(arch: str, text: str, point: dict | None = None):
    d = derive(network(arch, "sigmoid", "half_se", None, "layered"))
    at = {_tex(k, 0): v for k, v in point.items()} if point else None
    return verify_text(d, text, point=at)


# 2 inputs (units 1, 2), three hidden units (3, 4, 5), one output (6); thresholds subtracted
NUMBERED = r"""
\[ y_3 = sigmoid(x_1 w_{13} + x_2 w_{23} - \theta_3) \]
\[ y_4 = sigmoid(x_1 w_{14} + x_2 w_{24} - \theta_4) \]
\[ y_5 = sigmoid(x_1 w_{15} + x_2 w_{25} - \theta_5) \]
\[ y_6 = sigmoid(y_3 w_{36} + y_4 w_{46} + y_5 w_{56} - \theta_6) \]
\[ e = y_{d,6} - y_6 \]
\[ \delta_6 = y_6 (1 - y_6) e \]
\[ \delta_4 = y_4 (1 - y_4) \delta_6 w_{46} \]
\[ \Delta w_{46} = \eta y_4 \delta_6 \]
\[ \Delta \theta_6 = \eta (-1) \delta_6 \]
\[ \Delta w_{24} = \eta x_2 \delta_4 \]
\[ w_{24} = w_{24} + \Delta w_{24} \]
\[ g(v) = \frac{1}{1 + e^{-v}} \]
"""


def test_units_numbered_through_the_network_with_thresholds():
    said = _said(_verify("2-3-1", NUMBERED))
    for line in (2, 3, 4, 5, 7, 8, 9, 10, 11, 12):
        assert said[line] == "correct", line
    assert said[6] == "not checked"  # defines e, a name of the document's own


def test_slips_in_numbered_units_are_wrong():
    for right, slip, verdict in (
        (r"\delta_6 w_{46} \]", r"\delta_6 w_{56} \]", "wrong"),  # the other hidden unit's weight
        (r"\eta y_4 \delta_6", r"\eta y_5 \delta_6", "wrong"),  # the other hidden output
        (r"\eta (-1) \delta_6", r"\eta \delta_6", "wrong"),  # a threshold moves against its bias
        # the error's sign: δ_6 then reads δ = ∂E/∂net against the updates' δ = -∂E/∂net, a tie
        # of votes (verify/sign_votes.py): never called correct
        (r"(1 - y_6) e", r"(1 - y_6) (-e)", "not correct"),
        # w - Δw: the document then says Δw's sign the other way; never called correct
        (r"w_{24} + \Delta", r"w_{24} - \Delta", "not correct"),
    ):
        text = NUMBERED.replace(right, slip)
        assert text != NUMBERED
        said = _said(_verify("2-3-1", text))
        line = next(k for k, row in enumerate(text.split("\n"), start=1) if slip in row)
        assert said[line] == verdict if verdict == "wrong" else said[line] != "correct", slip


def test_the_bare_e_is_the_name_and_e_to_a_power_eulers():
    said = _said(_verify("2-3-1", NUMBERED))
    assert said[13] == "correct"  # g(v) = 1/(1 + e^{-v}): the sigmoid, e Euler's number


# a worked iteration: the point in the document's names, a threshold among them (numbers worked
# by hand: y_3 = σ(0.3 - 0.1), δ_3 = y_3 (1 - y_3) δ_5 w_{35} = 0.0133); the update of w_{35}
# says δ's sign (an update whose last side is numbers alone says none: verify/signs.py)
WORKED = r"""
\[ y_3 = sigmoid(x_1 w_{13} + x_2 w_{23} - \theta_3) = 0.5498 \]
\[ y_4 = sigmoid(x_1 w_{14} + x_2 w_{24} - \theta_4) \]
\[ y_5 = sigmoid(y_3 w_{35} + y_4 w_{45} - \theta_5) \]
\[ \Delta w_{35} = \alpha \times y_3 \times \delta_5 \]
\[ e = y_{d,5} - y_5 \]
\[ \Delta w_{13} = \alpha \times x_1 \times \delta_3 = 0.5 \times 1 \times 0.0133 = 0.0066 \]
\[ w_{13} = w_{13} + \Delta w_{13} = 0.3 + 0.0066 = 0.3066 \]
"""
POINT = {
    **{"x_1": 1.0, "x_2": 0.0, "w_{13}": 0.3, "w_{23}": 0.1, "w_{14}": -0.2, "w_{24}": 0.4},
    **{"w_{35}": 0.5, "w_{45}": -0.3, "\\theta_3": 0.1, "\\theta_4": 0.2, "\\theta_5": -0.1},
    **{"y_{d,5}": 1.0, "\\alpha": 0.5},
}


def test_a_thresholds_value_and_an_increments_numbers():
    report = _verify("2-2-1", WORKED, POINT)
    said = _said(report)
    assert said[7] == said[8] == "correct"  # the update, Δw read as its formula
    numbers = {(n.claim.line, n.correct) for n in report.numbers}
    assert (2, True) in numbers  # σ(0.3 - 0.1) = 0.5498: θ_3 = 0.1 is the bias -0.1
    assert (7, True) in numbers and (8, True) in numbers  # Δw's numbers: the increment's
    assert not any(line in (2, 7, 8) and not ok for line, ok in numbers)
    slip = _verify("2-2-1", WORKED.replace("= 0.0066 \\]", "= 0.0660 \\]"), POINT)
    assert (7, False) in {(n.claim.line, n.correct) for n in slip.numbers}


# the iteration p on every name, w(p+1) the new weight, and sigmoid[...] with square brackets
ITERATION = r"""
\[ y_3(p) = sigmoid\left[x_1(p) w_{13}(p) + x_2(p) w_{23}(p) - \theta_3(p)\right] \]
\[ y_4(p) = sigmoid\left[x_1(p) w_{14}(p) + x_2(p) w_{24}(p) - \theta_4(p)\right] \]
\[ y_5(p) = sigmoid\left[y_3(p) w_{35}(p) + y_4(p) w_{45}(p) - \theta_5(p)\right] \]
\[ \delta_5(p) = y_5(p) [1 - y_5(p)] [y_{d,5}(p) - y_5(p)] \]
\[ w_{35}(p+1) = w_{35}(p) + \alpha y_3(p) \delta_5(p) \]
"""


def test_the_iteration_argument_and_a_bracketed_sigmoid():
    said = _said(_verify("2-2-1", ITERATION))
    for line in (2, 3, 4, 5, 6):
        assert said[line] == "correct", line
    slip = _said(_verify("2-2-1", ITERATION.replace(r"\alpha y_3(p)", r"\alpha y_4(p)")))
    assert slip[6] == "wrong"


# a number written with the derivative of the network's own activation, f'(0.5): evaluated there
PRIMED = r"""
\[ \frac{\partial a^{(2)}_1}{\partial z^{(2)}_1} = f'(z^{(2)}_1) = f'(0.25 + 0.25) = 0.2350 \]
"""
ZEROS = {
    **{f"W^{{({l})}}_{{{j}{k}}}": 0.0 for l, j, k in ((1, 1, 1), (1, 1, 2), (1, 2, 1), (1, 2, 2))},
    **{"W^{(2)}_{11}": 0.0, "W^{(2)}_{12}": 0.0, "b^{(1)}_{1}": 0.0, "b^{(1)}_{2}": 0.0},
    **{"b^{(2)}_{1}": 0.5, "x_{1}": 0.0, "x_{2}": 0.0, "y": 0.0},
}


def test_a_number_written_with_the_activations_derivative():
    report = _verify("2-2-1", PRIMED, ZEROS)
    assert {n.correct for n in report.numbers} == {True} and len(report.numbers) == 2
    slip = _verify("2-2-1", PRIMED.replace("0.25 + 0.25", "0.25 + 0.75"), ZEROS)
    assert False in {n.correct for n in slip.numbers}


# a second name between a settled name and its formula: q is the output (verify/name_chains.py)
SECOND = r"""
\[ out_{o1} = q = \sigma(net_{o1}) \]
\[ \frac{\partial E}{\partial net_{o1}} = (q - y) q (1 - q) \]
"""


def test_a_second_name_in_a_chain_of_equalities():
    said = _said(_verify("2-3-1", SECOND))
    assert said[2] == said[3] == "correct"
    slip = _said(_verify("2-3-1", SECOND.replace("(q - y) q (1 - q)", "(q - y) (1 - q)")))
    assert slip[3] == "wrong"


# a post's linear network without biases: a star before a name marks the new weight, a plain
# letter (r) the rate, '.' a product, W_7 the w_7 the document defines (its letters, other sizes)
STARRED = r"""
$h_1 = i_1 w_1 + i_2 w_2 + i_3 w_3$
$h_2 = i_1 w_4 + i_2 w_5 + i_3 w_6$
$out = (h_1) w_7 + (h_2) w_8$
$Loss = \frac{1}{2}(out - target)^2$
$\Delta = out - target$
$\frac{\partial Loss}{\partial W_7} = \Delta h_1$
${}^{*}w_8 = w_8 - r (h_2 . \Delta)$
${}^{*}W_2 = W_2 - r \Delta i_2 w_7$
"""


def test_a_starred_new_weight_a_plain_rate_letter_and_capital_twins():
    d = derive(network("3-2-1", "identity", "half_se", None, "layered"))
    said = _said(verify_text(d, STARRED))
    assert said[7] == said[8] == said[9] == "correct"
    for right, slip in (
        ("= \\Delta h_1$", "= \\Delta h_2$"),  # the other hidden unit
        ("(h_2 . \\Delta)", "(h_1 . \\Delta)"),  # the other hidden unit in the update
        ("i_2 w_7", "i_2 w_8"),  # the other output weight
        ("w_8 - r", "w_8 + r"),  # a step up the error
    ):
        text = STARRED.replace(right, slip)
        line = next(k for k, row in enumerate(text.split("\n"), start=1) if slip in row)
        assert _said(verify_text(d, text))[line] == "wrong", slip


def test_an_output_marked_with_its_activations_name():
    said = _said(_verify("2-2-1", "\\[ Y^{sigmoid} = \\frac{1}{1 + e^{-V}} \\]\n"))
    assert said[1] == "correct"  # sigmoid(V) = 1/(1 + e^{-V}): latex/activation_marks.py
    slip = _said(_verify("2-2-1", "\\[ Y^{sigmoid} = \\frac{1}{1 + e^{V}} \\]\n"))
    assert slip[1] == "wrong"
