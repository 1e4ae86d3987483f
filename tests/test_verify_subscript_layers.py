r"""Layers written as plain subscripts (symbolic/latex/subscript_layers.py,
symbolic/verify/subscript_layers.py): x_0 the input, x_k = f_k(W_k x_{k-1}) the output of layer k
with no bias, \delta_k = W_{k+1}^T \delta_{k+1} \circ f_k'(W_k x_{k-1}), dE/dW_k = \delta_k
x_{k-1}^T, in numbered layers and in a generic i with L the top layer, any letters (V for the
weights, h for the outputs, g for the activations).

Documents written here on networks other than the corpus's (3-4-2, 2-3-3-3-1), each judged
against the exact chain rule of the Derivation; planted slips named at the right factor; and a
control in classic scalar notation (Mazur's: x_1, w_3, units) that keeps its unit reading."""

import json
import sys
from pathlib import Path

import pytest

from codegen.verdict_json import to_json
from symbolic.backprop import derive
from symbolic.latex.subscript_layers import detect, layer, shift
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.running import NO_BIAS

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import NAMES, note, text_of  # noqa: E402

NUMBERED = r"""$$x_1 = f_1(W_1x_0)$$
$$x_2 = f_2(W_2x_1)$$
$$E = \frac{1}{2}\|x_2 - t\|^2$$
$$\delta_2 = (x_2 - t)\circ f_2'(W_2x_1)$$
$$\delta_1 = W_2^T\delta_2\circ f_1'(W_1x_0)$$
$$\frac{\partial E}{\partial W_2} = \delta_2x_1^T$$
$$\frac{\partial E}{\partial W_1} = \delta_1x_0^T$$
"""

GENERIC = r"""$$h_i = g_i(V_ih_{i-1})$$
$$\delta_L = (h_L - t)\odot g_L'(V_Lh_{L-1})$$
$$\delta_i = V_{i+1}^T\delta_{i+1}\odot g_i'(V_ih_{i-1})$$
$$\frac{\partial E}{\partial V_i} = \delta_ih_{i-1}^T$$
$$\frac{\partial E}{\partial V_2} = \delta_2h_1^T$$
"""

MAZUR = [
    r"net_{h1} = w_1 * x_1 + w_2 * x_2 + b_1 * 1",
    r"net_{h2} = w_3 * x_1 + w_4 * x_2 + b_1 * 1",
    r"net_{o1} = w_5 * out_{h1} + w_6 * out_{h2} + b_2 * 1",
    r"\frac{\partial E_{total}}{\partial w_5} = (out_{o1} - target_{o1}) * out_{o1}(1 - out_{o1}) * out_{h1}",
    r"\frac{\partial E_{total}}{\partial w_3} = (out_{o1} - target_{o1}) * out_{o1}(1 - out_{o1}) * w_6"
    r" * out_{h2}(1 - out_{h2}) * x_1",
    r"\frac{\partial E_{total}}{\partial w_4} = (out_{o1} - target_{o1}) * out_{o1}(1 - out_{o1}) * w_6"
    r" * out_{h2}(1 - out_{h2}) * x_1",  # w_4 multiplies x_2: a slip at factor 5
]


def _check(text: str, net: str, activation: str = "sigmoid", conventions: dict | None = None):
    d = derive(network(net, activation, "half_se", None, "layered"))
    return verify_text(d, text, conventions=conventions)


def _said(report) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for u in report.unchecked:
        out.setdefault(u.line, set()).add("not checked")
    for v in report.verdicts:
        out.setdefault(v.line, set()).add(v.status)
    return out


def test_a_layer_is_read_off_a_matrix_times_the_vector_of_the_layer_below():
    assert layer("i-1") == ("i", -1) and layer("3") == ("", 3) and layer("L") == ("L", 0)
    assert shift("2", "3") == -1 and shift("i-1", "i") == -1 and shift("i+1", "i") == 1
    plan = detect(GENERIC)
    assert plan is not None and (plan.weight, plan.vector, plan.line) == ("V", "h", 1)
    assert plan.biasless and plan.target and "delta" in plan.errors
    assert detect(NUMBERED).said == "W_1x_0"
    # x both one layer below W and at W's own layer (W_2^T x_2): no one reading, units kept
    assert detect(NUMBERED + r"$$d = W_2^Tx_2$$") is None
    assert detect(r"$$z = W_2x_1$$") is None  # a product alone, no forward definition nor ᵀ, ∘


def test_numbered_layers_on_3_4_2_every_gradient_judged_forward_rows_not_checked():
    # no bias anywhere: a network without biases, the forward rows judged at b = 0 (no_bias.py);
    # with bias = True (symprop's network) they are said not checked, named
    r = _check(NUMBERED, "3-4-2")
    said = _said(r)
    assert said == {n: {"correct"} for n in range(1, 8)}, said
    layers = [s for s in r.inferred if s.how == "subscript layers"]
    assert [(s.name, s.line) for s in layers] == [("W_1x_0", 1)]
    said = json.loads(to_json(r))["names_from_document"]
    assert [(n["name"], n["line"], n["how"]) for n in said] == [
        ("b", 1, "no biases"),
        ("W_1x_0", 1, "subscript layers"),
    ]
    r = _check(NUMBERED, "3-4-2", conventions={"bias": True})
    assert _said(r) == {1: {"not checked"}, 2: {"not checked"}, **{n: {"correct"} for n in range(3, 8)}}
    assert {u.reason for u in r.unchecked} == {NO_BIAS}


def test_generic_i_on_2_3_3_3_1_with_other_letters_instantiated_over_every_layer():
    r = _check(GENERIC, "2-3-3-3-1", "tanh")
    assert _said(r) == {n: {"correct"} for n in range(1, 6)}  # no bias anywhere: judged at b = 0
    instances = {v.instance for v in r.verdicts if v.line == 4}
    assert instances == {"i=1", "i=2", "i=3", "i=4"}  # every weight layer, L the top one
    assert len([v for v in r.verdicts if v.line == 3]) == 3  # δ_i below the top layer


@pytest.mark.parametrize(
    "doc, net, activation, old, new, line, factor",
    [
        (
            NUMBERED,
            "3-4-2",
            "sigmoid",
            r"W_2^T\delta_2\circ",
            r"W_2\delta_2\circ",
            5,
            1,
        ),  # transpose left out
        (NUMBERED, "3-4-2", "sigmoid", r"\circ f_1'(W_1x_0)", r"\circ f_1(W_1x_0)", 5, 2),  # f_1 for f_1'
        (GENERIC, "2-3-3-3-1", "tanh", r"\odot g_L'(V_Lh_{L-1})", r"\odot g_L(V_Lh_{L-1})", 2, 2),
        (GENERIC, "2-3-3-3-1", "tanh", r"= \delta_2h_1^T", r"= \delta_1h_1^T", 5, 1),  # δ of the layer below
    ],
)
def test_a_planted_slip_is_named_at_its_factor(doc, net, activation, old, new, line, factor):
    planted = doc.replace(old, new, 1)
    assert planted != doc
    r = _check(planted, net, activation)
    wrong = [v for v in r.verdicts if v.line == line and v.status == "wrong"]
    assert wrong and {v.fault.position for v in wrong if v.fault} == {factor}, [
        (v.instance, v.fault) for v in wrong
    ]
    assert not any(v.line == line and v.status == "correct" for v in r.verdicts)


def test_delta_i_instead_of_delta_i_plus_1_is_wrong_on_every_layer():
    planted = GENERIC.replace(r"V_{i+1}^T\delta_{i+1}", r"V_{i+1}^T\delta_{i}", 1)
    r = _check(planted, "2-3-3-3-1", "tanh")
    assert {v.status for v in r.verdicts if v.line == 3} == {"wrong"}


BIASED = r"""$$x_1 = \sigma_1(W_1x_0 + b_1)$$
$$x_2 = \sigma_2(W_2x_1 + b_2)$$
$$x_3 = \sigma_3(W_3x_2 + b_3)$$
$$\delta_3 = (x_3 - t)\odot \sigma_3'(W_3x_2 + b_3)$$
$$\delta_2 = W_3^T\delta_3\odot \sigma_2'(W_2x_1 + b_2)$$
$$\frac{\partial E}{\partial b_2} = \delta_2$$
$$\frac{\partial E}{\partial W_2} = \delta_2x_1^T$$
"""


def test_biases_written_are_the_layers_and_forward_definitions_are_judged():
    plan = detect(BIASED)
    assert plan is not None and not plan.biasless
    r = _check(BIASED, "2-3-3-1")
    assert _said(r) == {n: {"correct"} for n in range(1, 8)}, _said(r)


def test_a_bias_written_keeps_w_x_as_written_never_read_as_the_net_input():
    slip = BIASED.replace(r"\sigma_2'(W_2x_1 + b_2)", r"\sigma_2'(W_2x_1)", 1)
    r = _check(slip, "2-3-3-1")
    wrong = [v for v in r.verdicts if v.line == 5]
    assert wrong and {(v.status, v.fault.position) for v in wrong if v.fault} == {("wrong", 2)}


CHAIN = (
    NUMBERED
    + r"""$$\frac{\partial E}{\partial W_2} = (x_2 - t)\frac{\partial x_2}{\partial W_2}
= [(x_2 - t)\circ f_2'(W_2x_1)]\frac{\partial W_2x_1}{\partial W_2} = \delta_2x_1^T$$
"""
)


def test_a_chain_s_jacobian_shorthand_steps_are_judged_as_contractions_and_its_result_too():
    r = _check(CHAIN, "3-4-2")
    chain = [v for v in r.verdicts if v.line == 8]
    assert [v.status for v in chain] == ["correct"]
    assert "set apart" not in chain[0].label  # v ∂u/∂M read as Σ_k v_k ∂u_k/∂M (contractions.py)
    slip = _check(CHAIN.replace(r"(x_2 - t)\frac{\partial x_2}", r"(x_2 + t)\frac{\partial x_2}"), "3-4-2")
    assert {v.status for v in slip.verdicts if v.line == 8} == {"wrong"}
    slip = _check(CHAIN.replace(r"= \delta_2x_1^T$$", r"= \delta_2x_0^T$$"), "3-4-2")
    assert {v.status for v in slip.verdicts if v.line == 8} == {"wrong"}


def test_a_chain_ending_in_a_jacobian_shorthand_is_not_checked():
    text = NUMBERED + r"$$\frac{\partial E}{\partial W_2} = (x_2 - t)\frac{\partial x_2}{\partial W_2}$$"
    r = _check(text, "3-4-2")
    assert not [v for v in r.verdicts if v.line == 8]
    assert any(u.line == 8 and "Jacobian" in u.reason for u in r.unchecked)


def test_mazur_scalar_notation_keeps_x_1_and_w_3_as_units():
    text = "".join(f"$${x}$$\n" for x in MAZUR)
    assert detect(text) is None
    r = _check(text, "2-2-1")
    assert {v.line: v.status for v in r.verdicts} == {
        1: "correct",
        2: "correct",
        3: "correct",
        4: "correct",
        5: "correct",
        6: "wrong",
    }
    assert next(v for v in r.verdicts if v.line == 6).fault.position == 5
    names = {s.name: str(s.value) for s in r.inferred}
    assert names["w_3"] == "W1_2_1" and "subscript layers" not in {s.how for s in r.inferred}


def test_no_other_published_document_is_read_as_subscript_layers():
    found = [n for n in NAMES if detect(text_of(n, note(n))) is not None]
    assert found == ["lecun_efficient_backprop", "sudeep_raja_matrix"]  # LeCun's Y_n = W_n X_{n-1}
