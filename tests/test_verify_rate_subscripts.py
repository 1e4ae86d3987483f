r"""Sudeep Raja's notation family, in variants written here: a learning rate subscripted by the
parameter it updates (\alpha_w, \eta_{V_i} \odot: latex/rate_subscripts.py), an update closed by
'for all the weights w' (latex/quantifiers.py), and a loss E = ½‖z - t‖² whose letter z is
written nowhere else, read as the output (verify/loss_output.py). Slips are named; names that
something else settles, or nothing, stay unchecked."""

import pytest
from verdict_lines import by_line as lines

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.latex.rate_subscripts import blank
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("2-3-2", "sigmoid", "half_se"))
D3 = derive(network("3-4-2-2", "tanh", "half_se"))

GRAD = r"$$\frac{\partial E}{\partial w_{11}^{(2)}} = (a^{(2)}_1 - y_1) a^{(2)}_1 (1 - a^{(2)}_1) a^{(1)}_1$$"


def by_line(d, text: str) -> dict[int, set[str]]:
    return lines(verify_text(d, text))


def test_loss_letter_written_nowhere_else_is_the_output():
    assert by_line(D, r"$$E = \frac{1}{2}\|o - y\|^2$$" + "\n" + GRAD) == {1: {"correct"}, 2: {"correct"}}
    report = verify_text(D, r"$$E = \|o - y\|^2$$" + "\n" + GRAD)  # the ½ left out
    assert [v.status for v in report.verdicts if v.line == 1] == ["wrong"]
    assert "o₁" in render_text(report)  # said in the document's letter, never an internal name


def test_loss_letter_written_elsewhere_is_not_read_as_the_output():
    text = r"$$E = \frac{1}{2}\|z - t\|^2$$" + "\n" + r"$$z = W x$$" + "\n" + GRAD
    assert "correct" not in by_line(D, text).get(1, set())


def test_loss_letter_alone_but_the_network_is_cross_entropy():
    d = derive(network("2-3-2", "sigmoid", "cce", "softmax"))
    assert by_line(d, r"$$E = \frac{1}{2}\|o - y\|^2$$" + "\n" + GRAD)[1] == {"wrong"}


@pytest.mark.parametrize(
    "row",
    [
        r"$$w = w - \eta_w \frac{\partial E}{\partial w} \qquad \text{for every weight } w$$",
        r"$$w = w - \alpha_{w} \frac{\partial E}{\partial w} \quad \mbox{for all the weights } w$$",
        r"$$w = w - \alpha \frac{\partial E}{\partial w} \quad \mbox{for each weight } w$$",
    ],
)
def test_update_over_every_weight(row):
    got = by_line(D, row)
    assert got == {1: {"correct"}}


def test_update_slip_named():
    row = r"$$w = w + \eta_w \frac{\partial E}{\partial w} \quad \mbox{for all the weights } w$$"
    assert by_line(D, row) == {1: {"wrong"}}


@pytest.mark.parametrize(
    "row",
    [
        r"$$w = w - \eta_v \frac{\partial E}{\partial w}$$",  # a rate of another name: its own name
        r"$$w = w - \eta \frac{\partial E}{\partial w} \quad \mbox{for all the biases } b$$",  # b unwritten
    ],
)
def test_rate_or_quantifier_of_another_name_stays_unread(row):
    with pytest.raises(SympropError):
        verify_text(D, row)


def test_blank_keeps_positions_and_only_the_updated_name():
    text = r"W_i&=W_i - \alpha_{W_i}\circ \frac{\partial E}{\partial W_i} \\ v = \alpha_{ij} x"
    out = blank(text)
    assert len(out) == len(text)
    assert r"\alpha " in out and r"\circ" not in out.split("\\\\")[0]
    assert r"\alpha_{ij}" in out  # no update of ij on its row: left as written


MATRIX = (
    r"$$h_i = g_i(V_ih_{i-1})$$" + "\n"
    r"$$E = \frac{1}{2}\|u - t\|_2^2$$" + "\n"
    r"$$\delta_L = (h_L-t)\circ g_L'(V_Lh_{L-1})$$" + "\n"
    r"$$\delta_i = V_{i+1}^T\delta_{i+1}\circ g_i'(V_ih_{i-1})$$" + "\n"
    r"$$\frac{\partial E}{\partial V_i} = \delta_ih_{i-1}^T$$" + "\n"
    r"$$V_i = V_i - \eta_{V_i} \odot \frac{\partial E}{\partial V_i}$$"
)


def test_matrix_form_per_entry_rate_and_loss_letter():
    assert by_line(D3, MATRIX) == {k: {"correct"} for k in range(1, 7)}
    slip = MATRIX.replace(r"V_i = V_i - \eta", r"V_i = V_i + \eta")
    assert by_line(D3, slip)[6] == {"wrong"}
