r"""Statements over a batch of m examples (Ng's vectorized backprop), judged at m > 1 examples.

Each document below is written here, in several spellings (\frac{1}{m} dZ A^T, np.sum(...,
axis=1, keepdims=True), \sum_{i=1}^{m}, \frac{1}{m}\sum_i, g'(Z) with * or \odot), with planted
slips (1/m missing, the wrong axis, the wrong layer, the transpose missing). The truth is not
taken from symprop: every right side is also computed with NumPy over a batch of random examples
and compared with finite differences of the batch cost J = (1/m) Σ_i L^{(i)} (or Σ_i L^{(i)} where
the document says so); a statement is expected correct exactly when NumPy finds it right.
"""

from __future__ import annotations

import numpy as np
import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.batch_check import MEAN, SUM, cost_of
from symbolic.verify.ditto import VerifyInputError

# ------------------------------------------------------------------------------ NumPy's truth


def _act(name: str, z):
    return (
        {"tanh": np.tanh, "sigmoid": lambda v: 1 / (1 + np.exp(-v))}[name](z)
        if name != "softmax"
        else _softmax(z)
    )


def _softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _prime(name: str, z):
    return 1 - np.tanh(z) ** 2 if name == "tanh" else _act("sigmoid", z) * (1 - _act("sigmoid", z))


class Batch:
    """A network (sizes, hidden activation, output: sigmoid + binary CE or softmax + CE) at m random
    examples: forward values, the per-example dZ^{[l]} and the batch cost J."""

    def __init__(self, sizes, hidden, output, m=5, seed=1, total=MEAN):
        rng = np.random.default_rng(seed)
        self.sizes, self.hidden, self.output, self.m, self.total = sizes, hidden, output, m, total
        self.W = {l: rng.normal(size=(sizes[l], sizes[l - 1])) for l in range(1, len(sizes))}
        self.b = {l: rng.normal(size=(sizes[l], 1)) for l in range(1, len(sizes))}
        self.X = rng.normal(size=(sizes[0], m))
        if output == "softmax":
            self.Y = np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)]
        else:
            self.Y = rng.integers(0, 2, size=(sizes[-1], m)).astype(float)
        self.A, self.Z = self.forward(self.W, self.b)
        depth = len(sizes) - 1
        self.dZ = {depth: self.A[depth] - self.Y}  # per example: ∂L^{(i)}/∂z^{(i)}
        for l in range(depth - 1, 0, -1):
            self.dZ[l] = self.W[l + 1].T @ self.dZ[l + 1] * _prime(hidden, self.Z[l])

    def forward(self, W, b):
        A, Z = {0: self.X}, {}
        depth = len(self.sizes) - 1
        for l in range(1, depth + 1):
            Z[l] = W[l] @ A[l - 1] + b[l]
            A[l] = _act(self.output if l == depth else self.hidden, Z[l])
        return A, Z

    def cost(self, W, b) -> float:
        a = self.forward(W, b)[0][len(self.sizes) - 1]
        if self.output == "softmax":
            losses = -(self.Y * np.log(a)).sum(axis=0)
        else:
            losses = -(self.Y * np.log(a) + (1 - self.Y) * np.log(1 - a)).sum(axis=0)
        return float(losses.mean() if self.total == MEAN else losses.sum())

    def numeric(self, which: str, l: int, h: float = 1e-6) -> np.ndarray:
        """∂J/∂W^{[l]} or ∂J/∂b^{[l]} by central differences of the batch cost."""
        target = self.W if which == "W" else self.b
        out = np.zeros_like(target[l])
        for idx in np.ndindex(*out.shape):
            keep = target[l][idx]
            target[l][idx] = keep + h
            up = self.cost(self.W, self.b)
            target[l][idx] = keep - h
            down = self.cost(self.W, self.b)
            target[l][idx] = keep
            out[idx] = (up - down) / (2 * h)
        return out


def right(batch: Batch, which: str, l: int, value: np.ndarray) -> bool:
    true = batch.numeric(which, l)
    return value.shape == true.shape and np.allclose(value, true, atol=1e-6)


def verdicts(net: str, hidden: str, output: str, loss: str, text: str) -> dict:
    d = derive(network(net, hidden, loss, output, "layered"))
    try:
        report = verify_text(d, text)
    except VerifyInputError as err:  # nothing judged
        return {u.line: ("not checked", None) for u in err.unchecked}
    out = {v.line: (v.status, v.fault.position if v.fault else None) for v in report.verdicts}
    out.update({u.line: ("not checked", None) for u in report.unchecked if u.line not in out})
    return out


# ------------------------------------------------------------------------------ two layers

TWO = r"""\begin{align*}
dZ^{[2]} &= A^{[2]} - Y \\
dW^{[2]} &= \frac{1}{m} dZ^{[2]} A^{[1]T} \\
db^{[2]} &= \frac{1}{m} np.sum(dZ^{[2]}, axis=1, keepdims=True) \\
dZ^{[1]} &= W^{[2]T} dZ^{[2]} * g^{[1]\prime}(Z^{[1]}) \\
dW^{[1]} &= \frac{1}{m} dZ^{[1]} X^T \\
db^{[1]} &= \frac{1}{m} \sum_{i=1}^{m} dZ^{[1]} \\
db^{[2]} &= \frac{1}{m}\sum_i dZ^{[2]} \\
dW^{[1]} &= \frac{1}{m} dZ^{[1]} A^{[0]T} \\
dW^{[2]} &= dZ^{[2]} A^{[1]T} \\
db^{[2]} &= \frac{1}{m} np.sum(dZ^{[2]}, axis=0, keepdims=True) \\
dW^{[2]} &= \frac{1}{m} dZ^{[2]} A^{[2]T} \\
dW^{[1]} &= \frac{1}{m} dZ^{[1]} X \\
db^{[1]} &= np.sum(dZ^{[1]}, axis=1, keepdims=True) \\
db^{[2]} &= \frac{1}{m} dZ^{[2]}
\end{align*}
"""


def _two(b: Batch) -> dict:
    """Line -> (NumPy's right side, 'W' or 'b', layer) of TWO's gradient lines."""
    m, dZ, A, X = b.m, b.dZ, b.A, b.X
    return {
        3: (dZ[2] @ A[1].T / m, "W", 2),
        4: (np.sum(dZ[2], axis=1, keepdims=True) / m, "b", 2),
        6: (dZ[1] @ X.T / m, "W", 1),
        7: (dZ[1].sum(axis=1, keepdims=True) / m, "b", 1),
        8: (dZ[2].sum(axis=1, keepdims=True) / m, "b", 2),
        9: (dZ[1] @ A[0].T / m, "W", 1),
        10: (dZ[2] @ A[1].T, "W", 2),  # 1/m missing
        11: (np.sum(dZ[2], axis=0, keepdims=True) / m, "b", 2),  # the wrong axis
        12: (dZ[2] @ A[2].T / m, "W", 2),  # the wrong layer
        13: (dZ[1] @ X / m if X.shape[0] == X.shape[1] else np.zeros((0, 0)), "W", 1),  # no transpose
        14: (np.sum(dZ[1], axis=1, keepdims=True), "b", 1),  # 1/m missing
        15: (dZ[2] / m, "b", 2),  # the sum missing
    }


TWO_WANT = {  # line -> (verdict, the factor at fault)
    2: ("correct", None),
    3: ("correct", None),
    4: ("correct", None),
    5: ("correct", None),
    6: ("correct", None),
    7: ("correct", None),
    8: ("correct", None),
    9: ("correct", None),
    10: ("wrong", 1),  # 1/m missing: where it belongs, first
    11: ("wrong", 2),  # np.sum over axis 0
    12: ("wrong", 3),  # A^{[2]} for A^{[1]}
    13: ("wrong", 3),  # X for X^T
    14: ("wrong", 1),
    15: ("wrong", 2),  # dZ^{[2]} not summed over the examples
}


@pytest.mark.parametrize(
    "net,sizes,hidden,output,loss",
    [("3-5-2", (3, 5, 2), "tanh", "sigmoid", "bce"), ("2-4-3", (2, 4, 3), "tanh", "softmax", "cce")],
)
def test_two_layers_right_and_slips_named(net, sizes, hidden, output, loss):
    b = Batch(sizes, hidden, output)
    for line, (value, which, layer) in _two(b).items():  # the truth, independently
        assert right(b, which, layer, value) == (TWO_WANT[line][0] == "correct"), line
    said = verdicts(net, hidden, output, loss, TWO)
    for line, want in TWO_WANT.items():
        assert said.get(line) == want, (net, line, said.get(line), want)


# ------------------------------------------------------------------------------ three layers, \odot

THREE = r"""\begin{align*}
dZ^{[3]} &= A^{[3]} - Y \\
dW^{[3]} &= \frac{1}{m} dZ^{[3]} A^{[2]T} \\
dZ^{[2]} &= W^{[3]T} dZ^{[3]} \odot g^{[2]\prime}(Z^{[2]}) \\
dW^{[2]} &= \frac{1}{m} dZ^{[2]} A^{[1]T} \\
db^{[2]} &= \frac{1}{m} \sum_{i=1}^{m} dZ^{[2]} \\
dW^{[1]} &= \frac{1}{m} dZ^{[1]} X^T \\
dW^{[2]} &= \frac{1}{m} dZ^{[2]} A^{[2]T} \\
db^{[3]} &= \sum_{i=1}^{m} dZ^{[3]} \\
dW^{[3]} &= \frac{1}{m} A^{[2]T} dZ^{[3]} \\
db^{[2]} &= \frac{1}{m} \sum dZ^{[2]} \\
db^{[3]} &= \sum dZ^{[3]}
\end{align*}
"""
THREE_WANT = {
    2: ("correct", None),
    3: ("correct", None),
    4: ("correct", None),
    5: ("correct", None),
    6: ("correct", None),
    7: ("correct", None),
    8: ("wrong", 3),  # A^{[2]} for A^{[1]}
    9: ("wrong", 1),  # 1/m missing
    11: ("correct", None),  # Ng's \sum with no index: over the examples
    12: ("wrong", 1),  # 1/m missing
}


def test_three_layers_with_odot():
    b = Batch((2, 4, 3, 2), "tanh", "softmax")
    m, dZ, A = b.m, b.dZ, b.A
    assert right(b, "W", 3, dZ[3] @ A[2].T / m) and right(b, "W", 2, dZ[2] @ A[1].T / m)
    assert right(b, "b", 2, dZ[2].sum(axis=1, keepdims=True) / m) and right(b, "W", 1, dZ[1] @ b.X.T / m)
    assert not right(b, "b", 3, dZ[3].sum(axis=1, keepdims=True))
    said = verdicts("2-4-3-2", "tanh", "softmax", "cce", THREE)
    for line, want in THREE_WANT.items():
        assert said.get(line) == want, (line, said.get(line), want)
    assert said[10][0] == "wrong"  # A^{[2]T} dZ^{[3]}: fits on one example only if at all


def test_a_plain_sum_of_a_cost_is_not_read_as_the_examples_sum():
    # \sum with no index over a whole expression sums every entry (a cost), not the examples' columns:
    # not read (a sum over the batch would have called the cost wrong by its shape)
    text = r"$$J = -\frac{1}{m} \sum \left(Y \log A^{[2]} + (1 - Y) \log(1 - A^{[2]})\right)$$" + "\n"
    text += r"$$db^{[2]} = \frac{1}{m} \sum dZ^{[2]}$$" + "\n"
    said = verdicts("2-4-1", "tanh", "sigmoid", "bce", text)
    assert said[1] == ("not checked", None) and said[2] == ("correct", None)


# ------------------------------------------------------------------------------ the document's cost

SUMMED = r"""\begin{align*}
J &= -\sum_{i=1}^{m} \left( y^{(i)} \log a^{[2](i)} + (1 - y^{(i)}) \log(1 - a^{[2](i)}) \right) \\
dW^{[2]} &= dZ^{[2]} A^{[1]T} \\
db^{[2]} &= np.sum(dZ^{[2]}, axis=1, keepdims=True) \\
dW^{[1]} &= \frac{1}{m} dZ^{[1]} X^T
\end{align*}
"""


def test_a_summed_cost_is_judged_as_the_document_writes_it():
    assert cost_of(SUMMED)[0] == SUM
    assert cost_of(r"J = -\frac{1}{m} \sum_{i=1}^{m} L(a^{(i)}, y^{(i)})")[0] == MEAN
    assert cost_of(r"J(W, b) = \frac{1}{2m} \sum_{i=1}^{m} \|a - y\|^2")[0] == MEAN
    assert cost_of("dW = dZ A^T")[0] == MEAN  # no cost written: Ng's mean
    assert cost_of(r"J = \sum_{i=1}^{m} L^{(i)} / m")[0] == MEAN
    assert cost_of(r"E = \frac{1}{2} \sum_{j=1}^{n} (y_j - a_j)^2")[0] == MEAN  # over units, not examples
    assert cost_of(r"J = \sum_{i=1}^{m} L(a^{(i)}, y^{(i)})")[0] == SUM
    b = Batch((3, 4, 1), "tanh", "sigmoid", total=SUM)
    assert right(b, "W", 2, b.dZ[2] @ b.A[1].T) and right(b, "b", 2, b.dZ[2].sum(axis=1, keepdims=True))
    assert not right(b, "W", 1, b.dZ[1] @ b.X.T / b.m)
    said = verdicts("3-4-1", "tanh", "sigmoid", "bce", SUMMED)
    assert said[3] == ("correct", None) and said[4] == ("correct", None)
    assert said[5] == ("wrong", 1)  # an extra 1/m against the document's sum


def test_a_document_whose_dz_carries_the_mean_is_not_checked():
    text = r"""\begin{align*}
dZ^{[2]} &= \frac{1}{m} (A^{[2]} - Y) \\
dW^{[2]} &= dZ^{[2]} A^{[1]T}
\end{align*}
"""
    said = verdicts("2-3-1", "tanh", "sigmoid", "bce", text)
    assert said[2][0] == "not checked" and said[3][0] == "not checked"


def test_column_by_column_statements_still_judged():
    text = r"""\begin{align*}
dZ^{[2]} &= A^{[2]} - Y \\
dZ^{[1]} &= W^{[2]T} dZ^{[2]} * g^{[1]\prime}(Z^{[1]}) \\
dZ^{[1]} &= W^{[2]} dZ^{[2]} * g^{[1]\prime}(Z^{[1]})
\end{align*}
"""
    said = verdicts("2-3-2", "tanh", "sigmoid", "bce", text)
    assert said[2] == ("correct", None) and said[3] == ("correct", None)
    assert said[4] == ("wrong", 1)


def test_mixing_one_example_with_the_batch_is_not_checked():
    text = r"""\begin{align*}
dW^{[2]} &= \frac{1}{m} dZ^{[2]} a^{[1]T}
\end{align*}
"""
    said = verdicts("2-3-1", "tanh", "sigmoid", "bce", text)
    assert said[2][0] == "not checked"


# ------------------------------------------------------------------------------ x^{(i)}: example i

PER_EXAMPLE = r"""\begin{align*}
dz^{[2](i)} &= a^{[2](i)} - y^{(i)} \\
\frac{\partial L}{\partial z^{[2](i)}} &= a^{[2](i)} - y^{(i)} \\
dW^{[2]} &= dz^{[2](i)} a^{[1](i)T} \\
dz^{[1](i)} &= W^{[2]T} dz^{[2](i)} * g^{[1]\prime}(z^{[1](i)}) \\
\frac{\partial L}{\partial z^{[2](i)}} &= y^{(i)} - a^{[2](i)} \\
dW^{[2]} &= dz^{[2](i)} a^{[2](i)T}
\end{align*}
"""


def test_the_example_superscript_is_read_as_one_example():
    said = verdicts("2-3-1", "tanh", "sigmoid", "bce", PER_EXAMPLE)
    assert [said[k][0] for k in (2, 3, 4, 5)] == ["correct"] * 4, said
    assert said[6] == ("wrong", 1) and said[7] == ("wrong", 2), said


def test_the_example_superscript_never_touches_a_layer():
    from symbolic.verify.example_index import blank, letters

    ufldl = r"\delta^{(l)} = ((W^{(l)})^T \delta^{(l+1)}) \bullet f'(z^{(l)})"
    assert blank(ufldl) == ufldl and "l" not in letters(ufldl)
    layered = r"a^{(i)} = f(W^{(i-1)} a^{(i-1)} + b^{(i-1)})" + "\n"
    layered += r"\delta^{(i)} = W^{(i)T} \delta^{(i+1)}"
    assert blank(layered) == layered  # (i) is a layer there: W^{(i)}, arithmetic on it
    haykin = r"v_j^{(2)} = \sum_i w_{ji}^{(2)} y_i^{(1)}"
    assert blank(haykin) == haykin  # numbers: layers
    text = r"\frac{\partial E}{\partial \hat{Y}_j^{(i)}} = -\frac{Y_j^{(i)}}{\hat{Y}_j^{(i)}}"
    out = blank(text)
    assert (
        len(out) == len(text)
        and "(i)" not in out
        and out.replace(" ", "") == text.replace("^{(i)}", "").replace(" ", "")
    )
    ng = r"dz^{[2](n)} = a^{[2](n)} - y^{(n)}, \quad \sum_{n=1}^{m} L^{(n)}"
    assert "(n)" not in blank(ng) and "^{[2]" in blank(ng)  # n bound to the m examples


def test_a_derivative_of_a_mean_cost_by_one_example_is_not_read_as_the_examples_own():
    from symbolic.verify.example_index import blank

    text = "$$J = \\frac{1}{m} \\sum_{i=1}^{m} L^{(i)}$$\n"
    text += "$$\\frac{\\partial J}{\\partial z^{[2](i)}} = a^{[2](i)} - y^{(i)}$$\n"
    assert blank(text).splitlines()[1] == text.splitlines()[1]  # ∂J/∂z^{(i)} carries 1/m: left as written
    said = verdicts("2-3-1", "tanh", "sigmoid", "bce", text)
    assert said[2][0] == "not checked"


def test_a_name_whose_batch_is_unknown_is_not_checked_over_the_batch():
    from symbolic.latex.matrix import Node
    from symbolic.verify.batch_check import MEAN, check_side
    from symbolic.verify.matrix import Layout

    lay = Layout(2, (2, 3, 1), 0, True, False)
    y_hat = Node("name", ("Y_hat", "", "", False), 0)
    side = Node("sum", ((1, y_hat), (-1, Node("name", ("Y", "", "", False), 0))), 0)
    checked = check_side(lay, {}, side, (MEAN, ""))
    assert checked.unchecked and not checked.text
