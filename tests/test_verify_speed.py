"""The verifier's shared work: what one document's statements have in common is done once, and
doing it once changes nothing they are told.

Point sets for piecewise statements are drawn once per (units, patterns, attempt) for a check
(evaluate.Sampling.drawn); a side identical to the truth once written in the network's symbols is
proved without a child process (prove.prove), and so is a short difference that cancels (a few dozen
operations, under a signal's time limit). Both must give what the slow way gave.
"""

from functools import lru_cache

import mpmath
import pytest
import sympy as sp

from symbolic import timelimit
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import prove as prove_module
from symbolic.verify import verify_text
from symbolic.verify.evaluate import _draw, _points
from symbolic.verify.product_checks import prepare


@lru_cache(maxsize=None)
def net(arch: str, act: str = "relu"):
    return derive(network(arch, act, "half_se"))


def z(d, layer: int, unit: int):
    return d.naming.z(layer, unit)


def test_a_point_set_is_drawn_once_per_units_and_equals_a_fresh_draw():
    d = net("2-3-1")
    sampled = prepare(d).sampling
    units = (z(d, 1, 1), z(d, 1, 2))
    first = _points(d, sampled, units)
    assert _points(d, sampled, units) is first  # the second statement with these units shares it
    fresh = _draw(d, sampled, units, (), 0)
    assert [p for p in fresh.base] == [p for p in first.base]
    with mpmath.workdps(40):
        assert fresh.values == first.values


def test_other_units_patterns_or_attempts_get_their_own_points():
    d = net("2-3-1")
    sampled = prepare(d).sampling
    a = _points(d, sampled, (z(d, 1, 1),))
    assert _points(d, sampled, (z(d, 1, 2),)) is not a
    assert _points(d, sampled, (z(d, 1, 1),), attempt=1) is not a
    assert _points(d, sampled, (z(d, 1, 1),), (((z(d, 1, 1), -1),),)) is not a
    assert _points(d, sampled, ()) is sampled.points  # smooth statements: the shared random points
    # another check of the same network and seed: the same points, drawn once per process
    assert _points(d, prepare(d).sampling, (z(d, 1, 1),)) is a
    assert _points(d, prepare(d, seed=1).sampling, (z(d, 1, 1),)) is not a  # another seed: its own


RELU_DOC = [
    r"$$\frac{\partial L}{\partial W^{(1)}_{11}} = \delta^{(2)}_1 W^{(2)}_{11} \text{ReLU}'(z^{(1)}_1) x_1$$",
    r"$$\frac{\partial L}{\partial W^{(1)}_{12}} = \delta^{(2)}_1 W^{(2)}_{11} \text{ReLU}'(z^{(1)}_1) x_2$$",
    r"$$\frac{\partial L}{\partial W^{(1)}_{21}} = \delta^{(2)}_1 W^{(2)}_{12} \text{ReLU}'(z^{(1)}_2) x_1$$",
    r"$$\frac{\partial L}{\partial b^{(1)}_1} = \delta^{(2)}_1 W^{(2)}_{12} \text{ReLU}'(z^{(1)}_1)$$",
]


def _said(report):
    return [(v.status, v.fault.position if v.fault else None, repr(v.witness)) for v in report.verdicts]


def test_statements_sharing_points_are_told_what_each_is_told_alone():
    d = net("2-2-1")
    together = verify_text(d, "\n".join(RELU_DOC))
    alone = [verify_text(d, line) for line in RELU_DOC]
    assert [s[:2] for s in _said(together)] == [s[:2] for r in alone for s in _said(r)[:1]]
    assert [s[0] for s in _said(together)] == ["correct", "correct", "correct", "wrong"]
    assert _said(together)[3][2] == _said(alone[3])[0][2]  # the wrong one's witness, to every digit


def test_a_side_written_as_the_truth_is_proved_without_a_child_process(monkeypatch):
    def no_fork(*_):
        raise AssertionError("a child process was started for an identical side")

    monkeypatch.setattr(prove_module, "bounded", no_fork)
    d = net("2-2-1")
    ctx = prepare(d)
    x = z(d, 1, 1)
    assert prove_module.prove(ctx.net, x * 2, 2 * x) == (True, ())


def test_a_side_not_written_as_the_truth_is_proved_here_when_small_else_in_a_child(monkeypatch):
    calls = []

    def counted(fn, seconds):
        calls.append(seconds)
        return fn()

    monkeypatch.setattr(prove_module, "bounded", counted)
    monkeypatch.setattr(prove_module, "_PROVED", {})  # nothing remembered from other tests
    d = net("2-2-1", "sigmoid")
    ctx = prepare(d)
    x = z(d, 1, 1)
    assert prove_module.prove(ctx.net, x * (x + 1), x**2 + x)[0] is True  # equal, not as written
    assert not calls  # a few operations: cancelled in this process
    assert prove_module.prove(ctx.net, x * (x + 1), x**2)[0] is False
    assert calls  # not zero here: the child's routes (expanded to the inputs) decide
    calls.clear()
    big = sum((x + k) ** 2 for k in range(timelimit.SMALL_OPS))
    assert prove_module.prove(ctx.net, big, sp.expand(big))[0] is True
    assert calls  # too long to cancel here without a hard bound: a child process
    calls.clear()
    assert prove_module.prove(ctx.net, big, sp.expand(big))[0] is True
    assert prove_module.prove(ctx.net, x * (x + 1), x**2)[0] is False
    assert not calls  # asked again (a planted variant of the same document): remembered
    other = prepare(net("2-2-1", "tanh")).net  # another network: proved anew
    assert prove_module.prove(other, x * (x + 1), x**2)[0] is False
    assert calls


@pytest.mark.parametrize("arch", ["2-3-1", "1-1-1-1"])
def test_a_relu_document_gets_the_same_verdicts_at_every_run(arch):
    d = net(arch)
    text = (
        r"$$\frac{\partial L}{\partial b^{(1)}_1} = \delta^{(2)}_1 W^{(2)}_{11} \text{ReLU}'(z^{(1)}_1)$$"
        "\n"
        r"$$\frac{\partial L}{\partial b^{(1)}_1} = \delta^{(2)}_1 W^{(2)}_{11} z^{(1)}_1$$"
    )
    first, second = verify_text(d, text), verify_text(d, text)
    assert _said(first) == _said(second)
    assert [v.status for v in first.verdicts] == ["correct", "wrong"]


def test_the_quick_comparison_keeps_infinities_and_nans_apart():
    # the one-comparison path passed inf against a finite value (inf <= tol * inf): a hostile
    # e^{e^{e^{e^{999}}}} was called a correct gradient
    from mpmath import mpf, workdps

    from symbolic.verify.numbers import same

    inf, nan = mpf("inf"), mpf("nan")
    assert not same([inf], [mpf(1)]) and not same([mpf(1)], [inf]) and not same([inf], [-inf])
    assert same([inf], [inf]) and same([nan], [nan])
    assert not same([nan], [mpf(1)]) and not same([mpf(1)], [nan])
    with workdps(40):  # the verifier's working precision: ten digits of it kept as slack
        close, apart = mpf(1) + mpf(10) ** -35, mpf(1) + mpf(10) ** -20
    assert same([mpf(1)], [close]) and not same([mpf(1)], [apart])
