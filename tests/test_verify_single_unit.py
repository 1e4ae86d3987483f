r"""A one-unit network's bare letters (\hat{y} = \sigma(wx + b), \partial L / \partial w): w, b, x
can only be its one weight, bias and input (verify/single_unit.py); a prime on a parenthesised
formula of one variable is its derivative ((\tanh(z))' by z: latex/expression_primes.py)."""

from __future__ import annotations

import pytest
import sympy as sp

from symbolic.backprop import derive
from symbolic.latex import Partial
from symbolic.latex.expression_primes import prime_of
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.ditto import VerifyInputError


def lines(report) -> dict[int, str]:
    out = {v.line: v.status for v in report.verdicts}
    out.update({u.line: "not checked" for u in report.unchecked})
    return out


TANH = r"""$$\frac{\partial L}{\partial w} = (a - y) (1 - a^2) x$$
$$\frac{\partial L}{\partial b} = (a - y) (1 - a^2)$$
"""


def test_bare_letters_of_one_tanh_unit_are_its_weight_bias_and_input():
    d = derive(network("1-1", "tanh", "half_se"))
    r = verify_text(d, TANH)
    assert lines(r) == {1: "correct", 2: "correct"}
    assert {s.name for s in r.inferred if getattr(s, "how", "") == "one unit"} == {"w", "b", "x", "a"}
    # with its forward definition first, the definition binds them (binding.py): the same verdicts
    defined = verify_text(d, "$$a = \\tanh(w x + b)$$\n" + TANH)
    assert lines(defined) == {1: "correct", 2: "correct", 3: "correct"}


def test_a_slip_on_one_unit_is_named_at_its_factor():
    d = derive(network("1-1", "tanh", "half_se"))
    r = verify_text(d, TANH.replace("(a - y) (1 - a^2) x", "(a - y) (1 + a^2) x"))
    wrong = [v for v in r.verdicts if v.line == 1][0]
    assert wrong.status == "wrong" and wrong.fault is not None and wrong.fault.position == 2


@pytest.mark.parametrize("letter", ["theta", "W"])
def test_other_letters_for_the_one_weight(letter):
    d = derive(network("1-1", "sigmoid", "bce"))
    text = f"$$\\frac{{\\partial L}}{{\\partial \\{letter}}} = (a - y) x$$\n".replace("\\W", "W")
    assert lines(verify_text(d, text)) == {1: "correct"}


def test_with_two_inputs_a_bare_w_names_nothing():
    d = derive(network("2-1", "sigmoid", "bce"))
    with pytest.raises(VerifyInputError, match="unknown name w"):
        verify_text(d, "$$\\frac{\\partial L}{\\partial w} = (a_1 - y) x_1$$\n")


def test_a_prime_on_a_formula_of_one_variable_is_its_derivative():
    d = derive(network("1-1", "sigmoid", "bce"))
    right = r"$$\frac{\partial a}{\partial z} = \left( \frac{1}{1 + e^{-z}} \right)' = a (1 - a)$$" + "\n"
    assert lines(verify_text(d, right)) == {1: "correct"}
    slip = right.replace("a (1 - a)", "a (1 + a)")
    assert lines(verify_text(d, slip)) == {1: "wrong"}
    z, w = sp.symbols("z w")
    assert prime_of(sp.tanh(z)) == Partial(sp.tanh(z), z)
    assert prime_of(w * z) is None and prime_of(sp.Integer(2)) is None


def test_the_bare_net_input_is_shown_in_the_networks_spelling():
    """z bound to the one unit's net input is said z⁽¹⁾₁ in 'names from the document', never the
    code name printed as a plain symbol (z1₁); tests/published/said.py now catches that spelling."""
    import sys
    from pathlib import Path

    from codegen.verdict import render_text

    sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))
    from said import bad

    text = (
        r"$$\hat{y} = \sigma(w x + b)$$"
        + "\n"
        + r"$$\frac{\partial \hat{y}}{\partial z} = \hat{y}(1 - \hat{y})$$"
        + "\n"
    )
    said = render_text(verify_text(derive(network("1-1", "sigmoid", "bce")), text)).splitlines()
    assert any("z = z⁽¹⁾₁" in line for line in said), said
    assert not bad(said), bad(said)
    assert bad(["z = z1₁ (a one-unit network has only one)"])
