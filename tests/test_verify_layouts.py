r"""A matrix statement whose shape differs from symprop's only by a layout convention is said not
checked with that reason, never wrong (symbolic/verify/layouts.py); a real slip stays wrong."""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

FORWARD = "$$z^L = W^L a^{L-1} + b^L$$\n"  # says W^L feeds layer L (weight_layers.py)


def said(row: str, net: str = "2-3-1"):
    d = derive(network(net, "relu", output_activation="sigmoid", loss_text="bce"))
    r = verify_text(d, FORWARD + row)
    return [v.status for v in r.verdicts if v.line == 2], [u.reason for u in r.unchecked if u.line == 2]


def test_a_jacobian_in_shorthand_is_not_checked_never_wrong():
    # an element-wise one written as its diagonal is the same in every layout: judged (jacobians.py)
    status, reasons = said(r"$$\frac{\partial a^{L-1}}{\partial z^{L-1}} = \text{ReLU}'(z^{L-1})$$")
    assert status == ["correct"]
    status, reasons = said(r"$$\frac{\partial a^{L-1}}{\partial x} = \text{ReLU}'(z^{L-1})$$")
    assert status == [] and any("Jacobian" in r for r in reasons)


def test_a_gradient_in_numerator_layout_is_not_checked_and_denominator_layout_is_correct():
    status, reasons = said(r"$$\frac{\partial z^L}{\partial W^L} = a^{L-1}$$")
    assert status == [] and any("numerator layout" in r for r in reasons)
    status, _ = said(r"$$\frac{\partial z^L}{\partial W^L} = (a^{L-1})^T$$")
    assert status == ["correct"]


def test_a_slip_that_no_transpose_mends_stays_wrong():
    status, _ = said(r"$$\frac{\partial z^L}{\partial W^L} = (a^{L-2})^T$$")  # x where a^{L-1} belongs
    assert status == ["wrong"]
