r"""Notations met reading three published sources blind (Reed & Marks' "Neural Smithing" ch. 5, a
course's back-propagation exercise with its solutions, the same course's lecture slides): small
documents of our own in each notation, checked both ways (the true statement judged correct, a
slip wrong or at least never called correct).

- a derivative of a quantity's formula written out, `\frac{\partial w_2 a_1+b_2}{\partial w_2}`
  after `\frac{\partial z_2}{\partial w_2} =`: the chain links, no note says it does not
  (verify/chain_links.py)
"""

from verdict_lines import verify_layered, worst_by_line

_verify, _said = verify_layered, worst_by_line

# the exercise's two-neuron net: z_1 = w_1 i_1 + b_1, a_1 = σ(z_1), z_2 = w_2 a_1 + b_2, a_2 = σ(z_2)
FORWARD = r"""
$$z_1 = w_1 x_1 + b_1$$
$$a_1 = \sigma(z_1)$$
$$z_2 = w_2 a_1 + b_2$$
$$a_2 = \sigma(z_2)$$
"""


def _doc(*rows):
    return FORWARD + "".join(f"$${r}$$\n" for r in rows)


def _notes(report, line):
    return [n for v in report.verdicts if v.line == line for n in v.notes]


def test_a_derivative_of_the_quantitys_own_formula_links():
    report = _verify(
        "1-1-1",
        _doc(
            r"\frac{\partial z_2}{\partial w_2} = \frac{\partial (w_2 a_1 + b_2)}{\partial w_2} = a_1",
            r"\frac{\partial z_2}{\partial a_1} = \frac{\partial (w_2 a_1 + b_2)}{\partial a_1} = w_2",
        ),
    )
    said = _said(report)
    assert said[6] == "correct" and said[7] == "correct"
    assert _notes(report, 6) == [] and _notes(report, 7) == []


def test_a_formula_with_another_units_bias_is_still_noted():
    # b_1 where z_2's own b_2 belongs: the value (w_2) is right, the chain's step is not z_2
    text = _doc(r"\frac{\partial z_2}{\partial a_1} = \frac{\partial (w_2 a_1 + b_1)}{\partial a_1} = w_2")
    report = _verify("1-1-1", text)
    assert _said(report)[6] == "correct"
    assert len(_notes(report, 6)) == 1
