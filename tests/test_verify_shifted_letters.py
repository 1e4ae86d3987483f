r"""Letter families that count their layers each their own way (latex/shifted_letters.py), as
Prince's UDL writes f_0 = \beta_0 + \Omega_0 x_i and h_k = a[f_{k-1}]: each family's offset is
read off the forward rows, never off its letter; later statements, generic ones in k included,
are read with those offsets and checked for every instance their range k \in \{...\} allows;
ambiguous rows leave every letter unread."""

import pytest

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.latex import shifted_letters
from symbolic.latex.layer_ranges import Span, trailing_range
from symbolic.latex.source import Source
from symbolic.latex.tokens import tokenize
from symbolic.spec import network
from symbolic.verify import verify_text

# Prince's rows, his letters
PRINCE = r"""
$$
\begin{aligned}
\mathbf{f}_0 &= \boldsymbol{\beta}_0 + \boldsymbol{\Omega}_0 \mathbf{x}_i \\
\mathbf{h}_k &= a[\mathbf{f}_{k-1}] & k \in \{1, 2, \dots, K\} \\
\mathbf{f}_k &= \boldsymbol{\beta}_k + \boldsymbol{\Omega}_k \mathbf{h}_k & k \in \{1, 2, \dots, K\} \\
l_i &= l[\mathbf{f}_K, \mathbf{y}_i]
\end{aligned}
$$
"""

# other letters, other offsets: weights V_j and biases c_j count from 0, the net inputs u_j from 1
# as the outputs g_j do (u_{j+1} = c_j + V_j g_j), \tanh with square brackets, e the loss of the
# output u_{J+1}, t the target
ZERO = r"""
$$
\begin{aligned}
\mathbf{u}_1 &= \mathbf{c}_0 + \mathbf{V}_0 \mathbf{x} \\
\mathbf{g}_j &= \tanh[\mathbf{u}_j] & j \in \{1, 2, \dots, J\} \\
\mathbf{u}_{j+1} &= \mathbf{c}_j + \mathbf{V}_j \mathbf{g}_j & j \in \{1, 2, \dots, J\} \\
e &= \mathrm{loss}[\mathbf{u}_{J+1}, \mathbf{t}]
\end{aligned}
$$
$$
\begin{aligned}
\frac{\partial e}{\partial \mathbf{V}_j} &= \frac{\partial e}{\partial \mathbf{u}_{j+1}} \mathbf{g}_j^T
  & j \in \{J, J-1, \dots, 1\} \\
\frac{\partial e}{\partial \mathbf{u}_j} &= \tanh'[\mathbf{u}_j]
  \odot \left( \mathbf{V}_j^T \frac{\partial e}{\partial \mathbf{u}_{j+1}} \right)
  & j \in \{J, J-1, \dots, 1\} \\
\frac{\partial e}{\partial \mathbf{V}_0} &= \frac{\partial e}{\partial \mathbf{u}_1} \mathbf{x}^T
\end{aligned}
$$
"""

# the textbook's own counting, a_0 = x on the first row, a range starting at 2, \mathbb{I}[.] a
# ReLU's derivative and \frac{\partial}{\partial b_k}(...) a factor of a product
FROM_ONE = r"""
$$
\begin{aligned}
\mathbf{z}_1 &= \mathbf{W}_1 \mathbf{a}_0 + \mathbf{b}_1, \quad \mathbf{a}_0 = \mathbf{x} \\
\mathbf{a}_k &= \mathrm{ReLU}(\mathbf{z}_k) & k \in \{1, \dots, L\} \\
\mathbf{z}_k &= \mathbf{W}_k \mathbf{a}_{k-1} + \mathbf{b}_k & k \in \{2, \dots, L\} \\
J &= \ell(\mathbf{a}_L, \mathbf{y})
\end{aligned}
$$
$$
\begin{aligned}
\frac{\partial J}{\partial \mathbf{b}_k}
  &= \frac{\partial}{\partial \mathbf{b}_k}(\mathbf{W}_k \mathbf{a}_{k-1} + \mathbf{b}_k)
  \frac{\partial J}{\partial \mathbf{z}_k} \\
&= \frac{\partial J}{\partial \mathbf{z}_k} & k \in \{L, \dots, 2\} \\
\frac{\partial J}{\partial \mathbf{z}_{k-1}} &= \mathbb{I}[\mathbf{z}_{k-1} > \mathbf{0}]
  \odot \left( \mathbf{W}_k^T \frac{\partial J}{\partial \mathbf{z}_k} \right) & k \in \{L, \dots, 2\}
\end{aligned}
$$
"""


V_J = r"\frac{\partial e}{\partial \mathbf{V}_j}"
U_J = r"\frac{\partial e}{\partial \mathbf{u}_j}"
B_K = r"\frac{\partial J}{\partial \mathbf{b}_k}"
Z_K = r"\frac{\partial J}{\partial \mathbf{z}_{k-1}}"


def _line(text: str, start: str) -> int:
    """The line of the row starting with `start`."""
    return next(k for k, row in enumerate(text.split("\n"), 1) if row.startswith(start))


def _report(text: str, net: str, activation: str, output: str | None = None):
    return verify_text(derive(network(net, activation, "half_se", output)), text)


def test_each_family_s_offset_is_read_off_the_forward_rows():
    shifts = shifted_letters.detect(PRINCE)
    assert shifts is not None
    assert shifts.families == {"f": ("z", 1), "\\Omega": ("W", 1), "\\beta": ("b", 1), "h": ("a", 0)}
    assert (shifts.inputs, shifts.example, shifts.loss, shifts.target) == ({"x"}, "i", "l", "y")
    assert shifts.tops == {"K": 1}  # f_K the output: K + 1 is the last layer
    zero = shifted_letters.detect(ZERO)
    assert zero is not None
    assert zero.families == {"u": ("z", 0), "V": ("W", 1), "c": ("b", 1), "g": ("a", 0)}
    assert zero.tops == {"J": 1} and (zero.loss, zero.target) == ("e", "t")
    one = shifted_letters.detect(FROM_ONE)
    assert one is not None
    assert one.families == {"z": ("z", 0), "W": ("W", 0), "b": ("b", 0), "a": ("a", 0)}
    assert one.tops == {"L": 0}


@pytest.mark.parametrize(
    "row, why",
    [
        (
            r"\mathbf{f}_k &= \boldsymbol{\beta}_k + \boldsymbol{\Omega}_k \mathbf{h}_{k-1}",
            "two offsets for h",
        ),
        (r"\mathbf{f}_k &= \boldsymbol{\beta}_k + \boldsymbol{\Omega}_k \mathbf{h}_j", "two layer letters"),
        (r"\mathbf{h}_k &= \boldsymbol{\Omega}_k \mathbf{x}_i", "h in two roles"),
    ],
)
def test_rows_that_place_a_family_two_ways_leave_every_letter_unread(row, why):
    text = PRINCE.replace(r"l_i &=", row + r" \\" + "\nl_i &=")
    assert shifted_letters.detect(text) is None, why


def test_a_range_ends_at_the_layer_the_loss_row_places():
    shifts = shifted_letters.detect(PRINCE)
    row = r"\frac{\partial l_i}{\partial \beta_k} = \frac{\partial l_i}{\partial f_k} & k \in \{K, \dots, 1\}"
    toks, span = trailing_range(shifts.tops, tokenize(Source(row), 0, len(row)))
    assert span == Span("k", 1, ("top", -1)) and toks[-1].text == "}"
    _, unplaced = trailing_range({}, tokenize(Source(row), 0, len(row)))
    assert unplaced is not None and None in (unplaced.low, unplaced.high)


def test_shifted_families_are_judged_per_instance_in_their_range():
    report = _report(ZERO, "2-3-3-2", "tanh")
    assert [u.line for u in report.unchecked] == [
        _line(ZERO, "e &=")
    ]  # the loss row: a function left unspecified
    said = [(v.line, v.instance, v.status) for v in report.verdicts]
    assert all(status == "correct" for *_, status in said)
    # j = 1, 2 (J = 2 in a 2-3-3-2 network), never j = 3: u_4 and V_3 are not in it
    assert [i for line, i, _ in said if line == _line(ZERO, V_J)] == ["j=1", "j=2"]
    assert len(said) == 1 + 2 + 2 + 2 + 2 + 1
    # the reading is said, in the document's letters, with the line of its first forward row
    [offsets] = [s for s in report.inferred if s.how == "layer offsets"]
    assert "V_k the weights of layer k+1" in offsets.name and "u_k the net input of layer k" in offsets.name
    assert offsets.line == _line(ZERO, r"\mathbf{u}_1")


def test_a_missing_transpose_in_a_shifted_document_is_named_for_each_instance():
    planted = ZERO.replace(r"\mathbf{V}_j^T \frac", r"\mathbf{V}_j \frac")
    wrong = [v for v in _report(planted, "2-3-3-2", "tanh").verdicts if v.status == "wrong"]
    assert [(v.line, v.instance) for v in wrong] == [(_line(ZERO, U_J), "j=1"), (_line(ZERO, U_J), "j=2")]
    assert all(v.fault is not None and v.fault.text.startswith("transpose missing") for v in wrong)


def test_the_weight_gradient_by_the_wrong_net_input_is_named_at_its_factor():
    planted = ZERO.replace(
        r"\partial \mathbf{u}_{j+1}} \mathbf{g}_j^T", r"\partial \mathbf{u}_{j}} \mathbf{g}_j^T"
    )
    wrong = [v for v in _report(planted, "2-3-3-2", "tanh").verdicts if v.status == "wrong"]
    assert wrong and all(v.line == _line(ZERO, V_J) for v in wrong)
    assert wrong[0].instance == "j=1" and wrong[0].fault is not None and wrong[0].fault.position == 1


def test_a_range_from_2_an_indicator_and_an_applied_derivative_are_read():
    report = _report(FROM_ONE, "2-3-3-2", "relu")
    said = [(v.line, v.instance, v.status) for v in report.verdicts]
    assert all(status == "correct" for *_, status in said), said
    assert [i for line, i, _ in said if line == _line(FROM_ONE, Z_K)] == [
        "k=2",
        "k=3",
    ]  # not k = 1: z_0 is nowhere
    assert [i for line, i, _ in said if line == _line(FROM_ONE, B_K)] == ["k=2", "k=3"]
    assert [u.line for u in report.unchecked] == [
        _line(FROM_ONE, "J &=")
    ]  # \ell(a_L, y): a loss left unspecified


def test_a_range_whose_end_no_row_places_is_not_checked():
    text = ZERO.replace(r"e &= \mathrm{loss}[\mathbf{u}_{J+1}, \mathbf{t}]", "")
    lines = (_line(text, V_J), _line(text, U_J))
    try:
        report = _report(text, "2-3-3-2", "tanh")
    except SympropError as err:
        unchecked = list(getattr(err, "unchecked", []))
    else:
        assert all(v.line not in lines for v in report.verdicts)
        unchecked = report.unchecked
    reasons = {u.line: u.reason for u in unchecked}
    assert all("does not place" in reasons[line] for line in lines)


def test_a_chain_written_right_to_left_with_its_tail_in_parentheses_is_one_chain():
    chain = (
        r"$$\frac{\partial e}{\partial \mathbf{u}_1} = \frac{\partial \mathbf{g}_1}{\partial \mathbf{u}_1}"
        r" \frac{\partial \mathbf{u}_2}{\partial \mathbf{g}_1} \left( \frac{\partial \mathbf{g}_2}{\partial"
        r" \mathbf{u}_2} \frac{\partial \mathbf{u}_3}{\partial \mathbf{g}_2} \frac{\partial e}{\partial"
        r" \mathbf{u}_3} \right)$$"
    )
    text = ZERO + chain
    report = _report(text, "2-3-3-2", "tanh")
    line = text.count("\n") + 1
    assert [v.status for v in report.verdicts if v.line == line] == ["correct"]
    assert line not in [u.line for u in report.unchecked]


# an error letter the document defines by what it differentiates: δ_k = ∂L/∂f_{k-1}, δ counted
# as h is (offset 0) while f is shifted by one
ERRORS = r"""
$$
\begin{aligned}
\mathbf{f}_0 &= \boldsymbol{\beta}_0 + \boldsymbol{\Omega}_0 \mathbf{x} \\
\mathbf{h}_k &= \sigma(\mathbf{f}_{k-1}) & k \in \{1, \dots, K\} \\
\mathbf{f}_k &= \boldsymbol{\beta}_k + \boldsymbol{\Omega}_k \mathbf{h}_k & k \in \{1, \dots, K\} \\
L &= \ell(\mathbf{f}_K, \mathbf{y})
\end{aligned}
$$
$$
\begin{aligned}
\boldsymbol{\delta}_k &= \frac{\partial L}{\partial \mathbf{f}_{k-1}} & k \in \{1, \dots, K+1\} \\
\frac{\partial L}{\partial \boldsymbol{\Omega}_k} &= \boldsymbol{\delta}_{k+1} \mathbf{h}_k^T
  & k \in \{1, \dots, K\}
\end{aligned}
$$
"""


def test_an_error_letter_is_placed_by_the_net_input_its_definition_differentiates():
    shifts = shifted_letters.detect(ERRORS)
    assert shifts is not None and shifts.families["\\delta"] == ("delta", 0)
    planted = ERRORS.replace(
        r"\boldsymbol{\delta}_{k+1} \mathbf{h}_k^T", r"\boldsymbol{\delta}_{k} \mathbf{h}_k^T"
    )
    wrong = [v for v in _report(planted, "2-3-3-2", "sigmoid", "identity").verdicts if v.status == "wrong"]
    assert [v.instance for v in wrong] == ["k=1", "k=2"]
    assert all(v.fault is not None and v.fault.text.startswith("wrong layer") for v in wrong)
