r"""The Jacobian of an element-wise activation written as a call, ∂φ(z^{(h)})/∂z^{(h)} (Raschka &
Mirjalili ch. 12): read as its diagonal, the same in every layout, alone (= a ⊙ (1 - a)) and beside
⊙ (δ^{(out)} (W^{(out)})^T ⊙ ∂φ(z^{(h)})/∂z^{(h)}), so each is judged and a mistake in it named;
the softmax's, whose Jacobian is full, stays a shorthand not checked (verify/jacobians.py)."""

from __future__ import annotations

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

JACOBIAN = r"\frac{\partial \sigma(z^{(1)})}{\partial z^{(1)}}"


@pytest.fixture(scope="module")
def sigmoid():
    return derive(network("2-3-2"))


def _said(d, text: str) -> list[tuple[str, int | None]]:
    report = verify_text(d, text)
    assert not report.unchecked, report.unchecked
    return [(v.status, v.fault.position if v.fault else None) for v in report.verdicts]


def test_alone_it_is_its_diagonal(sigmoid):
    assert _said(sigmoid, rf"$${JACOBIAN} = a^{{(1)}} \odot (1 - a^{{(1)}})$$") == [("correct", None)]
    assert _said(sigmoid, rf"$${JACOBIAN} = a^{{(1)}} \odot (1 + a^{{(1)}})$$") == [("wrong", 1)]


def test_beside_an_elementwise_product_it_is_its_diagonal(sigmoid):
    assert _said(sigmoid, rf"$$\delta^{{(1)}} = (W^{{(2)}})^T \delta^{{(2)}} \odot {JACOBIAN}$$") == [
        ("correct", None)
    ]
    # the other layer's: a diagonal of 2 entries beside a column of 3, named
    other = JACOBIAN.replace("(1)", "(2)")
    text = rf"$$\delta^{{(1)}} = (W^{{(2)}})^T \delta^{{(2)}} \odot {other}$$"
    assert _said(sigmoid, text) == [("wrong", 2)]


def test_a_full_jacobian_stays_a_shorthand():
    """The softmax's outputs each depend on every net input, and ∂z/∂a is W: neither is diagonal."""
    d = derive(network("2-3-2", "sigmoid", "cce", "softmax"))
    text = r"$$\frac{\partial \phi(z^{(2)})}{\partial z^{(2)}} = a^{(2)} \odot (1 - a^{(2)})$$"
    assert not verify_text(d, text).verdicts
    text = r"$$\delta^{(1)} = (W^{(2)})^T \delta^{(2)} \odot \frac{\partial z^{(2)}}{\partial a^{(1)}}$$"
    report = verify_text(d, text)
    assert not report.verdicts and report.unchecked
