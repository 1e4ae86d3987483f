r"""One output's weights as a transposed column vector beside a capital weight matrix (found on a
probe in notation of our own, not from the corpus): `z^{(2)} = \mathbf{w}^{(2)\top} \mathbf{h} +
b^{(2)}` after `z^{(1)} = W^{(1)} x` was judged "a transpose where none belongs", and the
backward line `w^{(2)} \delta^{(2)} \odot (1 - h^2)` "transpose missing": the lowercase w is the
column of the single output unit's weights (verify/transposed_weights.vector_weights).
"""

from __future__ import annotations

from verdict_lines import by_line, verify_layered

FORWARD = r"""$$\mathbf{z}^{(1)} = W^{(1)} \mathbf{x} + \mathbf{b}^{(1)}$$
$$\mathbf{h} = \tanh(\mathbf{z}^{(1)})$$
$$z^{(2)} = \mathbf{w}^{(2)\top} \mathbf{h} + b^{(2)}$$
"""
BACKWARD = r"""$$\delta^{(2)} = z^{(2)} - y$$
$$\frac{\partial L}{\partial \mathbf{w}^{(2)}} = \delta^{(2)} \mathbf{h}$$
$$\boldsymbol{\delta}^{(1)} = \mathbf{w}^{(2)} \delta^{(2)} \odot (1 - \mathbf{h}^2)$$
"""


def _verify(text, arch="2-3-1"):
    return by_line(verify_layered(arch, text, activation="tanh", output="identity"))


def test_one_outputs_weights_read_as_a_column():
    assert _verify(FORWARD + BACKWARD) == {n: {"correct"} for n in range(1, 7)}


def test_a_planted_slip_is_still_named():
    slip = BACKWARD.replace(r"\delta^{(2)} \mathbf{h}$$", r"\delta^{(2)} \mathbf{z}^{(1)}$$")
    assert _verify(FORWARD + slip)[5] == {"wrong"}


def test_a_wider_layers_transposed_w_stays_a_misplaced_transpose():
    assert _verify(FORWARD, arch="2-3-2")[3] == {"wrong"}


def test_a_w_also_written_untransposed_is_not_a_column():
    both = FORWARD + r"$$z^{(2)} = \mathbf{w}^{(2)} \mathbf{h} + b^{(2)}$$" + "\n"
    assert _verify(both)[3] == {"wrong"}
