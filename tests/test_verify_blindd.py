r"""Notations met reading three new published sources blind (MIT 6.390's back-propagation notes,
Kevin Clark's CS224n one-layer example, an error-signal flashcard): small documents in each, checked
both ways (the true statement judged correct, a slip wrong or at least never called correct).

- layer 0 written bare, a^0_k, and capitals counted from 0 (A^0 = x): latex/names.py, zero_origin.py
- capitals with nothing over examples are one example's vectors: one_example.unbatched
- the bias as W_0^l (the weights on x_0 = 1): matrix.value_of_name
- f^l(Z^l), {f^l}'(Z^l), and f'(Z) juxtaposed with a column as its diagonal Jacobian
  (latex/ng.py, latex/matrix_published.py, matrix.jacobian_diagonal)
- a display whose body is an array of statements with a column of reasons (latex/array_rows.py),
  the Unicode white bullet as the Hadamard product, two statements apart after '\ \ '
- \delta_1 with no layer: its shape guessed, never a verdict (guessed_shapes.py)
- bars as error signals, \bar{z} = \bar{y} \sigma'(z) (verify/error_signals.py)
"""

from verdict_lines import verify_layered, worst_by_line

from symbolic.latex import parse_formula, scan_document
from symbolic.latex.array_rows import statement_arrays

_verify, _said = verify_layered, worst_by_line


def test_layer_zero_is_read_when_marked_as_a_layer():
    assert str(parse_formula("a^0_k")) == "a_k@0"  # before its subscript: the input layer
    assert str(parse_formula("a^{(0)}_k")) == "a_k@0"
    assert parse_formula("x^0") == 1  # a power
    assert parse_formula("a_k^0") == 1  # after the subscript: a power


MIT = r"""$$
Z^1 = (W^1)^\top A^0 + W_0^1,
$$
$$
z^1_j = \sum_{k=1}^{d_0} w^1_{k,j}\,a^0_k + w^1_{0,j}.
$$
$$
\frac{\partial \mathcal{L}}{\partial Z^l}
= {f^l}'(Z^l) \Big(W^{l+1}\frac{\partial \mathcal{L}}{\partial Z^{l+1}}\Big).
$$
$$
\frac{\partial \mathcal{L}}{\partial W^l}
= A^{l-1}\Big(\frac{\partial \mathcal{L}}{\partial Z^l}\Big)^\top,
$$
$$
Z^l = (W^l)^\top A^{l-1} + W_0^l, \qquad A^l = f^l(Z^l)
$$
"""


def test_mit_column_convention_is_judged():
    said = _said(_verify("2-3-1", MIT, weights="input-by-output"))
    assert said == {2: "correct", 5: "correct", 8: "correct", 12: "correct", 16: "correct"}


def test_mit_slips_are_wrong():
    for right, slip in [
        ("A^{l-1}\\Big(", "A^{l}\\Big("),  # the layer's own output for its input
        ("a^0_k + w", "a^1_k + w"),
        ("(W^1)^\\top A^0", "(W^1)^\\top A^1"),
    ]:
        said = _said(_verify("2-3-1", MIT.replace(right, slip), weights="input-by-output"))
        assert "wrong" in said.values(), slip


def test_an_activation_not_its_derivative_is_wrong_not_a_jacobian():
    text = MIT.replace("= {f^l}'(Z^l) \\Big(", "= {f^l}(Z^l) \\Big(")
    said = _said(_verify("2-3-1", text, weights="input-by-output"))
    assert said[8] == "wrong"


def test_a_batch_document_still_sums_over_its_examples():
    # 1/m over the examples: the capitals are a batch, checked at m > 1 (not one example)
    text = "$$dW^{[2]} = \\frac{1}{m} dZ^{[2]} A^{[1]T}$$\n$$dW^{[1]} = dZ^{[1]} X^T$$\n"
    report = _verify("2-3-1", text)
    assert _said(report)[2] == "wrong"  # the 1/m missing shows at m > 1


CLARK = r"""$$
\begin{array}{ll}

{\delta_2 = \frac{\partial J}{\partial z} = \frac{\partial J}{\partial \theta} U} & {\text {chain rule}} \\

{\ \ \ \ = \delta_1 U ◦ \text{ReLU}'(z)} & {\text{substituting in } \delta_1}

\end{array}
$$
$$
\begin{array}{llllll}
{\frac{\partial J}{\partial z}} & {=} & {\delta_1} & {U} \\
{(1 \times D_h)} & {} & {(1 \times N_c)} & {(N_c \times D_h)}
\end{array}
$$
$$
\delta_1 = \frac{\partial J}{\partial \theta}\ \ \delta_2 = \frac{\partial J}{\partial z}
$$
"""


def test_an_array_of_statements_is_read_as_rows():
    opened = statement_arrays(CLARK)
    assert len(opened) == len(CLARK) and "array" not in opened and "chain rule" not in opened
    assert "substituting" not in opened and "N_c \\times" not in opened  # reasons and sizes
    statements, errors = scan_document(CLARK)
    # the chain (its row with ◦ read as a matrix row or not read, never lost), the split row, the pair
    assert sorted({s.line for s in statements} | {e.line for e in errors}) == [4, 6, 12, 17]
    assert len([s for s in statements if s.line == 17]) == 2  # apart after '\ \ '
    chain = next(s for s in statements if s.line == 4)
    assert len(chain.sides) >= 2 and all(s.line != 6 for s in statements)  # '\ \ \ \ =' continues


def test_a_matrix_in_an_array_is_left_alone():
    text = "$$\\begin{array}{cc} a & b \\\\ c & d \\end{array}$$"
    assert statement_arrays(text) == text


def test_the_white_bullet_is_the_hadamard_product():
    a = _verify("2-3-1", "$$\\delta^1 = ((W^2)^T \\delta^2) ◦ \\sigma'(z^1)$$\n")
    b = _verify("2-3-1", "$$\\delta^1 = ((W^2)^T \\delta^2) \\circ \\sigma'(z^1)$$\n")
    assert _said(a) == _said(b) == {1: "correct"}


def test_a_numbered_delta_without_a_layer_is_never_judged_by_a_guessed_shape():
    text = "$$\\delta_1 = \\frac{\\partial J}{\\partial \\theta} = (\\hat{y} - y)^T$$\n"
    text += "$$\\frac{\\partial J}{\\partial b^L_1} = a^L_1 - y_1$$\n"  # something judged
    report = _verify("2-3-2", text, "relu", "cce", "softmax")
    assert _said(report) == {1: "not checked", 2: "correct"}
    assert any("δ_1" in u.reason for u in report.unchecked)


GROSSE = (
    "\\(z=w x+b\\) \\(y=\\sigma(z)\\) \\(\\mathcal{L}=\\frac{1}{2}(y-t)^{2}\\)\n"
    "\\(\\bar{y}=y-t\\)\n\\(\\bar{z}=\\bar{y} \\sigma^{\\prime}(z)\\)\n"
    "\\(\\bar{w}=\\bar{z} x\\)\n\\(\\bar{b}=\\bar{z}\\)\n"
)


def test_bars_are_error_signals_when_they_chain():
    report = _verify("1-1", GROSSE, targets="t")
    assert set(_said(report).values()) == {"correct"} and len(report.verdicts) == 7
    slip = _verify("1-1", GROSSE.replace("\\bar{w}=\\bar{z} x", "\\bar{w}=\\bar{y} x"), targets="t")
    assert _said(slip)[4] == "wrong"
    sign = _verify("1-1", GROSSE.replace("\\bar{y}=y-t", "\\bar{y}=t-y"), targets="t")
    assert _said(sign)[2] == "wrong"


def test_a_lone_bar_is_not_an_error_signal():
    # \bar{y} with no barred name defined through another: a mean, say; nothing is read as dL/dy
    text = (
        "\\(z=w x+b\\) \\(y=\\sigma(z)\\) \\(\\mathcal{L}=\\frac{1}{2}(y-t)^{2}\\)\n\\(\\bar{y}=y-t\\)\n"
        "\\(\\frac{\\partial \\mathcal{L}}{\\partial y} = y - t\\)\n"
    )
    report = _verify("1-1", text, targets="t")
    assert _said(report)[2] == "not checked" and _said(report)[3] == "correct"
