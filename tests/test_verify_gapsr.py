"""Gaps r: statements of the published corpus left unread, read in their authors' notation
(each test on short derivations of our own in that notation)."""

from verdict_lines import by_line, verify_displays

GRAD_11 = r"\frac{\partial L}{\partial W^{(2)}_{11}}"
CHAIN_11 = r"(a^{(2)}_{1} - y) a^{(2)}_{1} (1 - a^{(2)}_{1}) a^{(1)}_{1}"
OPERATOR_11 = r"\frac{\partial}{\partial W^{(2)}_{11}}"


def test_a_decimal_beside_a_derivative_operator_is_said_not_checked_and_stops_nothing():
    # Fausett's `\frac{\partial}{\partial w_{JK}} .5 \sum_k [t_k - y_k]^2`: the operator's side holds
    # a decimal; it used to stop the whole document with an internal error
    r = verify_displays(
        "2-2-1",
        [
            rf"{GRAD_11} = {OPERATOR_11} 0.5 (a^{{(2)}}_{{1}} - y)^2 = {CHAIN_11}",
            rf"\frac{{\partial L}}{{\partial W^{{(2)}}_{{12}}}} = {CHAIN_11}",
        ],
    )
    said = by_line(r)
    assert said[1] == {"correct", "not checked"}  # the mixed side said, the product judged
    assert said[2] == {"wrong"}  # the next line is still judged
    assert [u.reason for u in r.unchecked] == ["a side mixing numbers and names"]
