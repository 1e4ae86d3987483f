r"""Functions and an output a document defines for itself (symbolic/verify/own_functions.py,
closed_form.py, symbolic/latex/functions_defined.py), and a number in TeX scientific form as one
factor of a worked product.

The document is Math.SE 3048198 (tests/published/math_se_sigmoid_chain.tex): s(x) the sigmoid,
d(x) its derivative, O = s(s(s(Iw_1+1)w_2+1)w_4 + ... + 1) with every bias 1, on 1-1-2-1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen.cli import main
from codegen.verdict import render_text
from codegen.verdict_json import to_json
from symbolic.backprop import derive
from symbolic.latex import scan_document
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.worked import read_point

ALIASES = "".join(
    f"% symprop: alias {k} = {v}\n"
    for k, v in {
        "I": "x_1",
        "w_1": "W_{1,1,1}",
        "w_2": "W_{2,1,1}",
        "w_3": "W_{2,2,1}",
        "w_4": "W_{3,1,1}",
        "w_5": "W_{3,1,2}",
    }.items()
)
S = r"$$s\left(x\right)\ =\ \frac{1}{1+e^{-x}}$$"
D = r"$$d\left(x\right)=s\left(x\right)\left(1-s\left(x\right)\right)$$"
O1 = (
    r"$$O=s\left(s\left(s\left(Iw_1+1\right)w_2+1\right)w_4"
    r"+s\left(s\left(Iw_1+1\right)w_3+1\right)w_5+1\right)$$"
)
OUTER = "d(s(s(Iw_1+1)w_2+1)w_4+s(s(Iw_1+1)w_3+1)w_5+1)"
PATH1 = "(w_4 d(s(Iw_1+1)w_2+1) w_2 d(Iw_1+1) I)"
PATH2 = "(w_5 d(s(Iw_1+1)w_3+1) w_3 d(Iw_1+1) I)"
GRAD = rf"$$\frac{{\partial O}}{{\partial w_1}} = {OUTER} \cdot [{PATH1} + {PATH2}]$$"


@pytest.fixture(scope="module")
def d():
    return derive(network("1-1-2-1"))


def judged(d, *lines):
    """(line, status, remark) of every verdict and (line, 'not checked', reason) of every
    statement without one; the report."""
    report = verify_text(d, "\n".join(lines) + "\n" + ALIASES)
    said = [(v.line, v.status, v.remark) for v in report.verdicts]
    said += [(u.line, "not checked", u.reason) for u in report.unchecked]
    return sorted(said), report


def test_a_defined_function_is_a_call_and_d_stays_a_derivative():
    (s, o), _ = scan_document(S + O1 + "\n" + r"$$\frac{dO}{dw_1} = d(Iw_1)$$")[0][:2], None
    assert str(s.lhs) == "defined:s(x)" and "defined:s(I*w_1 + 1)" in str(o.sides[0].factors[0])
    stmt = scan_document(D + "\n" + r"$$\frac{dO}{dw_1} = d(Iw_1)$$")[0][1]
    assert (str(stmt.lhs.num), str(stmt.lhs.den)) == ("O", "w_1")  # dO/dw_1: a derivative, not d·O
    assert str(stmt.sides[0].factors[0]) == "defined:d(I*w_1)"
    # without a definition s(x) is s times x, as before
    assert str(scan_document(r"$$y = s(x)$$")[0][0].sides[0].factors[0]) == "s*x"


def test_the_activation_and_its_derivative_defined_are_checked_and_said_so(d):
    said, _ = judged(d, S, D)
    assert said == [
        (1, "correct", "s is σ, the network's activation"),
        (2, "correct", "d is σ′, the derivative of the network's activation"),
    ]
    # a wrong derivative of the author's: a function of their own, named as such, never judged
    said, _ = judged(d, S, r"$$d(x) = s(x)(1+s(x))$$", GRAD)
    assert said[1] == (
        2,
        "not checked",
        "defines d(x), a function of the document's own: nothing to check"
        " (later lines read it as defined here)",
    )


def test_the_output_in_closed_form_binds_O_and_fixes_the_biases(d):
    said, report = judged(d, S, D, O1, GRAD)
    at = "at b = 1, as the document's definition of O fixes"
    assert said == [
        (1, "correct", "s is σ, the network's activation"),
        (2, "correct", "d is σ′, the derivative of the network's activation"),
        (3, "correct", at),
        (4, "correct", at),
    ]
    assert at in render_text(report, "x.tex")
    assert [s.get("remark") for s in json.loads(to_json(report, "x.tex"))["statements"]][2:] == [at, at]
    # with every bias left out the closed form fixes b = 0, and the gradient is judged there
    zero = [x.replace("+1\\right)", "\\right)").replace("+1)", ")") for x in (O1, GRAD)]
    said, _ = judged(d, S, D, *zero)
    assert said[2:] == [(n, "correct", "at b = 0, as the document's definition of O fixes") for n in (3, 4)]
    # written at b = 1 but judged against O at b = 0: wrong, never correct by accident
    said, _ = judged(d, S, D, zero[0], GRAD)
    assert said[3][:2] == (4, "wrong")


def test_a_closed_form_of_the_outputs_own_name_fixes_the_biases_too(d):
    named = [x.replace("O=", "a^{(3)}_1=").replace("partial O", "partial a^{(3)}_1") for x in (O1, GRAD)]
    said, _ = judged(d, S, D, *named)
    at = "at b = 1, as the document's definition of a^{(3)}_1 fixes"
    assert said[2:] == [(3, "correct", at), (4, "correct", at)]


def test_a_hidden_unit_in_closed_form_is_bound_and_read_by_later_lines(d):
    h = r"$$H = s\left(Iw_1+1\right)$$"
    o = r"$$O = s(s(Hw_2+1)w_4+s(Hw_3+1)w_5+1)$$"
    said, _ = judged(d, S, D, h, o, GRAD)
    at = "at b = 1, as the document's definitions of H and O fix"
    assert said[2:] == [(3, "correct", at), (4, "correct", at), (5, "correct", at)]
    # a later closed form putting another number where an earlier one fixed a bias
    said, _ = judged(d, S, D, h, O1.replace("Iw_1+1", "Iw_1+2"), GRAD)
    assert (4, "not checked", "O = ... puts 2 where an earlier line fixed b^{(1)}_{1} = 1") in said


def test_a_closed_form_in_names_the_network_does_not_have_says_which(d):
    # no aliases, and no quantity of 1-1-2-1 sums two inputs: I, J, w_1, w_6 stay unknown (O1 bare
    # names them all: symbolic/verify/closed_names.py)
    two_inputs = r"$$O=s\left(Iw_1+Jw_6+1\right)$$"
    report = verify_text(d, "\n".join([S, D, two_inputs, GRAD]) + "\n")
    (reason,) = [u.reason for u in report.unchecked if u.line == 3]
    assert reason.startswith("O = ... cannot be compared with the network: unknown name"), reason


def test_a_closed_form_that_is_not_the_output_is_named(d):
    swapped = O1.replace(r"w_4+s", r"w_5+s").replace(r"w_5+1", r"w_4+1")
    said, _ = judged(d, S, D, swapped, GRAD)
    assert (
        3,
        "not checked",
        "O = ... is not the network's output (nor an activation or a z of it) for any values of its biases",
    ) in said
    assert said[-1][:2] == (4, "not checked")  # O is never read as the output then


def test_the_wrong_factor_of_a_gradient_in_defined_functions_is_named(d):
    wrong = GRAD.replace(PATH1, "(d(s(Iw_1+1)w_2+1) d(Iw_1+1) I)")  # the asker's missing w_4 w_2
    _, report = judged(d, S, D, O1, wrong)
    (v,) = [v for v in report.verdicts if v.status == "wrong"]
    assert v.line == 4 and v.fault is not None and v.fault.position == 2


def test_a_function_of_the_documents_own_is_substituted(d):
    own = r"$$k(u, v) = u \cdot v \cdot I$$"
    grad = GRAD.replace(PATH1, "(w_4 d(s(Iw_1+1)w_2+1) w_2 k(d(Iw_1+1), 1))")
    said, _ = judged(d, S, D, O1, own, grad)
    assert said[3][:2] == (4, "not checked") and "k(u, v), a function of the document's own" in said[3][2]
    assert said[4][:2] == (5, "correct")


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (
            [r"$$r(x) = r(x) + 1$$", r"$$\frac{\partial O}{\partial w_1} = r(I)$$"],
            5,
            "r is defined in terms of itself (r -> r)",
        ),
        (
            [r"$$p(x) = q(x)$$", r"$$q(x) = 2 p(x)$$", r"$$\frac{\partial O}{\partial w_1} = p(I)$$"],
            7,
            "is defined in terms of itself",
        ),
        (
            [r"$$k(u) = 2u$$", r"$$k(u) = 3u$$", r"$$\frac{\partial O}{\partial w_1} = k(I)$$"],
            6,
            "k is defined twice differently (lines 5 and 6)",
        ),
        ([GRAD.replace("d(Iw_1+1) I)", "d(Iw_1+1, I))", 1)], 5, "d takes 1 argument (line 2), called with 2"),
    ],
)
def test_hostile_definitions_are_named_never_a_traceback(d, lines, line, reason):
    """Each one a 'not checked' reason on its line; the rest of the document judged as before."""
    said, _ = judged(d, S, D, O1, GRAD, *lines)
    assert [s for n, s, _ in said if n <= 4] == ["correct"] * 4, said
    reasons = [r for n, s, r in said if n == line and s == "not checked"]
    assert reasons and reason in reasons[0], said


SHADOW = "σ is the network's activation: later lines read it as the network's, not as defined here"


def test_a_function_shadowing_the_activation_keeps_the_activation(d):
    r"""\sigma(x) = x^2 is a claim about the network's σ (wrong), not a new function; s defined as
    something else is the author's own and the activation's lines are still judged."""
    said, _ = judged(d, r"$$\sigma(x) = x^2$$", S, r"$$\sigma(x) = \frac{1}{1+e^{-x}}$$")
    assert said == [
        (1, "wrong", SHADOW),
        (2, "correct", "s is σ, the network's activation"),
        (3, "correct", ""),
    ]


def test_nothing_checkable_is_one_error_line_exit_2(tmp_path, capsys):
    path = tmp_path / "rec.tex"
    path.write_text(r"$$s(x) = s(x) + 1$$" + "\n" + r"$$\frac{\partial O}{\partial w_1} = s(I)$$" + "\n")
    code = main(["verify", str(path), "--net", "1-1-2-1"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("symprop: error: ") and "Traceback" not in err
    assert "s is defined in terms of itself" in err


MAZUR = (Path(__file__).resolve().parent.parent / "examples" / "mazur_point.toml").read_text(encoding="utf-8")
G = r"\frac{\partial L}{\partial W^{(2)}_{11}}"


def test_a_factor_in_tex_scientific_form_is_one_number():
    d = derive(network("2-2-2"))
    point = read_point(MAZUR, d)
    right = verify_text(
        d, f"$${G} = 0.741365 \\cdot 1.86816\\times10^{{-1}} \\cdot 0.593270$$\n", point=point
    )
    assert [n.correct for n in right.numbers] == [True]
    report = verify_text(
        d, f"$${G} = 0.741365 \\cdot 1.96816\\times10^{{-1}} \\cdot 0.593270$$\n", point=point
    )
    (wrong,) = report.numbers
    assert not wrong.correct and [f.position for f in wrong.faults] == [2]
    out = render_text(report, "x.tex")
    assert "factor 2 (∂a⁽²⁾₁/∂z⁽²⁾₁): wrote 0.196816, should be 0.1868156" in out, out
    # 2 \times w stays a product of two factors
    (stmt,) = scan_document(r"$$y = 2 \times w \cdot 3\times10^{2}$$")[0]
    assert [str(f) for f in stmt.sides[0].factors] == ["2", "w", "300"]


def test_the_definition_pre_pass_is_linear_on_hostile_text():
    """Long runs of line starts, spaces and half heads: found in well under a second each (a
    pattern trying every line start against the whitespace after it would take hours)."""
    import time

    from symbolic.latex.functions_defined import defined_heads

    for text in [
        "\n" * 400_000,
        "$" + " " * 400_000,
        "s(x)" + " " * 400_000 + "y",
        "&" * 400_000,
        "$s(x" + ", x" * 100_000,
    ]:
        start = time.process_time()
        assert defined_heads(text) == frozenset()
        assert time.process_time() - start < 5
    assert defined_heads(r"\begin{align} q(x) &= 2x \\ r(u, v) &= u \end{align} $$f(x) = 1$$") == {"q", "r"}
