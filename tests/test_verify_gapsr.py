"""Gaps r: statements of the published corpus left unread, read in their authors' notation
(each test on short derivations of our own in that notation)."""

from verdict_lines import by_line, verify_displays, worst_by_line

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


FAUSETT_ROWS = [
    r"z\_in_j = v_{0j} + \sum_i x_i v_{ij}",
    r"z_j = f(z\_in_j)",
    r"y\_in_k = w_{0k} + \sum_j z_j w_{jk}",
    r"y_k = f(y\_in_k)",
    r"\delta_k = (t_k - y_k) f'(y\_in_k)",
]


def _fausett(rows: list[str]):
    from verdict_lines import verify_layered

    text = "".join(f"\\[ {r} \\]\n" for r in FAUSETT_ROWS + rows)
    return verify_layered("2-2-2", text, targets="t", weights="input-by-output")


def test_capital_indices_of_one_particular_unit_are_read_as_the_generic_letters_and_said_back():
    r = _fausett(
        [
            r"\delta_K = (t_K - y_K) f'(y\_in_K)",
            r"\frac{\partial E}{\partial w_{JK}} = -(t_K - y_K) f'(y\_in_K) z_J",
            r"\frac{\partial E}{\partial v_{IJ}} = -\sum_k \delta_k w_{Jk} f'(z\_in_J) x_I",
            r"\frac{\partial E}{\partial v_{IJ}} = -\sum_k \delta_k w_{Jk} f'(z\_in_J)",  # x_I dropped
        ]
    )
    said = worst_by_line(r)
    assert [said[n] for n in (6, 7, 8, 9)] == ["correct", "correct", "correct", "wrong"]
    assert all("j" not in v.instance.split(";")[-1] for v in r.verdicts if v.line >= 7)
    assert any("J=1" in v.instance for v in r.verdicts if v.line == 7)


def test_a_capital_beside_its_lowercase_in_one_statement_is_left_as_written():
    # K one unit and k summed on one line: reading K as k would capture it in the sum
    r = _fausett([r"\frac{\partial E}{\partial w_{JK}} = -\sum_k (t_k - y_k) f'(y\_in_K) z_J"])
    assert worst_by_line(r)[6] == "not checked"
    assert "w_{JK}" in r.unchecked[-1].reason


def test_a_capital_that_is_a_label_or_a_count_is_not_an_index():
    from symbolic.verify.capital_indices import rename

    labelled = (
        "\\[ L = \\frac{1}{2}(out - y_T)^2 \\]\n\\[ \\frac{\\partial L}{\\partial out} = out - y_T \\]\n"
    )
    assert rename(labelled).letters == {}  # the seed's target y_T: no y_t written, a label
    counted = (
        "\\[ \\delta_K = t_K - y_K \\]\n"
        "\\[ E = \\sum_{k=1}^{K} (t_k - y_k)^2 \\]\n"
        "\\[ \\delta_k = t_k - y_k \\]\n"
    )
    assert rename(counted).letters == {}  # K also the outputs' count: a name
    particular = counted.replace("^{K}", "^{m}")
    assert rename(particular).letters == {1: {"k": "K"}}
    assert rename(particular).text.startswith("\\[ \\delta_k = t_k - y_k \\]")


KROSE_ROWS = [
    r"y_k = f(s_k)",
    r"\delta_k = -\frac{\partial E}{\partial s_k}",
    r"\frac{\partial E}{\partial y_o} = -(d_o - y_o)",
    r"\delta_o = (d_o - y_o) y_o (1 - y_o)",
    r"\delta_h = y_h (1 - y_h) \sum_o \delta_o w_{ho}",
    r"\delta_h = y_h (1 - y_h) \sum_o \delta_o w_{oh}",  # no weight runs from o down to h
]


def _krose(arch: str):
    from verdict_lines import verify_layered

    text = "".join(f"\\[ {r} \\]\n" for r in KROSE_ROWS)
    return verify_layered(arch, text, targets="d", weights="input-by-output")


def test_o_and_h_in_role_letters_are_the_output_and_the_hidden_unit_beside_one_hidden_layer():
    said = worst_by_line(_krose("2-2-2"))
    assert [said[n] for n in (3, 4, 5, 6)] == ["correct", "correct", "correct", "wrong"]


def test_h_says_no_layer_where_there_are_two_hidden_ones():
    said = worst_by_line(_krose("2-2-2-2"))
    assert [said[n] for n in (3, 4, 5, 6)] == ["not checked"] * 4


ZURADA_ROWS = [
    r"o_k = f(net_k)",
    r"net_k = \sum_j w_{kj} y_j",
    r"y_j = f(net_j)",
    r"net_j = \sum_i v_{ji} z_i",
    r"\frac{\partial E}{\partial v_{ji}} = -\sum_k (d_k - o_k) o_k (1 - o_k) w_{kj} y_j (1 - y_j) z_i",
    r"\frac{\partial (net_j)}{\partial v_{ji}} = z_i",
    r"\frac{\partial E}{\partial v_{kj}} = -(d_k - o_k) o_k (1 - o_k) y_j",  # v feeds the hidden layer only
    r"\frac{\partial E}{\partial v_{ji}} = -\sum_k (d_k - o_k) o_k (1 - o_k) v_{kj} y_j (1 - y_j) z_i",
    r"\frac{\partial (net_j)}{\partial v_{ji}} = y_j",
]


def test_a_weight_letter_of_its_own_is_read_into_the_layer_its_forward_sum_feeds():
    # Zurada: net_j = \sum_i v_{ji} z_i, the hidden layer's weight v and its input z
    from verdict_lines import verify_layered

    r = verify_layered("2-3-2", "".join(f"\\[ {x} \\]\n" for x in ZURADA_ROWS), targets="d")
    said = worst_by_line(r)
    assert [said[n] for n in range(4, 7)] == ["correct"] * 3
    assert [said[n] for n in range(7, 10)] == ["not checked", "wrong", "wrong"]
