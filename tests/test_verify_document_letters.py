r"""Index letters with no layer, settled by the document: Bishop's a (net input) and z (activation)
read off their use (g'(a_k), \delta_k z_j: verify/az_roles.py), and a letter one statement puts in
a layer (k an output by its target t_k, j a hidden unit by \sum_k w_{kj} \delta_k, i an input by
x_i) held there by the document's other statements, a weight's gradient too
(verify/letter_defaults.py). Before, only the statement in x_i was read: the others were 'a_j
carries index letters and no layer'. A letter two statements put in two layers stays unsettled.
"""

from verdict_lines import by_line, factors_by_line, verify_layered

BISHOP = r"""\[ \delta_k = (y_k - t_k) g'(a_k) \]
\[ \delta_j = g'(a_j) \sum_k w_{kj} \delta_k \]
\[ \frac{\partial E}{\partial w_{kj}} = \delta_k z_j \]
\[ \frac{\partial E}{\partial w_{ji}} = \delta_j x_i \]
"""
# other letters and sizes; line 5 holds only at the (sigmoid) output, not at a tanh hidden unit
PQR = r"""\[ \delta_r = (y_r - t_r) g'(a_r) \]
\[ \delta_q = g'(a_q) \sum_r w_{rq} \delta_r \]
\[ \frac{\partial E}{\partial w_{rq}} = \delta_r z_q \]
\[ \frac{\partial E}{\partial w_{qp}} = \delta_q x_p \]
\[ \frac{\partial z_r}{\partial a_r} = z_r (1 - z_r) \]
"""
TANH = {"activation": "tanh", "output": "sigmoid"}


def test_bishop_letters_without_forward_rows_are_read():
    report = verify_layered("2-3-2", BISHOP, targets="t")
    assert by_line(report) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"correct"}}
    # k stays the output and j the hidden layer in the weight's gradient: one layer pair
    assert {v.instance.partition(";")[0] for v in report.verdicts if v.line == 3} == {
        "read with j a hidden unit, k an output unit"
    }


def test_other_letters_and_sizes():
    for arch in ("3-2-1", "2-4-3"):
        report = verify_layered(arch, PQR, targets="t", **TANH)
        assert by_line(report) == {n: {"correct"} for n in range(1, 6)}


def test_a_slip_is_named_in_the_documents_layers():
    slip = PQR.replace(r"\delta_r z_q \]", r"\delta_q z_q \]")
    said = factors_by_line(verify_layered("2-4-3", slip, targets="t", **TANH))[3]
    assert ("wrong", 1) in said and {status for status, _ in said} == {"wrong"}
    slip = PQR.replace("z_r (1 - z_r)", "(1 - z_r^2)")  # tanh's derivative at the sigmoid output
    assert by_line(verify_layered("2-4-3", slip, targets="t", **TANH))[5] == {"wrong"}


def test_a_letter_two_statements_put_in_two_layers_stays_unsettled():
    # r an output unit on line 1, a hidden unit on line 2: line 5 holds at one and not the other
    hidden = r"\delta_r = g'(a_r) \sum_q w_{qr} \delta_q"
    contra = PQR.replace(r"\delta_q = g'(a_q) \sum_r w_{rq} \delta_r", hidden)
    report = verify_layered("2-4-3", contra, targets="t", weights="output-by-input", **TANH)
    assert by_line(report)[5] == {"not checked"}
    (why,) = [u.reason for u in report.unchecked if u.line == 5]
    assert "settles them two ways (r an output unit on line 1, r a hidden unit on line 2)" in why


def test_uses_that_disagree_settle_nothing():
    # g'(a_k) makes a the net input, \delta_k a_j the activation: Bishop's or Nielsen's, not said
    report = verify_layered("2-3-2", BISHOP.replace(r"\delta_k z_j", r"\delta_k a_j"), targets="t")
    assert by_line(report)[1] == {"not checked"}
