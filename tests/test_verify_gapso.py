"""Softmax regression as Kyle Lo writes it, on networks of one weight layer: a bare \\phi (\\phi_k)
is the output when the document applies \\phi to the layer's net input (verify/value_letters.py),
a row of entries 1..K around \\dots is judged entry-wise, `\\sum_{k \\neq 1}` leaves unit 1 out
(latex/index_sums.py), and 1/\\phi of a vector is taken entry by entry.
"""

from __future__ import annotations

from functools import cache

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

LOSS = r"$$\mathcal{L}(w) = -y^T \log \phi(w^T x)$$"
BY_PHI = r"\frac{\partial \mathcal{L}}{\partial \phi}"
CHAIN = r"\frac{\partial \mathcal{L}}{\partial \phi} \frac{\partial \phi}{\partial z}"
SKIP = (
    r"\begin{pmatrix} - y_1 (1-\phi_1) + \sum_{k \neq 1} y_k \phi_1 & \dots & "
    r"- y_K (1-\phi_K) + \sum_{k \neq K} y_k \phi_K \end{pmatrix}"
)
ALL = (
    r"\begin{pmatrix} - y_1 + \phi_1 \sum_{k=1}^K y_k & \dots & "
    r"- y_K + \phi_K \sum_{k=1}^K y_k \end{pmatrix}"
)


@cache
def _derived(net: str):
    return derive(network(net, "sigmoid", "cce", "softmax"))


def _said(net: str, *rows: str, first: str = LOSS) -> list[tuple[int, str]]:
    text = "\n".join([first, *rows]) + "\n"
    try:
        report = verify_text(_derived(net), text, conventions={"weights": "input-by-output"})
    except SympropError as err:  # nothing checked: every statement said not checked
        return sorted({(u.line, "not checked") for u in getattr(err, "unchecked", [])})
    out = [(v.line, v.status) for v in report.verdicts] + [(u.line, "not checked") for u in report.unchecked]
    return sorted(set(out))


def test_a_row_of_entries_around_dots_is_judged_entry_wise_on_another_size():
    rows = [rf"$${CHAIN} = {SKIP}$$", rf"$${CHAIN} = {ALL}$$"]
    assert _said("3-4", *rows) == [(1, "correct"), (2, "correct"), (3, "correct")]


def test_a_slip_in_the_row_is_wrong():
    plus = SKIP.replace(r"(1-\phi_1)", r"(1+\phi_1)").replace(r"(1-\phi_K)", r"(1+\phi_K)")
    mine = SKIP.replace(r"y_k \phi_1", r"y_k \phi_k").replace(r"y_k \phi_K", r"y_k \phi_k")
    assert (2, "wrong") in _said("2-3", rf"$${CHAIN} = {plus}$$")
    assert (2, "wrong") in _said("2-3", rf"$${CHAIN} = {mine}$$")


def test_a_bare_phi_is_not_the_output_when_phi_is_applied_to_the_input():
    # Bishop's basis functions: \phi(x) is no layer's activation, so \phi_k names nothing
    said = _said("2-3", rf"$${CHAIN} = {ALL}$$", first=r"$$y = \phi(x)^T w$$")
    assert (2, "not checked") in said and (2, "correct") not in said


def test_a_bare_phi_is_not_read_with_two_layers():
    said = _said("2-3-3", rf"$${CHAIN} = {ALL}$$", first=r"$$\mathcal{L} = -y^T \log \phi(z^{(2)})$$")
    assert (2, "correct") not in said and (2, "wrong") not in said


def test_one_over_a_vector_is_entry_by_entry():
    # (-y ⊙ 1/φ)^T is a row: against the column symprop writes ∂L/∂φ in, a layout question, not a
    # shape error ("wrong" before)
    said = _said("2-3", rf"$${BY_PHI} = \left(-y \odot \frac{{1}}{{\phi}}\right)^T$$")
    assert said == [(1, "correct"), (2, "not checked")]
    said = _said("2-3", rf"$${BY_PHI} = -y \odot \frac{{1}}{{\phi}}$$")
    assert said == [(1, "correct"), (2, "correct")]


def test_a_chain_by_a_bare_w_after_w_is_transposed_is_a_vector_statement():
    # line 1 writes w^T x: w is the weight matrix, so a later row by bare w is read as one
    by_w = r"\frac{\partial \mathcal{L}(w)}{\partial w} = "
    chain = rf"$${by_w}{CHAIN} \frac{{\partial z}}{{\partial w}}$$"
    gradient = rf"$${by_w}x (\phi - y)^T$$"
    slip = rf"$${by_w}x (\phi + y)^T$$"
    said = _said("2-3", chain, gradient, slip)
    assert said == [(1, "correct"), (2, "correct"), (3, "correct"), (4, "wrong")]
