r"""A gradient side right when each gradient in it is a row (numerator layout), dJ/dz^{[2]} W^{[2]}
with several outputs: not checked with the layout's reason, never wrong
(verify/jacobians.py); a slip in it, or a product that fits in no layout, stays wrong."""

from __future__ import annotations

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

FORWARD = "$$z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}$$\n"


def said(row: str, net: str = "3-4-3", activation: str = "tanh"):
    d = derive(network(net, activation, "mse"))
    r = verify_text(d, FORWARD + row + "\n")
    verdicts = [v for v in r.verdicts if v.line == 2]
    return [v.status for v in verdicts], [u.reason for u in r.unchecked if u.line == 2], verdicts


ROW = r"$$\frac{\partial J}{\partial a^{[1]}} = \frac{\partial J}{\partial z^{[2]}} \cdot W^{[2]}$$"


@pytest.mark.parametrize("net,activation", [("3-4-3", "tanh"), ("2-3-2", "sigmoid"), ("4-2-5", "relu")])
def test_a_row_gradient_times_the_weights_is_not_checked_never_wrong(net, activation):
    status, reasons, _ = said(ROW, net, activation)
    assert status == [] and any("numerator layout" in r for r in reasons)


def test_the_column_form_is_correct():
    status, _, _ = said(
        r"$$\frac{\partial J}{\partial a^{[1]}} = (W^{[2]})^T \frac{\partial J}{\partial z^{[2]}}$$"
    )
    assert status == ["correct"]


def test_a_slip_in_the_row_form_stays_wrong_at_its_factor():
    status, _, verdicts = said(ROW.replace("W^{[2]}", "W^{[1]}"))  # the wrong layer's weights
    assert status == ["wrong"]
    assert verdicts[0].fault is not None and verdicts[0].fault.position == 2
    status, _, _ = said(ROW.replace(r"\partial z^{[2]}}", r"\partial a^{[2]}}"))  # a for z: not right in rows
    assert status == ["wrong"]


def test_a_column_times_a_column_is_the_transpose_missing():
    status, _, verdicts = said(
        r"$$\frac{\partial J}{\partial W^{[2]}} = \frac{\partial J}{\partial z^{[2]}} \cdot a^{[1]}$$"
    )
    assert status == ["wrong"] and "transpose" in verdicts[0].fault.text
