"""A document that names a letter per layer (v into the hidden layer, w into the output) writes
all its weights one way (verify/layer_orientation.py): a forward definition whose indices are
swapped is judged wrong under the user's --weights or under what most of the document says, never
read as right by its own order; where nothing settles the way, its letters are not read, with the
reason said."""

from __future__ import annotations

from tests.verdict_lines import by_line, verify_layered

FORWARD = r"""
\[ z\_in_j = v_{0j} + \sum_{i=1}^{n} x_i v_{ij} \]
\[ z_j = f(z\_in_j) \]
\[ y\_in_k = w_{0k} + \sum_{j=1}^{p} z_j w_{jk} \]
\[ y_k = f(y\_in_k) \]
"""
UPDATES = r"""
\[ \delta_k = (t_k - y_k) f'(y\_in_k) \]
\[ \Delta w_{jk} = \alpha \delta_k z_j \]
\[ \delta_j = f'(z\_in_j) \sum_k \delta_k w_{jk} \]
\[ \Delta v_{ij} = \alpha \delta_j x_i \]
"""
SWAPPED = FORWARD.replace("z_j w_{jk}", "z_j w_{kj}")  # line 4: the output layer's indices swapped


def _check(text, **conventions):
    return by_line(verify_layered("2-3-2", text, targets="t", **conventions))


def test_the_definitions_as_written_are_correct_with_or_without_the_option():
    for conventions in ({}, {"weights": "input-by-output"}):
        got = _check(FORWARD, **conventions)
        assert all(got.get(n) == {"correct"} for n in (2, 3, 4, 5)), (conventions, got)


def test_a_swapped_definition_is_wrong_under_the_users_orientation():
    got = _check(SWAPPED, weights="input-by-output")
    assert got.get(4) == {"wrong"}, got
    assert all(got.get(n) == {"correct"} for n in (2, 3, 5)), got


def test_both_layers_written_against_the_users_orientation_are_both_wrong():
    text = SWAPPED.replace("x_i v_{ij}", "x_i v_{ji}")
    got = _check(text, weights="input-by-output")
    assert got.get(2) == {"wrong"} and got.get(4) == {"wrong"}, got
    assert _check(text).get(2) == {"correct"}  # one way throughout, no option: read as written


def test_without_the_option_the_document_s_updates_settle_the_way():
    got = _check(SWAPPED + UPDATES)
    assert got.get(4) == {"wrong"}, got
    assert all(got.get(n) == {"correct"} for n in (2, 3, 5, 7, 9)), got


def test_a_tie_is_not_read_and_says_why():
    report = verify_layered("2-3-2", SWAPPED, targets="t")
    got = by_line(report)
    assert "correct" not in got.get(2, set()) | got.get(4, set()), got
    reasons = " ".join(u.reason for u in report.unchecked if u.line in (2, 4))
    assert "write their weights two ways" in reasons and "line 4 writes w output-by-input" in reasons, reasons
