r"""Notations met reading three published sources blind (Reed & Marks' "Neural Smithing" ch. 5, a
course's back-propagation exercise with its solutions, the same course's lecture slides): small
documents of our own in each notation, checked both ways (the true statement judged correct, a
slip wrong or at least never called correct).

- a derivative of a quantity's formula written out, `\frac{\partial w_2 a_1+b_2}{\partial w_2}`
  after `\frac{\partial z_2}{\partial w_2} =`: the chain links, no note says it does not
  (verify/chain_links.py)
- `$\hspace{1cm}\begin{eqnarray}`: layout before a block, dropped (latex/vocabulary.py)
- a product of numbers written in the written chain's order (∂z₂/∂w₂ × ∂a₂/∂z₂ × ∂L/∂a₂ =
  0.48 × 0.2379 × 0.51): each wrong number named as the factor it stands for (verify/claims.py)
- `w'_2 = w_1 - \eta ...`: the primed update of w_2 from another weight, judged (wrong), not
  refused as a prime on a name (latex/update_marks.py); a number an earlier line claimed right
  (0.2379 of a₂ rounded to 0.61) is no fault of a later product (verify/claims.py)
- Reed & Marks' `f'_k \equiv f'(a_k)`: the defining row said nothing to check, `f'_i` read as
  f'(a_i) elsewhere; without the definition `f'_k` stays unread (latex/slope_names.py)
- a name defined for every node in letters (a_i = \sum_{j<i} w_{ij} y_j) is read under the roles
  its letters had where it was defined: in a case for output nodes, the output unit's a_i, never
  the hidden unit's of the same number (a false verdict before: verify/per_index.py)
- cases by the left side's layer or node kind, `\textrm{if }\ell=L`, `\textrm{if } 0<\ell<L`,
  `\text{(for output nodes)}` (latex/layer_cases.py)
- a cost letter with the given bar, `Q(w,b|x,y)`, is a name with its arguments shown, not an
  unreadable '|' (verify/arguments.py)
- `\underset{\big\Uparrow}{X}` (and \overset, \stackrel): X, the mark dropped (latex/vocabulary.py)
"""

import pytest
from verdict_lines import verify_layered, worst_by_line

from symbolic.errors import SympropError

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


# ------------------------------------------------------------------ the exercise's layout and numbers
POINT = {"x_1": 0.05, "y": 0.01, "w_1": 0.1, "b_1": -0.1, "w_2": 0.3, "b_2": 0.3, "\\eta": 0.05}


def _at_point(arch, text):
    from symbolic.backprop import derive
    from symbolic.spec import network
    from symbolic.verify import verify_text
    from symbolic.verify.read import _tex

    d = derive(network(arch, "sigmoid", "half_se", None, "layered"))
    return verify_text(d, text, point={_tex(k, 0): v for k, v in POINT.items()})


CHAIN = (
    r"\frac{\partial L}{\partial w_2} &=& \frac{\partial z_2}{\partial w_2}\times "
    r"\frac{\partial a_2}{\partial z_2} \times \frac{\partial L}{\partial a_2}"
)


def test_hspace_before_a_block_is_layout():
    text = FORWARD + "$\\hspace{1cm}\\begin{eqnarray}\n" + CHAIN + "\n\\end{eqnarray}$\n"
    assert _said(_verify("1-1-1", text))[7] == "correct"
    slip = text.replace(r"\frac{\partial a_2}{\partial z_2}", r"\frac{\partial a_1}{\partial z_2}")
    assert _said(_verify("1-1-1", slip)).get(7) != "correct"
    starred = FORWARD + "$\\hspace*{2em}\\begin{eqnarray}\n" + CHAIN + "\n\\end{eqnarray}$\n"
    assert _said(_verify("1-1-1", starred))[7] == "correct"


def test_numbers_written_in_the_chains_own_order_are_its_factors():
    # ∂z₂/∂w₂ × ∂a₂/∂z₂ × ∂L/∂a₂ = a₁ a₂(1 - a₂)(a₂ - y): 0.4763 × 0.2381 × 0.5989, the last written 0.51
    row = (
        r"$$\frac{\partial L}{\partial w_2} = \frac{\partial z_2}{\partial w_2}"
        r" \frac{\partial a_2}{\partial z_2} \frac{\partial L}{\partial a_2}"
        r" = 0.4763 \times 0.2381 \times 0.51$$"
    )
    claims = [n for n in _at_point("1-1-1", FORWARD + row + "\n").numbers if not n.correct]
    faults = [f for n in claims for f in n.faults]
    assert [(f.position, round(f.true, 3)) for f in faults] == [(3, 0.599)]


def test_a_primed_update_from_another_weight_is_judged():
    text = FORWARD + "$$w'_2 = w_1 - \\eta \\frac{\\partial L}{\\partial w_2}$$\n"
    assert _said(_verify("1-1-1", text))[6] == "wrong"
    text = FORWARD + "$$w'_2 = w_2 - \\eta \\frac{\\partial L}{\\partial w_2}$$\n"
    assert _said(_verify("1-1-1", text))[6] == "correct"


# ------------------------------------------------------------------ Reed & Marks' f'_k
def test_a_slope_shorthand_the_document_defines_is_read():
    text = "\\[ \\sigma'_k \\equiv \\sigma'(z_k) \\]\n\\[ \\delta_k = (y_k - t_k) \\sigma'_k \\]\n"
    report = _verify("2-2", text, targets="t")
    assert _said(report) == {1: "not checked", 2: "correct"}
    assert "shorthand: nothing to check" in report.unchecked[0].reason
    slip = text.replace("(y_k - t_k)", "(t_k - y_k)")
    assert _said(_verify("2-2", slip, targets="t"))[2] == "wrong"
    braced = "\\[ f'_k = f'(z_k) \\]\n\\[ \\delta_k = (y_k - t_k) f'_{k} \\]\n"
    assert _said(_verify("2-2", braced, targets="t"))[2] == "correct"


def test_a_slope_subscript_without_its_definition_stays_unread():
    with pytest.raises(SympropError, match="needs an argument"):
        _verify("2-2", "\\[ \\delta_k = (y_k - t_k) \\sigma'_k \\]\n", targets="t")


# a name defined for every node (Reed & Marks' a_i = \sum_{j<i} w_{ij} y_j, no layer) read in a
# case for output nodes: the output unit's own a_i, never the hidden unit's of the same number
NODES = (
    "\\[ a_i = \\sum_{j<i} w_{ij} y_j \\]\n\\[ f'_k \\equiv f'(a_k) \\]\n"
    r"\[ \delta_i = \begin{cases} - (d_{i} - y_{i}) * f'_i & \text{(for output nodes)} \\ "
    r"f'_i * \sum_k \left[ w_{ki} \delta_k \right] & \text{(for hidden nodes)} \end{cases} \]"
    "\n"
)


def test_a_name_defined_per_index_is_read_under_its_own_roles():
    report = _verify("2-3-2", NODES, targets="d")
    assert _said(report)[3] == "correct"
    assert {v.status for v in report.verdicts if v.line == 3} == {"correct"}
    slip = NODES.replace("- (d_{i} - y_{i}) * f'_i &", "- (d_{i} - y_{i}) &")  # the slope dropped
    assert _said(_verify("2-3-2", slip, targets="d"))[3] == "wrong"


# Sennblad's slides: a case by the layer of the left side's unit
LAYERS = (
    r"\[ \delta_i^{(\ell)} = \begin{cases} \sigma'(z_i^{(\ell)}) (a_i^{(\ell)} - y_i) & \textrm{if } \ell = L"
    r" \\ \sigma'(z_i^{(\ell)}) \sum_k w_{ki}^{(\ell+1)} \delta_k^{(\ell+1)} & \textrm{if } 0 < \ell < L"
    r" \end{cases} \]"
    "\n"
)


def test_a_case_by_the_layer_of_the_units_is_read():
    report = _verify("2-3-2", LAYERS)
    assert {(v.status, v.instance) for v in report.verdicts} >= {
        ("correct", "i=1, l=3"),
        ("correct", "i=1, l=2"),
    }
    slip = LAYERS.replace(r"\sigma'(z_i^{(\ell)}) (a_i^{(\ell)} - y_i)", r"(a_i^{(\ell)} - y_i)")
    assert ("wrong", "i=1, l=3") in {(v.status, v.instance) for v in _verify("2-3-2", slip).verdicts}


def test_a_cost_letter_with_the_given_bar_is_a_name():
    # Q(w,b|x,y): the quadratic cost of the weights given the example (Sennblad); E(w|x) was read
    text = r"$$Q(w,b|x,y) = \sum_i\frac{1}{2} \left( y_i-a_i^{(L)}\right) ^2$$" + "\n"
    with pytest.raises(SympropError, match="unknown name Q"):  # not '|', an unexpected character
        _verify("2-3-2", text)


def test_a_mark_set_under_a_factor_is_dropped():
    # Sennblad marks the slope with \underset{\big\Uparrow}{...}: the factor is read, the arrow not
    row = r"\[ \delta_1^{(3)} = \underset{\big\Uparrow}{\sigma'(z_1^{(3)})} \times (a_1^{(3)} - y_1) \]"
    row += "\n"
    assert _said(_verify("2-3-2", row)) == {1: "correct"}
    slip = row.replace(r"\times (a_1^{(3)} - y_1)", r"\times (y_1 - a_1^{(3)})")
    assert _said(_verify("2-3-2", slip)) == {1: "wrong"}


def test_a_primed_update_with_letters_the_other_way_stays_unread():
    # w'_{kj} = w_{jk} + ...: perhaps one weight named both ways round: never judged wrong
    with pytest.raises(SympropError, match="prime on the name w"):
        _verify("2-2", r"$$w'_{kj} = w_{jk} + \eta \delta_k y_j$$" + "\n")


def test_a_number_claimed_right_before_is_no_fault_of_a_later_product():
    # 0.2379 = 0.61 (1 - 0.61), a₂ = 0.6089 rounded to 0.61: right where claimed, so no fault in
    # 0.48 × 0.2379 × 0.51 (true 0.2381 to four digits); 0.51 (true 0.599) is the one named
    first = r"$$\frac{\partial a_2}{\partial z_2} = 0.61\times(1-0.61) = 0.2379$$" + "\n"
    row = (
        r"$$\frac{\partial L}{\partial w_2} = \frac{\partial z_2}{\partial w_2}"
        r" \frac{\partial a_2}{\partial z_2} \frac{\partial L}{\partial a_2}"
        r" = 0.48 \times 0.2379 \times 0.51$$"
    )
    numbers = _at_point("1-1-1", FORWARD + first + row + "\n").numbers
    assert all(n.correct for n in numbers if n.claim.line == 6)
    faults = [f for n in numbers if n.claim.line == 7 for f in n.faults]
    assert [(f.position, round(f.true, 3)) for f in faults] == [(3, 0.599)]
