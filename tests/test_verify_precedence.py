r"""A product mixing ⊙ and the matrix product is read the way whose shapes fit
(symbolic/verify/precedence.py): gauravreddy08's A ⊙ B · C left to right, Wikipedia's f' ∘ Wᵀ δ
products first; both fitting and differing is not checked, never a guess. Networks other than
the corpus's (2-3-3-1, 2-2-2)."""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

FORWARD = "$$z^l = W^l a^{l-1} + b^l$$\n"  # W^l feeds layer l (weight_layers.py)
LEFT_TO_RIGHT = (
    r"$$\frac{\partial L}{\partial W^{L-1}} = (W^L)^T (a^L - y) \odot \sigma'(z^{L-1}) \cdot (a^{L-2})^T$$"
)
PRODUCTS_FIRST = r"$$\delta^{L-1} = \sigma'(z^{L-1}) \odot (W^L)^T \delta^L$$"


def run(row: str, net: str = "2-3-3-1"):
    d = derive(network(net, "sigmoid", loss_text="bce"))
    r = verify_text(d, FORWARD + r"$$\delta^L = a^L - y$$" + "\n" + row)
    verdicts = [(v.status, v.fault.position if v.fault else None) for v in r.verdicts if v.line == 3]
    return verdicts, [u.reason for u in r.unchecked if u.line == 3]


def test_left_to_right_is_read_when_only_it_fits():
    assert run(LEFT_TO_RIGHT) == ([("correct", None)], [])


def test_products_first_is_read_when_only_it_fits():
    assert run(PRODUCTS_FIRST) == ([("correct", None)], [])


def test_a_slip_is_named_in_the_reading_that_fits():
    # σ'(z^{L-2}) where σ'(z^{L-1}) belongs: factor 2, counted by the ⊙ as written (A B ⊙ C · D:
    # A B is factor 1) whichever reading is checked (verify/written_positions.py)
    assert run(LEFT_TO_RIGHT.replace("z^{L-1}", "z^{L-2}")) == ([("wrong", 2)], [])


def test_both_readings_fitting_and_differing_is_not_checked():
    row = r"$$\frac{\partial L}{\partial W^{2}} = \delta^2 (a^1)^T \odot W^2 W^2$$"
    verdicts, reasons = run(row, "2-2-2")
    assert verdicts == [] and any("ambiguous precedence of ⊙ and the matrix product" in r for r in reasons)
