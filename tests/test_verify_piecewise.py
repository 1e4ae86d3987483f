"""Piecewise nets (ReLU, leaky ReLU, |z|): the verifier's own test points cannot fool it.

Planted slips in deep chains (11 layers), sums whose terms cancel at typical points, statements
that are zero on most of the input space, dead units; the exact piecewise comparison; "not
proved" (exit 3) where neither a proof nor a telling point exists; every wrong side named; a δ
slip named as the δ. Ground truth for "wrong" is the slip itself, planted by hand.
"""

import json
from functools import lru_cache

import sympy as sp

from codegen.cli import main
from symbolic.backprop import derive
from symbolic.functions import relu
from symbolic.spec import network
from symbolic.verify import check_gradient, verify_text
from symbolic.verify.piecewise import piecewise_zero, units_of
from symbolic.verify.points import choose_points, evidence

CHAIN = "-".join(["1"] * 12)  # 11 layers, one unit each


@lru_cache(maxsize=None)
def net(arch, act="relu", loss="half_se"):
    return derive(network(arch, act, loss))


def S(d, name):
    return d.symbol(name)


def chain_tex(slip_at=None, slip_with=None, n=11):
    """dL/dW1_1_1 as the chain of partials of an n-layer, one-unit-wide net (layered names)."""
    fs = [rf"\frac{{\partial L}}{{\partial a^{{({n})}}_{{1}}}}"]
    for layer in range(n, 0, -1):
        fs.append(rf"\frac{{\partial a^{{({layer})}}_{{1}}}}{{\partial z^{{({layer})}}_{{1}}}}")
        below = rf"a^{{({layer - 1})}}_{{1}}" if layer > 1 else r"W^{(1)}_{11}"
        fs.append(rf"\frac{{\partial z^{{({layer})}}_{{1}}}}{{\partial {below}}}")
    if slip_at is not None:
        fs[slip_at - 1] = fs[slip_with - 1]
    return r"$$\frac{\partial L}{\partial W^{(1)}_{11}} = " + " ".join(fs) + "$$\n"


def planted(d, param, position, value):
    """The true factors of dL/dparam with factor `position` (1-based) replaced by `value`."""
    factors = list(d.factors(param))
    factors[position - 1] = value
    return factors


# ------------------------------------------------------------------ the reported false pass


def test_reported_deep_relu_chain_slip_is_wrong_at_factor_14():
    d = net(CHAIN)
    # factor 14 is ∂a5/∂z5; written as a second ∂a6/∂z6 (factor 12)
    report = verify_text(d, chain_tex(14, 12), "tex")
    v = report.verdicts[0]
    assert v.status == "wrong" and not v.correct and report.exit_code == 1
    assert (v.fault.kind, v.fault.position) == ("wrong", 14)
    assert v.fault.expected == sp.Heaviside(S(d, "z5_1"))
    off = [u for u, s in v.witness.pattern if s < 0]
    assert off == [S(d, "z5_1")]  # the branch that tells: z5 off, z6 on
    assert v.witness.hand != 0


def test_deep_relu_chain_correct_is_exact():
    report = verify_text(net(CHAIN), chain_tex(), "tex")
    v = report.verdicts[0]
    assert v.status == "correct" and v.exact and report.exit_code == 0


def test_points_exercise_every_unit_of_the_chain():
    d = net(CHAIN)
    units = tuple(S(d, f"z{k}_1") for k in range(1, 12))
    base, asked = choose_points(d, units, 20, 0)
    from symbolic.verify.numbers import Points

    pts = Points(d, base=base)
    ev = evidence(pts.vector(sp.Mul(*[sp.Heaviside(u) for u in units])), {u: pts.vector(u) for u in units})
    assert ev.branches_exercised and ev.discriminating >= 2
    for point_values, pattern in zip(pts.values, asked):  # each unit where it was asked to be
        assert all((point_values[u] > 0) == (s > 0) for u, s in pattern.items())


# ------------------------------------------------------------------ planted slips, 10+ layers


def test_leaky_relu_chain_slip_at_the_right_factor():
    d = net("-".join(["1"] * 11), "leaky_relu")
    p = S(d, "W1_1_1")
    true = d.factors(p)
    v = check_gradient(d, p, planted(d, p, 8, true[6]))  # f'(z7) written for f'(z6)
    assert v.status == "wrong" and (v.fault.kind, v.fault.position) == ("wrong", 8)
    assert check_gradient(d, p, list(true)).exact


def test_abs_chain_slip_at_the_right_factor():
    d = net("-".join(["1"] * 11), "abs(z)")
    p = S(d, "W2_1_1")
    true = d.factors(p)
    z3 = S(d, "z3_1")
    at = true.index(sp.sign(z3)) + 1
    slip = planted(d, p, at, sp.Abs(z3) / z3)  # |z|/z: sign(z) in another spelling
    assert check_gradient(d, p, slip).exact  # equal: proved, not guessed
    v = check_gradient(d, p, planted(d, p, at, sp.Heaviside(z3)))
    assert v.status == "wrong" and v.fault.position == at


def test_dropped_step_factor_in_a_deep_chain_is_missing():
    d = net(CHAIN)
    p = S(d, "W1_1_1")
    factors = list(d.factors(p))
    del factors[13]  # H(z5) left out
    v = check_gradient(d, p, factors)
    assert v.status == "wrong" and (v.fault.kind, v.fault.position) == ("missing", 14)


# ------------------------------------------------------------------ cancelling, mostly zero, dead


def test_sum_whose_extra_terms_cancel_while_the_unit_is_on():
    d = net("2-3-1")
    text = "dL/dW2_1_2 = [delta2_1] * [relu(z1_2) + relu(z1_1) - z1_1]"
    v = verify_text(d, text, "txt").verdicts[0]
    assert v.status == "wrong" and v.fault.position == 2
    assert [u for u, s in v.witness.pattern if s < 0] == [S(d, "z1_1")]


def test_delta_sum_with_a_term_repeated_for_a_dead_one():
    d = net("2-4-4-1")
    good = (
        "dL/dW1_1_1 = [W2_1_1*delta2_1 + W2_2_1*delta2_2 + W2_3_1*delta2_3 + W2_4_1*delta2_4]"
        " * [H(z1_1)] * [x1]"
    )
    bad = good.replace("W2_4_1*delta2_4", "W2_3_1*delta2_3")
    verdicts = verify_text(d, good + "\n" + bad, "txt").verdicts
    assert verdicts[0].status == "correct" and verdicts[0].exact
    assert verdicts[1].status == "wrong" and verdicts[1].fault.position == 1


def test_statement_zero_on_most_of_the_space_has_a_nonzero_witness_when_one_exists():
    d = net(CHAIN)
    p = S(d, "W1_1_1")
    v = check_gradient(d, p, planted(d, p, 15, S(d, "W4_1_1")))  # W4 for W5
    assert v.status == "wrong" and v.fault.position == 15
    assert v.witness.true != 0 and all(s > 0 for _, s in v.witness.pattern)


def test_a_unit_offset_from_z_is_solved_for_and_caught():
    d = net("2-3-1")
    # H(z - 10) is 0 wherever z is near 0: the points put z - 10 on as well as off
    v = verify_text(d, "dL/dW2_1_1 = [delta2_1] * [relu(z1_1) + H(z1_1 - 10)]", "txt").verdicts[0]
    assert v.status == "wrong" and v.fault.position == 2


def test_dead_unit_no_telling_point_is_not_proved_and_exits_3(tmp_path, capsys):
    d = net("2-3-1")
    # H(z² - 100) is never on at a test point (not solved for) and no proof covers it
    text = "dL/dW2_1_1 = [delta2_1] * [relu(z1_1) + H(z1_1**2 - 100)]"
    v = verify_text(d, text, "txt").verdicts[0]
    assert v.status == "not proved" and not v.correct and v.exact is None
    path = tmp_path / "dead.txt"
    path.write_text(text + "\n", encoding="utf-8")
    code = main(["verify", str(path), "--net", "2-3-1", "--activation", "relu", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 3 and doc["exit_code"] == 3 and doc["counts"]["not_proved"] == 1
    assert doc["statements"][0]["evidence"]["exact"] is False


def test_evidence_rejects_all_zero_and_one_constant():
    z = sp.Symbol("z")
    assert not evidence([0] * 20, {z: [1, -1] * 10}).sufficient
    assert not evidence([3] * 20, {}).sufficient
    assert not evidence([1, 2] * 10, {z: [1] * 20}).sufficient  # z never off
    assert evidence([1, 2] * 10, {z: [1, -1] * 10}).sufficient


# ------------------------------------------------------------------ naming: δ, every side, witness


def test_delta_for_another_delta_is_named_as_the_delta():
    d = net("2-3-1")
    v = verify_text(d, "dL/dW1_2_1 = [delta1_1] * [x1]", "txt").verdicts[0]
    f = v.fault
    assert (f.kind, f.position) == ("wrong", 1)
    assert f.expected == S(d, "delta1_2") and f.partial == (d.loss_symbol, S(d, "z1_2"))


def test_every_wrong_side_is_named(capsys, tmp_path):
    d = net("2-3-1")
    text = "dL/dW2_1_2 = [delta2_1] * [z1_2] = [a2_1 - y] * [relu(z1_1)]"
    v = verify_text(d, text, "txt").verdicts[0]
    assert v.fault.side == 1 and [f.side for f, _ in v.also] == [2]
    path = tmp_path / "two.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert main(["verify", str(path), "--net", "2-3-1", "--activation", "relu"]) == 1
    out = capsys.readouterr().out
    assert "right-hand side 1" in out and "also factor 2 in right-hand side 2" in out


def test_relu_witness_true_value_is_nonzero_for_a_weight_slip():
    d = net("2-3-1", "relu", "bce")
    v = verify_text(d, "dL/dW1_2_1 = [a2_1 - y] * [W2_1_3] * [H(z1_2)] * [x1]", "txt").verdicts[0]
    assert v.fault.position == 2 and v.witness.true != 0


def test_json_carries_the_evidence(tmp_path, capsys):
    path = tmp_path / "chain.tex"
    path.write_text(chain_tex(), encoding="utf-8")
    code = main(["verify", str(path), "--net", CHAIN, "--activation", "relu", "--json"])
    item = json.loads(capsys.readouterr().out)["statements"][0]
    assert code == 0 and item["status"] == "correct"
    ev = item["evidence"]
    assert ev["exact"] is True and ev["branches_exercised"] and ev["discriminating_points"] >= 2
    assert set(ev["branches"]) == {f"z{k}_1" for k in range(1, 12)}
    assert all(b["on"] and b["off"] for b in ev["branches"].values())


# ------------------------------------------------------------------ the exact piecewise comparison


def test_piecewise_zero_decides_every_branch():
    z, w = sp.symbols("z w")
    H = sp.Heaviside
    assert piecewise_zero(relu(z) - z * H(z)).zero
    assert piecewise_zero(sp.Abs(z) - z * sp.sign(z)).zero
    assert piecewise_zero(H(z) * H(-z)).zero
    assert piecewise_zero(sp.Max(z, z / 10) - z / 10 - sp.Rational(9, 10) * relu(z)).zero
    c = piecewise_zero(w * H(z) - w)  # differs where z is off
    assert not c.zero and c.patterns == (((z, -1),),)  # only patterns where it is not 0
    assert units_of([H(z - 10)]) == ((z - 10,), True)
