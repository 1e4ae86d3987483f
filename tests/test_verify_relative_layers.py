# ruff: noqa: E501  (formulas as published, on one line each)
r"""Layer and unit notations met in published derivations (issue 12): layers relative to the last
(3Blue1Brown's a^{(L-1)}), units counted from 0, Ng's square brackets and dW names, an
algorithm's running g reassigned with \leftarrow (Goodfellow), d2l's bold vectors, prod(,) and
weight decay. Each statement's verdict is checked, and a planted slip must be named."""

from functools import cache

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


@cache
def _net(arch: str, activation: str = "sigmoid", loss: str = "half_se", out: str | None = None):
    return derive(network(arch, activation, loss, out))


def said(text: str, *net) -> list[tuple[int, str, str]]:
    """(line, status, fault or reason) of every statement, verdicts and 'not checked' together."""
    report = verify_text(_net(*net), text)
    out = [(v.line, v.status, str(v.fault.position) if v.fault else "") for v in report.verdicts]
    out += [(u.line, "not checked", u.reason) for u in report.unchecked]
    return sorted(out)


def statuses(text: str, *net) -> list[str]:
    return [s for _, s, _ in said(text, *net)]


SINGLE = r"""
$$\frac{\partial C_0}{\partial w^{(L-1)}} = \frac{\partial z^{(L-1)}}{\partial w^{(L-1)}} \frac{\partial a^{(L-1)}}{\partial z^{(L-1)}} \frac{\partial z^{(L)}}{\partial a^{(L-1)}} \frac{\partial a^{(L)}}{\partial z^{(L)}} \frac{\partial C_0}{\partial a^{(L)}}$$
$$\frac{\partial C_0}{\partial a^{(L-2)}} = w^{(L-1)} \sigma'(z^{(L-1)}) w^{(L)} \sigma'(z^{(L)}) 2(a^{(L)} - y)$$
$$\frac{\partial C_0}{\partial w^L} = a^{L-1} \sigma'(z^L) 2(a^L - y)$$
"""


def test_layers_relative_to_the_last_in_a_chain_of_single_neurons():
    net = ("1-1-1-1", "sigmoid", "(out - y)**2")
    assert statuses(SINGLE, *net) == ["correct"] * 3
    slip = SINGLE.replace(
        r"= w^{(L-1)} \sigma'(z^{(L-1)}) w^{(L)}", r"= w^{(L-2)} \sigma'(z^{(L-1)}) w^{(L)}"
    )
    assert statuses(slip, *net) == ["correct", "wrong", "correct"]
    report = verify_text(_net(*net), slip)
    assert [v.fault.position for v in report.verdicts if v.status == "wrong"] == [1]


MANY = r"""
$$C_0 = \sum_{j=0}^{n_L - 1} (a^{(L)}_j - y_j)^2$$
$$z^{(L)}_j = w^{(L)}_{j0} a^{(L-1)}_0 + w^{(L)}_{j1} a^{(L-1)}_1 + w^{(L)}_{j2} a^{(L-1)}_2 + b^{(L)}_j$$
$$\frac{\partial C_0}{\partial a^{(L-1)}_k} = \sum_{j=0}^{n_L - 1} w^{(L)}_{jk} \sigma'(z^{(L)}_j) 2(a^{(L)}_j - y_j)$$
"""


def test_units_counted_from_zero_when_a_sum_starts_at_zero():
    net = ("2-3-2", "sigmoid", "(out - y)**2")
    assert set(statuses(MANY, *net)) == {"correct"}
    # unit 0 is the first unit, never a bias input: its weight on the wrong unit is named
    slip = MANY.replace(r"w^{(L)}_{j0} a^{(L-1)}_0", r"w^{(L)}_{j0} a^{(L-1)}_1")
    assert "wrong" in statuses(slip, *net)


def test_an_average_over_training_examples_is_said_not_checked_by_name():
    text = (
        r"$$\frac{\partial C}{\partial w^{(L)}} = \frac{1}{n} \sum_{k=0}^{n-1} "
        r"\frac{\partial C_k}{\partial w^{(L)}}$$"
        "\n$$\\frac{\\partial C_0}{\\partial b^{(L)}} = \\sigma'(z^{(L)}) (a^{(L)} - y)$$"
    )
    (_, status, reason), _ = said(text, "1-1-1-1")
    assert status == "not checked" and "training examples (C_k)" in reason


NG = r"""
\begin{align*}
dz^{[2]} &= a^{[2]} - y \\
dW^{[2]} &= dz^{[2]} a^{[1]T} \\
dz^{[1]} &= W^{[2]T} dz^{[2]} * g^{[1]\prime}(z^{[1]}) \\
dZ^{[1]} &= W^{[2]T} dZ^{[2]} * g^{[1]\prime}(Z^{[1]}) \\
dW^{[1]} &= \frac{1}{m} dZ^{[1]} X^T \\
db^{[1]} &= \frac{1}{m} np.sum(dZ^{[1]}, axis=1, keepdims=True)
\end{align*}
"""
NG_NET = ("2-3-1", "tanh", "bce", "sigmoid")


def test_ng_square_brackets_derivative_names_and_numpy_star():
    out = said(NG, *NG_NET)
    assert [s for _, s, _ in out] == ["correct"] * 6  # the batch's 1/m lines at m > 1 too
    unmeaned = NG.replace(r"dW^{[1]} &= \frac{1}{m} dZ^{[1]} X^T", r"dW^{[1]} &= dZ^{[1]} X^T")
    assert [(line, f) for line, s, f in said(unmeaned, *NG_NET) if s == "wrong"] == [(7, "1")]
    slip = NG.replace(r"dz^{[1]} &= W^{[2]T} dz^{[2]}", r"dz^{[1]} &= W^{[2]} dz^{[2]}")
    wrong = [(line, fault) for line, s, fault in said(slip, *NG_NET) if s == "wrong"]
    assert wrong == [(5, "1")]


def test_cs229_brackets_with_deltas():
    text = r"""
$$\delta^{[2]} = \frac{\partial J}{\partial z^{[2]}} = a^{[2]} - y$$
$$\frac{\partial J}{\partial W^{[2]}} = \delta^{[2]} a^{[1]\top}$$
$$\delta^{[1]} = W^{[2]\top} \delta^{[2]} \odot \sigma'(z^{[1]})$$
"""
    assert statuses(text, "2-3-1", "sigmoid", "bce") == ["correct"] * 3
    slip = text.replace(r"\delta^{[2]} a^{[1]\top}", r"\delta^{[2]} a^{[2]\top}")
    assert statuses(slip, "2-3-1", "sigmoid", "bce") == ["correct", "wrong", "correct"]


GOODFELLOW = r"""
$a^{(k)} = b^{(k)} + W^{(k)} h^{(k-1)}$
$J = L(\hat{y}, y) + \lambda \Omega(\theta)$
$g \leftarrow \nabla_{\hat{y}} J = \nabla_{\hat{y}} L(\hat{y}, y)$
for $k = l, l-1, \ldots, 1$ do
$g \leftarrow \nabla_{a^{(k)}} J = g \odot f'(a^{(k)})$
$\nabla_{W^{(k)}} J = g \; h^{(k-1)\top} + \lambda \nabla_{W^{(k)}} \Omega(\theta)$
$g \leftarrow \nabla_{h^{(k-1)}} J = W^{(k)\top} g$
end for
"""


def test_a_running_gradient_reassigned_in_a_loop_over_the_layers():
    out = said(GOODFELLOW, "2-3-2", "tanh")
    by_line: dict[int, set] = {}
    for line, status, _ in out:
        by_line.setdefault(line, set()).add(status)
    assert by_line == {
        2: {"correct"},
        3: {"not checked"},  # J's regularizer
        4: {"correct"},
        6: {"correct"},
        7: {"correct"},
        8: {"correct"},
    }
    # g at the top of the loop is what the loop's last line left, one layer up: a slip there is seen
    slip = GOODFELLOW.replace(r"= W^{(k)\top} g$", r"= W^{(k)} g$")
    assert any(line == 8 and s == "wrong" for line, s, _ in said(slip, "2-3-2", "tanh"))
    # any other arrow row is an update (verify/signs.py): judged when its names have a meaning,
    # named when they have none (g outside the loop)
    update = GOODFELLOW + "$$W \\leftarrow W - \\eta g$$\n"
    assert [(s, r) for line, s, r in said(update, "2-3-2", "tanh") if line == 10] == [
        ("not checked", "unknown name g")  # once, not once per weight the bare W stands for
    ]
    step = r"$$W^{(2)}_{11} \leftarrow W^{(2)}_{11} - \eta \frac{\partial J}{\partial W^{(2)}_{11}}$$"
    assert [s for line, s, _ in said(GOODFELLOW + step + "\n", "2-3-2", "tanh") if line == 10] == ["correct"]
    climbing = step.replace(r"- \eta", r"+ \eta")
    assert [s for line, s, _ in said(GOODFELLOW + climbing + "\n", "2-3-2", "tanh") if line == 10] == [
        "wrong"
    ]


D2L = r"""
$$\mathbf{z}= \mathbf{W}^{(1)} \mathbf{x}$$
$$\mathbf{h}= \phi (\mathbf{z}).$$
$$\mathbf{o}= \mathbf{W}^{(2)} \mathbf{h}.$$
$$s = \frac{\lambda}{2} \left(\|\mathbf{W}^{(1)}\|_F^2 + \|\mathbf{W}^{(2)}\|_F^2\right),$$
$$J = L + s.$$
$$\frac{\partial J}{\partial \mathbf{W}^{(2)}} = \text{prod}\left(\frac{\partial J}{\partial \mathbf{o}}, \frac{\partial \mathbf{o}}{\partial \mathbf{W}^{(2)}}\right) + \text{prod}\left(\frac{\partial J}{\partial s}, \frac{\partial s}{\partial \mathbf{W}^{(2)}}\right) = \frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \lambda \mathbf{W}^{(2)}$$
$$\frac{\partial J}{\partial \mathbf{h}} = {\mathbf{W}^{(2)}}^\top \frac{\partial J}{\partial \mathbf{o}} \in \mathbb{R}^h$$
"""
D2L_NET = ("2-3-2", "tanh", "half_se", "identity")


def test_d2l_bold_vectors_prod_and_weight_decay():
    out = said(D2L, *D2L_NET)
    # no bias anywhere: read as a network without biases, z = W x judged (verify/no_bias.py); the
    # regularizer's and the objective's definitions read as written (verify/weight_decay.py)
    assert [s for _, s, _ in out] == [
        "correct",
        "correct",
        "correct",
        "not checked",
        "not checked",
        "correct",
        "correct",
    ]
    assert "regularizer" in out[3][2] and "objective" in out[4][2]
    slip = D2L.replace(r"{\mathbf{W}^{(2)}}^\top \frac", r"\mathbf{W}^{(2)} \frac")
    assert [s for _, s, _ in said(slip, *D2L_NET)][-1] == "wrong"
    # the regularizer's term checked by its coefficient: 2λW where s = λ/2 ‖W‖² is wrong
    doubled = D2L.replace(r"+ \lambda \mathbf{W}^{(2)}$$", r"+ 2 \lambda \mathbf{W}^{(2)}$$")
    assert [s for _, s, _ in said(doubled, *D2L_NET)][5] == "wrong"
    # without J = L + s, J's dependence on s is unknown: not checked
    alone = D2L.replace("$$J = L + s.$$\n", "")
    assert [s for _, s, _ in said(alone, *D2L_NET)][4] == "not checked"


def test_ng_generic_layer_and_other_spellings_of_the_transpose_and_prime():
    text = r"""
$$dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})$$
$$dW^{[2]} = dz^{[2]} a^{[1]^T}$$
$$dz^{[1]} = W^{[2]T} dz^{[2]} * g'^{[1]}(z^{[1]})$$
"""
    assert statuses(text, *NG_NET) == ["correct"] * 4  # l = 1 and l = 2, then one each
    slip = text.replace(r"a^{[1]^T}", r"a^{[2]^T}")
    assert statuses(slip, *NG_NET)[2] == "wrong"


def test_units_counted_from_zero_when_a_definition_writes_a_0_beside_a_bias():
    text = r"$$z^{(L)}_j = w^{(L)}_{j0} a^{(L-1)}_0 + w^{(L)}_{j1} a^{(L-1)}_1 + w^{(L)}_{j2} a^{(L-1)}_2 + b^{(L)}_j$$"
    assert set(statuses(text, "2-3-2")) == {"correct"}


def test_one_examples_cost_with_its_arguments_elided():
    text = r"$$C_0(\ldots) = (a^{(L)} - y)^2$$"
    assert statuses(text, "1-1-1-1", "sigmoid", "(out - y)**2") == ["correct"]
    assert statuses(text, "1-1-1-1", "sigmoid", "half_se") == ["wrong"]  # the cost has no 1/2
