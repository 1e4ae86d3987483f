r"""Notations met reading three published sources blind (a study note on Aggarwal's path sums,
MIT 6.034's backpropagation handout, Srihari's slides): small documents of our own in each
notation, checked both ways (the true statement judged correct, a slip wrong or at least never
called correct).

- TeX's primitive fraction `{a \over b}` (Markdown notes, MathJax): latex/over_fractions.py
"""

from verdict_lines import verify_layered, worst_by_line

_verify, _said = verify_layered, worst_by_line

OVER = r"""
$$ E = {1 \over 2} (a_1^{(2)} - y)^2 $$
$$ { {\partial E} \over {\partial w_{11}^{(2)}}} = {{\partial E} \over {\partial a_1^{(2)}}}
 {{\partial a_1^{(2)}} \over {\partial z_1^{(2)}}} a_1^{(1)} $$
$$ {{\partial a_1^{(2)}} \over {\partial z_1^{(2)}}} = a_1^{(2)} (1 - a_1^{(2)}) $$
$$ a_1^{(2)} = {1 \over {1 + e^{-z_1^{(2)}}}} $$
"""


def test_tex_over_fractions_are_read_as_frac():
    assert _said(_verify("2-2-1", OVER)) == {2: "correct", 3: "correct", 5: "correct", 6: "correct"}
    slip = OVER.replace("z_1^{(2)}}} a_1^{(1)} $$", "z_1^{(2)}}} a_1^{(2)} $$")
    assert slip != OVER
    assert _said(_verify("2-2-1", slip))[3] == "wrong"
    upside = OVER.replace("{1 \\over {1 + e^{-z_1^{(2)}}}}", "{{1 + e^{-z_1^{(2)}}} \\over 1}")
    assert upside != OVER
    assert _said(_verify("2-2-1", upside))[6] != "correct"


def test_nested_over_is_innermost_first_and_a_bare_over_is_not_read():
    nested = "$$ E = { {1 \\over 2} \\over 2} (a_1^{(2)} - y)^2 $$\n$$ E = a \\over b $$\n"
    said = _said(_verify("2-2-1", nested))
    assert said[1] == "wrong"  # (1/2)/2: a quarter, not the half
    assert said[2] == "not checked"
