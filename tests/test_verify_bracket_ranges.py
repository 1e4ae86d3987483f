"""Higham & Higham's notation (SIAM Review 2019, sec. 5), read on documents of our own in other
sizes: square-bracketed layers counted from the input as 1 when the document writes a^{[1]} = x
(verify/zero_origin.counts_from_one), and the range a statement holds for written as inequalities
after it, `\\text{for } 2 \\le l \\le L-1` (latex/index_ranges.py).

Before: a^{[1]} = x was called wrong (the brackets were counted from 0, Ng's a^{[0]} = x, so a^{[1]}
was the hidden layer), and every statement closed by such a range was not read ("unexpected ,").
"""

from __future__ import annotations

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

FROM_ONE = r"$$a^{[1]} = x$$" + "\n"


def _said(net: str, text: str) -> tuple[list[str], list[str], str]:
    report = verify_text(derive(network(net)), text + "\n")
    return [v.status for v in report.verdicts], [u.reason for u in report.unchecked], render_text(report)


def test_the_input_written_as_layer_one_counts_the_brackets_from_one():
    # 3-2-1: layer 1 the input, [2] the hidden layer, [3] = L the output
    right = r"$$\frac{\partial C}{\partial w^{[3]}_{11}} = \delta^{[3]}_1 a^{[2]}_1$$"
    statuses, _, text = _said("3-2-1", FROM_ONE + right)
    assert statuses == ["correct", "correct"], text
    slip = r"$$\frac{\partial C}{\partial w^{[3]}_{11}} = \delta^{[3]}_1 a^{[1]}_1$$"
    statuses, _, text = _said("3-2-1", FROM_ONE + slip)
    assert statuses == ["correct", "wrong"], text


def test_without_the_input_row_the_brackets_count_from_zero_as_before():
    # Ng's counting: [1] the hidden layer, [2] the output; layer [3] does not exist
    statuses, _, text = _said("3-2-1", r"$$a^{[2]} = \sigma(W^{[2]} a^{[1]} + b^{[2]})$$")
    assert statuses == ["correct"], text
    statuses, _, text = _said("3-2-1", FROM_ONE + r"$$a^{[2]} = \sigma(W^{[2]} a^{[1]} + b^{[2]})$$")
    assert statuses == ["correct", "correct"], text  # layer 2 is now the hidden layer, fed by x


def test_a_range_in_inequalities_keeps_a_scalar_statement_to_its_layers():
    # the output layer's error, true only at l = L = 3: the range keeps it there
    out = r"\delta^{[l]}_j = (a^{[l]}_j - y_j) \sigma'(z^{[l]}_j)"
    statuses, _, text = _said("2-2-2", FROM_ONE + rf"$${out}, \quad \text{{for }} 3 \le l \le L$$")
    assert statuses[1:] == ["correct", "correct"], text  # j = 1, 2 at l = 3 only
    assert "l=2" not in text, text
    statuses, _, text = _said("2-2-2", FROM_ONE + rf"$${out}, \quad \text{{for }} 2 \le l \le L$$")
    assert "wrong" in statuses, text  # the hidden layer is in this range, and the formula is not its


def test_a_range_keeps_a_vector_statement_to_its_layers():
    hidden = r"\delta^{[l]} = \sigma'(z^{[l]}) \circ (W^{[l+1]})^T \delta^{[l+1]}"
    both = rf"$${hidden}, \quad \text{{for }} 2 \le l \le L-1$$"
    statuses, _, text = _said("2-3-3-1", FROM_ONE + both)
    assert statuses[1:] == ["correct", "correct"], text  # l = 2 and 3, not the output 4
    slip = both.replace(r"\sigma'(z^{[l]})", r"\sigma'(z^{[l+1]})")
    statuses, _, text = _said("2-3-3-1", FROM_ONE + slip)
    assert "wrong" in statuses, text


def test_a_unit_range_over_the_whole_layer_adds_nothing_and_an_unplaced_one_stays_refused():
    define = r"\delta^{[l]}_j = \frac{\partial C}{\partial z^{[l]}_j}"
    statuses, _, text = _said("2-2-1", FROM_ONE + rf"$${define}, \quad \text{{for }} 1 \le j \le n_l$$")
    assert statuses[1:] and set(statuses[1:]) == {"correct"}, text
    statuses, reasons, text = _said("2-2-1", FROM_ONE + rf"$${define}, \quad \text{{for }} 1 \le j \le m$$")
    assert statuses == ["correct"] and reasons, text  # m is no layer's size: not read, not guessed


def test_independently_of_an_index_the_statement_writes_is_a_quantifier():
    row = r"$$\frac{\partial z^{[l]}_j}{\partial w^{[l]}_{jk}} = a^{[l-1]}_k, \quad"
    row += r" \text{independently of } j,$$"
    statuses, _, text = _said("2-2-1", FROM_ONE + row)
    assert statuses[1:] and set(statuses[1:]) == {"correct"}, text
