r"""A generic letter a document keeps for one layer (Bishop's h for the hidden units beside σ
named at the output) means that layer's activation wherever it is written: y_k = h(a_k) is the
hidden rule at the output, a slip (symbolic/verify/name_calls.letter_layers). A letter used for
every layer, with no activation named beside it, stays each layer's own."""

from __future__ import annotations

from tests.verdict_lines import by_line, verify_layered

DOC = r"""
\[ a_j = \sum_{i} w_{ji}^{(1)} x_i + b_j^{(1)} \]
\[ z_j = h(a_j) \]
\[ a_k = \sum_{j} w_{kj}^{(2)} z_j + b_k^{(2)} \]
\[ y_k = \sigma(a_k) \]
\[ y_k = \sigma\left( \sum_{j} w_{kj}^{(2)} h\left( \sum_{i} w_{ji}^{(1)} x_i + b_j^{(1)} \right)
  + b_k^{(2)} \right) \]
"""


def _said(text: str) -> dict:
    return by_line(verify_layered("3-3-2", text, activation="tanh", output="sigmoid", targets="t"))


def test_the_documents_letters_are_right_as_written():
    said = _said(DOC)
    # lines 2 and 4: a sum over i with no bounds beside its own b_j^{(1)} holds no bias input
    # (a double bias, called wrong, before lone_bias.written_bias read a layered b)
    assert all(said[line] == {"correct"} for line in (2, 3, 4, 5, 6)), said


def test_the_hidden_letter_at_the_output_is_a_slip():
    said = _said(DOC.replace(r"y_k = \sigma(a_k)", r"y_k = h(a_k)"))
    assert said[5] == {"wrong"}, said


def test_one_letter_for_every_layer_is_each_layers_own():
    # no activation named anywhere: g is the activation of its argument's layer
    text = (
        DOC.replace("h(", "g(")
        .replace(r"y_k = \sigma(a_k)", r"y_k = g(a_k)")
        .replace(r"\sigma\left(", r"g\left(")
    )
    said = _said(text)
    assert said[5] == {"correct"} and said[6] == {"correct"}, said
