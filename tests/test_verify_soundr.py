"""False "correct" verdicts found by mutating the published corpus's right lines (one
meaning-changing edit at a time), each fixed at the stage that accepted it, on short derivations
of our own."""

from verdict_lines import last_by_line, verify_layered

DELTA = r"w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j)"


def _sum_lines(*headers: str) -> str:
    return "".join(rf"$$\delta^l_j = {h} {DELTA}$$" + "\n" for h in headers)


def test_a_sum_whose_numeric_bounds_leave_a_unit_out_is_not_called_correct():
    # a 2-3-2 net: k runs over the 2 output units; only 1..2 (or symbolic bounds) is every unit
    r = verify_layered(
        "2-3-2",
        _sum_lines(
            r"\sum_{k=1}^{2}",
            r"\sum_{k=2}^{2}",  # unit 1 left out
            r"\sum_{k=1}^{1}",  # unit 2 left out
            r"\sum_{k=2}^{K}",  # from 2 to the end
            r"\sum_k",
            r"\sum_{k=1}^{K}",
        ),
        delta="plus",
    )
    said = last_by_line(r)
    assert said == {
        1: "correct",
        2: "not checked",
        3: "not checked",
        4: "not checked",
        5: "correct",
        6: "correct",
    }
    why = {u.line: u.reason for u in r.unchecked}
    assert "leaves out k = 1" in why[2] and "leaves out k = 2" in why[3]


def test_a_sum_running_past_the_layer_or_below_its_first_unit_is_not_called_correct():
    sums = _sum_lines(r"\sum_{k=1}^{3}", r"\sum_{k=-1}^{2}", r"\sum_{k=1}^{2}")
    r = verify_layered("2-3-2", sums, delta="plus")
    said = last_by_line(r)
    assert said == {1: "not checked", 2: "not checked", 3: "correct"}
    why = {u.line: u.reason for u in r.unchecked}
    assert "names k = 3" in why[1] and "names k = -1" in why[2]


def test_a_sum_from_zero_over_the_bias_input_keeps_its_reading():
    # Bishop: a_j = sum_{i=0}^{D} w_{ji} x_i, x_0 = 1 the bias input; D = 2 inputs here
    text = r"$$a_j = \sum_{i=0}^{2} w_{ji} x_i$$" + "\n" + r"$$z_j = h(a_j)$$" + "\n"
    assert last_by_line(verify_layered("2-3-1", text)) == {1: "correct", 2: "correct"}
