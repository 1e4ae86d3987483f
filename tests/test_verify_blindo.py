r"""Notations met reading three published sources blind (Kriesel's "Backpropagation of error",
Dolhansky's "Mathematics of Backpropagation", Sadowski's "Notes on Backpropagation"): small
documents of our own in each notation, checked both ways (the true statement judged correct, a
slip wrong or at least never called correct).

- letters the other way round, i the output, j the layer below, k the one below that (Sadowski:
  y_i = 1/(1 + e^{-s_i}) beside a target t_i, s_i = \sum_j h_j w_{ji}): roles.reversed_letters
"""

from verdict_lines import verify_layered, worst_by_line

_verify, _said = verify_layered, worst_by_line

REVERSED = r"""
\[ E = \frac{1}{2} \sum_{i} (y_i - t_i)^2 \]
\[ y_i = \frac{1}{1 + e^{-s_i}} \]
\[ s_i = \sum_{j} h_j w_{ji} \]
\[ \frac{\partial E}{\partial w_{ji}} = (y_i - t_i) y_i (1 - y_i) h_j \]
\[ \frac{\partial E}{\partial h_j} = \sum_{i} (y_i - t_i) y_i (1 - y_i) w_{ji} \]
"""


def test_output_letter_i_read_with_the_letters_reversed():
    report = _verify("3-2-2", REVERSED, weights="input-by-output", targets="t")
    assert _said(report) == {2: "correct", 3: "correct", 4: "correct", 5: "correct", 6: "correct"}
    swapped = REVERSED.replace("w_{ji}} = (y_i - t_i)", "w_{ji}} = (t_i - y_i)")
    assert _said(_verify("3-2-2", swapped, weights="input-by-output", targets="t"))[5] == "wrong"
    other_way = REVERSED.replace("(1 - y_i) w_{ji} \\]", "(1 - y_i) w_{ij} \\]")
    assert _said(_verify("3-2-2", other_way, weights="input-by-output", targets="t"))[6] == "wrong"


def test_an_activation_in_i_without_a_target_in_i_is_not_read_reversed():
    # y_i = σ(s_i) with the target in k: nothing says i is the output; never read in a guessed layer
    text = "\\[ y_i = \\frac{1}{1 + e^{-s_i}} \\]\n\\[ E = \\frac{1}{2} \\sum_{k} (y_k - t_k)^2 \\]\n"
    said = _said(_verify("3-2-2", text, weights="input-by-output", targets="t"))
    assert said.get(2) != "wrong"


# Kriesel's letters: h any neuron, k one before it, l one after it; w_{k,h} with a comma; Err the
# error; f_act the activation; output neurons Omega; the cases "(h outside)" / "(h inside)"
NEURONS = r"""
\[ Err = \frac{1}{2} \sum_{\Omega \in O} (t_\Omega - y_\Omega)^2 \]
\[ net_h = \sum_{k \in K} (w_{k,h} o_k) \]
\[ o_h = f_{act}(net_h) \]
\[ \frac{\partial o_h}{\partial net_h} = f'_{act}(net_h) \]
\[ \frac{\partial Err}{\partial w_{k,h}} = \frac{\partial Err}{\partial net_h} \cdot o_k \]
"""
NEURONS += (
    r"\[ \frac{\partial Err}{\partial net_h} = \begin{cases} "
    r"f_{act}'(net_h) \cdot (y_h - t_h) & (h \text{ outside}) \\ "
    r"f_{act}'(net_h) \cdot \sum_{l \in L} (\frac{\partial Err}{\partial net_l} w_{h,l}) "
    r"& (h \text{ inside}) \end{cases} \]"
    "\n"
)


def test_neurons_named_by_any_letter_with_activation_words_and_outside_inside_cases():
    report = _verify("3-2-2", NEURONS, weights="input-by-output", targets="t")
    assert _said(report) == dict.fromkeys(range(2, 8), "correct")
    # the cases swapped: "outside" is the output neuron's, never the hidden one's
    swapped = NEURONS.replace("(h \\text{ outside})", "(h \\text{ INNER})")
    swapped = swapped.replace("(h \\text{ inside})", "(h \\text{ outside})").replace("INNER", "inside")
    assert _said(_verify("3-2-2", swapped, weights="input-by-output", targets="t"))[7] != "correct"
    # the hidden neuron's case with the weight the other way
    back = NEURONS.replace("w_{h,l})", "w_{l,h})")
    assert _said(_verify("3-2-2", back, weights="input-by-output", targets="t"))[7] == "wrong"
    # the derivative of the activation where f_act belongs
    slip = NEURONS.replace("= f'_{act}(net_h)", "= f_{act}(net_h)")
    assert _said(_verify("3-2-2", slip, weights="input-by-output", targets="t"))[5] == "wrong"
    # the error with output and target added: Err is the loss, and this is not it
    wrong_err = NEURONS.replace("(t_\\Omega - y_\\Omega)^2", "(t_\\Omega + y_\\Omega)^2")
    assert _said(_verify("3-2-2", wrong_err, weights="input-by-output", targets="t"))[2] == "wrong"


def test_activation_words_blank_only_a_called_function_with_an_activation_word():
    from symbolic.verify.activation_words import blank

    assert blank(r"o_h = f_{act}(net_h)") == r"o_h =       f(net_h)"
    assert blank(r"f_{\text{act}}'(x)").strip() == "f'(x)"
    assert blank(r"f_{out}(x)") == r"f_{out}(x)"  # a layer's function: as written
    assert blank(r"f_{act} = 1") == r"f_{act} = 1"  # not called: a name


def test_a_sum_over_the_units_an_activation_feeds_puts_its_letter_above():
    # \sum_l dErr/dnet_l dnet_l/do_h: l of the layer after h (Kriesel), so h is no output unit here
    text = NEURONS + (
        r"\[ -\frac{\partial Err}{\partial o_h} = -\sum_{l \in L} \left( \frac{\partial Err}"
        r"{\partial net_l} \cdot \frac{\partial net_l}{\partial o_h} \right) \]" + "\n"
    )
    assert _said(_verify("3-2-2", text, weights="input-by-output", targets="t"))[8] == "correct"
    slip = text.replace(r"-\sum_{l \in L} \left(", r"\sum_{l \in L} \left(")  # the minus lost
    assert _said(_verify("3-2-2", slip, weights="input-by-output", targets="t"))[8] == "wrong"


def test_letters_are_not_read_reversed_when_the_output_sums_another_letter():
    # i the output, but its net input sums over k: k is the hidden letter here, not Sadowski's input
    text = REVERSED.replace("\\sum_{j} h_j w_{ji}", "\\sum_{k} h_k w_{ki}").replace("w_{ji}}", "w_{ki}}")
    text = text.replace("h_j \\]", "h_k \\]").replace("w_{ji} \\]", "w_{ki} \\]").replace("h_j}", "h_k}")
    said = _said(_verify("3-2-2", text, weights="input-by-output", targets="t"))
    assert "wrong" not in said.values(), said


# Dolhansky's x_k: the total input of node k, o_k = sigma(x_k) never written, inputs the o_i
TOTAL_INPUT = r"""
\[ E = \frac{1}{2} \sum_{k \in K} (o_k - t_k)^2 \]
\[ \frac{\partial E}{\partial w_{jk}} = (o_k - t_k) \sigma(x_k)(1 - \sigma(x_k)) o_j \]
\[ \frac{\partial E}{\partial w_{jk}} = (o_k - t_k) o_k (1 - o_k) o_j \]
"""


def test_x_in_a_unit_letter_inside_the_activation_beside_its_target_is_the_total_input():
    report = _verify("2-3-2", TOTAL_INPUT, weights="input-by-output", targets="t")
    assert _said(report) == {2: "correct", 3: "correct", 4: "correct"}
    slip = TOTAL_INPUT.replace(r"(1 - \sigma(x_k)) o_j", r"(1 + \sigma(x_k)) o_j")
    assert _said(_verify("2-3-2", slip, weights="input-by-output", targets="t"))[3] == "wrong"


def test_x_summed_with_a_weight_stays_the_input():
    from symbolic.latex import scan_document
    from symbolic.verify.input_letter_x import net_inputs

    forward = r"\[ net_j = \sum_i w_{ij} x_i \]" + "\n" + r"\[ \delta_k = \sigma(x_k) t_k \]"
    assert not net_inputs(scan_document(forward)[0])
    assert net_inputs(scan_document(TOTAL_INPUT)[0])


def test_err_is_the_loss_only_where_defined_as_a_squared_error():
    from symbolic.verify.error_word import blank

    # Russell & Norvig: Err the difference, E the loss: Err is the document's own name, never L
    rn = r"\[ Err = y - a \]" + "\n" + r"\[ E = \frac{1}{2} Err^2 \]" + "\n"
    assert blank(rn) == rn
    said = _said(_verify("1-1", rn))
    assert said == {1: "not checked", 2: "correct"}
    # Kriesel: Err_p the half squared error, Err the loss in later lines
    kriesel = (
        r"\[ Err_p = \frac{1}{2} \sum_{k} (t_k - y_k)^2 \]"
        + "\n"
        + r"\[ \frac{\partial Err}{\partial y_k} = y_k - t_k \]"
    )
    assert "Err" not in blank(kriesel)
    assert "E_p" in blank(kriesel) and "\\partial   E}" in blank(kriesel)
    assert _said(_verify("2-3-2", kriesel + "\n", targets="t"))[1] == "correct"
