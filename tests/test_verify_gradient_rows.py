r"""Names a document defines as the loss's gradient by a vector, read in the orientation its own
lines give them (verify/gradient_names.py): rows in numerator layout (Clark's CS224n notes,
δ_1 = ∂J/∂θ = (ŷ - y)^T, δ_2 = δ_1 U ◦ ReLU'(z), ∂J/∂U = δ_1^T h^T), columns in denominator
layout, never judged when the document uses them both ways. Small documents of our own, other
letters and sizes than Clark's, checked both ways.
"""

import sympy as sp
from verdict_lines import verify_layered, worst_by_line

from codegen.verdict import render_text
from symbolic.verify.gradient_names import entry_by_entry
from symbolic.verify.matrix import Layout

ROWS = r"""$$u = A x + c$$
$$s = \sigma(u)$$
$$o = B s + d$$
$$p = \text{softmax}(o)$$
$$g_2 = \frac{\partial J}{\partial o} = (p - y)^T$$
$$g_1 = \frac{\partial J}{\partial u} = g_2 B \circ \sigma'(u)$$
$$\frac{\partial J}{\partial B} = g_2^T s^T$$
$$\frac{\partial J}{\partial A} = g_1^T x^T$$
$$\frac{\partial J}{\partial c} = g_1^T$$
"""
COLUMNS = r"""$$u = A x + c$$
$$s = \tanh(u)$$
$$o = B s + d$$
$$\epsilon_2 = \frac{\partial L}{\partial o} = o - y$$
$$\epsilon_1 = \frac{\partial L}{\partial u} = B^T \epsilon_2 \odot (1 - s \odot s)$$
$$\frac{\partial L}{\partial B} = \epsilon_2 s^T$$
$$\frac{\partial L}{\partial A} = \epsilon_1 x^T$$
"""


def _rows(text):
    return verify_layered("3-4-2", text, "sigmoid", "cce", "softmax")


def test_a_document_of_row_gradients_is_judged_in_numerator_layout():
    # line 10 writes dJ/du as a column beside the rows: a layout mixed, not checked, never wrong
    report = _rows(ROWS + r"$$\frac{\partial J}{\partial u} = (B^T g_2^T) \circ \sigma'(u)$$" + "\n")
    said = worst_by_line(report)
    assert {said[n] for n in range(1, 10)} == {"correct"}, report.unchecked
    assert said[10] == "not checked"


def test_a_document_of_column_gradients_is_judged_in_denominator_layout():
    report = verify_layered("2-3-2", COLUMNS, "tanh", "half_se", "identity")
    assert set(worst_by_line(report).values()) == {"correct"}, report.unchecked


def test_slips_in_a_row_document_are_named_at_their_factor():
    no_prime = _rows(ROWS.replace(r"g_2 B \circ \sigma'(u)", "g_2 B"))
    assert worst_by_line(no_prime)[6] == "wrong"
    fault = next(v for v in no_prime.verdicts if v.status == "wrong")
    assert fault.fault is not None and fault.fault.position == 2  # σ'(u) missing, after g_2 B
    untransposed = _rows(ROWS.replace(r"= g_1^T x^T", r"= g_1 x^T"))
    said = worst_by_line(untransposed)
    assert said[8] == "wrong" and {said[n] for n in (5, 6, 7, 9)} == {"correct"}
    assert "transpose missing: wrote g_1 xᵀ, expected g_1ᵀ xᵀ" in render_text(untransposed)


def test_a_document_using_a_name_both_ways_leaves_it_unchecked_with_the_reason():
    text = r"""$$u = A x + c$$
$$s = \sigma(u)$$
$$o = B s + d$$
$$g = \frac{\partial J}{\partial o}$$
$$\frac{\partial J}{\partial B} = g^T s^T$$
$$\frac{\partial J}{\partial d} = g$$
"""
    report = _rows(text)
    said = worst_by_line(report)
    assert said[4] == said[5] == said[6] == "not checked"
    reasons = {u.line: u.reason for u in report.unchecked}
    both = "as a row (numerator layout) on line 5 and as a column (denominator layout) on line 6"
    assert both in reasons[5]
    assert report.exit_code != 0
    alone = _rows(text.rsplit("$$\\frac", 1)[0])  # one line uses it, as a row: that settles nothing
    assert worst_by_line(alone)[5] == "not checked"
    assert "used as a row (numerator layout) on line 5 alone" in alone.unchecked[-1].reason


def test_a_row_times_a_column_entry_by_entry_only_in_a_row_document():
    row, column = sp.Matrix([[1, 2]]), sp.Matrix([3, 4])
    lay = Layout(2, (2, 2, 2), 1, False, False)
    assert entry_by_entry(lay, row, column) == (row, column)  # columns: the shapes' misfit stands
    lay.row_by = frozenset({(sp.Symbol("z"), sp.Symbol("w"))})
    assert entry_by_entry(lay, row, column) == (row, column.T)
    assert entry_by_entry(lay, column, row) == (column.T, row)
