"""Notation of published derivations: multi-letter names, loss names, per-output errors,
bracketed derivatives, \\equiv, a δ read with the meaning its author gave it."""

import pytest

from symbolic.backprop import derive
from symbolic.latex import Partial, scan_document
from symbolic.spec import network
from symbolic.verify import verify_text

MAZUR = "\n".join(
    [
        "% symprop: alias out_{o1} = a_{2,1}",
        "% symprop: alias out_{h1} = a_{1,1}",
        "% symprop: alias net_{o1} = z_{2,1}",
        "% symprop: alias target_{o1} = y_1",
        "% symprop: alias w_5 = W_{2,1,1}",
    ]
)


@pytest.fixture(scope="module")
def d():
    return derive(network("2-2-2"))


def test_multi_letter_runs_are_names_never_products_or_euler():
    (s,), errors = scan_document(r"$$net_{o1} = target_{o1} + Delta$$")
    assert not errors and str(s.lhs) == "net_o1"
    assert [str(f) for f in s.sides[0].factors] == ["Delta + target_o1"]
    (s,), _ = scan_document(r"$$ab = e$$")  # two letters: still a product; e alone: Euler
    assert str(s.lhs) == "a*b" and str(s.sides[0].factors[0]) == "E"


def test_mazur_names_with_aliases(d):
    tex = (
        MAZUR
        + "\n"
        + (
            r"$$\frac{\partial E_{total}}{\partial w_{5}} = \frac{\partial E_{total}}"
            r"{\partial out_{o1}} * \frac{\partial out_{o1}}{\partial net_{o1}} * "
            r"\frac{\partial net_{o1}}{\partial w_{5}}$$"
            "\n"
            r"$$\frac{\partial out_{o1}}{\partial net_{o1}} = out_{o1}(1 - out_{o1})$$"
        )
    )
    report = verify_text(d, tex)
    assert [v.status for v in report.verdicts] == ["correct", "correct"] and report.exit_code == 0


def test_per_output_errors_and_their_sum(d):
    tex = (
        MAZUR
        + "\n"
        + "\n".join(
            [
                r"$$\frac{\partial E_{o1}}{\partial out_{o1}} = -(target_{o1} - out_{o1})$$",
                r"$$\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}}"
                r" + \frac{\partial E_{o2}}{\partial out_{h1}}$$",
                r"$$\frac{\partial E_{total}}{\partial out_{h1}} = "
                r"\frac{\partial E_{o1}}{\partial out_{h1}}$$",
            ]
        )
    )
    report = verify_text(d, tex)
    assert [v.status for v in report.verdicts] == ["correct", "correct", "wrong"]


@pytest.mark.parametrize("loss", ["C", "E_{total}", "E_n", "J"])
def test_loss_names(d, loss):
    tex = (
        f"$$\\frac{{\\partial {loss}}}{{\\partial b_{{2,1}}}} = (a_{{2,1}} - y_1) a_{{2,1}} (1 - a_{{2,1}})$$"
    )
    assert [v.status for v in verify_text(d, tex).verdicts] == ["correct"]


def test_bracketed_derivatives_are_factors_and_lhs():
    (s,), errors = scan_document(
        r"$(\dfrac{\partial E}{\partial L_k}) = (\dfrac{\partial E}"
        r"{\partial L_j})(\dfrac{\partial L_j}{\partial L_k})$"
    )
    assert not errors and isinstance(s.lhs, Partial)
    assert [f.den.name for f in s.sides[0].factors] == ["L_j", "L_k"]


def test_derivative_of_a_formula_of_network_quantities(d):
    tex = (
        r"$$\frac{\partial E}{\partial a_{2,1}} = "
        r"\frac{\partial (\frac{1}{2}(y_1 - a_{2,1})^2)}{\partial a_{2,1}} = a_{2,1} - y_1$$"
    )
    assert [v.status for v in verify_text(d, tex).verdicts] == ["correct"]


def test_equiv_defines_and_limits_is_placement():
    (s,), errors = scan_document(r"$$\delta_j \equiv \frac{\partial C}{\partial z_j}$$")
    assert not errors and str(s.lhs) == "delta_j" and isinstance(s.sides[0].factors[0], Partial)


def test_a_delta_redefined_keeps_the_meaning_its_author_gave(d):
    tex = (
        MAZUR
        + "\n"
        + "\n".join(
            [
                r"$$\delta_{o1} = \frac{\partial E_{total}}{\partial net_{o1}}$$",
                r"$$\delta_{o1} = -(target_{o1} - out_{o1}) * out_{o1}$$",  # σ' missing
                r"$$\frac{\partial E_{total}}{\partial w_{5}} = \delta_{o1} out_{h1}$$",
            ]
        )
    )
    report = verify_text(d, tex)
    assert [(v.line, v.status) for v in report.verdicts] == [(6, "correct"), (7, "wrong"), (8, "wrong")]


def test_update_lines(d):
    tex = (
        MAZUR
        + "\n"
        + "\n".join(
            [
                r"$$w_5^{+} = w_5 - \eta * \frac{\partial E_{total}}{\partial w_{5}}$$",
                r"$$w_5^{+} = w_5 + \eta \frac{\partial E_{total}}{\partial w_{5}}$$",  # sign slip
                r"$$w_5^+ = w_5 - \eta (out_{o1} - target_{o1}) out_{o1} (1 - out_{o1}) out_{h1}$$",
            ]
        )
    )
    report = verify_text(d, tex)
    assert [(v.line, v.status) for v in report.verdicts] == [(6, "correct"), (7, "wrong"), (8, "correct")]
