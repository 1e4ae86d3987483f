r"""Vectors as rows, W input-by-output (NumPy's X @ W1), read off the order of a document's matrix
factors (verify/matrix_orientation.py): a^T δ for ∂L/∂W, δ' W^T in a δ, x W in a net input. A
course's notes read blind wrote ∂L/∂W^{[1]} = x^T δ^{[1]} and were told "factors in the wrong
order"; in their own convention the line is right. Votes must agree: a document that writes both
orders says nothing, and symprop's columns stay."""

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("3-2-2", "sigmoid", "half_se"))

ROWS = (
    r"$$z^{[1]} = x W^{[1]} + b^{[1]}$$" + "\n"
    r"$$\delta^{[2]} = (a^{[2]} - y) \odot \sigma'(z^{[2]})$$" + "\n"
    r"$$\frac{\partial L}{\partial W^{[2]}} = (a^{[1]})^T \delta^{[2]}$$" + "\n"
    r"$$\delta^{[1]} = \delta^{[2]} (W^{[2]})^T \odot \sigma'(z^{[1]})$$" + "\n"
    r"$$\frac{\partial L}{\partial W^{[1]}} = x^T \delta^{[1]}$$" + "\n"
)


def statuses(text: str, d=D) -> list[str]:
    return [v.status for v in verify_text(d, text).verdicts]


def test_a_document_in_rows_is_read_in_rows():
    r = verify_text(D, ROWS)
    assert [v.status for v in r.verdicts] == ["correct"] * 5
    assert "vectors as rows" in render_text(r)


def test_rows_without_a_forward_line_are_still_rows():
    # the course's notes: no net input written, only the backward lines
    text = "\n".join(ROWS.splitlines()[1:])
    assert statuses(text) == ["correct"] * 4


def test_slips_in_rows_are_named():
    wrong_layer = ROWS.replace(r"= x^T \delta^{[1]}", r"= x^T \delta^{[2]}")
    assert statuses(wrong_layer) == ["correct"] * 4 + ["wrong"]
    no_prime = ROWS.replace(r"\odot \sigma'(z^{[1]})", r"\odot \sigma(z^{[1]})")
    r = verify_text(D, no_prime)
    # the δ written wrong is named; the line using it is judged with the author's δ (wrong too)
    assert [v.status for v in r.verdicts] == ["correct"] * 3 + ["wrong", "wrong"]
    text = render_text(r)
    assert "4:3  δ^{[1]}, entry (1,1)  factor 2" in text and "∂σ(z⁽¹⁾₁)/∂z⁽¹⁾₁" in text
    assert "delta⁽¹⁾₁" not in text and "wrote [δ⁽¹⁾₁]" in text


def test_columns_stay_columns():
    cols = (
        r"$$z^{[1]} = W^{[1]} x + b^{[1]}$$" + "\n"
        r"$$\delta^{[1]} = (W^{[2]})^T \delta^{[2]} \odot \sigma'(z^{[1]})$$" + "\n"
        r"$$\frac{\partial L}{\partial W^{[1]}} = \delta^{[1]} x^T$$" + "\n"
    )
    r = verify_text(D, cols)
    assert [v.status for v in r.verdicts] == ["correct"] * 3
    assert "vectors as rows" not in render_text(r)


def test_both_orders_say_nothing():
    mixed = (
        r"$$z^{[1]} = W^{[1]} x + b^{[1]}$$" + "\n"  # columns
        r"$$\frac{\partial L}{\partial W^{[1]}} = x^T \delta^{[1]}$$" + "\n"  # rows
    )
    r = verify_text(D, mixed)
    assert "vectors as rows" not in render_text(r)
    assert [v.status for v in r.verdicts] == ["correct", "wrong"]


def test_one_statement_alone_does_not_settle_rows():
    # a^T δ alone is as likely a slip in columns: it must not pick the reading it is judged in
    alone = r"$$\frac{\partial L}{\partial W^{[1]}} = x^T \delta^{[1]}$$"
    r = verify_text(D, alone)
    assert [v.status for v in r.verdicts] == ["wrong"] and "wrong order" in render_text(r)
