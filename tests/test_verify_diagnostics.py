"""Diagnostics of the verifier: the wrong factor named whatever the written order (juxtaposed,
input-first, inside a sum written term by term)."""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


@pytest.fixture(scope="module")
def d():
    return derive(network("2-3-2", "sigmoid", "half_se", None, "layered"))


def faults(d, text):
    """(status, fault kind, fault position) of every verdict."""
    report = verify_text(d, text)
    return {
        (v.status, v.fault.kind if v.fault else None, v.fault.position if v.fault else None)
        for v in report.verdicts
    }


@pytest.mark.parametrize(
    "rhs,position",
    [
        (r"a^{l}_k \delta^l_j", 1),  # input-first, juxtaposed: the activation is wrong
        (r"\delta^l_j a^{l}_k", 2),  # the same, written the other way round
        (r"a^{l-1}_k \delta^{l}_k", 2),  # the activation right, the δ of another unit
    ],
)
def test_juxtaposed_factors_are_matched_as_a_multiset(d, rhs, position):
    text = rf"$$\frac{{\partial C}}{{\partial w^l_{{jk}}}} = {rhs}$$"
    assert faults(d, text) <= {("wrong", "wrong", position), ("correct", None, None)}
    assert ("wrong", "wrong", position) in faults(d, text)


def test_a_wrong_factor_inside_a_sum_is_named_term_by_term(d):
    # BP2 in components with the weight's indices swapped (the second of the three body factors
    # is right, sigma' is the same in every term and taken out of the sum)
    text = r"$$\delta^l_j = \sum_k w^{l+1}_{jk} \delta^{l+1}_k \sigma'(z^l_j)$$"
    found = faults(d, text)
    assert ("wrong", "wrong", 1) in found and all(f[2] in (1, None) for f in found)
    text = r"$$\delta^l_j = \sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^{l+1}_j)$$"
    found = {f for f in faults(d, text) if f[0] == "wrong"}
    assert found == {("wrong", "wrong", 3)}


def test_a_missing_factor_and_an_extra_one_are_named_in_written_order(d):
    text = r"$$\frac{\partial C}{\partial b^l_j} = \delta^l_j \sigma'(z^l_j)$$"  # σ' extra
    found = {f for f in faults(d, text) if f[0] == "wrong"}
    assert found == {("wrong", "extra", 2)}
