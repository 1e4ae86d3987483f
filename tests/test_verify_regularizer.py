r"""Weight decay (symbolic/verify/weight_decay.py): an L2 regularizer the document defines
(s = \frac{\lambda}{2}\sum_l \|W^{(l)}\|_F^2 or R = \lambda \sum_l \|W^{[l]}\|^2) and the objective
J = L + s: the regularizer's own derivatives and its term in ∂J/∂W judged with λ a free symbol, a
dropped term or a wrong coefficient named. The formulas are checked first against finite
differences of the regularized objective in NumPy (λ = 0.3), so the verdicts asserted are the
truth."""

import numpy as np
import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

LAM = 0.3


def _sig(z):
    return 1 / (1 + np.exp(-z))


def _objective(Ws, bs, x, y, act, out, c):
    """L + c λ Σ‖W‖² (biases not in the regularizer)."""
    h = x
    for k, (W, b) in enumerate(zip(Ws, bs)):
        z = W @ h + b
        h = out(z) if k == len(Ws) - 1 else act(z)
    return 0.5 * float(np.sum((h - y) ** 2)) + c * LAM * sum(float(np.sum(W**2)) for W in Ws)


def _numeric(f, Ws, layer, eps=1e-6):
    g = np.zeros_like(Ws[layer])
    for idx in np.ndindex(*Ws[layer].shape):
        up = [W.copy() for W in Ws]
        down = [W.copy() for W in Ws]
        up[layer][idx] += eps
        down[layer][idx] -= eps
        g[idx] = (f(up) - f(down)) / (2 * eps)
    return g


@pytest.mark.parametrize(
    "c, coefficient, right", [(0.5, 1, True), (1.0, 2, True), (0.5, 2, False), (1.0, 1, False)]
)
def test_the_regularizers_term_by_finite_differences(c, coefficient, right):
    """∂J/∂W^{(2)} = δ^{(2)} a^{(1)T} + k λ W^{(2)}: right for k = 2c only (λ/2: λW; λ: 2λW)."""
    rng = np.random.default_rng(5)
    Ws = [rng.normal(size=(3, 2)), rng.normal(size=(2, 3))]
    bs = [rng.normal(size=3), rng.normal(size=2)]
    x, y = rng.normal(size=2), rng.normal(size=2)
    z1 = Ws[0] @ x + bs[0]
    a1 = _sig(z1)
    z2 = Ws[1] @ a1 + bs[1]
    a2 = _sig(z2)
    d2 = (a2 - y) * a2 * (1 - a2)
    written = np.outer(d2, a1) + coefficient * LAM * Ws[1]
    true = _numeric(lambda W: _objective(W, bs, x, y, _sig, _sig, c), Ws, 1)
    assert np.allclose(written, true, atol=1e-6) == right
    dropped = np.outer(d2, a1)
    assert not np.allclose(dropped, true, atol=1e-3)


HALF = [
    r"\mathbf{u} = \mathbf{W}^{(1)} \mathbf{x}",
    r"\mathbf{v} = \tanh(\mathbf{u})",
    r"\mathbf{o} = \mathbf{W}^{(2)} \mathbf{v}",
    r"s = \frac{\lambda}{2} \left(\|\mathbf{W}^{(1)}\|_F^2 + \|\mathbf{W}^{(2)}\|_F^2\right)",
    r"J = L + s",
    r"\frac{\partial s}{\partial \mathbf{W}^{(2)}} = \lambda \mathbf{W}^{(2)}",
    r"\frac{\partial J}{\partial \mathbf{W}^{(2)}} = (\mathbf{o} - \mathbf{y}) \mathbf{v}^\top"
    r" + \lambda \mathbf{W}^{(2)}",
    r"\frac{\partial J}{\partial \mathbf{v}} = {\mathbf{W}^{(2)}}^\top (\mathbf{o} - \mathbf{y})",
    r"\frac{\partial J}{\partial s} = 1",
]

FULL = [
    r"z^{[1]} = W^{[1]} x + b^{[1]}",
    r"R = \alpha \left(\|W^{[1]}\|^2 + \|W^{[2]}\|^2\right)",
    r"J = E + R",
    r"\delta^{[2]} = (a^{[2]} - y) \odot \sigma'(z^{[2]})",
    r"\frac{\partial J}{\partial W^{[2]}} = \delta^{[2]} {a^{[1]}}^T + 2\alpha W^{[2]}",
    r"\frac{\partial R}{\partial W^{[1]}} = 2 \alpha W^{[1]}",
    r"\frac{\partial J}{\partial b^{[2]}} = \delta^{[2]}",
    r"\frac{\partial J}{\partial R} = 1",
    r"\frac{\partial J}{\partial W^{[1]}} = ({W^{[2]}}^T \delta^{[2]} \odot \sigma'(z^{[1]})) x^T"
    r" + 2\alpha W^{[1]}",
]


def _verify(arch, lines, act="sigmoid", out=None):
    d = derive(network(arch, act, "half_se", out, "layered"))
    return verify_text(d, "".join(f"$${x}$$\n" for x in lines))


def _said(report) -> dict[int, tuple[str, int | None, str]]:
    out = {u.line: ("not checked", None, u.reason) for u in report.unchecked}
    for v in report.verdicts:
        if out.get(v.line, ("",))[0] != "wrong":
            text = getattr(v.fault, "text", "") if v.fault else ""
            out[v.line] = (v.status, v.fault.position if v.fault else None, text)
    return out


def test_half_lambda_bias_free_tanh_judged():
    said = _said(_verify("2-3-2", HALF, "tanh", "identity"))
    for line in (1, 2, 3, 6, 7, 8, 9):
        assert said[line][0] == "correct", (line, said[line])
    assert said[4][0] == "not checked" and "regularizer s" in said[4][2]
    assert said[5][0] == "not checked" and "objective J" in said[5][2]


def test_full_alpha_with_biases_sigmoid_judged():
    said = _said(_verify("2-3-2", FULL))
    for line in (1, 4, 5, 6, 7, 8, 9):
        assert said[line][0] == "correct", (line, said[line])


@pytest.mark.parametrize(
    "doc, line, old, new, position, words",
    [
        ("half", 7, r"+ \lambda \mathbf{W}^{(2)}", "", 3, "missing the regularizer's term"),
        ("half", 7, r"+ \lambda", r"+ 2\lambda", 3, "wrote 2"),
        ("half", 7, r"+ \lambda \mathbf{W}^{(2)}", r"+ \lambda \mathbf{W}^{(1)}", 3, "at W^{(1)}"),
        ("half", 6, r"= \lambda", r"= 2\lambda", 1, "wrote 2"),
        ("half", 9, "= 1", "= 2", 1, "expected 1"),
        ("full", 5, r"+ 2\alpha", r"+ \alpha", 3, "expected 2"),
        # the reader's product W^T, δ, ⊙σ'(z), x^T: the missing term after its 4 factors
        ("full", 9, r"+ 2\alpha W^{[1]}", "", 5, "missing"),
        ("full", 6, r"= 2 \alpha", r"= \alpha", 1, "expected 2"),
    ],
)
def test_a_slip_in_the_regularizers_term_is_named(doc, line, old, new, position, words):
    lines = list(HALF if doc == "half" else FULL)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    args = ("2-3-2", lines, "tanh", "identity") if doc == "half" else ("2-3-2", lines)
    said = _said(_verify(*args))
    assert said[line][:2] == ("wrong", position), said[line]
    assert words in said[line][2]
    others = [k for k, s in said.items() if k != line and s[0] == "wrong"]
    assert not others, others


def test_a_slip_in_the_loss_part_is_still_named_at_its_factor():
    lines = list(HALF)
    lines[6] = lines[6].replace(r"\mathbf{v}^\top", r"\mathbf{u}^\top")
    said = _said(_verify("2-3-2", lines, "tanh", "identity"))
    assert said[7][:2] == ("wrong", 2)


def test_an_undefined_or_other_regularizer_stays_not_checked():
    lines = [
        r"J = E + \lambda \Omega(\theta)",
        r"\delta^{[2]} = (a^{[2]} - y) \odot \sigma'(z^{[2]})",
        r"\frac{\partial J}{\partial W^{[2]}} = \delta^{[2]} {a^{[1]}}^T + 2\lambda W^{[2]}",
    ]
    said = _said(_verify("2-3-2", lines))
    assert said[1][0] == "not checked" and said[3][0] == "not checked"
    assert "does not define" in said[1][2]
    l1 = [r"R = \lambda \|W^{[1]}\|_1", *lines[1:]]  # an L1 penalty: not read as weight decay
    said = _said(_verify("2-3-2", l1))
    assert said[3][0] == "not checked"


def test_the_regularizers_weight_in_the_objective_counts():
    """J = E + 2R: ∂J/∂W^{[2]} = δ a^T + 4αW^{[2]} (R = α‖W‖²); J = E/2 + R is not E's gradient."""
    lines = list(FULL)
    lines[2] = "J = E + 2R"
    lines[4] = lines[4].replace(r"2\alpha", r"4\alpha")
    lines[8] = lines[8].replace(r"2\alpha", r"4\alpha")
    said = _said(_verify("2-3-2", lines))
    assert said[5][0] == "correct" and said[9][0] == "correct"
    assert said[8][0] == "wrong"  # ∂J/∂R = 1 where J = E + 2R
    lines[4] = lines[4].replace(r"4\alpha", r"2\alpha")
    assert _said(_verify("2-3-2", lines))[5][:2] == ("wrong", 3)
    lines[2] = r"J = \frac{1}{2} E + R"
    assert _said(_verify("2-3-2", lines))[5][0] == "not checked"


def test_a_weight_the_regularizer_leaves_out_has_no_term():
    lines = [FULL[1].replace(r" + \|W^{[2]}\|^2", ""), *FULL[2:4], r"\frac{\partial R}{\partial W^{[2]}} = 0"]
    said = _said(_verify("2-3-2", lines))
    assert said[4][0] == "correct"
    lines.append(r"\frac{\partial J}{\partial W^{[2]}} = \delta^{[2]} {a^{[1]}}^T + 2\alpha W^{[2]}")
    said = _said(_verify("2-3-2", lines))
    assert said[5][0] == "wrong" and "not in the regularizer" in said[5][2]
