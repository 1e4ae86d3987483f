r"""Networks written without biases (symbolic/verify/no_bias.py): a document whose forward
definitions omit the bias and whose text names none is read as symprop's network with every bias
0; its forward definitions are judged, and slips are named at their factor. Each document's
formulas are checked first against finite differences of a bias-free NumPy network, so the
verdicts asserted here are the truth, not symprop's say-so."""

import numpy as np
import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.no_bias import marked

ACT = {
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
    "identity": (lambda z: z, lambda z: np.ones_like(z)),
}


def _forward(Ws, x, acts):
    zs, hs = [], [x]
    for W, act in zip(Ws, acts):
        zs.append(W @ hs[-1])
        hs.append(ACT[act][0](zs[-1]))
    return zs, hs


def _loss(Ws, x, y, acts):
    return 0.5 * float(np.sum((_forward(Ws, x, acts)[1][-1] - y) ** 2))


def _numeric(Ws, x, y, acts, layer, eps=1e-6):
    """dL/dW of one layer by central differences, on the bias-free network."""
    g = np.zeros_like(Ws[layer])
    for idx in np.ndindex(*Ws[layer].shape):
        up = [W.copy() for W in Ws]
        down = [W.copy() for W in Ws]
        up[layer][idx] += eps
        down[layer][idx] -= eps
        g[idx] = (_loss(up, x, y, acts) - _loss(down, x, y, acts)) / (2 * eps)
    return g


def _point(sizes, seed=3):
    rng = np.random.default_rng(seed)
    Ws = [rng.normal(size=(b, a)) for a, b in zip(sizes, sizes[1:])]
    return Ws, rng.normal(size=sizes[0]), rng.normal(size=sizes[-1])


def _two_layer_formulas(Ws, x, y, acts, slip=""):
    """delta^{[2]} = (a - y) * f'(z2), dW2 = delta2 a1^T, delta1 = W2^T delta2 * f'(z1), dW1 = delta1 x^T."""
    zs, hs = _forward(Ws, x, acts)
    d2 = (hs[2] - y) * ACT[acts[1]][1](zs[1])
    dW2 = np.outer(d2, zs[0] if slip == "z for a" else hs[1])
    d1 = (Ws[1].T @ d2) * ACT[acts[0]][1](zs[0])
    dW1 = np.outer(d1, x)
    return dW1, dW2


@pytest.mark.parametrize("acts", [("relu", "sigmoid"), ("tanh", "identity"), ("sigmoid", "sigmoid")])
def test_the_formulas_are_the_bias_free_networks_gradients(acts):
    Ws, x, y = _point([3, 4, 2])
    dW1, dW2 = _two_layer_formulas(Ws, x, y, acts)
    assert np.allclose(dW1, _numeric(Ws, x, y, acts, 0), atol=1e-6)
    assert np.allclose(dW2, _numeric(Ws, x, y, acts, 1), atol=1e-6)
    _, slipped = _two_layer_formulas(Ws, x, y, acts, "z for a")
    assert not np.allclose(slipped, _numeric(Ws, x, y, acts, 1), atol=1e-3)


BRACKETS = [
    r"z^{[1]} = W^{[1]} x",
    r"a^{[1]} = \text{ReLU}(z^{[1]})",
    r"z^{[2]} = W^{[2]} a^{[1]}",
    r"a^{[2]} = \sigma(z^{[2]})",
    r"\delta^{[2]} = (a^{[2]} - y) \odot \sigma'(z^{[2]})",
    r"\frac{\partial L}{\partial W^{[2]}} = \delta^{[2]} {a^{[1]}}^T",
    r"\delta^{[1]} = {W^{[2]}}^T \delta^{[2]} \odot \text{ReLU}'(z^{[1]})",
    r"\frac{\partial L}{\partial W^{[1]}} = \delta^{[1]} x^T",
]

PARENS = [
    r"\mathbf{u} = \mathbf{W}^{(1)} \mathbf{x}",
    r"\mathbf{v} = \tanh(\mathbf{u})",
    r"\mathbf{o} = \mathbf{W}^{(2)} \mathbf{v}",
    r"\frac{\partial L}{\partial \mathbf{W}^{(2)}} = (\mathbf{o} - \mathbf{y}) \mathbf{v}^\top",
]


def _verify(arch, lines, act="sigmoid", out=None, **kw):
    d = derive(network(arch, act, "half_se", out, "layered"))
    return verify_text(d, "".join(f"$${x}$$\n" for x in lines), **kw)


def _said(report) -> dict[int, tuple[str, int | None]]:
    out = {u.line: ("not checked", None) for u in report.unchecked}
    for v in report.verdicts:
        if out.get(v.line, ("",))[0] != "wrong":
            out[v.line] = (v.status, v.fault.position if v.fault else None)
    return out


def _read_without_biases(report) -> bool:
    return any(s.how == "no biases" for s in report.inferred)


def test_square_brackets_relu_forward_definitions_and_gradients_judged_at_b_0():
    report = _verify("3-4-2", BRACKETS, "relu", "sigmoid")
    said = _said(report)
    assert all(said[k] == ("correct", None) for k in range(1, 9)), said
    assert _read_without_biases(report)


def test_a_slip_in_a_bias_free_gradient_is_named_at_its_factor():
    lines = list(BRACKETS)
    lines[5] = r"\frac{\partial L}{\partial W^{[2]}} = \delta^{[2]} {z^{[1]}}^T"
    said = _said(_verify("3-4-2", lines, "relu", "sigmoid"))
    assert said[6] == ("wrong", 2)
    assert said[1] == ("correct", None)


def test_bold_parentheses_tanh_with_letters_of_its_own():
    said = _said(_verify("2-3-2", PARENS, "tanh", "identity"))
    assert all(said[k] == ("correct", None) for k in range(1, 5)), said


def test_a_forward_definition_from_the_wrong_quantity_is_wrong():
    lines = list(PARENS)
    lines[2] = r"\mathbf{o} = \mathbf{W}^{(2)} \mathbf{u}"
    said = _said(_verify("2-3-2", lines, "tanh", "identity"))
    assert said[3][0] == "wrong"
    assert said[1] == ("correct", None)


INDEX = [
    r"z_j^l = \sum_k w_{jk}^l a_k^{l-1}",
    r"a_j^l = \sigma(z_j^l)",
    r"\frac{\partial C}{\partial w_{jk}^l} = a_k^{l-1} \delta_j^l",
]


def test_index_form_sigmoid_sum_without_bias_is_correct():
    report = _verify("2-3-2", INDEX)
    statuses = {(v.line, v.status) for v in report.verdicts}
    assert statuses == {(1, "correct"), (2, "correct"), (3, "correct")}, statuses
    assert _read_without_biases(report)


def test_index_form_slip_named():
    lines = list(INDEX)
    lines[2] = r"\frac{\partial C}{\partial w_{jk}^l} = a_k^{l} \delta_j^l"
    report = _verify("2-3-2", lines)
    wrong = [v for v in report.verdicts if v.line == 3 and v.status == "wrong"]
    assert wrong and all(v.fault.position == 1 for v in wrong)


def test_a_document_that_writes_a_bias_elsewhere_keeps_symprops_reading():
    """u = W x omits the bias the document uses on line 5: wrong, as before (never read at b = 0)."""
    lines = [*PARENS, r"\frac{\partial L}{\partial \mathbf{b}^{(2)}} = \mathbf{o} - \mathbf{y}"]
    report = _verify("2-3-2", lines, "tanh", "identity")
    said = _said(report)
    assert said[1][0] == "wrong" and said[3][0] == "wrong"
    assert said[5] == ("correct", None)
    assert not _read_without_biases(report)


def test_the_users_word_wins_both_ways():
    report = _verify("2-3-2", PARENS, "tanh", "identity", conventions={"bias": True})
    assert _said(report)[1] == ("not checked", None)
    assert not _read_without_biases(report)
    # right only without biases (the output written W^{(2)} tanh(W^{(1)} x)): no forward
    # definition shows it, so only the user's word reads it so
    gradient_only = [
        r"\frac{\partial L}{\partial W^{(2)}} = (W^{(2)} \tanh(W^{(1)} x) - y) \tanh(W^{(1)} x)^T"
    ]
    report = _verify("2-3-2", gradient_only, "tanh", "identity", conventions={"bias": False})
    assert _read_without_biases(report)
    assert _said(report)[1] == ("correct", None)
    assert _said(_verify("2-3-2", gradient_only, "tanh", "identity"))[1][0] == "wrong"


@pytest.mark.parametrize(
    "text",
    [
        r"z = W x + b",
        r"z = \mathbf{W} \mathbf{x} + \mathbf{b}",
        r"the bias is folded into the weights",
        r"z_j = \sum_{i=0}^n w_{j0} x_i",
        r"x_0 = 1",
        r"a^{(l)}_0 = 1",
        r"z^{(2)} = \Theta^{(1)} a^{(1)}",
        r"a = [1; x]",
    ],
)
def test_any_mark_of_a_bias_keeps_symprops_reading(text):
    assert marked(text)


@pytest.mark.parametrize(
    "text",
    [
        r"z = W^{(1)} x \in \mathbb{R}^h",
        r"s = \frac{\lambda}{2} \|W\|_F^2",
        r"x_i = f_i(W_ix_{i-1}) % a comment naming a bias",
        r"\frac{\partial J}{\partial \mathbf{W}^{(2)}} = \text{prod}(\partial J, h)",
    ],
)
def test_no_mark_in_a_bias_free_text(text):
    assert not marked(text)
