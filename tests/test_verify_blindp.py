r"""Notations met reading three published sources blind (a study note on Aggarwal's path sums,
MIT 6.034's backpropagation handout, Srihari's slides): small documents of our own in each
notation, checked both ways (the true statement judged correct, a slip wrong or at least never
called correct).

- TeX's primitive fraction `{a \over b}` (Markdown notes, MathJax): latex/over_fractions.py
"""

from verdict_lines import verify_layered, worst_by_line

_verify, _said = verify_layered, worst_by_line

OVER = r"""
$$ E = {1 \over 2} (a_1^{(2)} - y)^2 $$
$$ { {\partial E} \over {\partial w_{11}^{(2)}}} = {{\partial E} \over {\partial a_1^{(2)}}}
 {{\partial a_1^{(2)}} \over {\partial z_1^{(2)}}} a_1^{(1)} $$
$$ {{\partial a_1^{(2)}} \over {\partial z_1^{(2)}}} = a_1^{(2)} (1 - a_1^{(2)}) $$
$$ a_1^{(2)} = {1 \over {1 + e^{-z_1^{(2)}}}} $$
"""


def test_tex_over_fractions_are_read_as_frac():
    assert _said(_verify("2-2-1", OVER)) == {2: "correct", 3: "correct", 5: "correct", 6: "correct"}
    slip = OVER.replace("z_1^{(2)}}} a_1^{(1)} $$", "z_1^{(2)}}} a_1^{(2)} $$")
    assert slip != OVER
    assert _said(_verify("2-2-1", slip))[3] == "wrong"
    upside = OVER.replace("{1 \\over {1 + e^{-z_1^{(2)}}}}", "{{1 + e^{-z_1^{(2)}}} \\over 1}")
    assert upside != OVER
    assert _said(_verify("2-2-1", upside))[6] != "correct"


def test_nested_over_is_innermost_first_and_a_bare_over_is_not_read():
    nested = "$$ E = { {1 \\over 2} \\over 2} (a_1^{(2)} - y)^2 $$\n$$ E = a \\over b $$\n"
    said = _said(_verify("2-2-1", nested))
    assert said[1] == "wrong"  # (1/2)/2: a quarter, not the half
    assert said[2] == "not checked"


# Srihari's slides (PRML letters): the range of a unit index after the statement, `\text{where }
# j = 1,..,M` (a letter bound: the layer's size, as a sum's letter bound is read), the bias as the
# weight w_{j0}^{(1)} beside a sum from 1, and y defined by the network with no target written
BISHOP_SLIDES = r"""
\[ a_j = \sum_{i=1}^{D} w_{ji}^{(1)} x_i + w_{j0}^{(1)} \quad \text{where } j = 1,..,M \]
\[ z_j = h(a_j) \]
\[ a_k = \sum_{j=1}^{M} w_{kj}^{(2)} z_j + w_{k0}^{(2)} \quad \text{where } k = 1, \ldots, K \]
\[ y_k = \sigma(a_k) \]
"""


def test_a_unit_range_after_the_statement_and_a_sum_from_one_beside_w_j0():
    said = _said(_verify("3-3-2", BISHOP_SLIDES, "tanh", "half_se", "sigmoid"))
    assert said == {2: "correct", 3: "correct", 4: "correct", 5: "correct"}
    slip = BISHOP_SLIDES.replace("w_{kj}^{(2)} z_j", "w_{kj}^{(2)} a_j")
    assert _said(_verify("3-3-2", slip, "tanh", "half_se", "sigmoid"))[4] == "wrong"


def test_a_range_with_a_number_bound_is_never_dropped():
    # k = 1,..,1 may leave units out: not read as "every unit"
    text = BISHOP_SLIDES.replace("k = 1, \\ldots, K", "k = 1,..,1")
    assert _said(_verify("3-3-2", text, "tanh", "half_se", "sigmoid"))[4] == "not checked"


def test_y_defined_by_the_network_without_a_target_letter_is_the_output():
    text = "\\[ z_j = h(a_j) \\]\n\\[ a_k = \\sum_{j} w_{kj} z_j + w_{k0} \\]\n\\[ y_k = \\sigma(a_k) \\]\n"
    said = _said(_verify("3-3-2", text, "tanh", "half_se", "sigmoid"))
    assert said == {1: "correct", 2: "correct", 3: "correct"}
    slip = text.replace("\\sigma(a_k)", "\\sigma(a_j)")
    assert _said(_verify("3-3-2", slip, "tanh", "half_se", "sigmoid"))[3] != "correct"


def test_the_output_as_a_function_of_input_and_weights_on_a_left_side():
    closed = (
        r"\[ z_j = h(a_j) \]"
        "\n"
        r"\[ y_k(\mathbf{x}, \mathbf{w}) = \sigma\left( \sum_{j=1}^{M} w_{kj}^{(2)} h\left( "
        r"\sum_{i=1}^{D} w_{ji}^{(1)} x_i + w_{j0}^{(1)} \right) + w_{k0}^{(2)} \right) \]"
        "\n"
    )
    assert _said(_verify("3-3-2", closed, "tanh", "half_se", "sigmoid")) == {1: "correct", 2: "correct"}
    slip = closed.replace("w_{kj}^{(2)} h", "w_{jk}^{(2)} h")
    assert _said(_verify("3-3-2", slip, "tanh", "half_se", "sigmoid"))[2] == "wrong"


def test_prml_descent_step_tagged_with_tau():
    text = (
        "\\[ z_j = h(a_j) \\]\n\\[ y_k = \\sigma(a_k) \\]\n"
        "\\[ \\mathbf{w}^{(\\tau+1)} = \\mathbf{w}^{(\\tau)} - \\eta \\nabla E(\\mathbf{w}^{(\\tau)}) \\]\n"
    )
    assert _said(_verify("3-3-2", text, "tanh", "half_se", "sigmoid"))[3] == "correct"
    climbs = text.replace("- \\eta", "+ \\eta")
    assert _said(_verify("3-3-2", climbs, "tanh", "half_se", "sigmoid"))[3] == "wrong"
    # tau written elsewhere in the row: not only the step, left as written (not read)
    other = text.replace("\\eta \\nabla", "\\eta \\tau \\nabla")
    assert _said(_verify("3-3-2", other, "tanh", "half_se", "sigmoid"))[3] == "not checked"


# MIT 6.034's handout: y^* the desired output against the actual y, and the performance P,
# minus half the squared error, which the weights climb (verify/target_accents.py, own_names.py)
PERFORMANCE = r"""
\[ P = -\frac{1}{2} (y^* - y)^2 \]
\[ y = \frac{1}{1 + e^{-z}} \]
\[ \frac{\partial P}{\partial y} = (y^* - y) \]
\[ \frac{\partial P}{\partial z} = (y^* - y) y (1 - y) \]
"""


def test_a_starred_target_and_a_performance_read_as_defined():
    report = _verify("2-2-1", PERFORMANCE)
    assert _said(report) == {2: "not checked", 3: "correct", 4: "correct", 5: "correct"}
    assert not any("star" in u.reason for u in report.unchecked)
    flipped = PERFORMANCE.replace("} = (y^* - y) \\]", "} = (y - y^*) \\]")
    assert _said(_verify("2-2-1", flipped))[4] == "wrong"
    braced = PERFORMANCE.replace("y^*", "y^{\\ast}")
    assert _said(_verify("2-2-1", braced))[5] == "correct"


def test_a_star_elsewhere_is_not_a_name():
    said = _said(_verify("2-2-1", "\\[ E = \\frac{1}{2} (a_1^{(2)} - y)^2 \\]\n\\[ L = 2 * E \\]\n"))
    assert said[1] == "correct"


def test_y_is_read_as_the_output_only_when_the_network_computes_it_and_no_other_y_is_written():
    from symbolic.latex import parse_document
    from symbolic.verify import target_letters

    def said(text: str) -> dict:
        return target_letters.detected(parse_document(text))

    assert said("\\[ z_j = h(a_j) \\]\n\\[ y_k = \\sigma(a_k) \\]\n") == {"targets": "t"}
    # a class label's indicator: y_k may be the target there
    assert said("\\[ y_k = \\mathbb{1}(c = k) \\]\n\\[ E = \\frac{1}{2} \\sum_k (o_k - y_k)^2 \\]\n") == {}
    # another y written (\hat{y}, y_{d,k}): one of them may be the target
    assert said("\\[ \\hat{y} = \\sigma(z) \\]\n\\[ y_k = \\sigma(a_k) \\]\n") == {}
