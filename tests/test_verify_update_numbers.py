r"""Worked numbers on updated parameters and on formulas (symbolic/verify/update_numbers.py):
`W^{(2)}_{11} = 0.40 - 0.5 \times 0.0823 = 0.3589` is the weight after one gradient step (its
numbers are claims about w − η ∂L/∂w at the point, not a new value of the point), `a^{(2)}_1 - y_1
= 0.7414` a claim about that formula's value; `W^{(1)}_{11} = 0.15` stays a value of the point.

Documents written here on a 2-2-1 sigmoid network (the corpus's Murali is a 1-1-1-1 tanh chain);
the true numbers come from a forward and backward pass written out in floats below, not from
symprop; a wrong number is named wrong, and what cannot be checked is said so."""

import math

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.read import _tex

POINT = {
    "W^{(1)}_{11}": 0.15,
    "W^{(1)}_{12}": 0.20,
    "W^{(1)}_{21}": 0.25,
    "W^{(1)}_{22}": 0.30,
    "b^{(1)}_1": 0.35,
    "b^{(1)}_2": 0.35,
    "W^{(2)}_{11}": 0.40,
    "W^{(2)}_{12}": 0.45,
    "b^{(2)}_1": 0.60,
    "x_1": 0.05,
    "x_2": 0.10,
    "y_1": 0.01,
    "eta": 0.5,
}


def _sigmoid(v: float) -> float:
    return 1 / (1 + math.exp(-v))


def truth() -> dict[str, float]:
    """The 2-2-1 sigmoid net's pass at POINT, by hand: W^{(l)}_{jk} from unit k into unit j."""
    p = POINT
    h = [
        _sigmoid(p["W^{(1)}_{11}"] * p["x_1"] + p["W^{(1)}_{12}"] * p["x_2"] + p["b^{(1)}_1"]),
        _sigmoid(p["W^{(1)}_{21}"] * p["x_1"] + p["W^{(1)}_{22}"] * p["x_2"] + p["b^{(1)}_2"]),
    ]
    out = _sigmoid(p["W^{(2)}_{11}"] * h[0] + p["W^{(2)}_{12}"] * h[1] + p["b^{(2)}_1"])
    delta = (out - p["y_1"]) * out * (1 - out)  # half squared error
    grad_w = delta * h[0]
    grad_b = delta
    return {
        "grad_w": grad_w,
        "w_new": p["W^{(2)}_{11}"] - p["eta"] * grad_w,
        "b_new": p["b^{(2)}_1"] - p["eta"] * grad_b,
        "error": out - p["y_1"],
        "grad_b": grad_b,
    }


def document() -> str:
    t = truth()
    return (
        f"$$W^{{(1)}}_{{11}} = 0.15$$\n"
        f"$$a^{{(2)}}_1 - y_1 = {t['error']:.4f}$$\n"
        f"$$W^{{(2)}}_{{11}} = 0.40 - 0.5 \\times {t['grad_w']:.4f} = {t['w_new']:.4f}$$\n"
        f"$$b^{{(2)}}_1 = 0.60 - 0.5({t['grad_b']:.4f}) = {t['b_new']:.4f}$$\n"
    )


def verify(text: str, point: dict = POINT):
    d = derive(network("2-2-1", "sigmoid", "half_se"))
    return verify_text(d, text, point={_tex(k, 0): v for k, v in point.items()})


def by_line(report) -> dict[int, list[bool]]:
    out: dict[int, list[bool]] = {}
    for n in report.numbers:
        out.setdefault(n.claim.line, []).append(n.correct)
    return out


def test_updated_parameters_and_a_formula_are_claims_at_the_point():
    r = verify(document())
    assert by_line(r) == {2: [True], 3: [True, True], 4: [True, True]}
    assert [(g.line, float(g.value)) for g in r.given] == [(1, 0.15)]  # a bare number: the point
    assert not r.unchecked


@pytest.mark.parametrize("line, key", [(3, "w_new"), (4, "b_new"), (2, "error")])
def test_a_wrong_number_is_named_wrong(line, key):
    t = truth()
    right = f"{t[key]:.4f}$$"
    wrong = f"{t[key] + 0.0021:.4f}$$"
    text = document()
    assert text.count(right) == 1
    r = verify(text.replace(right, wrong))
    assert by_line(r)[line][-1] is False
    assert all(ok for k, oks in by_line(r).items() if k != line for ok in oks)


def test_an_update_that_climbs_the_gradient_is_wrong():
    t = truth()
    text = document().replace(
        f"0.40 - 0.5 \\times {t['grad_w']:.4f} = {t['w_new']:.4f}",
        f"0.40 + 0.5 \\times {t['grad_w']:.4f} = {0.40 + 0.5 * t['grad_w']:.4f}",
    )
    assert by_line(verify(text))[3] == [False, False]


def test_without_the_learning_rate_an_update_is_not_checked_and_says_why():
    r = verify(document(), {k: v for k, v in POINT.items() if k != "eta"})
    reasons = {u.line: u.reason for u in r.unchecked}
    assert 3 in reasons and "learning rate" in reasons[3]
    assert 3 not in by_line(r)


def test_a_formula_with_a_name_the_network_lacks_is_not_checked():
    r = verify(document() + "$$2(q - y_1) = 1.4828$$\n")
    assert {u.line: u.reason for u in r.unchecked}[5].startswith("a definition of something other")
