r"""A gradient by W written as the transpose of W's shape (∂C/∂W^{(2)} = a^{(1)} (δ^{(2)})ᵀ) is judged
in that layout when one other statement writes it so and the document's forward rows fix W's
shape (z = W a + b: W out × in); it needed two such statements (verify/layout_votes.py). A
document whose other gradient by W is in W's shape stays not checked, the mismatch named."""

from verdict_lines import by_line, factors_by_line, verify_layered

FORWARD = r"""\[ z^{(1)} = W^{(1)} x + b^{(1)} \]
\[ a^{(1)} = \sigma(z^{(1)}) \]
\[ z^{(2)} = W^{(2)} a^{(1)} + b^{(2)} \]
"""
TRANSPOSED = r"""\[ \frac{\partial C}{\partial W^{(2)}} = a^{(1)} (\delta^{(2)})^T \]
\[ \frac{\partial C}{\partial W^{(1)}} = x (\delta^{(1)})^T \]
"""


def test_one_vote_and_the_forward_shape_settle_the_layout():
    report = verify_layered("2-3-2", FORWARD + TRANSPOSED)
    assert by_line(report)[4] == {"correct"} and by_line(report)[5] == {"correct"}
    assert "as line 5 writes it" in next(v.label for v in report.verdicts if v.line == 4)


def test_without_forward_rows_one_vote_is_not_enough():
    assert by_line(verify_layered("2-3-2", TRANSPOSED)) == {1: {"not checked"}, 2: {"not checked"}}


def test_a_contradiction_stays_not_checked():
    mixed = TRANSPOSED.replace(r"x (\delta^{(1)})^T", r"\delta^{(1)} x^T")
    report = verify_layered("2-3-2", FORWARD + mixed)
    assert by_line(report)[4] == {"not checked"} and by_line(report)[5] == {"correct"}
    assert "line 5 writes this kind of derivative in the shape of W" in report.unchecked[0].reason


def test_a_slip_is_still_named():
    slip = TRANSPOSED.replace(r"x (\delta^{(1)})^T", r"x (\delta^{(2)})^T")
    assert {s for s, _ in factors_by_line(verify_layered("2-3-2", FORWARD + slip))[5]} == {"wrong"}
