"""An unlayered o_i beside layered names, in a document that writes o in every layer but the input
(symbolic/verify/said_layers.py; Rojas, ch. 7, as Italian notes give it): o_i is the input. On
2-2-2, sigmoid, half squared error, target t, weights input-by-output; truths by hand:
dE/dw^{(1)}_{ij} = x_i δ^{(1)}_j, dE/dw^{(2)}_{ij} = o^{(1)}_i δ^{(2)}_j."""

from verdict_lines import factors_by_line, verify_layered

_ROJAS = [
    r"\frac{\partial E}{\partial w_{ij}} = o_i \cdot \delta_j",  # the general rule, every layer
    r"\delta_j^{(2)} = o_j^{(2)} (1 - o_j^{(2)}) (o_j^{(2)} - t_j)",
    r"\frac{\partial E}{\partial w_{ij}^{(2)}} = o_i^{(1)} \delta_j^{(2)}",
    r"\delta_j^{(1)} = o_j^{(1)} (1 - o_j^{(1)}) \sum_{q=1}^m w_{jq}^{(2)} \delta_q^{(2)}",
    r"\frac{\partial E}{\partial w_{ij}^{(1)}} = o_i \delta_j^{(1)}",
]


def _said(lines: list[str]) -> dict[int, set]:
    text = "".join(f"$${x}$$\n" for x in lines)
    return factors_by_line(verify_layered("2-2-2", text, targets="t", weights="input-by-output"))


def test_o_i_beside_the_first_layers_names_is_the_input():
    assert _said(_ROJAS)[5] == {("correct", None)}


def test_o_i_where_the_hidden_output_belongs_is_named():
    slip = [*_ROJAS[:2], r"\frac{\partial E}{\partial w_{ij}^{(2)}} = o_i \delta_j^{(2)}", *_ROJAS[3:]]
    assert _said(slip)[3] == {("wrong", 1)}


def test_a_document_that_leaves_two_layers_unwritten_settles_nothing():
    """No o^{(2)} written: o_i may be the input or the output, so it is not read as either."""
    lines = [
        _ROJAS[0],
        r"\delta_j^{(1)} = o_j^{(1)} (1 - o_j^{(1)}) \sum_{q=1}^m w_{jq}^{(2)} \delta_q^{(2)}",
        r"\frac{\partial E}{\partial w_{ij}^{(2)}} = o_i \delta_j^{(2)}",
    ]
    assert _said(lines)[3] == {("not checked", None)}
