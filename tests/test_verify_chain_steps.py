"""A middle side written as derivatives is compared with the truth, each derivative standing for its
true value: a chain that links is the chain rule (its value is the truth's, unless it leaves out a
path), a chain that does not link at a formula states another quantity (verify/chain_links).

Before, a step that did not link got a note and the statement stayed "correct": Hagan's
∂(t - a)^T(t - a)/∂n^M_i with t + a for t - a, or a loss written out with the wrong sign inside
the derivative, passed as correct (exact).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

LHS = r"\frac{\partial L}{\partial z^{(2)}_1}"
LAST = r"(a^{(2)}_1 - y_1) a^{(2)}_1 (1 - a^{(2)}_1)"


def _d(inner: str, unit: int = 1) -> str:
    return rf"\frac{{\partial {inner}}}{{\partial z^{{(2)}}_{unit}}}"


def _said(net: str, text: str) -> tuple[list[str], str]:
    report = verify_text(derive(network(net)), text + "\n")
    return [v.status for v in report.verdicts], render_text(report)


@pytest.mark.parametrize(
    "inner",
    [
        r"\frac{1}{2}(a^{(2)}_1 + y_1)^2",  # the loss with a wrong sign
        r"(a^{(2)}_1 - y_1)^2",  # without its 1/2
    ],
)
def test_a_step_that_misstates_the_loss_is_wrong_at_its_side(inner):
    statuses, text = _said("2-2-1", rf"$${LHS} = {_d(inner)} = {LAST}$$")
    assert statuses == ["wrong"], text
    assert "right-hand side 1" in text, text


def test_a_step_that_writes_the_loss_out_correctly_is_correct():
    inner = r"\frac{1}{2}(a^{(2)}_1 - y_1)^2"
    statuses, text = _said("2-2-1", rf"$${LHS} = {_d(inner)} = {LAST}$$")
    assert statuses == ["correct"], text


def test_a_linked_chain_of_steps_is_correct_and_the_result_judged():
    chain = r"\frac{\partial L}{\partial a^{(2)}_1} \frac{\partial a^{(2)}_1}{\partial z^{(2)}_1}"
    statuses, _ = _said("2-2-1", rf"$${LHS} = {chain} = {LAST}$$")
    assert statuses == ["correct"]
    slip = r"(a^{(2)}_1 + y_1) a^{(2)}_1 (1 - a^{(2)}_1)"
    statuses, text = _said("2-2-1", rf"$${LHS} = {chain} = {slip}$$")
    assert statuses == ["wrong"], text
    assert "factor 1" in text and "right-hand side 1" not in text, text  # the last side, not the step


@pytest.mark.parametrize(("sign", "said"), [("+", "wrong"), ("-", "correct")])
def test_the_loss_summed_over_two_outputs_inside_the_step(sign, said):
    """The loss written out as a sum over the outputs (3-2-2), the slip inside the sum."""
    lhs = r"\frac{\partial L}{\partial z^{(2)}_2}"
    inner = rf"\frac{{1}}{{2}}\sum_k (a^{{(2)}}_k {sign} y_k)^2"
    last = r"(a^{(2)}_2 - y_2) a^{(2)}_2 (1 - a^{(2)}_2)"
    statuses, text = _said("3-2-2", rf"$${lhs} = {_d(inner, 2)} = {last}$$")
    assert statuses == [said], text


@pytest.mark.parametrize(("first", "said"), [("a^{(2)}_1 + y_1", "wrong"), ("a^{(2)}_1 - y_1", "correct")])
def test_a_middle_side_of_a_formula_times_a_derivative_is_compared(first, said):
    """(a + y) ∂a/∂z: a formula beside a derivative is no chain-rule step; the derivative stands
    for its true value and the side is compared (before, any side holding a derivative was not)."""
    step = rf"({first}) \frac{{\partial a^{{(2)}}_1}}{{\partial z^{{(2)}}_1}}"
    statuses, text = _said("2-2-1", rf"$${LHS} = {step} = {LAST}$$")
    assert statuses == [said], text
    if said == "wrong":
        assert "right-hand side 1" in text, text


HAGAN = "hagan_nnd_sensitivities"


@pytest.mark.parametrize(
    ("written", "slip"),
    [
        (r"\partial (t - a)^T (t - a)", r"\partial (t + a)^T (t - a)"),
        (r"\partial \sum_{j=1}^{S^M} (t_j - a_j)^2", r"\partial \sum_{j=1}^{S^M} (t_j + a_j)^2"),
    ],
    ids=["vector-form", "sum-form"],
)
def test_hagans_middle_steps_are_compared(written, slip):
    """Hagan's (11.x) s^M_i = ∂F/∂n = ∂(t - a)^T(t - a)/∂n = ∂Σ_j (t_j - a_j)²/∂n = -2(t_i - a_i)
    ∂a_i/∂n, as published (tests/published), with a slip in one middle step: wrong at that side."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))
    from corpus import note, run, text_of

    meta = note(HAGAN)
    text = text_of(HAGAN, meta)
    assert written in text
    said = [m for m in run(HAGAN, text.replace(written, slip, 1), meta).messages if " 15:" in m[:10]]
    assert said and all(m.startswith("✗") for m in said), said
    assert any("right-hand side" in m for m in said), said


def _chain(*links: tuple[str, str]) -> str:
    return " ".join(rf"\frac{{\partial {a}}}{{\partial {b}}}" for a, b in links)


# ∂L/∂w⁽¹⁾₁₁ of a 2-2-2 net along the path through output 1 only: the chain links, but the left
# side sums over both outputs
ONE_PATH = _chain(
    ("L", "a^{(2)}_1"),
    ("a^{(2)}_1", "z^{(2)}_1"),
    ("z^{(2)}_1", "a^{(1)}_1"),
    ("a^{(1)}_1", "z^{(1)}_1"),
    ("z^{(1)}_1", "w^{(1)}_{11}"),
)
BOTH_PATHS = (
    r"\left[(a^{(2)}_1 - y_1) a^{(2)}_1 (1 - a^{(2)}_1) w^{(2)}_{11}"
    r" + (a^{(2)}_2 - y_2) a^{(2)}_2 (1 - a^{(2)}_2) w^{(2)}_{21}\right] a^{(1)}_1 (1 - a^{(1)}_1) x_1"
)


def test_a_linked_chain_along_one_path_of_two_is_wrong_in_the_middle():
    """A linked chain is compared like any side, each derivative at its true value: one path
    where two reach the output is named at its side, even with the right sum written after it
    (before, a linked middle chain was passed over and the statement said correct)."""
    lhs = r"\frac{\partial L}{\partial w^{(1)}_{11}}"
    statuses, text = _said("2-2-2", rf"$${lhs} = {ONE_PATH} = {BOTH_PATHS}$$")
    assert statuses == ["wrong"], text
    assert "factors 1–3 in right-hand side 1" in text, text
    statuses, text = _said("2-2-2", rf"$${lhs} = {BOTH_PATHS}$$")
    assert statuses == ["correct"], text


@pytest.mark.parametrize(
    ("lhs", "chain", "last"),
    [
        (  # the vector chain, its layout left to the reader
            r"\frac{\partial L}{\partial W^{(2)}}",
            _chain(("L", "a^{(2)}"), ("a^{(2)}", "z^{(2)}"), ("z^{(2)}", "W^{(2)}")),
            r"\delta^{(2)} (a^{(1)})^T",
        ),
        (  # by index: every entry of the hidden layer's weights through its one unit
            r"\frac{\partial L}{\partial w^{(1)}_{jk}}",
            _chain(("L", "a^{(1)}_j"), ("a^{(1)}_j", "z^{(1)}_j"), ("z^{(1)}_j", "w^{(1)}_{jk}")),
            r"\sum_i \delta^{(2)}_i w^{(2)}_{ij} a^{(1)}_j(1-a^{(1)}_j) x_k",
        ),
    ],
    ids=["vectors", "indices"],
)
def test_a_linked_chain_that_is_the_chain_rule_stays_correct(lhs, chain, last):
    statuses, text = _said("2-3-2", rf"$${lhs} = {chain} = {last}$$")
    assert statuses and set(statuses) == {"correct"}, text
