r"""Scattered notation of the published corpus read by general mechanisms, on networks other than
the corpus files' (2-2-1, 3-4-2, ...):
- `a \cdot (1 + a)` in a gradient row, the slip for the sigmoid's a(1 - a): two columns taken
  entry by entry like a(1 - a) (latex/elementwise_cdot.py), judged wrong at that one factor (the
  corpus's convention: X(1 ± X) is one factor), not refused for its shapes.
"""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


def verdicts(text: str, net: str = "3-4-2", act: str = "sigmoid", loss: str = "mse", **kw):
    d = derive(network(net, act, loss_text=loss, **kw))
    r = verify_text(d, text)
    said = [(v.line, v.status, v.fault.position if v.fault else None) for v in r.verdicts]
    return said, [(u.line, u.reason) for u in r.unchecked], r


HIDDEN = (
    r"$$\frac{\partial C}{\partial Z^{(1)}} = \frac{\partial C}{\partial A^{(1)}} \cdot A^{(1)}"
    r" \cdot (1 - A^{(1)})$$"
)


def test_a_times_one_minus_a_by_cdot_is_element_wise_and_correct():
    said, unchecked, _ = verdicts(HIDDEN)
    assert said == [(1, "correct", None)] and unchecked == []


def test_a_times_one_plus_a_by_cdot_is_named_at_that_factor():
    said, unchecked, r = verdicts(HIDDEN.replace("(1 - A", "(1 + A"))
    assert said[0][1:] == ("wrong", 2) and unchecked == []
    fault = r.verdicts[0].fault
    assert fault.kind == "wrong" and fault.wrote is not None  # a factor, not a shape mismatch
    assert "1 + " in str(fault.wrote).replace("A", "a") or "+ 1" in str(fault.wrote)


def test_one_plus_a_of_another_name_is_still_a_matrix_product():
    # a^{(1)} \cdot (1 + a^{(2)}) is no logistic derivative: the shapes speak, as before
    said, _, _ = verdicts(HIDDEN.replace("(1 - A^{(1)})", "(1 + A^{(2)})"))
    assert said[0][1] == "wrong"
