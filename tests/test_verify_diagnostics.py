"""Diagnostics of the verifier: the wrong factor named whatever the written order (juxtaposed,
input-first, inside a sum written term by term)."""

import sys
from pathlib import Path

import pytest

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from said import bad  # noqa: E402


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


def test_an_index_out_of_range_is_named_with_the_shape_and_the_rest_is_verified(d):
    text = "\n".join(
        [
            r"$$\frac{\partial L}{\partial W_{2,31}} = \delta_{2,1} a_{1,3}$$",
            r"$$\frac{\partial C}{\partial w^{3}_{31}} = a^{2}_1 \delta^3_3$$",
            r"$$\frac{\partial L}{\partial W_{2,13}} = \delta_{2,1} a_{1,3}$$",
        ]
    )
    report = verify_text(d, text)
    reasons = [u.reason for u in report.unchecked]
    assert any("W^{(2)}_{31} (W⁽²⁾ is 2×3; did you mean W^{(2)}_{13}?)" in r for r in reasons), reasons
    assert any("w^{3}_{31}" in r and "did you mean w^{3}_{13}?" in r for r in reasons), reasons
    assert [v.status for v in report.verdicts] == ["correct"]


def test_no_message_uses_the_readers_internal_spelling(d):
    # (the corpus's reasons are checked file by file in test_verify_published, on the runs it
    # makes anyway; here the error of a document with nothing checked)
    messages = []
    with pytest.raises(SympropError) as err:  # nothing checked: exit 2, every problem said
        verify_text(d, r"$$\frac{\partial L}{\partial w_{2,31}} = \delta_{h1} \sigma'(z_{1,1}) x_1$$")
    said = str(err.value)
    messages.append(said.split("; use the network's names")[0])
    assert messages and not bad(messages), bad(messages)
    assert "\\delta^{(2)}_{1}" in said  # the known names offered as the fix include the δs


def test_identities_in_a_dummy_variable_are_checked():
    # Bishop's h(a) \equiv \tanh(a), h'(a) = 1 - h(a)^2; a derivative in a dummy x
    d = derive(network("2-3-2", "tanh", "half_se", "identity", "layered"))
    text = "\n".join(
        [
            r"$$h(a) \equiv \tanh(a)$$",
            r"$$h'(a) = 1 - h(a)^2$$",
            r"$$h'(a) = 1 - h(a)$$",
            r"$$\frac{\partial \tanh(x)}{\partial x} = 1 + \tanh(x)^2$$",
            r"$$\frac{\partial L}{\partial w} = x_1$$",  # no identity: w is an unknown name
        ]
    )
    report = verify_text(d, text)
    assert [(v.line, v.status) for v in report.verdicts] == [
        (1, "correct"),
        (2, "correct"),
        (3, "wrong"),
        (4, "wrong"),
    ]
    assert [(u.line, u.reason) for u in report.unchecked] == [(5, "unknown name w")]


def test_a_chain_left_open_at_the_end_is_read(d):
    # '... = (x)(y)=' with the prose going on after the display (a blog's style)
    report = verify_text(d, r"$\frac{\partial C}{\partial b^{3}_{1}} = \delta^{3}_1 =$")
    assert [v.status for v in report.verdicts] == ["correct"] and not report.unchecked


def test_a_name_of_the_authors_own_is_read_as_defined_never_judged():
    d = derive(network("2-2-1", "identity", "abs(out - y)", None, "layered"))
    text = "% symprop: alias Y = y\n$$Delta = Out-Y$$\n$$Loss = abs(Delta)$$\n$$Loss = (Delta)^2$$"
    report = verify_text(d, text)
    assert [(v.line, v.status) for v in report.verdicts] == [(3, "correct"), (4, "wrong")]
    assert [(u.line, "defines \\Delta" in u.reason) for u in report.unchecked] == [(2, True)]
