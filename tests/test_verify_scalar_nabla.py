r"""A gradient by a scalar the document binds (`\nabla_{w_2} L` beside `\hat{y} = w_2 h + b_2` on a
1-1-1 net) is the derivative by that name; it was read as a matrix statement naming nothing in
the network (latex/scalar_nabla.py)."""

from verdict_lines import by_line, factors_by_line, verify_layered

FORWARD = r"""\[ z = w_1 x + b_1 \]
\[ h = \sigma(z) \]
\[ \hat y = w_2 h + b_2 \]
\[ L = \frac{1}{2} (\hat y - y)^2 \]
"""
GRADIENTS = r"""\[ \nabla_{w_2} L = (\hat y - y) h \]
\[ \nabla_{w_1} L = (\hat y - y) w_2 \sigma'(z) x \]
"""


def test_a_gradient_by_a_bound_scalar_is_judged():
    report = verify_layered("1-1-1", FORWARD + GRADIENTS, output="identity")
    assert by_line(report)[5] == {"correct"} and by_line(report)[6] == {"correct"}


def test_its_slip_is_named():
    slip = GRADIENTS.replace(r"w_2 \sigma'(z) x", r"w_1 \sigma'(z) x")
    report = verify_layered("1-1-1", FORWARD + slip, output="identity")
    assert factors_by_line(report)[6] == {("wrong", 2)}


def test_a_name_no_scalar_row_writes_stays_a_matrix_statement():
    report = verify_layered("1-1-1", FORWARD + r"\[ \nabla_{v} L = (\hat y - y) h \]", output="identity")
    assert by_line(report)[5] == {"not checked"}
