r"""Probes in vector and matrix notation written for symprop (not from the corpus),
each a false verdict or a whole notation unread, fixed by a general rule.
"""

from __future__ import annotations

from verdict_lines import by_line, verify_layered

# Goodfellow's letters with no h^{(0)} = x: the numbered lines fit h^{(0)} = x, and counted from
# the input (the letter default) h^{(3)} is a hidden layer: a false 'shapes do not fit'
GOODFELLOW_UNANCHORED = r"""\begin{align}
\mathbf{a}^{(k)} &= \mathbf{b}^{(k)} + \mathbf{W}^{(k)} \mathbf{h}^{(k-1)} \\
\mathbf{h}^{(k)} &= \sigma(\mathbf{a}^{(k)}) \\
\nabla_{\mathbf{W}^{(3)}} L &= \left[(\mathbf{h}^{(3)} - \mathbf{y}) \odot \sigma'(\mathbf{a}^{(3)})\right]
  \mathbf{h}^{(2)\top} \\
\nabla_{\mathbf{b}^{(3)}} L &= (\mathbf{h}^{(3)} - \mathbf{y}) \odot \sigma'(\mathbf{a}^{(3)})
\end{align}
"""


def test_numbered_layers_unanchored_are_not_checked():
    said = by_line(verify_layered("2-4-3-1", GOODFELLOW_UNANCHORED))
    assert said[2] == {"correct"} and said[3] == {"correct"}  # letters alone: either counting
    assert said[4] == {"not checked"} and said[6] == {"not checked"}


def test_numbered_layers_anchored_by_h0_are_judged():
    h0 = "\\begin{align}\n\\mathbf{h}^{(0)} &= \\mathbf{x} \\\\"
    anchored = GOODFELLOW_UNANCHORED.replace(r"\begin{align}", h0)
    said = by_line(verify_layered("2-4-3-1", anchored))
    assert said[5] == {"correct"} and said[7] == {"correct"}
    slip = anchored.replace(r"\mathbf{h}^{(2)\top}", r"\mathbf{h}^{(1)\top}")
    assert by_line(verify_layered("2-4-3-1", slip))[5] == {"wrong"}


# row vectors in bold, the weight glued after its vector (\mathbf{x}W_1): every name was unknown
ROWS_GLUED = r"""\begin{align}
\mathbf{z}_1 &= \mathbf{x}W_1 + \mathbf{b}_1 \\
\mathbf{h} &= \sigma(\mathbf{z}_1) \\
\mathbf{z}_2 &= \mathbf{h}W_2 + \mathbf{b}_2 \\
\hat{\mathbf{y}} &= \sigma(\mathbf{z}_2) \\
\frac{\partial E}{\partial W_2} &= \mathbf{h}^T\left[(\hat{\mathbf{y}} - \mathbf{y})
  \circ \hat{\mathbf{y}} \circ (1 - \hat{\mathbf{y}})\right]
\end{align}
"""


def test_a_bold_vector_glued_to_its_weight_is_read_as_rows():
    said = by_line(verify_layered("3-4-2", ROWS_GLUED))
    assert said == {2: {"correct"}, 3: {"correct"}, 4: {"correct"}, 5: {"correct"}, 6: {"correct"}}
    slip = ROWS_GLUED.replace(r"= \mathbf{h}^T\left", r"= \mathbf{x}^T\left")
    assert by_line(verify_layered("3-4-2", slip))[6] == {"wrong"}


# one output's weights as a transposed lowercase column after a bare forward pass: v and c were
# unknown; and ŷ juxtaposed after a parenthesis, (ŷ - y)ŷ(1 - ŷ), failed the matrix reader
COLUMN_OUTPUT = r"""\begin{align}
\mathbf{h} &= \sigma(\mathbf{W}\mathbf{x} + \mathbf{b}) \\
\hat{y} &= \sigma(\mathbf{v}^\top \mathbf{h} + c) \\
\frac{\partial L}{\partial c} &= (\hat{y} - y)\hat{y}(1-\hat{y}) \\
\frac{\partial L}{\partial \mathbf{v}} &= (\hat{y} - y)\hat{y}(1-\hat{y})\,\mathbf{h} \\
\frac{\partial L}{\partial \mathbf{W}} &= \left[(\hat{y} - y)\hat{y}(1-\hat{y})\,\mathbf{v}
  \odot \mathbf{h} \odot (1 - \mathbf{h})\right] \mathbf{x}^\top
\end{align}
"""
LINEAR_OUTPUT = r"""\begin{align}
\mathbf{h} &= \mathrm{ReLU}(\mathbf{W}\mathbf{x} + \mathbf{b}) \\
\hat{y} &= \mathbf{v}^\top \mathbf{h} + c \\
\frac{\partial L}{\partial \mathbf{v}} &= (\hat{y} - y)\mathbf{h} \\
\frac{\partial L}{\partial \mathbf{h}} &= (\hat{y} - y)\mathbf{v}
\end{align}
"""


def test_a_transposed_lowercase_column_is_one_outputs_weights():
    said = by_line(verify_layered("2-2-1", COLUMN_OUTPUT))
    assert said == {n: {"correct"} for n in range(2, 7)}
    slip = COLUMN_OUTPUT.replace(r"\odot \mathbf{h} \odot (1 - \mathbf{h})", r"\odot \mathbf{h}")
    assert by_line(verify_layered("2-2-1", slip))[6] == {"wrong"}
    slip = COLUMN_OUTPUT.replace(r"(\hat{y} - y)\hat{y}(1-\hat{y})\,\mathbf{h}", r"(\hat{y} - y)\,\mathbf{h}")
    assert by_line(verify_layered("2-2-1", slip))[5] == {"wrong"}


def test_a_linear_output_of_a_column():
    said = by_line(verify_layered("3-4-1", LINEAR_OUTPUT, activation="relu", output="identity"))
    assert said == {n: {"correct"} for n in range(2, 6)}
    slip = LINEAR_OUTPUT.replace(r"(\hat{y} - y)\mathbf{h} \\", r"(\hat{y} - y)\mathbf{v} \\")
    assert by_line(verify_layered("3-4-1", slip, activation="relu", output="identity"))[4] == {"wrong"}


# the activation's Jacobian written diag(σ'(z)), and tanh's derivative written sech^2: unread
# ('unknown name diag', 'unexpected ^')
DIAGONAL = r"""Let $\mathbf{z}_1 = W_1\mathbf{x} + \mathbf{b}_1$, $\mathbf{a}_1 = \sigma(\mathbf{z}_1)$,
$\mathbf{z}_2 = W_2\mathbf{a}_1 + \mathbf{b}_2$, $\mathbf{a}_2 = \sigma(\mathbf{z}_2)$.
\begin{align}
\frac{\partial L}{\partial \mathbf{z}_2} &= \mathrm{diag}(\sigma'(\mathbf{z}_2))(\mathbf{a}_2 - \mathbf{y}) \\
\frac{\partial L}{\partial \mathbf{z}_1} &= \mathrm{diag}(\sigma'(\mathbf{z}_1)) W_2^T
  \frac{\partial L}{\partial \mathbf{z}_2}
\end{align}
"""
SECH = r"""\begin{align}
\mathbf{z}^{(1)} &= \mathbf{W}^{(1)}\mathbf{x} + \mathbf{b}^{(1)} \\
\mathbf{a}^{(1)} &= \tanh(\mathbf{z}^{(1)}) \\
\hat{y} &= \mathbf{W}^{(2)}\mathbf{a}^{(1)} + b^{(2)} \\
\boldsymbol{\delta}^{(1)} &= (\hat{y} - y)\,(\mathbf{W}^{(2)})^{T}
  \circ \operatorname{sech}^2(\mathbf{z}^{(1)})
\end{align}
"""


def test_a_diagonal_jacobian_is_a_matrix_product():
    said = by_line(verify_layered("2-3-2", DIAGONAL))
    assert said[4] == {"correct"} and said[5] == {"correct"}
    slip = DIAGONAL.replace(r"\mathrm{diag}(\sigma'(\mathbf{z}_1))", r"\mathrm{diag}(\sigma(\mathbf{z}_1))")
    assert by_line(verify_layered("2-3-2", slip))[5] == {"wrong"}
    slip = DIAGONAL.replace("W_2^T", "W_2")
    assert by_line(verify_layered("2-3-2", slip))[5] == {"wrong"}


def test_sech_squared_is_tanhs_derivative():
    said = by_line(verify_layered("2-2-1", SECH, activation="tanh", output="identity"))
    assert said[5] == {"correct"}
    slip = SECH.replace(
        r"\operatorname{sech}^2(\mathbf{z}^{(1)})", r"\operatorname{sech}^2(\mathbf{a}^{(1)})"
    )
    assert by_line(verify_layered("2-2-1", slip, activation="tanh", output="identity"))[5] == {"wrong"}


# subscripts as layers in a bare forward pass (W_1, W_2 bound by structure), the errors δ_2, δ_1
# in the same subscripts: every δ line was 'names nothing in the network'; and the forward pass in
# \[ ... \] was read as one row with its '\['
SUBSCRIPT_ERRORS = r"""Forward pass:
\[ \mathbf{h} = \tanh(\mathbf{W}_1 \mathbf{x} + \mathbf{b}_1), \qquad
\hat{\mathbf{y}} = \tanh(\mathbf{W}_2 \mathbf{h} + \mathbf{b}_2) \]
\begin{align*}
\boldsymbol{\delta}_2 &= (\hat{\mathbf{y}} - \mathbf{y}) \odot (1 - \hat{\mathbf{y}}^2) \\
\boldsymbol{\delta}_1 &= (\mathbf{W}_2^\top \boldsymbol{\delta}_2) \odot (1 - \mathbf{h}^2) \\
\frac{\partial L}{\partial \mathbf{W}_2} &= \boldsymbol{\delta}_2 \mathbf{h}^\top \\
\frac{\partial L}{\partial \mathbf{W}_1} &= \boldsymbol{\delta}_1 \mathbf{x}^\top
\end{align*}
"""
# a composed row beside an affine one: z_2 = W_2 h + b_2 alone made h the input and W_2 the first
# layer's weights (latex/shifted_letters.py), a false 'wrong layer' on ŷ = tanh(z_2); δ_1 defined
# as ∂L/∂z_2 is a gradient's name there, not layer 1's error
COMPOSED_AND_AFFINE = r"""\begin{align}
\mathbf{h} &= \tanh(\mathbf{W}_1 \mathbf{x} + \mathbf{b}_1) \\
\mathbf{z}_2 &= \mathbf{W}_2 \mathbf{h} + \mathbf{b}_2 \\
\hat{\mathbf{y}} &= \tanh(\mathbf{z}_2) \\
\boldsymbol{\delta}_1 &= \frac{\partial L}{\partial \mathbf{z}_2}
  = (\hat{\mathbf{y}} - \mathbf{y}) \odot (1 - \hat{\mathbf{y}}^2) \\
\frac{\partial L}{\partial \mathbf{W}_2} &= \boldsymbol{\delta}_1 \mathbf{h}^\top
\end{align}
"""


def _tanh(arch, text):
    return by_line(verify_layered(arch, text, activation="tanh"))


def test_errors_in_the_weights_subscripts_are_layers():
    assert _tanh("3-4-2", SUBSCRIPT_ERRORS) == {n: {"correct"} for n in (2, 3, 5, 6, 7, 8)}
    slip = SUBSCRIPT_ERRORS.replace(r"(\mathbf{W}_2^\top \boldsymbol", r"(\mathbf{W}_2 \boldsymbol")
    assert _tanh("3-4-2", slip)[6] == {"wrong"}
    slip = SUBSCRIPT_ERRORS.replace(
        r"= \boldsymbol{\delta}_2 \mathbf{h}^\top", r"= \boldsymbol{\delta}_1 \mathbf{h}^\top"
    )
    assert _tanh("3-4-2", slip)[7] == {"wrong"}


def test_a_composed_row_beside_an_affine_row_is_no_shifted_family():
    assert _tanh("3-4-2", COMPOSED_AND_AFFINE) == {n: {"correct"} for n in (2, 3, 4, 5, 7)}
    as_layer_two = COMPOSED_AND_AFFINE.replace(r"\delta}_1", r"\delta}_2")
    assert _tanh("3-4-2", as_layer_two) == {n: {"correct"} for n in (2, 3, 4, 5, 7)}


# ReLU written \max(0, W_1 x + b_1) in a bare forward pass: h, s, p were unknown
MAX_FORWARD = r"""\begin{align}
\mathbf{h} &= \max(0, \mathbf{W}_1\mathbf{x} + \mathbf{b}_1) \\
\mathbf{s} &= \mathbf{W}_2\mathbf{h} + \mathbf{b}_2 \\
\mathbf{p} &= \mathrm{softmax}(\mathbf{s}) \\
\frac{\partial L}{\partial \mathbf{W}_2} &= (\mathbf{p} - \mathbf{y})\mathbf{h}^T \\
\frac{\partial L}{\partial \mathbf{b}_1} &= \mathbf{W}_2^T(\mathbf{p} - \mathbf{y})
  \odot \mathbb{1}[\mathbf{h} > 0]
\end{align}
"""


def test_relu_as_max_of_zero_in_a_bare_forward_pass():
    said = by_line(verify_layered("3-4-2", MAX_FORWARD, activation="relu", loss="cce"))
    assert said == {n: {"correct"} for n in range(2, 7)}
    slip = MAX_FORWARD.replace(r"\mathbf{W}_2^T(", r"\mathbf{W}_2(")
    assert by_line(verify_layered("3-4-2", slip, activation="relu", loss="cce"))[6] == {"wrong"}


# the input written as layer 1 (a^{(1)} = x, the row itself not needed to read) anchors the count
# from the input: Goodfellow's numbered lines are then judged so (h^{(3)} a hidden layer: wrong)
def test_the_input_written_as_layer_one_anchors_numbered_layers():
    anchored = "$$a^{(1)} = \\mathbf{x}$$\n" + GOODFELLOW_UNANCHORED
    said = by_line(verify_layered("2-4-3-1", anchored))
    assert said[5] == {"wrong"} and said[7] == {"wrong"}


# Nielsen's numbered lines right in either count (2-3-3-2): judged without an anchor
NIELSEN = r"""\begin{align}
z^l &= w^l a^{l-1} + b^l, \quad a^l = \sigma(z^l) \\
\delta^2 &= ((w^3)^T \delta^3) \odot \sigma'(z^2) \\
\delta^3 &= (a^3 - y) \odot \sigma'(z^3)
\end{align}
"""


def test_numbered_lines_judged_alike_in_both_counts_keep_their_verdict():
    said = by_line(verify_layered("2-3-3-2", NIELSEN))
    assert said[3] == {"correct"}  # a rule of every hidden layer: right counted either way
    assert said[4] == {"not checked"}  # δ^3 the output counted from 0, a hidden layer from the input


# Ng's derivative names with a bold letter, d\mathbf{z}^{[1]}: 'unknown name d'
NG_BOLD = r"""\begin{align}
\mathbf{z}^{[1]} &= W^{[1]}\mathbf{x} + \mathbf{b}^{[1]}, \quad \mathbf{a}^{[1]} = g(\mathbf{z}^{[1]}) \\
z^{[2]} &= W^{[2]}\mathbf{a}^{[1]} + b^{[2]}, \quad \hat{y} = \sigma(z^{[2]}) \\
dz^{[2]} &= \hat{y} - y \\
d\mathbf{z}^{[1]} &= W^{[2]T} dz^{[2]} * \mathbb{1}\{\mathbf{z}^{[1]} > 0\} \\
dW^{[1]} &= d\mathbf{z}^{[1]}\mathbf{x}^T
\end{align}
"""


def test_ngs_derivative_name_of_a_bold_letter():
    def said(text):
        return by_line(verify_layered("4-3-1", text, activation="relu", loss="bce", output="sigmoid"))

    assert said(NG_BOLD)[5] == {"correct"} and said(NG_BOLD)[6] == {"correct"}
    assert said(NG_BOLD.replace("W^{[2]T} dz", "W^{[2]} dz"))[5] == {"wrong"}


# the ones vector in a sum, (\mathbf{1} - \mathbf{a}^{(2)}): 'unexpected indicator'
ONES = r"""\begin{align}
a^{(0)} &= x \\
z^{(1)} &= W^{(1)} a^{(0)} + b^{(1)}, \quad a^{(1)} = \sigma(z^{(1)}) \\
z^{(2)} &= W^{(2)} a^{(1)} + b^{(2)}, \quad a^{(2)} = \sigma(z^{(2)}) \\
\boldsymbol{\delta}^{(2)} &= (\mathbf{a}^{(2)} - \mathbf{y}) \odot \mathbf{a}^{(2)}
  \odot (\mathbf{1} - \mathbf{a}^{(2)})
\end{align}
"""


def test_the_ones_vector_in_a_sum():
    assert by_line(verify_layered("2-3-2", ONES))[5] == {"correct"}
    slip = ONES.replace(r"(\mathbf{1} - \mathbf{a}^{(2)})", r"(\mathbf{1} + \mathbf{a}^{(2)})")
    assert by_line(verify_layered("2-3-2", slip))[5] == {"wrong"}


# the loss defined as \ell (its derivatives \partial \ell were read, its definition was not)
ELL = r"""\begin{align}
\hat{y} &= \sigma(\mathbf{W}^{(2)}\mathbf{a}^{(1)} + b^{(2)}) \\
\ell &= \tfrac{1}{2}(\hat{y} - y)^2 \\
\frac{\partial \ell}{\partial b^{(2)}} &= (\hat{y} - y)\,\hat{y}(1 - \hat{y})
\end{align}
"""


def test_the_loss_defined_as_ell():
    assert by_line(verify_layered("2-3-1", ELL)) == {n: {"correct"} for n in (2, 3, 4)}
    slip = ELL.replace("(\\hat{y} - y)^2", "(\\hat{y} + y)^2")
    assert by_line(verify_layered("2-3-1", slip))[3] == {"wrong"}
    layers = "\\[ \\ell = 1, \\ldots, L \\]\n" + ELL
    assert by_line(verify_layered("2-3-1", layers)).get(1) != {"correct"}
