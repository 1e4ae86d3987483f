r"""A hidden layers' rule in a generic l (a^{(l)} = \tanh(z^{(l)})) in a network whose output has
another activation: at the output layer not checked, never wrong (verify/hidden_rule.py); a^{(0)}
= x counts parenthesised layers from 0 (verify/zero_origin.py)."""

from __future__ import annotations

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

FORWARD = "$$a^{(0)} = x$$\n$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$$\n"


def run(row: str, net: str, hidden: str, out: str, loss: str = "half_se"):
    d = derive(network(net, hidden, loss, out))
    r = verify_text(d, FORWARD + row + "\n")
    return (
        {v.instance: v.status for v in r.verdicts if v.line == 3},
        [u for u in r.unchecked if u.line == 3],
        r,
    )


@pytest.mark.parametrize(
    "net,hidden,out,call",
    [("2-3-3-2", "tanh", "softmax", r"\tanh"), ("3-4-1", "relu", "sigmoid", r"\operatorname{ReLU}")],
)
def test_the_hidden_rule_is_right_at_hidden_layers_and_not_checked_at_the_output(net, hidden, out, call):
    said, unchecked, r = run(f"$$a^{{(l)}} = {call}(z^{{(l)}})$$", net, hidden, out)
    top = len(net.split("-")) - 1
    assert said and all(s == "correct" for s in said.values())
    assert f"l={top}" not in said and any("output layer" in u.reason for u in unchecked)
    # a^{(0)} = x: layers from 0, so z^{(1)} = W^{(1)} x + b^{(1)} is the first layer's (correct)
    assert {v.status for v in r.verdicts if v.line in (1, 2)} == {"correct"}


def test_a_rule_wrong_at_a_hidden_layer_stays_wrong():
    said, _, _ = run(r"$$a^{(l)} = \sigma(z^{(l)})$$", "2-3-3-2", "tanh", "softmax")
    assert "wrong" in said.values()
    said, _, r = run(r"$$a^{(l)} = \tanh(z^{(l-1)})$$", "2-3-3-2", "tanh", "softmax")
    assert "wrong" in said.values()
    wrong = [v for v in r.verdicts if v.line == 3 and v.status == "wrong"]
    assert wrong[0].fault is not None and wrong[0].fault.position == 1


def test_one_activation_throughout_is_judged_at_every_layer():
    said, unchecked, _ = run(r"$$a^{(l)} = \tanh(z^{(l)})$$", "2-3-2", "tanh", "tanh")
    assert said == {"l=1": "correct", "l=2": "correct"} and not unchecked
