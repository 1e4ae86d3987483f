"""Correct and deliberately wrong hand gradients on five networks: each verdict names the factor.

Mistakes covered: missing factor, wrong weight index, sign error, transposed weight, wrong
activation derivative, z written for a(z), a missing constant; plus unalignable products (ratio).
"""

from functools import lru_cache

import pytest
import sympy as sp

from symbolic.backprop import derive
from symbolic.functions import relu, sigmoid
from symbolic.spec import network
from symbolic.verify import check_gradient, check_local, verify_text


@lru_cache(maxsize=None)
def net(arch, act="sigmoid", loss="half_se", naming="layered"):
    return derive(network(arch, act, loss, naming=naming))


def one(d, text, fmt="txt"):
    report = verify_text(d, text, fmt)
    assert len(report.verdicts) == 1
    return report.verdicts[0]


def S(d, name):
    return d.symbol(name)


# ------------------------------------------------------------------ 1. seed: sigmoid / half SE

SEED = ("2-3-1", "sigmoid", "half_se", "seed")
SEED_OK = "dL/dw21 = [out - y_T] * [out*(1 - out)] * [w_b] * [sigma(z_h2)*(1 - sigma(z_h2))] * [x1]"


def test_seed_correct():
    v = one(net(*SEED), SEED_OK)
    assert v.correct and v.exact and v.kind == "gradient"


def test_seed_missing_factor():
    d = net(*SEED)
    v = one(d, "dL/dw21 = [out - y_T] * [w_b] * [sigma(z_h2)*(1 - sigma(z_h2))] * [x1]")
    f = v.fault
    assert not v.correct and (f.kind, f.position) == ("missing", 2)
    assert f.expected == S(d, "out") * (1 - S(d, "out"))
    assert f.partial == (S(d, "out"), S(d, "z_o"))


def test_seed_missing_one_minus_sigma_shows_as_ratio():
    d = net(*SEED)
    v = one(d, "dL/dw21 = [out - y_T] * [out*(1 - out)] * [w_b] * [sigma(z_h2)] * [x1]")
    f = v.fault
    assert (f.kind, f.position) == ("wrong", 4)
    assert sp.simplify(f.ratio - 1 / (1 - sigmoid(S(d, "z_h2")))) == 0


def test_seed_wrong_weight_index():
    d = net(*SEED)
    v = one(d, "dL/dw21 = [out - y_T] * [out*(1 - out)] * [w_c] * [sigma(z_h2)*(1 - sigma(z_h2))] * [x1]")
    assert (v.fault.kind, v.fault.position) == ("wrong", 3)
    assert v.fault.read_as == S(d, "w_c") and v.fault.expected == S(d, "w_b")


def test_seed_z_for_activation():
    d = net(*SEED)
    v = one(d, "dL/dw42 = [out - y_T] * [out*(1 - out)] * [z_h2]")
    assert (v.fault.kind, v.fault.position) == ("wrong", 3)
    assert v.fault.expected == sigmoid(S(d, "z_h2"))


def test_seed_in_latex_with_aliases_and_generic_g():
    d = net(*SEED)
    tex = (
        r"$$\frac{\partial Loss}{\partial w_{42}} = [g(z) - y_{TRUE}] \cdot "
        r"[g(z)(1 - g(z))] \cdot [\frac{1}{1+e^{-z_{h2}}}]$$"
    )
    assert one(d, tex, "tex").correct


def test_seed_user_alias():
    d = net(*SEED)
    tex = (
        "% symprop: alias W_{11} = w_a\n"
        r"$$\frac{\partial z}{\partial g(z_{h1})} = W_{11}$$"
    )
    v = one(d, tex, "tex")
    assert v.correct and v.kind == "local"


# ------------------------------------------------------------------ 2. tanh / MSE

TANH = ("2-2-1", "tanh", "mse")


def test_tanh_correct():
    v = one(net(*TANH), "dL/dW1_1_2 = [2*(a2_1 - y)] * [1 - a2_1**2] * [W2_1_1] * [1 - tanh(z1_1)**2] * [x2]")
    assert v.correct and v.exact


def test_tanh_wrong_activation_derivative():
    d = net(*TANH)
    v = one(
        d, "dL/dW1_1_2 = [2*(a2_1 - y)] * [1 - a2_1**2] * [W2_1_1] * [tanh(z1_1)*(1 - tanh(z1_1))] * [x2]"
    )
    f = v.fault
    assert (f.kind, f.position) == ("wrong", 4)
    assert f.expected == 1 - sp.tanh(S(d, "z1_1")) ** 2
    assert f.partial == (sp.tanh(S(d, "z1_1")), S(d, "z1_1"))


def test_tanh_missing_constant_two():
    d = net(*TANH)
    v = one(d, "dL/db2_1 = [a2_1 - y] * [1 - a2_1**2]")
    assert (v.fault.kind, v.fault.position) == ("wrong", 1)
    assert v.fault.ratio == sp.Rational(1, 2)


def test_tanh_sigmoid_derivative_split_over_two_factors():
    d = net(*TANH)
    v = one(d, "dL/dW1_1_2 = 2*(a2_1 - y) * (1 - a2_1**2) * W2_1_1 * tanh(z1_1)*(1 - tanh(z1_1)) * x2")
    f = v.fault
    assert (f.kind, f.span) == ("wrong", 2)
    assert f.expected == 1 - sp.tanh(S(d, "z1_1")) ** 2


# ------------------------------------------------------------------ 3. ReLU / BCE

RELU = ("2-3-1", "relu", "bce")


def test_relu_bce_correct_long_form_and_delta_form():
    d = net(*RELU)
    long = (
        "dL/dW1_2_1 = [-y/a2_1 + (1 - y)/(1 - a2_1)] * [a2_1*(1 - a2_1)] * [W2_1_2] * "
        "[relu_prime(z1_2)] * [x1]"
    )
    assert one(d, long).correct
    assert one(d, "dL/dW1_2_1 = [a2_1 - y] * [W2_1_2] * [H(z1_2)] * [x1]").correct


def test_relu_z_for_activation():
    d = net(*RELU)
    v = one(d, "dL/dW2_1_3 = [a2_1 - y] * [z1_3]")
    assert (v.fault.kind, v.fault.position) == ("wrong", 2)
    assert v.fault.expected == relu(S(d, "z1_3"))


def test_relu_activation_for_its_derivative():
    d = net(*RELU)
    v = one(d, "dL/dW1_2_1 = [a2_1 - y] * [W2_1_2] * [relu(z1_2)] * [x1]")
    assert (v.fault.kind, v.fault.position) == ("wrong", 3)
    assert v.fault.expected == sp.Heaviside(S(d, "z1_2"))


# ------------------------------------------------------------------ 4. softmax / cross-entropy

SOFTMAX = ("3-4-3", "relu", "cce")


def test_softmax_correct_delta_and_explicit_forms():
    d = net(*SOFTMAX)
    assert one(d, "dL/dW2_2_3 = [a2_2 - y2] * [relu(z1_3)]").correct
    explicit = (
        "dL/dW1_1_1 = [W2_1_1*(a2_1 - y1) + W2_2_1*(a2_2 - y2) + W2_3_1*(a2_3 - y3)] * [H(z1_1)] * [x1]"
    )
    v = one(d, explicit)
    assert v.correct and v.exact


def test_softmax_sign_error():
    d = net(*SOFTMAX)
    v = one(d, "dL/dW2_2_3 = [y2 - a2_2] * [relu(z1_3)]")
    assert (v.fault.kind, v.fault.position, v.fault.ratio) == ("wrong", 1, -1)


def test_softmax_transposed_weight():
    d = net(*SOFTMAX)
    v = one(
        d, "dL/dW1_1_1 = [W2_1_1*(a2_1 - y1) + W2_1_2*(a2_2 - y2) + W2_1_3*(a2_3 - y3)] * [H(z1_1)] * [x1]"
    )
    f = v.fault
    assert (f.kind, f.position) == ("wrong", 1)
    assert f.partial == (d.loss_symbol, relu(S(d, "z1_1")))


def test_softmax_diagonal_only_derivative_is_wrong():
    d = net(*SOFTMAX)
    v = one(d, "dL/dW2_2_3 = [-y2/a2_2] * [a2_2*(1 - a2_2)] * [relu(z1_3)]")
    assert not v.correct


# ------------------------------------------------------------------ 5. deeper: 2-3-3-1

DEEP = ("2-3-3-1", "sigmoid", "half_se")
D_SUM = "[W2_1_1*delta2_1 + W2_2_1*delta2_2 + W2_3_1*delta2_3]"


def test_deep_correct_and_by_paths():
    d = net(*DEEP)
    assert one(d, f"dL/dW1_1_2 = {D_SUM} * [sigma(z1_1)*(1 - sigma(z1_1))] * [x2]").correct
    paths = " + ".join(
        f"(a3_1 - y)*a3_1*(1 - a3_1)*W3_1_{k}*sigma(z2_{k})*(1 - sigma(z2_{k}))*W2_{k}_1" for k in (1, 2, 3)
    )
    v = one(d, f"dL/dW1_1_2 = [{paths}] * [sigma(z1_1)*(1 - sigma(z1_1))] * [x2]")
    assert v.correct and v.exact


def test_deep_transposed_weight():
    d = net(*DEEP)
    v = one(
        d,
        "dL/dW1_1_2 = [W2_1_1*delta2_1 + W2_1_2*delta2_2 + W2_1_3*delta2_3] * "
        "[sigma(z1_1)*(1 - sigma(z1_1))] * [x2]",
    )
    assert (v.fault.kind, v.fault.position) == ("wrong", 1)


def test_deep_wrong_weight_index_and_z_for_a():
    d = net(*DEEP)
    head = "dL/dW2_3_1 = [a3_1 - y] * [a3_1*(1 - a3_1)]"
    v = one(d, f"{head} * [W3_1_1] * [sigma(z2_3)*(1 - sigma(z2_3))] * [sigma(z1_1)]")
    assert (v.fault.position, v.fault.expected) == (3, S(d, "W3_1_3"))
    v = one(d, f"{head} * [W3_1_3] * [sigma(z2_3)*(1 - sigma(z2_3))] * [z1_1]")
    assert (v.fault.position, v.fault.expected) == (5, sigmoid(S(d, "z1_1")))


def test_deep_local_factors_and_deltas():
    d = net(*DEEP)
    text = "\n".join(
        [
            "dz3_1/d(sigma(z2_2)) = W3_1_2",
            "d(sigma(z2_2))/dz2_2 = sigma(z2_2)*(1 - sigma(z2_2))",
            "dL/dz2_2 = (a3_1 - y)*a3_1*(1 - a3_1) * W3_1_2 * sigma(z2_2)*(1 - sigma(z2_2))",
            "dz3_1/dz2_2 = W3_1_2 * sigma(z2_2)*(1 - sigma(z2_2))",
            "dz3_1/d(sigma(z2_2)) = W3_1_1",
        ]
    )
    verdicts = verify_text(d, text, "txt").verdicts
    assert [v.correct for v in verdicts] == [True, True, True, True, False]
    assert verdicts[-1].fault.expected == S(d, "W3_1_2")


def test_unalignable_product_reports_the_ratio():
    d = net(*SEED)
    v = one(d, "dL/dw_a = (out - y_T)*out*sigma(z_h1)")  # one expression, (1 - out) missing
    assert v.fault.kind in ("ratio", "missing", "wrong")
    single = one(d, "dL/dw_a = [(out - y_T)*out*sigma(z_h1)]")
    assert single.fault.kind == "ratio"
    assert sp.simplify(single.fault.ratio - 1 / (1 - S(d, "out"))) == 0


# ------------------------------------------------------------------ Python API and speed


def test_python_api_on_sympy_expressions():
    d = net(*SEED)
    out, y, z_h1 = S(d, "out"), S(d, "y_T"), S(d, "z_h1")
    good = [out - y, out * (1 - out), S(d, "w_a"), sigmoid(z_h1) * (1 - sigmoid(z_h1)), S(d, "x1")]
    assert check_gradient(d, S(d, "w11"), good).correct
    bad = check_gradient(d, S(d, "w11"), [S(d, "z_o") - y] + good[1:])
    assert (bad.fault.kind, bad.fault.position) == ("wrong", 1)
    assert check_local(d, S(d, "z_o"), sigmoid(z_h1), [S(d, "w_a")]).correct


@pytest.mark.parametrize("arch", ["3-5-4-1"])
def test_formulas_on_a_49_parameter_net_are_judged(arch):
    # (its speed, under a second per formula, is a target in benchmarks/derive_speed.py)
    d = net(arch, "sigmoid", "half_se")
    assert d.spec.n_params <= 50
    lines = []
    for p in d.params[:3]:
        factors = " * ".join(f"[{sp.sstr(f.value)}]" for f in d.gradient(p).factors)
        lines.append(f"dL/d{p} = {factors}")
        lines.append(f"dL/d{p} = {factors} * [2]")
    report = verify_text(d, "\n".join(lines), "txt")
    assert [v.correct for v in report.verdicts] == [True, False] * 3


def test_fully_expanded_formula_off_by_a_constant_reports_the_constant():
    from symbolic.check import expanded

    d = net("2-3-3-1", "sigmoid", "half_se")
    p = d.params[0]
    written = expanded(d, d.gradient(p).rhs)
    assert check_gradient(d, p, [written]).correct
    v = check_gradient(d, p, [-written / 2])
    assert (v.fault.kind, v.fault.ratio) == ("ratio", sp.Rational(-1, 2))
