r"""Letters a document's own forward pass defines, with no layer marks (latex/forward_letters.py):
bound to the network's layers by the structure of the rows that define them, never by the
letter; refused (the names stay unknown, "not checked") when the binding is ambiguous."""

from symbolic.backprop import derive
from symbolic.latex import forward_letters
from symbolic.spec import network
from symbolic.verify import verify_text

# other letters than any corpus file: s the input, V, Q the weights, c, d the biases, u, o the
# net inputs, r the hidden output, f the output
FORWARD = r"""
$$
\begin{aligned}
u &= V s + c \\
r &= \sigma(u) \\
o &= Q r + d \\
f &= \sigma(o) \\
E &= \frac{1}{2} \| f - y \|^2
\end{aligned}
$$
"""
CHAIN = (
    r"$$\frac{\partial E}{\partial Q} = "
    r"\frac{\partial E}{\partial f} \frac{\partial f}{\partial o} \frac{\partial o}{\partial Q}$$"
)
DELTA = r"((f - y) \odot f \odot (1 - f))"
GRADIENTS = [
    rf"$$\frac{{\partial E}}{{\partial d}} = {DELTA}$$",
    rf"$$\frac{{\partial E}}{{\partial Q}} = {DELTA} r^T$$",
    rf"$$\frac{{\partial E}}{{\partial V}} = ((Q^T {DELTA}) \odot r \odot (1 - r)) s^T$$",
]
WRONG = rf"$$\frac{{\partial E}}{{\partial Q}} = {DELTA} s^T$$"  # the input where r belongs


def _report(text: str, net: str = "3-3-2"):
    return verify_text(derive(network(net, "sigmoid", "half_se")), text)


def test_each_letter_is_bound_by_the_row_that_defines_it():
    assert forward_letters.detect(FORWARD) == {
        "s": ("x", 0),
        "V": ("W", 1),
        "c": ("b", 1),
        "u": ("z", 1),
        "r": ("a", 1),
        "Q": ("W", 2),
        "d": ("b", 2),
        "o": ("z", 2),
        "f": ("a", 2),
    }


def test_bias_first_subscripts_and_greek_letters_bind_by_structure_not_by_digit():
    # b_2 added in the first layer's row is the first layer's bias, whatever its digit says
    text = r"$$z = b_2 + A x$$ $$g = \tanh(z)$$ $$\phi = B g + b_1$$"
    assert forward_letters.detect(text) == {
        "x": ("x", 0),
        "A": ("W", 1),
        "b_2": ("b", 1),
        "z": ("z", 1),
        "g": ("a", 1),
        "B": ("W", 2),
        "b_1": ("b", 2),
        "\\phi": ("z", 2),
    }


def test_the_forward_pass_and_gradients_in_its_letters_are_judged():
    report = _report(FORWARD + CHAIN + "".join(GRADIENTS))
    assert not report.unchecked
    assert [v.status for v in report.verdicts] == ["correct"] * len(report.verdicts)
    assert len(report.verdicts) == 5 + 1 + len(GRADIENTS)


def test_a_wrong_gradient_in_the_documents_letters_is_named_at_its_factor():
    report = _report(FORWARD + WRONG)
    wrong = [v for v in report.verdicts if v.status == "wrong"]
    assert len(wrong) == 1 and wrong[0].line == FORWARD.count("\n") + 1
    assert wrong[0].fault is not None and wrong[0].fault.position == 2


def test_two_rows_reading_one_vector_leave_every_letter_unbound():
    ambiguous = FORWARD.replace(r"r &= \sigma(u) \\", r"r &= \sigma(u) \\" + "\np &= P s + e \\\\")
    assert forward_letters.detect(ambiguous) == {}
    report = _report_or_error(ambiguous + CHAIN)
    assert all(v.status != "correct" for v in report)


def test_a_matrix_in_two_layers_and_a_letter_defined_twice_are_refused():
    shared = r"$$h = Wx + b$$ $$a = \sigma(h)$$ $$z = Wa + c$$"
    twice = r"$$h = Wx + b$$ $$h = \sigma(h)$$"
    assert forward_letters.detect(shared) == {}
    assert forward_letters.detect(twice) == {}


def test_documents_writing_their_own_layers_are_left_to_their_readers():
    assert forward_letters.detect(r"$$z = W^{(1)} x + b^{(1)}$$ $$h = Uz + c$$") == {}
    assert forward_letters.detect(r"$$h = \sigma(W^{(1)} x + b^{(1)})$$ $$o = Vh + c$$") == {}
    assert forward_letters.detect(r"$$J = \frac{1}{2} (y - t)^2$$") == {}  # no forward pass


def test_an_input_letter_other_than_x_is_refused_when_x_names_something_else():
    text = r"$$u = V s + c$$ $$r = \sigma(u)$$ $$x = r + 1$$"
    assert forward_letters.detect(text) == {}


def _report_or_error(text: str):
    from symbolic.errors import SympropError

    try:
        report = _report(text)
    except SympropError:
        return []  # nothing could be checked: exit 2, no verdict
    return report.verdicts


FUSED = r"""
$$h = \tanh(A x + c)$$
$$\hat{y} = \text{softmax}(B h + d)$$
$$\frac{\partial L}{\partial d} = \hat{y} - y$$
$$\frac{\partial L}{\partial A} = ((B^T (\hat{y} - y)) \odot (1 - h \odot h)) x^T$$
$$\frac{\partial L}{\partial A} = ((B (\hat{y} - y)) \odot (1 - h \odot h)) x^T$$
"""


def test_an_activation_of_a_weighted_sum_binds_its_matrix_bias_and_output():
    assert forward_letters.detect(FUSED) == {
        "x": ("x", 0),
        "A": ("W", 1),
        "c": ("b", 1),
        "h": ("a", 1),
        "B": ("W", 2),
        "d": ("b", 2),
    }
    report = verify_text(derive(network("3-3-3", "tanh", "cce", "softmax")), FUSED)
    assert not report.unchecked
    assert [v.status for v in report.verdicts] == ["correct"] * 4 + ["wrong"]
    assert report.verdicts[-1].fault.text.startswith("transpose missing")


def test_bold_letters_bind_as_the_tokens_read_them():
    text = r"$$\mathbf{u} = \mathbf{V}\mathbf{s} + \mathbf{c}$$ $$\mathbf{r} = \sigma(\mathbf{u})$$"
    assert forward_letters.detect(text) == {
        "s": ("x", 0),
        "V": ("W", 1),
        "c": ("b", 1),
        "u": ("z", 1),
        "r": ("a", 1),
    }
    assert forward_letters.detect(text.replace(r"\mathbf{V}", r"\mathbf{V}^{(1)}")) == {}


def _rewritten(bound: dict, text: str) -> list[str]:
    from symbolic.latex.source import Source
    from symbolic.latex.tokens import tokenize

    return [t.text for t in forward_letters.rewrite(bound, tokenize(Source(text), 0, len(text)))]


def test_index_letters_and_leibniz_d_are_not_the_bound_names():
    bound = forward_letters.detect(r"$$u = V s + c$$ $$r = \sigma(u)$$ $$o = Q r + d$$")
    assert bound["c"] == ("b", 1) and bound["d"] == ("b", 2)
    # c an index inside a script, d the differential of dE/dQ: both as written
    layer2 = ["^", "{", "(", "2", ")", "}"]
    assert _rewritten(bound, r"\sum_{c} Q_{cr}") == [
        "sum",
        "_",
        "{",
        "c",
        "}",
        "W",
        *layer2,
        "_",
        "{",
        "c",
        "r",
        "}",
    ]
    assert _rewritten(bound, r"\frac{dE}{dQ}")[2:4] == ["d", "E"]
    # the bias itself is still read where it stands: r^T as (a^{(1)})^T, c + d as the biases
    assert _rewritten(bound, r"r^T")[:3] == ["(", "a", "^"]
    assert _rewritten(bound, r"c + d") == [
        "b",
        "^",
        "{",
        "(",
        "1",
        ")",
        "}",
        "+",
        "b",
        "^",
        "{",
        "(",
        "2",
        ")",
        "}",
    ]
