r"""Vector rows of a network without biases, and t beside a vector y (found on probes in notation
of our own, not from the corpus):

- `h = \sigma(W^{(1)} x)` defined h, but only with a bias beside the product was it read: without
  one, every line writing h was "unknown name h" (verify/defined_layers.activated_product; the row
  makes the document a network without biases, as `z = W^{(1)} x` does);
- `\mathbf{y} = \sigma(\mathbf{W}^{(2)} \mathbf{h})` and `E = \frac12 \|\mathbf{t} - \mathbf{y}\|^2`:
  y is the output and t the target (verify/definitions.vector_y); t was "unknown name t", as only
  scalar rows said so.
"""

from __future__ import annotations

import pytest
from verdict_lines import by_line, verify_layered

ROWS = r"""$$h = \sigma(W^{(1)} x), \quad OUT = \sigma(W^{(2)} h), \quad E = \frac{1}{2}\|TARGET - OUT\|^2$$
$$\frac{\partial E}{\partial W^{(2)}} = \left[(OUT - TARGET) \odot OUT \odot (1 - OUT)\right] h^T$$
$$\frac{\partial E}{\partial W^{(1)}} = \left[(W^{(2)})^T \left((OUT - TARGET) \odot OUT
\odot (1 - OUT)\right) \odot h \odot (1 - h)\right] x^T$$
"""


@pytest.mark.parametrize("out, target", [(r"\hat{y}", "y"), (r"\mathbf{y}", r"\mathbf{t}")])
def test_bias_free_vector_rows_are_read(out, target):
    text = ROWS.replace("OUT", out).replace("TARGET", target)
    assert by_line(verify_layered("3-4-2", text)) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}


def test_a_slip_in_them_is_wrong():
    text = ROWS.replace("OUT", "y").replace("TARGET", "t").replace(r"\odot h \odot (1 - h)", r"\odot h")
    assert by_line(verify_layered("3-4-2", text))[3] == {"wrong"}


LETTERS = r"""$$\mathbf{h} = \sigma(\mathbf{W}_1 \mathbf{x}), \quad
\mathbf{y} = \sigma(\mathbf{W}_2 \mathbf{h}), \quad E = \frac{1}{2}\|\mathbf{t} - \mathbf{y}\|^2$$
$$\nabla_{\mathbf{W}_2} E = -\left[(\mathbf{t} - \mathbf{y}) \odot \mathbf{y}
\odot (1 - \mathbf{y})\right] \mathbf{h}^T$$
$$\nabla_{\mathbf{W}_1} E = -\left[\mathbf{W}_2^T \left((\mathbf{t} - \mathbf{y}) \odot \mathbf{y}
\odot (1 - \mathbf{y})\right) \odot \mathbf{h} \odot (1 - \mathbf{h})\right] \mathbf{x}^T$$
"""


def test_gradients_by_subscript_layers_with_t_the_target():
    # \nabla_{W_2}: its subscript is a name, spelled in its layer as the rows' W_2 are; the rows
    # name the output y, so t is the target (latex/forward_letters.rewrite)
    said = by_line(verify_layered("3-4-2", LETTERS))
    assert said == {k: {"correct"} for k in (1, 2, 3, 5)}


def test_a_slip_in_them_is_named():
    text = LETTERS.replace(r"\odot \mathbf{h} \odot (1 - \mathbf{h})", r"\odot (1 - \mathbf{h})")
    assert by_line(verify_layered("3-4-2", text))[5] == {"wrong"}
