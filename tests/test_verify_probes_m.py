r"""Probes in scalar notation with worked numbers (written for symprop, not transcribed): the ways students,
tutorials and course notes write backprop unit by unit, each a regression found by a probe.

The true numbers come from a forward pass written out in floats here, not from symprop."""

import math

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.read import _tex

POINT = {  # a 2-2-1 network, W^{(l)}_{jk} from unit k into unit j
    "W^{(1)}_{11}": 0.15,
    "W^{(1)}_{12}": 0.20,
    "W^{(1)}_{21}": 0.25,
    "W^{(1)}_{22}": 0.30,
    "b^{(1)}_1": 0.35,
    "b^{(1)}_2": 0.30,
    "W^{(2)}_{11}": 0.40,
    "W^{(2)}_{12}": 0.45,
    "b^{(2)}_1": 0.60,
    "x_1": 0.05,
    "x_2": 0.10,
    "y_1": 0.01,
    "eta": 0.5,
}


def forward(f) -> dict[str, float]:
    p = POINT
    h1 = f(p["W^{(1)}_{11}"] * p["x_1"] + p["W^{(1)}_{12}"] * p["x_2"] + p["b^{(1)}_1"])
    h2 = f(p["W^{(1)}_{21}"] * p["x_1"] + p["W^{(1)}_{22}"] * p["x_2"] + p["b^{(1)}_2"])
    out = f(p["W^{(2)}_{11}"] * h1 + p["W^{(2)}_{12}"] * h2 + p["b^{(2)}_1"])
    return {"h1": h1, "h2": h2, "out": out}


def verify(text: str, activation: str = "sigmoid", loss: str = "half_se", point: dict = POINT):
    d = derive(network("2-2-1", activation, loss))
    return verify_text(d, text, point={_tex(k, 0): v for k, v in point.items()})


def numbers(report) -> dict[tuple[int, int], bool]:
    return {(n.claim.line, n.claim.col): n.correct for n in report.numbers}


def test_a_number_rounded_before_a_power_and_a_difference_is_within_its_rounding():
    """1 - 0.712667^2: 0.712667 is off by up to 5e-7, so the side by up to 2 · 0.712667 · 5e-7
    (7.1e-7); half a unit per number summed relatively allowed 3.4e-7 and called tanh' of a right
    output wrong (the side is 3.6e-7 off). Found by probe p02 (2-2-2 tanh, Mazur's numbers)."""
    out = forward(math.tanh)["out"]
    shown = f"{out:.6f}"
    assert abs(1 - float(shown) ** 2 - (1 - out**2)) > 3e-7  # the case: rounding moved the side
    doc = (
        f"$$\\frac{{\\partial a^{{(2)}}_1}}{{\\partial z^{{(2)}}_1}} = 1 - (a^{{(2)}}_1)^2 "
        f"= 1 - {shown}^2 = {1 - out**2:.6f}$$\n"
    )
    r = verify(doc, "tanh")
    assert [v.status for v in r.verdicts] == ["correct"]
    assert list(numbers(r).values()) == [True, True]
    slip = doc.replace(f"1 - {shown}^2", f"1 - {out + 2e-5:.6f}^2")  # a digit off, not rounding
    assert list(numbers(verify(slip, "tanh")).values()) == [False, True]


def test_two_statements_on_a_row_the_second_with_approx_are_both_read():
    r"""`z = 0.3775, \quad a \approx 0.593270`: ≈ is a statement's relation as '=' is, so the row is
    cut at ', \quad' (before, only '=' on both sides cut it, and the row was 'not checked:
    unexpected ,'). Found by probe p02."""
    h1 = forward(lambda v: 1 / (1 + math.exp(-v)))["h1"]
    doc = f"$$z^{{(1)}}_1 = 0.3775, \\quad a^{{(1)}}_1 \\approx {h1:.6f}$$\n"
    r = verify(doc)
    assert not r.unchecked
    assert list(numbers(r).values()) == [True, True]
    slip = doc.replace(f"{h1:.6f}", f"{h1 + 3e-5:.6f}")
    assert list(numbers(verify(slip)).values()) == [True, False]


def _sigmoid(v: float) -> float:
    return 1 / (1 + math.exp(-v))


FORWARD_NAMES = (  # the document's own letters: v_1, v_2 the output's weights
    "$$z_1 = w_1 x_1 + w_2 x_2 + b_1$$\n"
    "$$z_2 = w_3 x_1 + w_4 x_2 + b_2$$\n"
    "$$z_3 = v_1 h_1 + v_2 h_2 + b_3$$\n"
    "$$h_1 = \\sigma(z_1)$$\n"
)


def _grad_v1() -> float:
    f = forward(_sigmoid)
    return (f["out"] - POINT["y_1"]) * f["out"] * (1 - f["out"]) * f["h1"]


def test_an_update_written_with_leftarrow_or_colon_equals_and_worked_numbers_is_judged():
    r"""`v_1 \leftarrow v_1 - \eta \frac{\partial E}{\partial v_1} = 0.40 - 0.5 \times 0.0822 =
    0.3589`: a side of numbers alone is a worked example's claim, set apart; the update was read
    only when every side had the parameter, so the row was 'not checked: unknown name \eta', and
    a letter other than w, b or θ (v_1, bound to a weight by the forward sum) was never an update.
    Found by probe p01."""
    g = _grad_v1()
    new = 0.40 - 0.5 * g
    for arrow in ("\\leftarrow", ":="):
        doc = FORWARD_NAMES + (
            f"$$v_1 {arrow} v_1 - \\eta \\frac{{\\partial E}}{{\\partial v_1}} "
            f"= 0.40 - 0.5 \\times {g:.9f} = {new:.9f}$$\n"
        )
        r = verify(doc)
        assert not r.unchecked, arrow
        assert [v.status for v in r.verdicts][-1] == "correct"
        assert list(numbers(r).values()) == [True, True]
        slip = doc.replace(f"= {new:.9f}", f"= {new + 4e-6:.9f}")
        assert list(numbers(verify(slip)).values()) == [True, False]


def test_new_and_old_superscripts_are_an_update():
    r"""`v_1^{new} = v_1^{old} - \eta \cdot ...` (also `^{\text{new}}`, `^{(new)}`): the value after
    the step and before it; `^{new}` was read as a power ('a definition of something other than a
    name: not checked'). A step that climbs is named. Found by probe p01."""
    g = _grad_v1()
    new = 0.40 - 0.5 * g
    for up, old in (("{new}", "{old}"), ("{\\text{new}}", "{\\text{old}}"), ("{(new)}", "{(old)}")):
        doc = FORWARD_NAMES + (
            f"$$v_1^{up} = v_1^{old} - \\eta \\cdot \\frac{{\\partial E}}{{\\partial v_1}} "
            f"= 0.40 - 0.5 \\cdot {g:.9f} = {new:.9f}$$\n"
        )
        r = verify(doc)
        assert not r.unchecked, up
        assert [v.status for v in r.verdicts][-1] == "correct"
        assert list(numbers(r).values()) == [True, True]
    climbs = FORWARD_NAMES + "$$v_1^{new} = v_1 + \\eta \\frac{\\partial E}{\\partial v_1}$$\n"
    assert [v.status for v in verify(climbs).verdicts][-1] == "wrong"


NG_POINT = {  # a 2-3-1 ReLU network with a sigmoid output, in Ng's square brackets
    "x_1": 1.0,
    "x_2": 0.5,
    "y": 1.0,
    "W^{[1]}_{11}": 0.2,
    "W^{[1]}_{12}": -0.3,
    "W^{[1]}_{21}": 0.4,
    "W^{[1]}_{22}": 0.1,
    "W^{[1]}_{31}": -0.5,
    "W^{[1]}_{32}": 0.2,
    "b^{[1]}_1": 0.1,
    "b^{[1]}_2": -0.1,
    "b^{[1]}_3": 0.05,
    "W^{[2]}_{11}": 0.3,
    "W^{[2]}_{12}": -0.2,
    "W^{[2]}_{13}": 0.6,
    "b^{[2]}": 0.2,
}


def ng_truth() -> dict[str, float]:
    p = NG_POINT
    z1 = [
        p[f"W^{{[1]}}_{{{j}1}}"] * p["x_1"] + p[f"W^{{[1]}}_{{{j}2}}"] * p["x_2"] + p[f"b^{{[1]}}_{j}"]
        for j in (1, 2, 3)
    ]
    a1 = [max(0.0, z) for z in z1]
    z2 = sum(p[f"W^{{[2]}}_{{1{j + 1}}}"] * a1[j] for j in range(3)) + p["b^{[2]}"]
    out = _sigmoid(z2)
    dz2 = out - p["y"]  # cross-entropy after a sigmoid
    return {"z11": z1[0], "out": out, "dz2": dz2, "dz11": dz2 * p["W^{[2]}_{11}"], "dW11": dz2 * a1[0]}


def ng_verify(text: str, point: dict = NG_POINT):
    d = derive(network("2-3-1", "relu", "bce", output_activation="sigmoid"))
    return verify_text(d, text, point={_tex(k, 0): v for k, v in point.items()})


def test_a_point_in_square_bracket_layers_gives_every_weight_the_document_names_that_way():
    r"""--at "W^{[1]}_{21}" = 0.4 for a document in Ng's brackets that writes W^{[1]}_{11} only:
    the key is read in the document's layers as its written names are (the statements'
    Instantiator); it was left out as a name the document never writes, and every number was 'the
    point (--at) lacks W^{(1)}_{21}, ...' (even W^{(1)}_{11}, written). Found by probe p03."""
    t = ng_truth()
    doc = (
        "$$z^{[1]}_1 = W^{[1]}_{11} x_1 + W^{[1]}_{12} x_2 + b^{[1]}_1 "
        f"= 0.2(1.0) + (-0.3)(0.5) + 0.1 = {t['z11']:.2f}$$\n"
        f"$$\\hat{{y}} = \\sigma(z^{{[2]}}) = {t['out']:.6f}$$\n"
    )
    r = ng_verify(doc)
    assert not r.unchecked
    assert list(numbers(r).values()) == [True, True, True]
    slip = doc.replace(f"{t['out']:.6f}", f"{t['out'] + 2e-5:.6f}")
    assert list(numbers(ng_verify(slip)).values()) == [True, True, False]


def test_alpha_given_a_value_is_the_rate_of_updates_written_with_alpha():
    r"""`Update with $\alpha = 0.1$: W := W - \alpha \frac{\partial L}{\partial W} = 0.3 - 0.1 \times
    (...)`: α, the one rate letter the updates write, is the learning rate the numbers are checked
    with; it was 'unknown name \alpha', and the update's numbers 'need the learning rate'.
    Found by probe p03."""
    t = ng_truth()
    new = NG_POINT["W^{[2]}_{11}"] - 0.1 * t["dW11"]
    doc = (
        "$$z^{[1]}_1 = W^{[1]}_{11} x_1 + W^{[1]}_{12} x_2 + b^{[1]}_1$$\n"
        "Update with $\\alpha = 0.1$:\n"
        "$$W^{[2]}_{11} := W^{[2]}_{11} - \\alpha \\frac{\\partial \\mathcal{L}}{\\partial W^{[2]}_{11}} "
        f"= 0.3 - 0.1 \\times ({t['dW11']:.6f}) = {new:.6f}$$\n"
    )
    r = ng_verify(doc)
    assert not r.unchecked
    assert [float(g.value) for g in r.given] == [0.1]
    assert list(numbers(r).values()) == [True, True]
    slip = doc.replace(f"= {new:.6f}", f"= {new + 3e-5:.6f}")
    assert list(numbers(ng_verify(slip)).values()) == [True, False]


def test_a_number_written_for_a_factor_at_the_point_is_a_worked_value_not_a_wrong_formula():
    r"""`\frac{\partial L}{\partial z^{[1]}_1} = \frac{\partial L}{\partial a^{[1]}_1} \cdot 1`:
    ReLU's derivative written as its value where the unit is on, and `= (\hat{y} - y) a^{[1]}_3 =
    0` for a dead unit: right at the point the document works at, wrong as formulas; they were
    called wrong ('wrote [1], expected [H(z)]'). The first is said not checked, with the reason;
    the second is judged by its formula, the 0 said to be the point's value; a number that is
    wrong at the point too (· 0 for a unit that is on) stays wrong. Found by probes p03, p08."""
    t = ng_truth()
    on = (
        "$$\\frac{\\partial \\mathcal{L}}{\\partial z^{[1]}_1} = "
        f"\\frac{{\\partial \\mathcal{{L}}}}{{\\partial a^{{[1]}}_1}} \\cdot 1 = {t['dz11']:.6f}$$\n"
    )
    dead = "$$\\frac{\\partial \\mathcal{L}}{\\partial W^{[2]}_{13}} = (\\hat{y} - y) a^{[1]}_3 = 0$$\n"
    r = ng_verify(on + dead)
    assert [u.line for u in r.unchecked] == [1]
    assert "right at the given point" in r.unchecked[0].reason
    assert list(numbers(r).values()) == [True]
    # = 0 beside a formula: the formula's verdict stands, the number said to be the point's value
    assert [(v.line, v.status) for v in r.verdicts] == [(2, "correct")]
    assert "value at the given point" in r.verdicts[0].remark
    wrong = ng_verify(on.replace("\\cdot 1", "\\cdot 0"))
    assert [v.status for v in wrong.verdicts] == ["wrong"]
    without_point = verify_text(derive(network("2-3-1", "relu", "bce", output_activation="sigmoid")), dead)
    assert [v.status for v in without_point.verdicts] == ["wrong"]  # no point: a formula, judged


def _verify_321(text: str):
    return verify_text(derive(network("3-2-1", "sigmoid", "(out - y)**2")), text)


def test_u_names_the_output_weights_as_v_does():
    r"""`r = u_1 h_1 + u_2 h_2 + b`: u_j is a weight letter as v_j is (notes write u_{jk} for the
    second layer's weights); u_1 could bind to no weight, so r, u_1 and every line with them were
    'unknown name'. A wrong weight in a gradient is then named. Found by probe p04."""
    doc = (
        "$$s_1 = w_{11} x_1 + w_{21} x_2 + w_{31} x_3 + c_1$$\n"
        "$$h_1 = \\sigma(s_1)$$\n"
        "$$r = u_1 h_1 + u_2 h_2 + b$$\n"
        "$$y_{pred} = \\sigma(r)$$\n"
        "$$\\frac{\\partial J}{\\partial u_1} = \\frac{\\partial J}{\\partial r} h_1$$\n"
        "$$\\frac{\\partial J}{\\partial w_{11}} = \\frac{\\partial J}{\\partial r} u_2 h_1 (1 - h_1) x_1$$\n"
    )
    r = _verify_321(doc)
    assert not r.unchecked
    assert [v.status for v in r.verdicts] == ["correct"] * 5 + ["wrong"]


def test_a_definition_in_a_letter_beside_numbered_units_is_for_every_unit():
    r"""`$h_j = \sigma(s_j)$` in a document that writes h_1 and h_2: j is an index, the definition
    holds for every unit; it was bound to the one unit left free (h_j = a⁽¹⁾₂, once h_1 was bound),
    and h_2, held by it, was then an unknown name. Found by probe p04."""
    doc = (
        "$s_j = \\sum_i w_{ij} x_i + c_j$, $h_j = \\sigma(s_j)$.\n"
        "$$s_1 = w_{11} x_1 + w_{21} x_2 + w_{31} x_3 + c_1$$\n"
        "$$h_1 = \\sigma(s_1)$$\n"
        "$$r = v_1 h_1 + v_2 h_2 + b$$\n"
        "$$\\frac{\\partial J}{\\partial v_2} = \\frac{\\partial J}{\\partial r} h_2$$\n"
    )
    r = _verify_321(doc)
    assert all("h_j" not in s.name for s in r.inferred)
    assert [u.line for u in r.unchecked] == [1]  # c_j: a bias letter the forward sum does not settle
    assert [v.status for v in r.verdicts if v.line >= 4] == ["correct", "correct"]


def test_a_number_in_text_is_that_number():
    r"""`= \text{0.5933}`: a number set in \text (as rendered notes keep it upright) is the number;
    it was 'text 0.5933 is not a single name' and the row not checked. Found by probe p05."""
    h1 = forward(_sigmoid)["h1"]
    doc = f"$$a^{{(1)}}_1 = \\sigma(z^{{(1)}}_1) = \\text{{{h1:.4f}}}$$\n"
    r = verify(doc)
    assert not r.unchecked
    assert list(numbers(r).values()) == [True]
    assert list(numbers(verify(doc.replace(f"{h1:.4f}", f"{h1 + 0.002:.4f}"))).values()) == [False]


def test_alpha_given_beside_an_update_of_numbers_alone_is_the_rate():
    r"""`With $\alpha = 0.1$: $w \leftarrow 0.40 - 0.1 \times (0.0823) = 0.3918$`: the update writes
    numbers only, so no letter of it names the rate; α, the one rate letter the document gives a
    number, is it (it was 'unknown name \alpha' and the update's numbers 'need the learning
    rate'). The claim is labelled by the parameter, not by the row up to its first '='. Found by
    probe p05."""
    g = _grad_v1()
    doc = FORWARD_NAMES + (
        f"With $\\alpha = 0.1$: $v_1 \\leftarrow 0.40 - 0.1 \\times ({g:.4f}) = {0.40 - 0.1 * g:.4f}$.\n"
    )
    point = {k: v for k, v in POINT.items() if k != "eta"}  # the rate is the document's own
    r = verify(doc, point=point)
    assert not r.unchecked
    assert list(numbers(r).values()) == [True, True]
    assert [n.claim.what for n in r.numbers] == ["v_1", "v_1"]
    slip = doc.replace(f"= {0.40 - 0.1 * g:.4f}", f"= {0.40 - 0.1 * g + 0.002:.4f}")
    assert list(numbers(verify(slip, point=point)).values()) == [True, False]


def test_a_number_of_few_digits_beside_a_larger_one_is_not_a_licence():
    r"""`v_1^{+} = 0.40 - 0.1 \times 0.0822` where η = 0.5: the rate is wrong, the side off by
    0.033. Half a unit of '0.1' relative to it (50 %) times the whole value allowed 0.18 and called
    it right; carried through the arithmetic that half unit moves the side by 0.004. Found by
    probe p05."""
    g = _grad_v1()
    doc = FORWARD_NAMES + f"$$v_1^{{+}} = 0.40 - 0.1 \\times {g:.4f} = {0.40 - 0.1 * g:.4f}$$\n"
    assert list(numbers(verify(doc)).values()) == [False, False]
    right = FORWARD_NAMES + f"$$v_1^{{+}} = 0.40 - 0.5 \\times {g:.4f} = {0.40 - 0.5 * g:.4f}$$\n"
    assert list(numbers(verify(right)).values()) == [True, True]


def test_an_activation_applied_to_z_says_z_is_the_net_input():
    r"""`\hat{y}_1 = \sigma(z_1)` says z is the net input (Bishop applies h to his a, never to his z),
    so `\frac{\partial L}{\partial z_k} = \hat{y}_k - y_k` is read by its roles (k an output unit,
    by the target y_k) and judged for each k; it was 'z_k carries index letters and no layer'.
    A wrong one is named. Found by probe p07 (2-2-2 sigmoid, cross-entropy)."""
    head = (
        "$$z_1 = w_{11} h_1 + w_{21} h_2 + c_1$$\n"
        "$$z_2 = w_{12} h_1 + w_{22} h_2 + c_2$$\n"
        "$$\\hat{y}_1 = \\sigma(z_1)$$\n"
    )
    d = derive(network("2-2-2", "sigmoid", "bce"))
    r = verify_text(d, head + "$$\\frac{\\partial L}{\\partial z_k} = \\hat{y}_k - y_k$$\n")
    assert not r.unchecked
    assert [(v.line, v.status) for v in r.verdicts if v.line == 4] == [(4, "correct"), (4, "correct")]
    wrong = verify_text(d, head + "$$\\frac{\\partial L}{\\partial z_k} = \\hat{y}_k (1 - y_k)$$\n")
    assert [v.status for v in wrong.verdicts if v.line == 4] == ["wrong", "wrong"]


def test_a_dead_units_gradient_written_as_0_alone_with_a_remark_in_parentheses():
    r"""`\frac{\partial L}{\partial W^{[1]}_{31}} = 0 \quad (\text{unit 3 is off})`: the remark in
    parentheses after a space is prose (it was 'text unit 3 is off is not a single name'), and a
    derivative written as the number alone is that number at the given point (it was called wrong
    as a formula). Found by probe p08."""
    doc = "$$\\frac{\\partial \\mathcal{L}}{\\partial W^{[1]}_{31}} = 0 \\quad (\\text{unit 3 is off})$$\n"
    r = ng_verify(doc)
    assert not r.unchecked and not r.verdicts
    assert list(numbers(r).values()) == [True]
    on = ng_verify(doc.replace("W^{[1]}_{31}", "W^{[1]}_{11}"))  # unit 1 is on: 0 is wrong there
    assert [v.status for v in on.verdicts] == ["wrong"]


def test_each_hidden_units_definition_binds_once_its_siblings_are_numbered():
    r"""`net_1 = w_{11} x_1 + w_{12} x_2 + b_1`, `net_2 = w_{21} x_1 + ...`, `net_3 = ...`, then
    `net_o = v_1 h_1 + v_2 h_2 + v_3 h_3 + b_o`: net_2, h_2 are unit 2 by their numbers only after
    net_1 binds, and their definitions were never unified again (w_{21}, b_2, v_1, ... 'unknown
    name'); net_o (o the output's label, beside net_1, net_2) is no definition for every unit. A
    swapped weight is then named. Found by probe p09 (2-3-1 tanh)."""
    head = (
        "".join(
            f"$$net_{j} = w_{{{j}1}} x_1 + w_{{{j}2}} x_2 + b_{j}, \\quad h_{j} = \\tanh(net_{j})$$\n"
            for j in (1, 2, 3)
        )
        + "$$net_o = v_1 h_1 + v_2 h_2 + v_3 h_3 + b_o, \\quad o = \\tanh(net_o)$$\n"
    )
    grad = "$$\\frac{\\partial E}{\\partial w_{21}} = (o - t)(1 - o^2) v_2 (1 - h_2^2) x_1$$\n"
    d = derive(network("2-3-1", "tanh", "half_se"))
    r = verify_text(d, head + grad)
    assert not r.unchecked
    assert [v.status for v in r.verdicts] == ["correct"] * 9
    wrong = verify_text(d, head + grad.replace("v_2 (1", "v_3 (1"))
    assert [v.status for v in wrong.verdicts][-1] == "wrong"


def test_theta_0_is_the_intercept_and_lr_the_rate():
    r"""`\hat{y} = \sigma(\theta_0 + \theta_1 h_1 + \theta_2 h_2)`: θ_0, the weight on x_0 = 1, is the
    output's bias (a weight letter could bind no bias, so θ_0, θ_1, θ_2 were 'unknown name' on
    every line); `\text{lr} = 0.1` and `\theta_1 \leftarrow \theta_1 - \text{lr} \cdot ...` is an
    update with the rate lr. A wrong update number is named. Found by probe p10."""
    g = _grad_v1()
    doc = (
        "$$z_1 = w_1 x_1 + w_2 x_2 + b_1$$\n"
        "$$z_2 = w_3 x_1 + w_4 x_2 + b_2$$\n"
        "$$h_1 = \\sigma(z_1)$$\n"
        "$$\\hat{y} = \\sigma(\\theta_0 + \\theta_1 h_1 + \\theta_2 h_2)$$\n"
        "With $\\text{lr} = 0.1$:\n"
        "$$\\theta_1 \\leftarrow \\theta_1 - \\text{lr} \\cdot \\frac{\\partial E}{\\partial \\theta_1} "
        f"= 0.40 - 0.1 \\cdot {g:.6f} = {0.40 - 0.1 * g:.6f}$$\n"
    )
    point = {k: v for k, v in POINT.items() if k != "eta"}
    r = verify(doc, point=point)
    assert not r.unchecked
    assert all(v.status == "correct" for v in r.verdicts) and len(r.verdicts) == 5
    assert list(numbers(r).values()) == [True, True]
    slip = doc.replace(f"= {0.40 - 0.1 * g:.6f}", f"= {0.40 - 0.1 * g + 3e-5:.6f}")
    assert list(numbers(verify(slip, point=point)).values()) == [True, False]


def test_a_letter_the_definitions_bind_as_one_units_label_is_no_index():
    r"""`net_o = v_1 h_1 + v_2 h_2 + v_3 h_3 + b_o` binds net_o and b_o to the output unit, so o is
    that unit's label: `\delta_o = (o - t)(1 - o^2)` is the output's δ, not o read as a unit of
    every layer in turn ('its letters carry no layer ... wrong read with o a hidden unit').
    Found by probe p09."""
    head = "".join(
        f"$$net_{j} = w_{{{j}1}} x_1 + w_{{{j}2}} x_2 + b_{j}, \\quad h_{j} = \\tanh(net_{j})$$\n"
        for j in (1, 2, 3)
    )
    head += "$$net_o = v_1 h_1 + v_2 h_2 + v_3 h_3 + b_o, \\quad o = \\tanh(net_o)$$\n"
    delta = "$$\\delta_o = \\frac{\\partial E}{\\partial net_o} = (o - t)(1 - o^2)$$\n"
    d = derive(network("2-3-1", "tanh", "half_se"))
    r = verify_text(d, head + delta)
    assert not r.unchecked
    assert [(v.line, v.status) for v in r.verdicts if v.line == 5] == [(5, "correct")]
    wrong = verify_text(d, head + delta.replace("(1 - o^2)", "o(1 - o)"))
    assert [v.status for v in wrong.verdicts if v.line == 5] == ["wrong"]
