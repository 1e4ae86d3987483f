r"""Notations met reading three classic-textbook sources blind (course notes on Duda, Hart & Stork
sec. 6.3, Italian notes on Rojas ch. 7, a Spanish lecture's generated formulas): small documents
of my own in each notation, other letters and sizes, checked both ways (the true statement judged
correct, a slip wrong or at least never called correct).

- a bare e the document defines (e = y - \hat{y}) is a name, not Euler's number: latex/error_letter.py
"""

from symbolic.backprop import derive
from symbolic.latex.error_letter import defines_e
from symbolic.spec import network
from symbolic.verify import verify_text


def _verify(arch, text, activation="sigmoid", loss="half_se", output=None, **conventions):
    d = derive(network(arch, activation, loss, output, "layered"))
    return verify_text(d, text, conventions=conventions or None)


def _said(report) -> dict[int, str]:
    said = {u.line: "not checked" for u in report.unchecked}
    for v in report.verdicts:
        said[v.line] = "wrong" if v.status == "wrong" or said.get(v.line) == "wrong" else v.status
    return said


def test_a_defined_bare_e_is_a_name_and_euler_stays_elsewhere():
    assert defines_e(r"\[ e = y - \hat{y} \]")
    assert defines_e(r"\begin{align} e &= d - y \end{align}")
    assert not defines_e(r"$e_j = d_j - y_j$")  # subscripted: a name anyway
    assert not defines_e(r"\[ \sigma(x) = \frac{1}{1+e^{-x}} \]")  # Euler's number
    assert not defines_e(r"\[ e = y - \hat{y} \] \[ \sigma(v) = \frac{1}{1+e^{-v}} \]")  # both: Euler stays
    assert not defines_e(r"where e = 3 and $x = 1$")  # in prose, not a formula's start


# one sigmoid output on three hidden units, the error named e (the lecture's letters, other sizes)
ERROR_E = r"""
\[ e = y - \hat{y} \]
\[ \frac{\partial E}{\partial \hat{y}} = -e \]
"""


def test_the_error_e_is_read_as_defined_not_as_eulers_number():
    said = _said(_verify("2-3-1", ERROR_E))
    assert said[2] == "not checked"  # the definition of a name of the document's own
    assert said[3] == "correct"  # dE/dŷ = -(y - ŷ) for E = (y - ŷ)^2 / 2
    slip = _said(_verify("2-3-1", ERROR_E.replace("= -e", "= e")))
    assert slip[3] == "wrong"
