r"""Planted mistakes in chains of derivatives named at their factor, on short derivations written
for these tests (not the corpus files where the gaps showed).

- A chain of derivatives of vectors (Jacobian shorthand) that does not link was "not checked"
  (its layout the question); it is wrong, named by the one edit that links it and makes every
  entry right: the missing link inserted, or one factor replaced (verify/chain_repairs.py).
- A chain of scalars that breaks at one link, ∂a/∂w where ∂a/∂z belongs before ∂z/∂w, is named
  at the factor whose replacement links it, not as an extra factor beside it; in a sum's terms
  alike (verify/linked_factor.py).
"""

from tests.verdict_lines import factors_by_line, verify_layered


def d(a: str, b: str) -> str:
    return rf"\frac{{\partial {a}}}{{\partial {b}}}"


def doc(*rows: str) -> str:
    return "".join(f"$${r}$$\n" for r in rows)


L, A2, Z2, A1, Z1, W1 = "L", "a^{(2)}", "z^{(2)}", "a^{(1)}", "z^{(1)}", "W^{(1)}"


def test_a_jacobian_chain_without_a_link_is_wrong_at_the_missing_link():
    text = doc(
        f"{d(L, W1)} = {d(L, A2)} {d(A2, Z2)} {d(Z2, A1)} {d(A1, Z1)} {d(Z1, W1)}",
        f"{d(L, W1)} = {d(L, A2)} {d(A2, Z2)} {d(Z2, A1)} {d(Z1, W1)}",  # ∂a/∂z left out
        f"{d(L, W1)} = {d(Z1, W1)} {d(A1, Z1)} {d(Z2, A1)} {d(L, A2)}",  # right to left, ∂a/∂z out
    )
    said = factors_by_line(verify_layered("2-3-2", text))
    assert said[1] == {("correct", None)}
    assert said[2] == {("wrong", 4)}  # between factors 3 and 4
    assert said[3] == {("wrong", 4)}  # between ∂z⁽²⁾/∂a⁽¹⁾ and ∂L/∂a⁽²⁾, as written


def test_a_jacobian_chain_with_a_factor_of_another_layer_names_that_factor():
    text = doc(
        f"{d(L, Z2)} = {d(L, A2)} {d(A2, Z2)}",
        f"{d(L, Z2)} = {d(L, A2)} {d(A1, Z1)}",  # the hidden layer's Jacobian
    )
    said = factors_by_line(verify_layered("2-3-2", text))
    assert said[1] == {("correct", None)}
    assert said[2] == {("wrong", 2)}


def test_a_scalar_chain_broken_at_one_link_names_the_factor_that_breaks_it():
    a2, z2, a1, z1, w = "a^{(2)}_1", "z^{(2)}_1", "a^{(1)}_1", "z^{(1)}_1", "W^{(1)}_{11}"
    text = doc(
        f"{d(L, w)} = {d(z1, w)} {d(a1, z1)} {d(z2, a1)} {d(a2, z2)} {d(L, a2)}",
        f"{d(L, w)} = {d(z1, w)} {d(a1, w)} {d(z2, a1)} {d(a2, z2)} {d(L, a2)}",  # ∂a/∂w for ∂a/∂z
    )
    said = factors_by_line(verify_layered("2-2-1", text))
    assert said[1] == {("correct", None)}
    assert said[2] == {("wrong", 2)}  # not "extra factor ∂z/∂w" (factor 1)


def test_a_chain_in_a_sum_with_the_loss_by_z_for_the_loss_by_a_names_that_factor():
    a, z, h = "a^{(2)}_j", "z^{(2)}_j", "a^{(1)}_k"
    text = doc(
        rf"{d(L, h)} = \sum_j {d(L, a)} {d(a, z)} {d(z, h)}",
        rf"{d(L, h)} = \sum_j {d(L, z)} {d(a, z)} {d(z, h)}",
    )
    said = factors_by_line(verify_layered("2-2-2", text))
    assert said[1] == {("correct", None)}
    assert said[2] == {("wrong", 1)}  # ∂L/∂z_j where ∂L/∂a_j belongs, not ∂a_j/∂z_j as extra


def test_a_one_unit_chain_read_as_vectors_names_the_factor_that_breaks_it():
    text = doc(
        f"{d(L, W1)} = {d(Z1, W1)} {d(A1, Z1)} {d(Z2, A1)} {d(A2, Z2)} {d(L, A2)}",
        f"{d(L, W1)} = {d(Z1, W1)} {d(A1, W1)} {d(Z2, A1)} {d(A2, Z2)} {d(L, A2)}",
    )
    said = factors_by_line(verify_layered("1-1-1", text))
    assert said[1] == {("correct", None)}
    assert said[2] == {("wrong", 2)}


# parameters grouped per layer (θ_l = {W_l, b_l}); a chain by θ_1 ending in θ_2: each member read
# with its own of the other group (W_1 with W_2), so the slip is named, not left unread
T1, T2 = r"\theta_1", r"\theta_2"
GROUPS = doc(
    r"\theta_1 = \{W_1, b_1\}",
    r"\theta_2 = \{W_2, b_2\}",
    r"h_1 = \sigma(W_1 x + b_1)",
    r"h_2 = \sigma(W_2 h_1 + b_2)",
    f"{d(L, T1)} = {d(L, 'h_2')} {d('h_2', 'h_1')} {d('h_1', T1)}",
    f"{d(L, T1)} = {d(L, 'h_2')} {d('h_2', 'h_1')} {d('h_1', T2)}",
)


def test_a_chain_by_a_parameter_group_ending_in_another_group_is_named():
    said = factors_by_line(verify_layered("2-3-2", GROUPS))
    assert said[5] == {("correct", None)}
    assert said[6] == {("wrong", 3)}  # for W_1 and for b_1 alike


# letters in fixed roles (i the output, j the hidden layer, k the input, as Sadowski's notes write
# them): x_j, an input written with the hidden unit's letter, is input number j, judged at the
# instances where that input exists (the others said not checked), no longer the whole line unread
REVERSED = doc(
    r"E = \frac{1}{2}\sum_i (y_i - t_i)^2",
    r"y_i = \frac{1}{1 + e^{-s_i}}",
    r"s_i = \sum_j h_j w_{ji}",
    f"{d('E', 'w_{kj}')} = \\sum_i (y_i - t_i) y_i (1 - y_i) w_{{ji}} h_j (1 - h_j) x_k",
    f"{d('E', 'w_{kj}')} = \\sum_i (y_i - t_i) y_i (1 - y_i) w_{{ji}} h_j (1 - h_j) x_j",
)


def test_an_input_written_with_a_hidden_letter_is_named_where_it_differs():
    said = factors_by_line(verify_layered("2-3-2", REVERSED, targets="t", weights="input-by-output"))
    assert said[4] == {("correct", None)}
    assert ("wrong", 6) in said[5]  # x_j where x_k belongs (j = 2, k = 1)


def test_an_input_written_with_a_hidden_letter_is_not_correct_where_only_one_input_exists():
    said = factors_by_line(verify_layered("1-3-2", REVERSED, targets="t", weights="input-by-output"))
    assert ("not checked", None) in said[5]  # x_2, x_3 name nothing: not correct on j = 1 alone


# Bishop's letters, a sum over a letter of no role (l): w_{jl} for w_{lj} would put l below j, where
# no δ_l nor a_l exists; a weight joins two consecutive layers, so l is the layer above, where the
# swapped weight joins nothing (0): named at its factor, not the line unread
SUMMED = doc(
    r"a_j = \sum_i w_{ji} x_i + w_{j0}",
    r"z_j = h(a_j)",
    r"\delta_j = h'(a_j) \sum_l w_{lj} \delta_l",
    r"\delta_j = h'(a_j) \sum_l w_{jl} \delta_l",
    f"{d('y_k', 'a_j')} = h'(a_j) \\sum_l w_{{lj}} {d('y_k', 'a_l')}",
    f"{d('y_k', 'a_j')} = h'(a_j) \\sum_l w_{{jl}} {d('y_k', 'a_l')}",
)


def test_a_sum_letter_a_swapped_weight_would_put_in_the_input_layer_is_named():
    said = factors_by_line(verify_layered("2-3-2", SUMMED, activation="tanh", output="identity", targets="t"))
    assert said[3] == said[5] == {("correct", None)}
    assert said[4] == said[6] == {("wrong", 2)}


# layers as subscripts on capital vectors (S_k = V_k H_{k-1}, as LeCun's Y_n = W_n X_{n-1}) and
# the entries in lower case with the unit indices as superscripts: s_k^i, h_{k-1}^j, v_k^{ij}
ENTRIES = doc(
    r"S_k = V_k H_{k-1}",
    f"{d('E', 'H_{k-1}')} = V_k^T {d('E', 'S_k')}",
    f"{d('E', 's_k^i')} = g'(s_k^i) {d('E', 'h_k^i')}",
    f"{d('E', 's_k^i')} = g(s_k^i) {d('E', 'h_k^i')}",
    f"{d('E', 'v_k^{ij}')} = h_{{k-1}}^j {d('E', 's_k^i')}",
    f"{d('E', 'v_k^{ij}')} = h_{{k}}^j {d('E', 's_k^i')}",
    f"{d('E', 'h_{k-1}^m')} = \\sum_i v_k^{{im}} {d('E', 's_k^i')}",
    f"{d('E', 'h_{k-1}^m')} = \\sum_i v_k^{{mi}} {d('E', 's_k^i')}",
)


def test_entries_with_a_layer_subscript_and_index_superscripts_are_read():
    report = verify_layered("2-3-2", ENTRIES)
    said = factors_by_line(report)
    # the matrix rows keep the document's layer letter k (not the l the scalar rows are read in)
    assert {v.instance for v in report.verdicts if v.line == 1} == {"k=1", "k=2"}
    assert said[3] == said[5] == said[7] == {("correct", None)}
    assert said[4] == said[6] == {("wrong", 1)}
    assert ("wrong", 1) in said[8]


# a generic activation letter the document applies at one layer only (a^{(1)} = φ(z^{(1)})) is that
# layer's rule wherever it is written, also on an argument that is no layer's net input
ONE_PHI = doc(
    r"z^{(1)} = W^{(1)} x",
    r"a^{(1)} = \varphi(z^{(1)})",
    r"L = \frac{1}{2}\|y - W^{(2)} \varphi(W^{(1)} x)\|^2",
    r"L = \frac{1}{2}\|y - \varphi(W^{(2)} W^{(1)} x)\|^2",  # φ after the second linear map
)


def test_a_letter_of_one_layer_applied_to_another_argument_is_that_layers_rule():
    said = factors_by_line(verify_layered("3-4-2", ONE_PHI, activation="relu", output="identity"))
    assert said[3] == {("correct", None)}
    assert said[4] == {("wrong", 2)}  # the norm (the 1/2 counted as factor 1), not left unread
