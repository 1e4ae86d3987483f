r"""A matrix written out, \begin{pmatrix} ... \end{pmatrix}, as a side of a matrix statement, with
\dots / \cdots / \vdots for "the same pattern for the units in between" (symbolic/verify/pattern.py):
read when the first and last entries show the pattern, else not checked with the reason; a slip
in the entries is named at its factor. Networks other than the corpus's (3-4-2, 2-3-3-1)."""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

DELTA = (
    r"$$\delta^{(3)} = \begin{pmatrix} (a^{(3)}_1 - y_1)\, \sigma'(z^{(3)}_1) \\ \vdots \\"
    r" (a^{(3)}_2 - y_2)\, \sigma'(z^{(3)}_2) \end{pmatrix}$$" + "\n"
)
GRAD = (
    r"$$\frac{\partial L}{\partial W^{(2)}} = \begin{pmatrix} \delta^{(3)}_1 a^{(2)}_1 & \cdots &"
    r" \delta^{(3)}_1 a^{(2)}_4 \\ \vdots & & \vdots \\ \delta^{(3)}_2 a^{(2)}_1 & \cdots &"
    r" \delta^{(3)}_2 a^{(2)}_4 \end{pmatrix}$$" + "\n"
)
ROW = (
    r"$$(\delta^{(3)})^T = \begin{pmatrix} (a^{(3)}_1 - y_1) \sigma'(z^{(3)}_1) & \dots &"
    r" (a^{(3)}_2 - y_2) \sigma'(z^{(3)}_2) \end{pmatrix}$$" + "\n"
)


def run(text: str, net: str = "3-4-2"):
    d = derive(network(net, "sigmoid", loss_text="half_se"))
    r = verify_text(d, text)
    verdicts = {v.line: (v.status, v.fault.position if v.fault else None) for v in r.verdicts}
    return verdicts, {u.line: u.reason for u in r.unchecked}


def test_a_column_and_a_matrix_with_dots_are_read_and_judged_right():
    verdicts, unchecked = run(DELTA + GRAD + ROW)
    assert verdicts == {1: ("correct", None), 2: ("correct", None), 3: ("correct", None)}, unchecked


def test_a_slip_in_the_entries_is_named_at_its_factor():
    slipped = DELTA.replace(r"\sigma'(z^{(3)}_1)", r"\sigma(z^{(3)}_1)").replace(
        r"\sigma'(z^{(3)}_2)", r"\sigma(z^{(3)}_2)"
    )
    verdicts, _ = run(slipped)
    assert verdicts[1] == ("wrong", 2)
    slipped = GRAD.replace("a^{(2)}_1", "z^{(2)}_1").replace("a^{(2)}_4", "z^{(2)}_4")
    verdicts, _ = run(DELTA + slipped)
    assert verdicts[2] == ("wrong", 2)


def test_the_pattern_follows_the_network_not_the_written_entries():
    # the same document on a 2-3-3 network: the dots stand for one more unit of the output
    deeper = DELTA.replace("_2", "_3").replace("^{(3)}", "^{(4)}")
    verdicts, unchecked = run(deeper, "2-3-3-3")
    assert verdicts == {1: ("correct", None)}, unchecked


def test_entries_that_show_no_one_pattern_are_not_checked():
    # y_1 in the last entry: the written entry is wrong, whatever the pattern
    verdicts, _ = run(DELTA.replace("(a^{(3)}_2 - y_2)", "(a^{(3)}_2 - y_1)"))
    assert verdicts[1][0] == "wrong"
    # the units counted down: no index rule gives unit 2 first and unit 1 last
    first, last = r"(a^{(3)}_1 - y_1)\, \sigma'(z^{(3)}_1)", r"(a^{(3)}_2 - y_2)\, \sigma'(z^{(3)}_2)"
    odd = DELTA.replace(first, "FIRST").replace(last, first).replace("FIRST", last)
    verdicts, unchecked = run(odd + ROW)  # with a statement judged (else nothing is checked)
    assert 1 not in verdicts and "pattern" in unchecked[1]
    one = r"$$\delta^{(3)} = \begin{pmatrix} (a^{(3)}_1 - y_1)\, \sigma'(z^{(3)}_1) \\ \vdots \end{pmatrix}$$"
    verdicts, unchecked = run(one + "\n" + ROW)
    assert 1 not in verdicts and "one entry" in unchecked[1]
    different = DELTA.replace(r"(a^{(3)}_2 - y_2)\, \sigma'", r"(a^{(3)}_2 - y_2)\, 2\sigma'")
    verdicts, unchecked = run(different + ROW)
    assert 1 not in verdicts and "not of one form" in unchecked[1]
