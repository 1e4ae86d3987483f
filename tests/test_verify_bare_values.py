"""A function letter that names a value: `f(1 - f)` with f the output is the product f·(1 - f)
(symbolic/verify/bare_functions.self_products), in the notation of Nilsson's notes."""

from __future__ import annotations

from tests.verdict_lines import factors_by_line, verify_layered

DOC = r"""
\[ \varepsilon = (d - f)^2 \]
\[ f = \frac{1}{1 + e^{-s}} \]
\[ \frac{\partial \varepsilon}{\partial s} = -2(d - f) f (1 - f) \]
\[ \frac{\partial \varepsilon}{\partial w} = -2(d - f) f(1 - f) x \]
"""


def _check(text):
    r = verify_layered("1-1", text, loss="(out - y)**2", targets="d")
    return factors_by_line(r)


def test_value_name_times_its_complement_is_a_product():
    got = _check(DOC.replace(r"\frac{\partial \varepsilon}{\partial w} = -2(d - f) f(1 - f) x", ""))
    assert got[4] == {("correct", None)}


def test_a_slip_inside_the_product_is_named():
    got = _check(DOC.replace("f (1 - f)", "f (1 + f)"))
    assert got[4] == {("wrong", 3)}


def test_a_call_whose_argument_lacks_the_name_stays_a_call():
    # f(s) is the function at s: the product reading is only for an argument holding f itself
    text = DOC + r"\[ \frac{\partial \varepsilon}{\partial s} = -2(d - f(s)) f(s) (1 - f(s)) \]" + "\n"
    got = _check(text)
    assert got[6] == {("correct", None)}
