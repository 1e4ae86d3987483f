r"""Notations met reading three classic-textbook sources blind (course notes on Duda, Hart & Stork
sec. 6.3, Italian notes on Rojas ch. 7, a Spanish lecture's generated formulas): small documents
of my own in each notation, other letters and sizes, checked both ways (the true statement judged
correct, a slip wrong or at least never called correct).

- a bare e the document defines (e = y - \hat{y}) is a name, not Euler's number: latex/error_letter.py
- y_h = f(net_h) beside y the target is hidden unit h's output; \hat{y} = f(net_o) makes o the
  output's letter: verify/unit_outputs.py
- a letter every settling line keeps in one layer settles the lines that leave it open:
  verify/letter_defaults.py
- y_j summed with the weights into net_k (Duda's y_j beside z_k = f(net_k)) is the layer below's
  output: roles.summed_activations
- Rojas's o^{(1)}_j takes a layer (latex/names.py), \gamma is a learning rate (signs.RATES), a range
  said with a word (\text{ per } i = 1, \dots) is set apart (latex/statement_cuts.py), \hat{o}_i
  in a forward sum says the weights' way (orientation.py)
"""

from verdict_lines import verify_layered, worst_by_line

from symbolic.latex.error_letter import defines_e

_verify, _said = verify_layered, worst_by_line


def test_a_defined_bare_e_is_a_name_and_euler_stays_elsewhere():
    assert defines_e(r"\[ e = y - \hat{y} \]")
    assert defines_e(r"\begin{align} e &= d - y \end{align}")
    assert not defines_e(r"$e_j = d_j - y_j$")  # subscripted: a name anyway
    assert not defines_e(r"\[ \sigma(x) = \frac{1}{1+e^{-x}} \]")  # Euler's number
    assert not defines_e(r"\[ e = y - \hat{y} \] \[ \sigma(v) = \frac{1}{1+e^{-v}} \]")  # both: Euler stays
    assert not defines_e(r"where e = 3 and $x = 1$")  # in prose, not a formula's start


# one sigmoid output on three hidden units, the error named e (the lecture's letters, other sizes)
ERROR_E = r"""
\[ e = y - \hat{y} \]
\[ \frac{\partial E}{\partial \hat{y}} = -e \]
"""


def test_the_error_e_is_read_as_defined_not_as_eulers_number():
    said = _said(_verify("2-3-1", ERROR_E))
    assert said[2] == "not checked"  # the definition of a name of the document's own
    assert said[3] == "correct"  # dE/dŷ = -(y - ŷ) for E = (y - ŷ)^2 / 2
    slip = _said(_verify("2-3-1", ERROR_E.replace("= -e", "= e")))
    assert slip[3] == "wrong"


# a lecture's letters, other sizes and letters: m a hidden unit, s the output, y the target
LECTURE = r"""
\[ \text{net}_m = \sum_{i=1}^{n} w_{im} x_i \]
\[ y_m = f(\text{net}_m) \]
\[ \text{net}_s = \sum_{m=1}^{M} w_{ms} y_m \]
\[ \hat{y} = f(\text{net}_s) \]
\[ \Delta w_{ms} = \eta \, (y - \hat{y}) \, f'(\text{net}_s) \, y_m \]
\[ \frac{\partial E}{\partial \text{net}_s} = -(y - \hat{y}) \, f'(\text{net}_s) \]
"""


def test_a_unit_output_defined_by_its_net_input_is_no_target():
    # y_m = f(net_m) beside y the target: y_m is hidden unit m's output (verify/unit_outputs.py),
    # and \hat{y} = f(net_s) makes s the output unit's letter
    said = _said(_verify("3-4-1", LECTURE, weights="input-by-output"))
    assert [said[n] for n in (2, 3, 4, 5, 7)] == ["correct"] * 5  # 7: s kept the output's letter
    # an update in letters holds for each layer pair its letters can name, unless the document
    # fixes them all: here m a hidden unit (lines 2-4) and s the output (line 5), so it is judged
    assert said[6] == "correct"
    slip = _said(_verify("3-4-1", LECTURE.replace(r"\, y_m \]", r"\, x_m \]"), weights="input-by-output"))
    assert slip[6] != "correct"
    wrong = _said(_verify("3-4-1", LECTURE.replace("y_m = f", "y_m = -f"), weights="input-by-output"))
    assert wrong[3] == "wrong"


# Duda, Hart & Stork's letters on another size: y_j a hidden output, z_k an output, t_k the target
DUDA = r"""
$$z_k = f(net_k)$$
$$net_k = \sum_j w_{kj} y_j$$
$$\frac{\partial J}{\partial y_j} = -\sum_{k=1}^{c} (t_k - z_k) f'(net_k)\, w_{kj}$$
$$\delta_j = f'(net_j) \sum_{k=1}^{c} w_{kj}\, \delta_k$$
$$\delta_k = -\frac{\partial J}{\partial net_k}$$
"""


def test_an_output_summed_into_a_net_input_is_the_layer_below():
    # y_j of net_k = \sum_j w_{kj} y_j is hidden unit j's output (roles.summed_activations)
    said = _said(_verify("3-4-2", DUDA, targets="t"))
    assert [said[n] for n in (2, 3, 4, 5)] == ["correct"] * 4
    slip = _said(
        _verify("3-4-2", DUDA.replace(r"f'(net_k)\, w_{kj}$$", r"f'(net_k)\, w_{jk}$$"), targets="t")
    )
    assert slip[4] == "wrong"


def test_rojas_o_takes_a_layer_and_gamma_is_a_rate():
    from symbolic.latex import parse_formula

    assert str(parse_formula("o^{(1)}_j")) == "o_j@1"
    assert str(parse_formula("o_j^2")) == "o_j**2"  # after the subscript: a power
    text = r"""
$$\delta_j^{(2)} = o_j^{(2)} (1 - o_j^{(2)}) (o_j^{(2)} - t_j)$$
$$\delta_j^{(1)} = o_j^{(1)} (1 - o_j^{(1)}) \sum_{q=1}^m w_{jq}^{(2)} \delta_q^{(2)}$$
$$\Delta w_{ij}^{(2)} = -\gamma o_i^{(1)} \delta_j^{(2)} \text{ per } i = 1, \dots, k+1$$
"""
    said = _said(_verify("2-3-3", text, targets="t", weights="input-by-output"))
    assert [said[n] for n in (2, 3, 4)] == ["correct"] * 3
    slip = _said(
        _verify("2-3-3", text.replace("-\\gamma", "\\gamma"), targets="t", weights="input-by-output")
    )
    # +γ against δ^{(2)} written with (o - t): one δ against one update, and the text does not say
    # which holds the slip (verify/sign_votes.py): neither is judged
    assert slip[2] == slip[4] == "not checked"


def test_a_range_said_with_a_word_is_set_apart_and_a_condition_stays():
    from symbolic.latex import scan_document

    stmts, errors = scan_document(r"$$a = b \text{ per } i = 1, \dots, k+1; j = 1, \dots, m$$")
    assert len(stmts) == 1 and not errors and str(stmts[0].lhs) == "a"
    stmts, _ = scan_document(r"$$\delta_{ij} = 1 \text{ for } i = j$$")
    assert len(stmts) == 1 and stmts[0].condition


def test_an_extended_input_in_a_forward_sum_says_the_weights_way():
    from symbolic.latex import scan_document
    from symbolic.verify import orientation

    stmts, _ = scan_document(r"$$net_j = \sum_{i=1}^{n+1} w_{ij}^{(1)} \hat{o}_i$$")
    assert orientation.detected(stmts) == {"weights": "input-by-output"}


def test_a_letter_kept_in_one_layer_is_a_default_and_one_in_two_layers_is_none():
    from symbolic.verify.letter_defaults import agreeing, defaults

    one = [("h hidden", {}, {"h": 1})]
    open_ = [("o hidden", {}, {"h": 0, "o": 1}), ("o output", {}, {"h": 1, "o": 2})]
    assert defaults([one, open_, None]) == {"h": 1}
    assert agreeing(open_, {"h": 1}) == [open_[1]]
    assert agreeing(open_, {"h": 5}) == open_  # none agrees: the statement keeps its own readings
    output = [("j output", {}, {"j": 2})]
    assert defaults([one, output, [("j hidden", {}, {"j": 1})]]) == {"h": 1}  # j in two layers: none


def test_an_error_squared_keeps_e_a_name():
    # e^2 beside e = y - \hat{y} is the error squared, not Euler's number squared
    assert defines_e(r"\[ e = y - \hat{y} \] \[ E = \frac{1}{2} e^2 \]")
    text = ERROR_E + "\\[ E = \\frac{1}{2} e^2 \\]\n"
    said = _said(_verify("2-3-1", text))
    assert said[3] == "correct" and said[4] == "correct"
