r"""The gradient as a subscripted partial and the loss as \ell (found on a probe in notation of our
own, not from the corpus): `\partial_{W_2} \ell = (\hat{y} - y) h^\top` and
`\frac{\partial \ell}{\partial \hat{y}_1}` were unread ("found token ell", "found operator _");
they are \nabla_{W_2} L and \frac{\partial L}{\partial \hat{y}_1} (latex/partial_subscripts.py).
"""

from __future__ import annotations

from verdict_lines import by_line, verify_layered

from symbolic.latex.partial_subscripts import read
from symbolic.latex.source import Source
from symbolic.latex.tokens import tokenize

FORWARD = r"""$\mathbf{h} = \mathrm{ReLU}(W_1 \mathbf{x} + \mathbf{b}_1)$ and
$\hat{\mathbf{y}} = W_2 \mathbf{h} + \mathbf{b}_2$.
"""
BACKWARD = r"""$$\partial_{\hat{\mathbf{y}}} \ell = \hat{\mathbf{y}} - \mathbf{y}$$
$$\Rightarrow \partial_{W_2} \ell = (\hat{\mathbf{y}} - \mathbf{y}) \mathbf{h}^\top$$
$$\implies \partial_{\mathbf{h}} \ell = W_2^\top (\hat{\mathbf{y}} - \mathbf{y})$$
$$\frac{\partial \ell}{\partial \hat{y}_1} = \hat{y}_1 - y_1$$
"""


def _verify(text):
    return by_line(verify_layered("2-3-2", text, activation="relu", output="identity"))


def test_subscripted_partials_of_ell_are_read():
    assert _verify(FORWARD + BACKWARD) == {n: {"correct"} for n in range(1, 7)}


def test_a_planted_slip_is_named():
    slip = BACKWARD.replace(r"\mathbf{y}) \mathbf{h}^\top", r"\mathbf{y}) \mathbf{x}^\top")
    assert _verify(FORWARD + slip)[4] == {"wrong"}


def test_ell_as_a_layer_index_is_left_alone():
    text = r"\frac{\partial e}{\partial w^{(\ell)}_{ij}} + \sum_{\ell \in L} x_\ell"
    toks = read(tokenize(Source(text), 0, len(text)))
    assert [t.text for t in toks].count("ell") == 3
