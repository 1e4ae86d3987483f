"""A vector times ∂(vector)/∂(matrix) in a chain's middle step (Sudeep Raja's matrix-form
shorthand, (x_2 - t) ∂x_2/∂W_2) is read as the contraction Σ_k v_k ∂u_k/∂M_ij and judged: a slip
there is named, where the side was set apart and the statement called correct on its last side.
A derivation of our own in that notation, a 3-4-2 network without biases."""

from __future__ import annotations

import pytest
from verdict_lines import by_line, verify_layered

DOC = r"""$$x_1 = f_1(W_1x_0)$$
$$x_2 = f_2(W_2x_1)$$
$$E=\frac{1}{2}\|x_2-t\|_2^2$$
$$\begin{align*}
\frac{\partial E}{\partial W_2} &= (x_2-t)\frac{\partial x_2}{\partial W_2} \\
&=[(x_2-t)\circ f_2'(W_2x_1)]\frac{\partial W_2x_1}{\partial W_2}\\
&=[(x_2-t)\circ f_2'(W_2x_1)]x_1^T
\end{align*}$$
$$\begin{align*}
\frac{\partial E}{\partial W_1} &= (x_2-t)\frac{\partial x_2}{\partial W_1} \\
&=W_2^T[(x_2-t)\circ f_2'(W_2x_1)]\frac{\partial x_1}{\partial W_1}\\
&=[W_2^T[(x_2-t)\circ f_2'(W_2x_1)] \circ f_1'(W_1x_0)]x_0^T
\end{align*}$$
"""


def test_every_side_of_the_shorthand_chain_is_judged():
    report = verify_layered("3-4-2", DOC)
    assert by_line(report) == {
        1: {"correct"},
        2: {"correct"},
        3: {"correct"},
        5: {"correct"},
        10: {"correct"},
    }
    labels = [v.label for v in report.verdicts if v.line in (5, 10)]
    assert labels and not any("set apart" in x for x in labels), labels
    assert report.exit_code == 0


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (r"&= (x_2-t)\frac{\partial x_2}{\partial W_2}", r"&= (x_2+t)\frac{\partial x_2}{\partial W_2}", 5),
        (
            r"[(x_2-t)\circ f_2'(W_2x_1)]\frac{\partial W_2x_1}",
            r"[(x_2-t)\circ f_2(W_2x_1)]\frac{\partial W_2x_1}",
            5,
        ),
        (
            r"W_2^T[(x_2-t)\circ f_2'(W_2x_1)]\frac{\partial x_1}",
            r"W_2^T[(x_2-t)\circ f_2(W_2x_1)]\frac{\partial x_1}",
            10,
        ),
    ],
)
def test_a_slip_in_a_middle_step_is_named_wrong(old, new, line):
    assert old in DOC
    report = verify_layered("3-4-2", DOC.replace(old, new, 1))
    said = by_line(report)
    assert said[line] == {"wrong"}, said
    assert all(s == {"correct"} for k, s in said.items() if k != line), said
    assert report.exit_code == 1
