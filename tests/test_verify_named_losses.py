r"""A loss the document names and applies, `J = CE(y, \hat{y})` (latex/loss_calls.py,
verify/named_losses.py): read as the loss table's loss of (target, output), never the product C·E;
a name the table does not know is not checked, with its name.
"""

import sympy as sp
from verdict_lines import verify_layered, worst_by_line

from symbolic.verify.read import read


def _read(text):
    doc = read(text, "tex")
    return doc.statements, [u.reason for u in doc.unread]


def test_two_capitals_before_arguments_are_a_name_never_a_product():
    for text in (
        r"$$J = CE(y, \hat{y})$$",
        r"$$J = \text{CE}(\hat{y}, y)$$",
        r"$$J = \operatorname{NLL}(\hat{y}, y)$$",
    ):
        statements, unread = _read(text)
        assert not unread, text
        (factor,) = statements[0].sides[0].factors
        assert sp.Symbol("C") not in factor.free_symbols, text


def test_an_unknown_or_unplaced_loss_name_is_not_read_with_the_reason():
    _, unread = _read(r"$$J = \mathrm{KL}(y, \hat{y})$$")
    assert unread == ["cannot read it: unknown function KL"]
    _, unread = _read(r"$$J = CE(t, y)$$")  # two targets' letters: which is the target is not said
    assert unread == ["cannot read it: which of CE's arguments is the target is not said"]


def test_a_named_loss_is_judged_against_the_networks_loss():
    right = verify_layered("3-2-3", r"$$J = \mathrm{CE}(y, \hat{y})$$" + "\n", "tanh", "cce", "softmax")
    assert worst_by_line(right) == {1: "correct"}, right.unchecked
    wrong = verify_layered(
        "3-2-3", "$$J = BCE(y, \\hat{y})$$\n$$J = CE(\\hat{y}, y)$$\n", "tanh", "cce", "softmax"
    )
    assert worst_by_line(wrong) == {1: "wrong", 2: "correct"}
    # CE of a sigmoid output is its binary cross-entropy: the network's loss, not a false 'wrong'
    one = verify_layered("2-2-1", r"$$L = CE(\hat{y}, y)$$" + "\n", "relu", "bce", "sigmoid")
    assert worst_by_line(one) == {1: "correct"}
