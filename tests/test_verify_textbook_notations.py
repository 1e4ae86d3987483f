"""Textbook notations read in a blind round (2026-12-02), each on a small document of its own in
the notation, other letters and sizes than the corpus files (tests/published/alpaydin_*,
raschka_pml_ch12):
- the example as a bare superscript summed over, y^n with \\sum_n (verify/arguments.py);
- layers as words, ^{(hidden)}, ^{(output)} (verify/layer_words.py);
- a forward row without a bias, Z = A W, in a text naming none (verify/no_bias.py);
- rows of examples whose product fits only up to a Jacobian shorthand: not checked, never wrong
  (verify/matrix_entries.py);
- the example in brackets, y^{[n]} (verify/example_index.py);
- r, the required output, the target beside a defined y (verify/target_letters.py).
Truths by hand: half squared error E = ½ Σ_k (y_k - t_k)², sigmoid units."""

from verdict_lines import factors_by_line, verify_layered

from symbolic.verify.layer_words import number

_ERROR = "$$E = \\frac{1}{2} \\sum_n (y^n - t^n)^2$$\n"


def _said(text: str, net: str = "2-2-1", out: str | None = None, **conventions) -> dict[int, set]:
    return factors_by_line(verify_layered(net, text, output=out, **conventions))


# ---------------------------------------------------------------- y^n summed over \sum_n


def test_an_error_summed_over_a_superscript_example_is_read_on_one_example():
    text = _ERROR + "$$\\frac{\\partial E}{\\partial y} = \\sum_n (y^n - t^n)$$\n"
    assert _said(text, "2-2-1", "identity", targets="t") == {1: {("correct", None)}, 2: {("correct", None)}}


def test_a_wrong_error_summed_over_the_examples_is_wrong():
    text = "$$E = \\frac{1}{3} \\sum_n (y^n - t^n)^2$$\n"
    assert _said(text, "2-2-1", "identity", targets="t")[1] == {("wrong", 1)}


def test_one_example_on_one_side_and_the_sum_on_the_other_is_left_as_written():
    """∂E^n/∂y^n is one example's; Σ_n (y^n - t^n) is every example's: never correct."""
    text = _ERROR + "$$\\frac{\\partial E^n}{\\partial y^n} = \\sum_n (y^n - t^n)$$\n"
    assert ("correct", None) not in _said(text, "2-2-1", "identity", targets="t").get(2, set())


def test_a_superscript_with_arithmetic_is_not_an_example():
    from symbolic.verify.arguments import blank

    text = "$$h^n = \\sum_n w h^{n-1} + x^n$$\n"
    assert blank(text) == text


# ---------------------------------------------------------------- ^{(hidden)}, ^{(output)}

_WORDS = [
    r"\delta^{(output)} = (a^{(output)} - y) \odot a^{(output)} \odot (1 - a^{(output)})",
    r"\delta^{(hidden)} = ((W^{(output)})^T \delta^{(output)}) \odot a^{(hidden)} \odot (1 - a^{(hidden)})",
]


def test_layers_named_by_words_are_the_hidden_and_the_output_layer():
    text = "".join(f"$${x}$$\n" for x in _WORDS)
    assert _said(text, "3-2-2") == {1: {("correct", None)}, 2: {("correct", None)}}


def test_a_slip_in_layers_named_by_words_is_wrong():
    text = "".join(f"$${x}$$\n" for x in [_WORDS[0], _WORDS[1].replace("(W^{(output)})^T", "W^{(hidden)}")])
    assert _said(text, "3-2-2")[2] == {("wrong", 1)}


def test_layer_words_keep_every_position_and_need_the_output_named():
    text = "$$z^{(h)} = W^{(h)} a^{(in)}$$ $$a^{(out)} = 1$$"
    assert number(text) == "$$z^{(1)} = W^{(1)} a^{(0 )}$$ $$a^{(2  )} = 1$$"
    assert number("$$z^{(h)} = W^{(h)} x$$") == "$$z^{(h)} = W^{(h)} x$$"  # h alone: a letter
    assert number("$$a^{(out)} = a^{(l+1)}$$") == "$$a^{(out)} = a^{(l+1)}$$"  # layers by letters


# ---------------------------------------------------------------- Z = A W without a bias

_ROWS = [r"Z^{(1)} = A^{(0)} W^{(1)}", r"A^{(1)} = \sigma(Z^{(1)})", r"Z^{(2)} = A^{(1)} W^{(2)}"]


def test_a_forward_row_without_a_bias_in_a_text_naming_none_is_read_without_biases():
    text = "".join(f"$${x}$$\n" for x in _ROWS)
    said = _said(text, "3-2-2", weights="input-by-output")
    assert said == {1: {("correct", None)}, 2: {("correct", None)}, 3: {("correct", None)}}


def test_a_forward_row_with_the_wrong_input_is_wrong_without_biases():
    text = "".join(f"$${x}$$\n" for x in [*_ROWS[:2], r"Z^{(2)} = A^{(0)} W^{(2)}"])
    assert ("correct", None) not in _said(text, "3-2-2", weights="input-by-output")[3]


def test_a_text_naming_a_bias_keeps_the_biases():
    text = "".join(f"$${x}$$\n" for x in _ROWS) + "$$b^{(1)} = 0$$\n"
    assert ("correct", None) not in _said(text, "3-2-2", weights="input-by-output")[1]


# ---------------------------------------------------------------- a Jacobian shorthand in rows


def test_rows_with_the_jacobian_of_an_elementwise_map_beside_odot_are_judged():
    """Raschka's δ^{(h)} = δ^{(out)} (W^{(out)})^T ⊙ ∂φ(z^{(h)})/∂z^{(h)}: once 'not checked' (a
    shorthand whose layout varies), now its diagonal, the one reading ⊙ allows (verify/jacobians.py);
    without the transpose (W^{(2)} square here) it is wrong."""
    row = (
        r"$$\delta^{(1)} = \delta^{(2)} (W^{(2)})^T \odot "
        r"\frac{\partial \sigma(z^{(1)})}{\partial z^{(1)}}$$"
        "\n"
    )
    text = "".join(f"$${x}$$\n" for x in _ROWS[:2]) + row
    assert _said(text, "3-2-2", weights="input-by-output")[3] == {("correct", None)}
    text = text.replace("(W^{(2)})^T", "W^{(2)}")
    assert {status for status, _ in _said(text, "3-2-2", weights="input-by-output")[3]} == {"wrong"}


# ---------------------------------------------------------------- y^{[n]}: the example in brackets


def test_an_example_in_brackets_is_one_example():
    from symbolic.verify.example_index import blank

    text = "$$E = \\frac{1}{2} \\sum_{i=1}^{n} (y^{[i]} - t^{[i]})^2$$"
    assert blank(text) == "$$E = \\frac{1}{2} \\sum_{i=1}^{n} (y       - t      )^2$$"
    assert blank("$$W^{[i]} x^{[i]}$$") == "$$W^{[i]} x^{[i]}$$"  # W^{[i]}: a layer i


# ---------------------------------------------------------------- r the target, y the output

_R = [
    r"y = W^{(2)}_{11} a^{(1)}_1 + W^{(2)}_{12} a^{(1)}_2 + b^{(2)}_1",
    r"E = \frac{1}{2} (r - y)^2",
    r"\frac{\partial E}{\partial W^{(2)}_{11}} = -(r - y) a^{(1)}_1",
]


def test_r_beside_a_defined_y_is_the_target():
    """Before: y the target by default, r the output: all three were said wrong."""
    said = _said("".join(f"$${x}$$\n" for x in _R), "2-2-1", "identity")
    assert said == {1: {("correct", None)}, 2: {("correct", None)}, 3: {("correct", None)}}


def test_r_as_the_target_still_names_a_slip():
    text = "".join(f"$${x}$$\n" for x in [*_R[:2], _R[2].replace("-(r - y)", "(r - y)")])
    assert _said(text, "2-2-1", "identity")[3] == {("wrong", 1)}
