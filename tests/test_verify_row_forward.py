r"""A forward pass in the row-vector convention with subscript layers (found on a probe in notation
of our own, not from the corpus): `\mathbf{z}_1 = \mathbf{x} W_1 + \mathbf{b}_1` and
`\mathbf{h} = \sigma(\mathbf{x} W_1 + \mathbf{b}_1)`, `\hat{\mathbf{y}} = \mathbf{h} W_2 +
\mathbf{b}_2` left every name unknown (only W_1 x, the matrix first, bound the letters:
latex/forward_letters.py), two definitions on one align row (`..., & \mathbf{h} &= ...`) were
one row, and an output defined with its net input unnamed gave no vote for rows
(verify/matrix_orientation.py).
"""

from __future__ import annotations

from verdict_lines import by_line, verify_layered

FUSED = r"""\begin{align*}
\mathbf{h} &= \sigma(\mathbf{x} W_1 + \mathbf{b}_1) \\
\hat{\mathbf{y}} &= \mathbf{h} W_2 + \mathbf{b}_2 \\
\frac{\partial L}{\partial W_2} &= \mathbf{h}^\top (\hat{\mathbf{y}} - \mathbf{y})
\end{align*}
"""
PAIRED = r"""\begin{align*}
\mathbf{z}_1 &= \mathbf{x} W_1 + \mathbf{b}_1, & \mathbf{h} &= \sigma(\mathbf{z}_1) \\
\mathbf{z}_2 &= \mathbf{h} W_2 + \mathbf{b}_2, & \hat{\mathbf{y}} &= \mathbf{z}_2 \\
\frac{\partial L}{\partial z_1} &= (\hat{y} - y) W_2^\top \odot \mathbf{h} \odot (1 - \mathbf{h})
\end{align*}
"""


def _verify(text):
    return by_line(verify_layered("2-3-2", text, output="identity"))


def test_rows_bound_by_structure_and_judged_as_rows():
    assert _verify(FUSED) == {2: {"correct"}, 3: {"correct"}, 4: {"correct"}}


def test_two_definitions_on_one_align_row():
    assert _verify(PAIRED) == {2: {"correct"}, 3: {"correct"}, 4: {"correct"}}


def test_a_planted_slip_is_named():
    slip = PAIRED.replace(r"\odot \mathbf{h} \odot (1 - \mathbf{h})", r"\odot \mathbf{h}")
    assert _verify(slip)[4] == {"wrong"}
    slip = FUSED.replace(r"\mathbf{h}^\top (", r"\mathbf{x}^\top (")
    assert _verify(slip)[4] == {"wrong"}
