# ruff: noqa: E501  (formulas as posts write them, on one line each)
r"""Layers in square brackets with no superscript (issue 12), as blog posts write Ng's notation:
`Z[l] = W[l]A[l-1] + b[l]`, `dz[l] = W[l+1]^T dz[l+1] \cdot g'(z[l])`, `a[0] = x`; activations
named by a subscript (`g_{\text{ReLU}}`, `g_{softmax}`, `f_{\tanh}`), checked as the function they
name; `cases` blocks on the sign of a layer's z (ReLU's step); `\max(0, Z[l])`; the batch sum
`\sum_{i=1}^{m} dZ[l]`. Documents written here on networks other than the corpus file's
(tests/published/nafiz_backprop_by_hand), each with a planted slip named at its factor, and
brackets that group stay grouping."""

from functools import cache

import pytest

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.latex.bracket_layers import read as bracket_layers
from symbolic.latex.source import Source
from symbolic.latex.tokens import tokenize
from symbolic.spec import network
from symbolic.verify import verify_text


@cache
def _net(arch: str, activation: str, loss: str, out: str | None = None):
    return derive(network(arch, activation, loss, out, "layered"))


def said(text: str, *net) -> list[tuple[int, str, str]]:
    """(line, status, fault text or reason) of every statement, verdicts and 'not checked' together."""
    report = verify_text(_net(*net), text)
    out = [(v.line, v.status, getattr(v.fault, "text", "")) for v in report.verdicts]
    out += [(u.line, "not checked", u.reason) for u in report.unchecked]
    return sorted(out)


def factors(text: str, *net) -> list[tuple[int, int | None]]:
    """(line, the position of the factor at fault) of every wrong verdict."""
    report = verify_text(_net(*net), text)
    return sorted(
        (v.line, v.fault.position if v.fault else None) for v in report.verdicts if v.status == "wrong"
    )


SIGMOID = ("2-4-1", "sigmoid", "bce")
SHALLOW = r"""
$$Z[1] = W[1]X + b[1]$$
$$A[1] = g_{\text{sigmoid}}(Z[1])$$
$$z[2] = W[2]a[1] + b[2], \quad a[2] = \sigma(z[2])$$
$$dz[2] = a[2] - y$$
$$dW[2] = dz[2] a[1]^T$$
$$db[2] = dz[2]$$
$$dz[1] = W[2]^T dz[2] \cdot \sigma'(z[1])$$
$$dW[1] = dz[1] x^T$$
$$db[1] = dz[1]$$
$$W[1] := W[1] - \alpha dW[1]$$
$$b[2] := b[2] - \alpha db[2]$$
$$a[0] = x$$
"""


def test_bracket_layers_of_a_2_4_1_sigmoid_network_are_read_and_proved():
    out = said(SHALLOW, *SIGMOID)
    assert [s for _, s, _ in out] == ["correct"] * 13, out
    assert [line for line, _, _ in out] == [2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]


@pytest.mark.parametrize(
    "slip,line,fault,factor",
    [
        (r"= W[2] dz[2] \cdot", 8, "transpose missing", 1),
        (r"dW[2] = dz[2] a[1]^T", 6, "wrong layer", 2),
        (r"\cdot \sigma'(z[1])", 8, "σ where σ′ belongs", 2),
    ],
)
def test_a_planted_slip_in_bracket_layers_is_named_at_its_factor(slip, line, fault, factor):
    originals = {
        r"= W[2] dz[2] \cdot": r"= W[2]^T dz[2] \cdot",
        r"dW[2] = dz[2] a[1]^T": r"dW[2] = dz[2] a[1]^T",
        r"\cdot \sigma'(z[1])": r"\cdot \sigma'(z[1])",
    }
    planted = {
        r"= W[2] dz[2] \cdot": r"= W[2] dz[2] \cdot",
        r"dW[2] = dz[2] a[1]^T": r"dW[2] = dz[2] a[0]^T",
        r"\cdot \sigma'(z[1])": r"\cdot \sigma(z[1])",
    }[slip]
    text = SHALLOW.replace(originals[slip], planted)
    assert text != SHALLOW
    out = said(text, *SIGMOID)
    wrong = [(n, f) for n, s, f in out if s == "wrong"]
    assert len(wrong) == 1 and wrong[0][0] == line and fault in wrong[0][1], out
    assert factors(text, *SIGMOID) == [(line, factor)]


TANH = ("3-2-2-2", "tanh", "cce", "softmax")
TEMPLATE = r"""
$$z[l] = W[l]a[l-1] + b[l], \quad a[l] = g(z[l])$$
$$a[1] = g_{tanh}(z[1]), \quad a[2] = f_{\tanh}(z[2])$$
$$a[L] = g_{\text{softmax}}(z[L])$$
$$dz[L] = a[L] - y$$
$$dz[l] = W[l+1]^T dz[l+1] \cdot g'_{\tanh}(z[l])$$
$$dW[l] = dz[l] a[l-1]^T$$
$$db[l] = dz[l]$$
$$W[l] := W[l] - \alpha dW[l]$$
$$g_{\tanh}(z[1]) = \tanh(z[1])$$
"""


def test_a_template_in_layer_letters_is_checked_for_every_layer_of_a_3_2_2_2_tanh_net():
    out = said(TEMPLATE, *TANH)
    assert {s for _, s, _ in out} == {"correct"}, out
    lines = [line for line, _, _ in out]
    # l = 1, 2, 3 twice (g of the softmax output is softmax); 1, 2 (W[4] is none); 1, 2, 3
    assert lines.count(2) == 6 and lines.count(6) == 2 and lines.count(7) == 3


def test_the_activation_where_its_derivative_belongs_is_named_in_every_layer():
    text = TEMPLATE.replace(r"\cdot g'_{\tanh}(z[l])", r"\cdot g_{\tanh}(z[l])")
    out = [(n, s, f) for n, s, f in said(text, *TANH) if n == 6]
    assert len(out) == 2 and all(s == "wrong" and "tanh where tanh′ belongs" in f for _, s, f in out), out
    assert [p for n, p in factors(text, *TANH)] == [2, 2]


def test_a_named_activation_other_than_the_layers_is_never_correct():
    text = "$$A[1] = g_{\\text{ReLU}}(Z[1])$$\n$$dz[1] = W[2]^T dz[2] \\cdot g'_{\\text{ReLU}}(z[1])$$"
    out = said(text, *SIGMOID)
    assert [(n, s) for n, s, _ in out] == [(1, "wrong"), (2, "wrong")], out
    shown = render_text(verify_text(_net(*SIGMOID), text))
    assert "wrote [ReLU(z⁽¹⁾₁)], expected [σ(z⁽¹⁾₁)]" in shown, shown


RELU = ("2-3-1", "relu", "half_se")


def test_cases_on_the_sign_of_a_layers_z_are_relus_step_and_relu():
    step = r"""$$g'_{\text{ReLU}}(z[1]) = \begin{cases} 1 & \text{if } z[1] > 0 \\ 0 & \text{if } z[1] \leq 0 \end{cases}$$"""
    relu = (
        r"""$$g_{\text{ReLU}}(z[1]) = \begin{cases} z[1] & z[1] > 0 \\ 0 & \text{otherwise} \end{cases}$$"""
    )
    assert [s for _, s, _ in said(step + "\n" + relu, *RELU)] == ["correct", "correct"]
    # the step where ReLU belongs (the corpus's published slip, here on another network): wrong
    slip = step.replace("g'_{", "g_{")
    assert [s for _, s, _ in said(slip, *RELU)] == ["wrong"]
    # any two values on the sign of z[1] are (A) H(z) + (B)(1 - H(z)) (latex/value_cases.py): a 2
    # where ReLU's step has 0 is wrong, judged, never a guess
    odd = step.replace(r"0 & \text{if } z[1] \leq 0", r"2 & \text{if } z[1] \leq 0")
    out = said(odd + "\n" + relu, *RELU)
    assert [s for _, s, _ in out] == ["wrong", "correct"]


def test_max_of_zero_and_a_layer_is_relu_and_a_batch_sum_is_checked_over_the_batch():
    text = "\n".join(
        [
            r"$$g_{\text{ReLU}}(Z[1]) = \max(0, Z[1])$$",
            r"$$g_{\text{ReLU}}(Z[1]) = \max(Z[1], 0)$$",
            r"$$db[1] = \frac{1}{m} \sum_{i=1}^{m} dZ[1]$$",
        ]
    )
    out = said(text, *RELU)
    assert [s for _, s, _ in out] == ["correct", "correct", "correct"], out
    slip = text.replace(r"\frac{1}{m} \sum_{i=1}^{m} dZ[1]", r"\sum_{i=1}^{m} dZ[1]")
    out = said(slip, *RELU)
    assert out[2][1] == "wrong" and "1/m missing" in out[2][2], out


def _texts(text: str) -> list[str]:
    src = Source(text)
    return [t.text for t in bracket_layers(tokenize(src, 0, len(text)))]


@pytest.mark.parametrize(
    "text",
    [
        r"W [x + b]",  # a space: grouping
        r"W[x + b]",  # not a layer expression
        r"W \cdot [x]",
        r"f(x)[1]",  # after a call
        r"W_{ij}[1]",  # after a subscript
        r"a[k]",  # k is a unit, as code writes an entry
        r"y[1]",  # not a layered name
        r"x_W[1]",  # the name is a script
        r"a[l + m]",
    ],
)
def test_brackets_that_are_no_layer_stay_as_written(text):
    src = Source(text)
    assert _texts(text) == [t.text for t in tokenize(src, 0, len(text))] and "^" not in _texts(text)


@pytest.mark.parametrize(
    "text,layer", [("Z[l]", "l"), ("A[l-1]", "l-1"), ("dW[L]", "L"), ("W[l+1]", "l+1"), ("a[0]", "0")]
)
def test_a_glued_layer_bracket_is_ngs_superscript(text, layer):
    assert "".join(_texts(text)).endswith(f"^{{[{layer}]}}")


def test_a_glued_bracket_that_groups_stays_grouping_beside_bracket_layers():
    text = (
        r"$$\frac{\partial C}{\partial z^L_j} = (a^L_j - y_j) a^L_j[1 - a^L_j]$$"
        "\n"
        r"$$dz[2] = (a[2] - y) \odot \sigma'(z[2])$$"
    )
    assert [s for _, s, _ in said(text, "2-3-2", "sigmoid", "half_se")] == ["correct"] * 3  # j = 1, 2
    slip = text.replace("[1 - a^L_j]", "[1 + a^L_j]")
    assert [s for _, s, _ in said(slip, "2-3-2", "sigmoid", "half_se")] == ["wrong", "wrong", "correct"]
