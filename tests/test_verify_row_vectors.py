r"""Row-vector notation (Jihwan Jeong's): u^l = h^{l-1} W^l + b^l with W^l input-by-output, u the
net input and h the output, learned from the sum inside a derivative (verify/layer_letters.py),
W_{ij}^L with the last layer L as a superscript letter, (h^{L-1})^\top [ ... ] and
\delta^{l+1} (W^{l+1})^\top read as rows when only rows fit (verify/matrix_entries.py). Written
here on networks other than the corpus's 2-3-2, each slip named at its factor."""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

DOC = "\n".join(
    [
        r"$$u_j^l = \sum_i h_i^{l-1} W_{ij}^l + b_j^l$$",
        r"$$\frac{\partial u_j^L}{\partial W_{ij}^L} = \frac{\partial (\sum_k h_k^{L-1} W_{kj}^L + b_j^L)}"
        r"{\partial W_{ij}^L} = h_i^{L-1}$$",
        r"$$\frac{\partial E}{\partial W_{ij}^L} = \frac{\partial E}{\partial h_j^L}"
        r" \frac{\partial h_j^L}{\partial u_j^L} h_i^{L-1}$$",
        r"$$\delta_j^l = \frac{\partial E}{\partial u_j^l}$$",
        r"$$\frac{\partial E}{\partial W^L} = (h^{L-1})^\top \bigg[\frac{\partial E}{\partial h^L}"
        r"\odot \phi'(u^L)\bigg]$$",
        r"$$\delta^l = [\delta^{l+1}(W^{l+1})^\top] \odot \phi'(u^l)$$",
        r"$$\frac{\partial E}{\partial W^l} = (h^{l-1})^\top \delta^l$$",
    ]
)


def said(text: str, net: str) -> dict[int, set]:
    """line -> the set of (status, factor) its verdicts say; 'not checked' for an unchecked line."""
    r = verify_text(derive(network(net, "sigmoid", loss_text="half_se")), text)
    out: dict[int, set] = {}
    for v in r.verdicts:
        out.setdefault(v.line, set()).add((v.status, v.fault.position if v.fault else None))
    for u in r.unchecked:
        out.setdefault(u.line, set()).add(("not checked", None))
    return out


@pytest.mark.parametrize("net", ["3-4-2", "2-2-2-1"])
def test_every_line_in_row_vectors_is_read_and_right(net):
    assert said(DOC, net) == {line: {("correct", None)} for line in range(1, 8)}


def test_du_dw_with_the_output_unit_where_the_input_unit_belongs_is_named():
    out = said(DOC.replace(r"\partial u_j^L} h_i^{L-1}", r"\partial u_j^L} h_j^{L-1}"), "3-4-2")
    assert ("wrong", 3) in out[3] and out[3] <= {("wrong", 3), ("correct", None)}  # right for i = j


def test_phi_where_phi_prime_belongs_in_the_row_gradient_is_named():
    out = said(DOC.replace(r"\odot \phi'(u^L)", r"\odot \phi(u^L)"), "3-4-2")
    assert out[5] == {("wrong", 2)}  # (h^{L-1})^T [...]: the bracket, factor 2


def test_the_delta_without_its_transpose_is_wrong_in_rows_and_in_columns():
    out = said(DOC.replace(r"[\delta^{l+1}(W^{l+1})^\top]", r"[\delta^{l+1}W^{l+1}]"), "3-4-2")
    assert {s for s, _ in out[6]} == {"wrong"}


ASIDE = (
    DOC.splitlines()[0]
    + "\n"
    + r"$$\frac{\partial E}{\partial W_{ij}^L} = \frac{\partial E}{\partial u_j^L} h_i^{L-1}\qquad"
    r"(\text{where}\quad \frac{\partial E}{\partial u_j^L} = \frac{\partial E}{\partial h_j^L}"
    r" \cdot \frac{\partial h_j^L}{\partial u_j^L})$$"
)


def test_a_parenthesised_where_aside_is_a_statement_of_its_own():
    r = verify_text(derive(network("2-2-2-1", "sigmoid", loss_text="half_se")), ASIDE)
    cols = {(v.line, v.col, v.status) for v in r.verdicts if v.line == 2}
    assert len({c for _, c, _ in cols}) == 2 and {s for *_, s in cols} == {"correct"}
    slipped = ASIDE.replace(r"\cdot \frac{\partial h_j^L}{\partial u_j^L})", r"\cdot h_j^L)")
    r = verify_text(derive(network("2-2-2-1", "sigmoid", loss_text="half_se")), slipped)
    aside = [v for v in r.verdicts if v.line == 2 and v.col > 60]
    assert aside and {v.status for v in aside} == {"wrong"} and aside[0].fault.position == 2
