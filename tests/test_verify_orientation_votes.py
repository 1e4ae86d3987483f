"""The weights' orientation said by one forward sum alone is checked against the other lines
(verify/orientation_votes.py): a slip of that sum's indices (w_{ij} for w_{ji}) is never called
correct while it turns the right lines written the other way wrong; a document written
input-by-output throughout keeps its reading."""

from __future__ import annotations

from tests.verdict_lines import factors_by_line, verify_layered

DOC = r"""
\[ E = \frac{1}{2}\sum_k (t_k - y_k)^2 \]
\[ v_j = \sum_i w_{ji} x_i \]
\[ \frac{\partial E}{\partial w_{kj}} = \delta_k y_j \]
\[ \delta_k = (y_k - t_k) y_k (1 - y_k) \]
\[ \delta_j = y_j (1 - y_j) \sum_k \delta_k w_{kj} \]
"""


def _check(text):
    return factors_by_line(verify_layered("2-3-2", text, targets="t", delta="plus"))


def _correct(got, line):
    return got.get(line) == {("correct", None)}


def test_the_document_as_written_is_correct():
    got = _check(DOC)
    assert all(_correct(got, n) for n in (4, 5, 6)) and not got.get(3, set()) & {("wrong", None)}, got


def test_a_swapped_lone_forward_sum_is_not_called_correct_nor_turns_the_others_wrong():
    got = _check(DOC.replace(r"w_{ji} x_i", r"w_{ij} x_i"))
    assert not _correct(got, 3), got
    assert all(_correct(got, n) for n in (4, 5, 6)), got


def test_a_document_input_by_output_throughout_keeps_its_reading():
    text = DOC.replace(r"w_{ji} x_i", r"w_{ij} x_i").replace("w_{kj}", "w_{jk}")
    got = _check(text)
    assert all(_correct(got, n) for n in (4, 5, 6)) and not got.get(3, set()) & {("wrong", None)}, got


def test_the_swapped_lone_sum_is_named_wrong_with_its_indices():
    report = verify_layered("2-3-2", DOC.replace(r"w_{ji} x_i", r"w_{ij} x_i"), targets="t", delta="plus")
    mine = [v for v in report.verdicts if v.line == 3]
    assert mine and all(v.status == "wrong" for v in mine), report.verdicts
    assert all("wrote w_{ij}, did you mean w_{ji}?" in v.fault.text for v in mine), mine[0].fault
    assert not [u for u in report.unchecked if u.line == 3], report.unchecked


def test_a_lone_sum_wrong_in_more_than_its_indices_is_not_named_by_them():
    # x_j for x_i as well: swapping the weight's indices does not make the line right
    text = DOC.replace(r"w_{ji} x_i", r"w_{ij} x_j")
    got = _check(text)
    assert not _correct(got, 3), got
    report = verify_layered("2-3-2", text, targets="t", delta="plus")
    assert not any("did you mean" in getattr(v.fault, "text", "") for v in report.verdicts if v.fault), report


TIE = r"""
\[ E = \frac{1}{2} \sum_k (d_k - o_k)^2 \]
\[ net_j = \sum_i v_{ji} z_i \]
\[ y_j = f(net_j) \]
\[ net_k = \sum_j w_{jk} y_j \]
\[ o_k = f(net_k) \]
\[ \frac{\partial E}{\partial w_{kj}} = -(d_k - o_k) o_k (1 - o_k) y_j \]
"""


def test_a_tie_of_two_forward_sums_is_settled_by_the_lines_that_use_the_weights():
    # net_j says output-by-input, the swapped net_k input-by-output; the derivative by w_{kj}
    # reads right only output-by-input, so net_k is the slip
    report = verify_layered("2-3-2", TIE, targets="d")
    got = factors_by_line(report)
    assert _correct(got, 7), got
    mine = [v for v in report.verdicts if v.line == 5]
    assert mine and all(v.status == "wrong" and "did you mean w_{kj}?" in v.fault.text for v in mine), got


def test_a_true_tie_names_neither_line():
    text = TIE.replace(r"\[ \frac{\partial E}{\partial w_{kj}} = -(d_k - o_k) o_k (1 - o_k) y_j \]", "")
    got = factors_by_line(verify_layered("2-3-2", text, targets="d"))
    assert not any(s == "wrong" for n in (3, 5) for s, _ in got.get(n, set())), got
