r"""Layers as letters in parenthesized superscripts on letters symprop does not know as layered
(symbolic/latex/layer_superscripts.py): `s_i^{(j)} = \sum_k w_{ik}^{(j)} x_k^{(j-1)}` beside
`W^{(j)}`, `x^{(\ell)}_j` beside `w^{(\ell)}_{ij}`. The derivations are short ones of our own in
that notation; every statement is checked for each layer it stands for, a slip named wrong, and a
letter the document also writes bare is left not checked, never guessed."""

import pytest
from verdict_lines import by_line, verify_layered

from symbolic.latex.layer_superscripts import detect
from symbolic.verify.ditto import VerifyInputError

# a net input s and an output x, both in a layer letter j the weights carry (j for the layer,
# i and k for units), the layers counted from the input x^{(0)}
OWN_J = r"""
\[ s_i^{(j)} = \sum_k w_{ik}^{(j)} x_k^{(j-1)} + b_i^{(j)} \]
\[ x_i^{(j)} = \sigma(s_i^{(j)}) \]
\[ \delta_i^{(j)} = \frac{\partial E}{\partial s_i^{(j)}} \]
\[ \frac{\partial E}{\partial w_{ik}^{(j)}} = \delta_i^{(j)} x_k^{(j-1)} \]
\[ \frac{\partial E}{\partial x_k^{(j-1)}} = \sum_i \delta_i^{(j)} w_{ik}^{(j)} \]
"""

# the same in \ell, weights input-by-output (w_{ij} from unit i below to unit j)
OWN_ELL = r"""
\[ s^{(\ell)}_j = \sum_{i} w^{(\ell)}_{ij} x^{(\ell-1)}_i + b^{(\ell)}_j \]
\[ \frac{\partial E}{\partial w^{(\ell)}_{ij}} = \frac{\partial E}{\partial s^{(\ell)}_j} x^{(\ell-1)}_i \]
\[ \frac{\partial E}{\partial x^{(\ell-1)}_i}
   = \sum_j w^{(\ell)}_{ij} \frac{\partial E}{\partial s^{(\ell)}_j} \]
"""


def test_the_layer_letters_are_those_of_the_layered_names():
    assert detect(OWN_J)[0] == {"j"}
    assert detect(OWN_ELL)[0] == {"l"}
    # x^{(i)}, an example's index, beside W^{(l)}: i marks no layer
    assert detect(r"\[ z^{(l)} = W^{(l)} x^{(i)} \]")[0] == {"l"}


@pytest.mark.parametrize("net", ["2-3-1", "2-3-2-1"])
def test_a_letter_layer_on_other_letters_is_read_at_every_layer(net):
    r = verify_layered(net, OWN_J)
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert by_line(r) == {k: {"correct"} for k in (2, 3, 4, 5, 6)}
    layers = {v.instance.split("j=")[-1] for v in r.verdicts if v.line == 5}
    assert len(layers) == len(net.split("-")) - 1  # one instance per weight layer


def test_ell_layers_on_other_letters_are_read():
    r = verify_layered("2-3-1", OWN_ELL, weights="input-by-output")
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert by_line(r) == {k: {"correct"} for k in (2, 3, 4)}


@pytest.mark.parametrize(
    "old, new, line",
    [
        (r"\delta_i^{(j)} x_k^{(j-1)} \]", r"\delta_i^{(j)} x_k^{(j)} \]", 5),  # the layer above's output
        (r"\delta_i^{(j)} w_{ik}^{(j)} \]", r"\delta_i^{(j)} w_{ki}^{(j)} \]", 6),  # indices swapped
    ],
)
def test_a_slip_in_a_letter_layer_is_named(old, new, line):
    assert old in OWN_J
    r = verify_layered("2-3-2-1", OWN_J.replace(old, new))
    assert "wrong" in by_line(r)[line]


def test_a_letter_also_written_bare_keeps_its_superscripts_unread():
    # f bare (the output) beside f^{(j)}: which layer a bare f is, is not settled
    text = OWN_J.replace("x_", "f_") + r"\[ E = \frac{1}{2}(y - f)^2 \]" + "\n"
    assert "f" in detect(text)[1]
    r = verify_layered("2-3-1", text)
    said = by_line(r)
    assert said[3] == {"not checked"} and "wrong" not in {s for v in said.values() for s in v}
    assert any("f is written both bare and with the layer (j)" in u.problem() for u in r.unchecked)


# the same in vectors: x^{(\ell-1)} in a matrix statement (verify/matrix_entries.py reads it per layer)
VECTORS = r"""
\[ s^{(\ell)}_j = \sum_i w^{(\ell)}_{ji} x^{(\ell-1)}_i + b^{(\ell)}_j \]
\[ x^{(\ell)}_j = \sigma(s^{(\ell)}_j) \]
\[ \frac{\partial E}{\partial W^{(\ell)}} = \delta^{(\ell)} (x^{(\ell-1)})^T \]
\[ \delta^{(\ell)} = (W^{(\ell+1)})^T \delta^{(\ell+1)} \odot x^{(\ell)} \odot (1 - x^{(\ell)}) \]
"""


def test_ell_layers_in_matrix_statements_are_read():
    r = verify_layered("2-3-2-1", VECTORS)
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert by_line(r) == {k: {"correct"} for k in (2, 3, 4, 5)}
    slip = VECTORS.replace(r"(x^{(\ell-1)})^T", r"(x^{(\ell)})^T")
    assert "wrong" in by_line(verify_layered("2-3-2-1", slip))[4]


def test_a_vector_with_a_constant_1_stacked_in_is_not_read_as_the_networks():
    # x^{(\ell)} = [1; \sigma(s)]: the bias folded into W as a row; symprop's W has none
    text = VECTORS + r"\[ x^{(\ell)} = \begin{bmatrix} 1 \\ \sigma(s^{(\ell)}) \end{bmatrix} \]" + "\n"
    r = verify_layered("2-3-2-1", text)
    said = by_line(r)
    assert said[4] == said[5] == said[6] == {"not checked"}
    assert said[2] == said[3] == {"correct"}  # the entries: x_j for j >= 1
    assert any("constant 1" in u.reason for u in r.unchecked)


# \theta the activation: only called, its derivative written, a value defined as \theta of one
THETA = r"""
\[ s^{(\ell)}_j = \sum_i w^{(\ell)}_{ji} x^{(\ell-1)}_i + b^{(\ell)}_j \]
\[ x^{(\ell)}_j = \theta\left(s^{(\ell)}_j\right) \]
\[ \frac{\partial E}{\partial s^{(\ell)}_j} = \theta'(s^{(\ell)}_j) \sum_k w^{(\ell+1)}_{kj}
   \frac{\partial E}{\partial s^{(\ell+1)}_k} \]
"""


def test_theta_as_the_activation_letter_is_read():
    r = verify_layered("2-3-2-1", THETA, activation="tanh")
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert by_line(r) == {k: {"correct"} for k in (2, 3, 4)}
    slip = THETA.replace(r"\theta'(s^{(\ell)}_j)", r"\theta'(s^{(\ell+1)}_j)")  # the layer above
    assert "wrong" in by_line(verify_layered("2-3-2-1", slip, activation="tanh"))[4]


def test_theta_as_the_parameters_is_not_an_activation():
    from symbolic.verify.function_letters import blank

    params = (
        r"\[ J(\theta) = \frac{1}{2}(h_\theta(x) - y)^2 \]"
        r"\[ \theta_j := \theta_j - \alpha \frac{\partial J}{\partial \theta_j} \]"
    )
    assert blank(params) == params
    assert blank(THETA) != THETA and r"\theta" not in blank(THETA)


# a unit's weight vector w_j^r (into unit j of layer r) beside the vector y^{r-1} of the layer
# below (symbolic/verify/unit_vectors.py), the bias folded in as w_{j0} on y_0 = 1
VECTOR = r"""
\[ v_j^r = \sum_{k=1}^{n} w_{jk}^r y_k^{r-1} + w_{j0}^r \]
\[ y_j^r = f(v_j^r) \]
\[ \frac{\partial v_j^r}{\partial w_j^r} = y^{r-1} \]
\[ \frac{\partial E}{\partial w_j^r} = \frac{\partial E}{\partial v_j^r} y^{r-1} \]
"""


def test_a_units_weight_vector_is_read_at_each_entry_and_the_bias():
    r = verify_layered("2-3-2", VECTOR)
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert by_line(r) == {k: {"correct"} for k in (2, 3, 4, 5)}
    dens = {str(v.den) for v in r.verdicts if v.line == 4}
    assert any(d.startswith("W") for d in dens) and any(d.startswith("b") for d in dens)
    slip = VECTOR.replace(r"v_j^r} y^{r-1} \]", r"v_j^r} y^{r} \]")  # the layer's own output
    said = by_line(verify_layered("2-3-2", slip))
    assert "correct" not in said[5]  # y^r is no entry beside w_j^r: left unread, never judged right
    wrong = VECTOR.replace(
        r"\frac{\partial E}{\partial v_j^r} y^{r-1}", r"\frac{\partial E}{\partial y_j^r} y^{r-1}"
    )
    assert "wrong" in by_line(verify_layered("2-3-2", wrong))[5]


def test_a_dot_product_of_the_vectors_is_not_read_as_entries():
    text = VECTOR + r"\[ v_j^r = w_j^r y^{r-1} \]" + "\n"
    said = by_line(verify_layered("2-3-2", text))
    assert said[6] == {"not checked"}


# a name of the document's own in a unit letter and a layer letter (verify/layer_own_names.py):
# e_j^{r-1}, the derivative by the output of unit j of layer r-1, defined once by its sum
OWN = r"""
\[ v_j^r = \sum_{k} w_{jk}^r y_k^{r-1} \]
\[ y_j^r = f(v_j^r) \]
\[ \delta_j^r = \frac{\partial E}{\partial v_j^r} \]
\[ e_j^{r-1} = \sum_{k} \delta_k^r w_{kj}^r \]
\[ \delta_j^{r-1} = e_j^{r-1} f'(v_j^{r-1}) \]
\[ \delta_k^{r-1} = e_k^{r-1} f'(v_k^{r-1}) \]
"""


def test_a_layered_name_of_the_documents_own_is_read_as_defined():
    r = verify_layered("2-3-2-1", OWN)
    said = by_line(r)
    assert said[5] == {"not checked"}  # the definition: a name of the document's own
    assert any("defines e_j^{r-1}" in u.reason for u in r.unchecked)
    assert said[6] == said[7] == {"correct"}  # in its own letter j, and renamed to k
    slip = OWN.replace(r"\delta_k^r w_{kj}^r", r"\delta_k^r w_{jk}^r")
    assert "wrong" in by_line(verify_layered("2-3-2-1", slip))[6]


def test_a_weight_to_a_one_unit_layer_is_not_read_as_a_units_vector():
    # w_j^{(2)}: the weight from hidden unit j into the one output (its unit index dropped), as
    # a_j^{(1)} beside it says: no vector of unit j's weights, never judged as one
    text = r"\[ \frac{\partial E}{\partial w_j^{(2)}} = \delta_1^{(2)} a_j^{(1)} \]" + "\n"
    with pytest.raises(VerifyInputError, match="names nothing"):  # not checked, the only line
        verify_layered("2-3-1", text)
