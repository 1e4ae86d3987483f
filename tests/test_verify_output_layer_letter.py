r"""The output layer written as a fixed letter plus a shift (z^{(N+1)}, \delta^{(N+1)} beside \hat y:
verify/top_letter.py), \hat y defined as a layer's vector and read as one in later rows
(latex/algorithm.py), an indicator 1_{z > 0} in a matrix row (latex/matrix_indicator.py), a
hidden layers' rule with the output's own definition written apart (verify/hidden_rule.py),
\log \phi(w^T x) read as the log of one operand, and a bare name the network does not know never
turned into a number (verify/guessed_shapes.py)."""

from __future__ import annotations

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.read import read

FORWARD = "$a^{(0)} = x$\n$z^{(l)} = W^{(l)}a^{(l-1)} + b^{(l)}$\n"
NET = derive(network("2-3-3-2", "relu", "half_se", "identity"))


def said(text: str, d=NET) -> dict[int, set[str]]:
    r = verify_text(d, text)
    out: dict[int, set[str]] = {}
    for v in r.verdicts:
        out.setdefault(v.line, set()).add(v.status)
    for u in r.unchecked:
        out.setdefault(u.line, set()).add("not checked")
    return out


@pytest.mark.parametrize("letter", ["N", "K", "H"])
def test_the_output_layer_written_letter_plus_one_is_the_last_layer(letter):
    rows = [
        f"$z^{{({letter}+1)}} = W^{{({letter}+1)}}a^{{({letter})}} + b^{{({letter}+1)}}$",
        f"$\\hat y = a^{{({letter}+1)}} = z^{{({letter}+1)}}$",
        f"$\\delta^{{({letter}+1)}} = \\hat y-y$",
        f"$\\frac{{\\partial L}}{{\\partial W^{{({letter}+1)}}}} = "
        f"\\delta^{{({letter}+1)}} (a^{{({letter})}})^T$",
    ]
    out = said(FORWARD + "\n".join(rows) + "\n")
    assert all(out[k] == {"correct"} for k in (3, 4, 5, 6))


@pytest.mark.parametrize(
    "row",
    [
        r"$z^{(N+1)} = W^{(N+1)}a^{(N+1)} + b^{(N+1)}$",  # the output's own activation where a^{(N)} belongs
        r"$\delta^{(N+1)} = y-\hat y$",
        r"$\frac{\partial L}{\partial W^{(N+1)}} = \delta^{(N+1)} (a^{(N+1)})^T$",
    ],
)
def test_a_slip_at_the_output_layer_letter_is_wrong(row):
    text = FORWARD + "$\\hat y = a^{(N+1)} = z^{(N+1)}$\n" + row + "\n"
    assert said(text)[4] == {"wrong"}


def test_a_letter_no_statement_about_the_output_places_stays_unread():
    # N+1 is never said to be the output (no \hat y, y beside it): which layer it is, is unknown
    text = FORWARD + "$z^{(N+1)} = W^{(N+1)}a^{(N)} + b^{(N+1)}$\n"
    assert said(text)[3] == {"not checked"}


def test_two_fixed_letters_are_not_read():
    text = FORWARD + "$\\hat y = a^{(N+1)}$\n$z^{(M)} = W^{(M)}a^{(M-1)} + b^{(M)}$\n"
    out = said(text)
    assert out[3] == {"not checked"} and out[4] == {"not checked"}


def test_hat_y_defined_as_a_layer_is_a_vector_in_later_rows():
    text = FORWARD + (
        "$\\hat y = a^{(N+1)} = z^{(N+1)}$\n"
        "$L = \\frac{1}{2} \\|\\hat y-y\\|^2$\n"
        "$\\frac{\\partial L}{\\partial \\hat y} = \\hat y-y$\n"
        "$\\frac{\\partial L}{\\partial \\hat y} = 2(\\hat y-y)$\n"
    )
    out = said(text)
    assert out[4] == {"correct"} and out[5] == {"correct"} and out[6] == {"wrong"}


def test_hat_y_of_a_call_is_a_vector_in_later_rows_but_a_number_given_it_is_a_scalar_claim():
    # \hat y = \sigma(z^{[2]}): the output vector in later formula rows (∂L/∂\hat{y} on a net of two
    # outputs was an unknown name), while a worked value \hat{y} = 0.73 stays a numeric claim
    doc = read("$$\\hat{y} = \\sigma(z^{[2]})$$\n$$L = -\\log(\\hat{y})$$\n$$\\hat{y} = 0.73$$\n", "tex")
    kinds = [type(s).__name__ for s in doc.statements]
    assert kinds == ["MatrixStatement", "MatrixStatement", "Statement"], kinds


@pytest.mark.parametrize(
    "step,verdict",
    [
        (r"\mathbf{1}_{z^{(l)}>0}", "correct"),
        (r"\mathbb{1}(z^{(l)} > 0)", "correct"),
        (r"\mathbf{1}_{z^{(l)}<0}", "wrong"),
    ],
)
def test_an_indicator_in_a_matrix_row_is_the_step_entry_by_entry(step, verdict):
    text = FORWARD + (
        "$\\hat y = a^{(N+1)} = z^{(N+1)}$\n"
        "$\\delta^{(N+1)} = \\hat y-y$\n"
        f"$\\delta^{{(l)}} = \\left(W^{{(l+1)}}\\right)^T \\delta^{{(l+1)}} \\odot {step}$\n"
    )
    assert said(text)[5] == {verdict}


def test_a_wrong_indicator_is_shown_as_written():
    text = FORWARD + (
        "$\\hat y = a^{(N+1)} = z^{(N+1)}$\n$\\delta^{(N+1)} = \\hat y-y$\n"
        "$\\delta^{(l)} = \\left(W^{(l+1)}\\right)^T \\delta^{(l+1)} \\odot \\mathbf{1}_{z^{(l)}<0}$\n"
    )
    from codegen.verdict import render_text

    shown = render_text(verify_text(NET, text))
    assert "1(z⁽¹⁾₁ < 0)" in shown and "Indicator" not in shown


def test_the_hidden_rule_with_the_output_defined_apart_is_correct_for_the_hidden_layers():
    text = FORWARD + "$a^{(l)} = \\operatorname{ReLU}(z^{(l)})$\n$\\hat y = a^{(N+1)} = z^{(N+1)}$\n"
    r = verify_text(NET, text)
    rule = [v for v in r.verdicts if v.line == 3]
    assert {v.status for v in rule} == {"correct"} and {v.instance for v in rule} == {"l=1", "l=2"}
    assert all("line 4" in v.remark for v in rule) and not [u for u in r.unchecked if u.line == 3]


def test_the_hidden_rule_without_the_output_apart_stays_not_checked_there():
    text = FORWARD + "$a^{(l)} = \\operatorname{ReLU}(z^{(l)})$\n"
    assert said(text)[3] == {"correct", "not checked"}


def test_log_of_a_call_without_brackets_is_read():
    doc = read("$$\\mathcal{L}(w) = -y^T \\log \\phi(w^T x)$$\n", "tex")
    side = doc.statements[0].sides[0].node
    assert "'log'" in repr(side) and "'phi'" in repr(side) and not doc.unread


def test_an_unknown_bare_name_in_a_matrix_row_is_never_a_number():
    # q is written nowhere else: with q taken as 1x1 the shapes fit, yet nothing is judged on it
    text = FORWARD + "$\\delta^{(N+1)} = q \\odot (\\hat y-y)$\n$\\hat y = a^{(N+1)}$\n"
    out = said(text)
    assert out[3] == {"not checked"}
    # and where the guess makes the shapes misfit, the reason names it (guessed_shapes.py)
    r = verify_text(NET, FORWARD + "$z^{(2)} = W^{(2)} q + b^{(2)}$\n")
    assert [u.reason.split(":")[0] for u in r.unchecked if u.line == 3] == ["unknown name q"]
    assert not [v for v in r.verdicts if v.line == 3]
