"""Known gaps read or refused (the gapsp slice): each probe right and with a planted slip, the
slip named and the right line correct; a reading that cannot be settled is said not checked."""

from pathlib import Path

from verdict_lines import by_line

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

PROBES = Path(__file__).resolve().parent / "data" / "probes"
SIGMOID = derive(network("2-3-1", "sigmoid", "half_se"))


def verdicts(d, text: str) -> dict[int, set[str]]:
    """line -> the statuses said on it (not checked included): never silent."""
    return by_line(verify_text(d, text))


def report(d, text: str):
    return verify_text(d, text)


def test_a_bare_sigma_in_its_own_identity_is_sigma_at_the_variable():
    # d\sigma/dz = \sigma(1-\sigma): \sigma stands for \sigma(z) (verify/bare_functions.py)
    right = r"\[ \frac{d\sigma}{dz} = \sigma(1-\sigma) \]" + "\n"
    assert verdicts(SIGMOID, right) == {1: {"correct"}}
    assert verdicts(SIGMOID, right.replace("1-", "1+")) == {1: {"wrong"}}
    spaced = r"\[ \frac{d\sigma}{dz} = \sigma \cdot (1-\sigma) \]" + "\n"
    assert verdicts(SIGMOID, spaced) == {1: {"correct"}}


def test_a_bare_sigma_anywhere_else_is_never_judged():
    text = r"\[ \frac{\partial L}{\partial z^{(2)}_1} = (a^{(2)}_1 - y_1)\sigma \]" + "\n"
    assert verdicts(SIGMOID, text + r"\[ \frac{\partial L}{\partial a^{(2)}_1} = a^{(2)}_1 - y_1 \]") == {
        1: {"not checked"},
        2: {"correct"},
    }
    identity = r"\[ \frac{d\sigma}{dz} = \sigma(1-\sigma) \]" + "\n"
    assert verdicts(SIGMOID, identity + text) == {1: {"correct"}, 2: {"not checked"}}


ELL = r"""\begin{align}
\ell &= \frac{1}{2}(a_1^{(2)} - y_1)^2 \\
\frac{\partial \ell}{\partial a^{(2)}_1} &= a_1^{(2)} - y_1 \\
\frac{d \ell}{d z^{(2)}_1} &= (a_1^{(2)} - y_1)\,\sigma'(z^{(2)}_1)
\end{align}
"""


def test_ell_defined_in_a_document_differentiating_it_is_the_loss():
    assert verdicts(SIGMOID, ELL) == {2: {"correct"}, 3: {"correct"}, 4: {"correct"}}
    assert verdicts(SIGMOID, ELL.replace("y_1)^2", "y_1)")) == {2: {"wrong"}, 3: {"correct"}, 4: {"correct"}}
    assert verdicts(SIGMOID, ELL.replace(r"\,\sigma'", r"\,\sigma"))[4] == {"wrong"}
    call = ELL.replace(r"\ell &=", r"\ell(a^{(2)}_1, y_1) &=")
    assert verdicts(SIGMOID, call)[2] == {"correct"}


def test_ell_as_a_layer_index_stays_one():
    # \ell = 1, ..., L and \ell = L - 1: no loss's definition, never judged as one
    text = r"For $\ell = 1, \ldots, L$ and $\ell = L - 1$." + "\n" + ELL
    said = verdicts(SIGMOID, text)
    assert said[1] == {"not checked"}
    assert said[3] == said[4] == said[5] == {"correct"}
    # a document that never differentiates \ell: its definition is not the loss's
    plain = r"\[ \ell = \frac{1}{2}(a_1^{(2)} - y_1)^2 \]" + "\n"
    plain += r"\[ \frac{\partial L}{\partial a^{(2)}_1} = a^{(2)}_1 - y_1 \]" + "\n"
    assert verdicts(SIGMOID, plain) == {1: {"not checked"}, 2: {"correct"}}


CCE = derive(network("3-4-3", "sigmoid", "cce"))
LIKELIHOOD = r"""\[ \ell = \sum_k y_k \log a^{(2)}_k \]
\[ \frac{\partial \ell}{\partial z^{(2)}_k} = y_k - a^{(2)}_k \]
\[ \frac{\partial L}{\partial z^{(2)}_k} = a^{(2)}_k - y_k \]
"""


def test_ell_defined_as_a_log_likelihood_is_not_the_loss():
    # CS229's and ESL's \ell is the log-likelihood, -L: its definition and its derivatives
    # (gradient ascent: y - p) were judged as L's, "wrong" on right lines; now not read, said why
    r = report(CCE, LIKELIHOOD)
    assert verdicts(CCE, LIKELIHOOD) == {1: {"not checked"}, 2: {"not checked"}, 3: {"correct"}}
    assert all("log-likelihood" in u.reason for u in r.unchecked)
    # with its minus sign in front it is the loss, judged as before
    loss = LIKELIHOOD.replace(r"\ell = \sum", r"\ell = -\sum").replace(
        "= y_k - a^{(2)}_k", "= a^{(2)}_k - y_k"
    )
    assert verdicts(CCE, loss) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    assert verdicts(CCE, loss.replace(r"\ell = -\sum", r"\ell = -\frac{1}{2}\sum"))[1] == {"wrong"}


TANH = derive(network("2-3-1", "tanh", "half_se"))


def test_sech_squared_is_tanh_prime_and_proved_exactly():
    right = r"\[ \frac{d \tanh(a)}{d a} = \operatorname{sech}^2(a) \]" + "\n"
    right += r"\[ \frac{\partial L}{\partial z^{(1)}_1} = "
    right += r"\delta^{(2)}_1 W^{(2)}_{11} \mathrm{sech}^{2}(z^{(1)}_1) \]"
    r = report(TANH, right + "\n")
    assert [(v.line, v.status) for v in r.verdicts] == [(1, "correct"), (2, "correct")]
    assert all(v.exact for v in r.verdicts)  # 1/cosh rewritten to exp, as tanh is (check.py)
    slip = report(TANH, right.replace("^2(a)", "(a)").replace("^{2}", "") + "\n")
    assert [(v.line, v.status) for v in slip.verdicts] == [(1, "wrong"), (2, "wrong")]
    assert slip.verdicts[1].fault.position == 3  # the third factor, sech where sech^2 belongs


TWO_OUT = derive(network("2-3-2", "sigmoid", "half_se"))


def test_diag_of_the_activation_derivative_is_its_jacobian():
    right = (PROBES / "p2_diag.tex").read_text(encoding="utf-8")
    r = report(TWO_OUT, right)
    assert [(v.line, v.status) for v in r.verdicts] == [(2, "correct"), (3, "correct"), (4, "correct")]
    assert not r.inferred  # a diag first never votes for vectors as rows (matrix_orientation.py)
    slip = report(TWO_OUT, (PROBES / "p2_diag_slip.tex").read_text(encoding="utf-8"))
    assert [(v.line, v.status) for v in slip.verdicts] == [(2, "correct"), (3, "wrong"), (4, "wrong")]
    assert all("σ where σ′ belongs" in v.fault.text for v in slip.verdicts[1:])


def test_diag_of_a_matrix_is_refused():
    text = r"\[ \delta^{(1)} = \operatorname{diag}(\mathbf{W}^{(1)}) \boldsymbol{\delta}^{(2)} \]"
    text += "\n" + r"\[ \frac{\partial L}{\partial a^{(2)}_1} = a^{(2)}_1 - y_1 \]" + "\n"
    assert verdicts(TWO_OUT, text) == {1: {"not checked"}, 2: {"correct"}}


LINEAR_OUT = derive(network("2-3-1", ["sigmoid", "identity"], "half_se"))


def test_an_unmarked_output_row_v_transposed_a_plus_c_is_the_output_layer():
    # \hat{y} = v^T a + c with no layer marks: v the output's one row of weights (latex/forward_letters)
    right = report(LINEAR_OUT, (PROBES / "p1_vtop.tex").read_text(encoding="utf-8"))
    assert [(v.line, v.status) for v in right.verdicts] == [(1, s) for s in ["correct"]] + [
        (n, "correct") for n in (4, 5, 6, 7)
    ]
    assert not right.unchecked
    slip = report(LINEAR_OUT, (PROBES / "p1_vtop_slip.tex").read_text(encoding="utf-8"))
    assert [(v.line, v.status) for v in slip.verdicts][-1] == (7, "wrong")
    assert slip.verdicts[-1].fault.position == 1


def test_an_unmarked_output_row_of_several_outputs_is_w_stored_input_by_output():
    # \hat{y} = v^T h + c on two outputs: v^T is W^{(2)}, never 'a transpose where none belongs'
    text = "\n".join(
        [
            r"\[ \mathbf{h} = \sigma(W\mathbf{x} + \mathbf{b}) \]",
            r"\[ \hat{\mathbf{y}} = \mathbf{v}^\top \mathbf{h} + \mathbf{c} \]",
            r"\[ \frac{\partial L}{\partial \mathbf{v}} = \mathbf{h} (\hat{\mathbf{y}} - \mathbf{y})^\top \]",
            r"\[ \frac{\partial L}{\partial \mathbf{v}} = (\hat{\mathbf{y}} - \mathbf{y}) \mathbf{h}^\top \]",
            r"\[ \frac{\partial L}{\partial \mathbf{v}} = \mathbf{h} (\hat{\mathbf{y}} + \mathbf{y})^\top \]",
        ]
    )
    linear = derive(network("2-3-2", ["sigmoid", "identity"], "half_se"))
    said = verdicts(linear, text + "\n")
    assert said == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"not checked"}, 5: {"wrong"}}


def test_a_transposed_lowercase_weight_below_the_output_binds_nothing():
    text = r"$\mathbf{h} = \tanh(\mathbf{v}^\top \mathbf{x} + c)$ and $\hat{y} = W\mathbf{h} + \mathbf{b}$"
    text += "\n" + r"\[ \frac{\partial L}{\partial a^{(2)}_1} = a^{(2)}_1 - y_1 \]" + "\n"
    assert verdicts(SIGMOID, text) == {1: {"not checked"}, 2: {"correct"}}


def test_the_output_written_with_a_transposed_weight_column_is_no_misplaced_transpose():
    # \hat{y} = (w^{(2)})^T a^{(1)} + b^{(2)}: was 'a transpose where none belongs' (a false wrong)
    text = "\n".join(
        [
            r"\[ \mathbf{a}^{(1)} = \sigma(W^{(1)}\mathbf{x} + \mathbf{b}^{(1)}) \]",
            r"\[ \hat{y} = (\mathbf{w}^{(2)})^\top \mathbf{a}^{(1)} + b^{(2)} \]",
            r"\[ \frac{\partial L}{\partial \mathbf{w}^{(2)}} = (\hat{y} - y)\,\mathbf{a}^{(1)} \]",
            r"\[ \hat{y} = (\mathbf{w}^{(2)})^\top \mathbf{x} + b^{(2)} \]",
        ]
    )
    assert verdicts(LINEAR_OUT, text + "\n") == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"wrong"}}


def test_a_layer_of_its_own_letters_in_bishops_roles_is_read():
    # u_k = \sum_j V_{kj} z_j + c_k beside z_j = \sigma(a_j): V, c, u the output layer's w, b, a
    right = (PROBES / "p5_vw.tex").read_text(encoding="utf-8")
    said = verdicts(TWO_OUT, right)
    assert said == {1: {"correct"}, 2: {"correct"}, 4: {"correct"}, 5: {"correct"}, 6: {"correct"}}
    slip = report(TWO_OUT, (PROBES / "p5_vw_slip.tex").read_text(encoding="utf-8"))
    wrong = [v for v in slip.verdicts if v.status == "wrong"]
    assert wrong and all(v.line == 6 and v.fault.position == 5 for v in wrong)
    # V in letters its definition does not give stays unknown: not checked, never judged
    swapped = right.replace(r"V_{kj}\, z_j (1", r"V_{jk}\, z_j (1")
    assert verdicts(TWO_OUT, swapped)[6] == {"not checked"}
    # the same weight also written w_{kj}: two names for one weight, nothing read
    both = right + r"\[ \frac{\partial E}{\partial w_{kj}} = (y_k - t_k)\, y_k (1 - y_k)\, z_j \]" + "\n"
    assert verdicts(TWO_OUT, both)[4] == {"not checked"}


def test_the_d_operator_form_is_a_derivative_and_higher_orders_are_refused():
    text = "\n".join(
        [
            r"\[ \frac{d}{dz}\sigma(z) = \sigma(z)(1 - \sigma(z)) \]",
            r"\[ \frac{d}{dz}\sigma(z) = \sigma(z)(1 + \sigma(z)) \]",
            r"\[ \frac{d}{d a^{(2)}_1} \frac{1}{2}(a^{(2)}_1 - y_1)^2 = a^{(2)}_1 - y_1 \]",
            r"\[ \frac{d}{dx^2} y = 2 \]",
            r"\[ \frac{d^2 y}{dx^2} = 2 \]",
        ]
    )
    said = verdicts(SIGMOID, text + "\n")
    assert said == {1: {"correct"}, 2: {"wrong"}, 3: {"correct"}, 4: {"not checked"}, 5: {"not checked"}}


def test_a_layers_own_letters_in_a_sum_from_zero():
    # \sum_{j=0}^{M} V_{kj} z_j: V_{k0} the bias on z_0 = 1 (the sum's fourth argument; it crashed once)
    right = (PROBES / "p5_vw.tex").read_text(encoding="utf-8")
    zero = right.replace(r"u_k = \sum_j V_{kj} z_j + c_k", r"u_k = \sum_{j=0}^{M} V_{kj} z_j")
    zero = zero.replace(r"\frac{\partial E}{\partial c_k}", r"\frac{\partial E}{\partial V_{k0}}")
    said = verdicts(TWO_OUT, zero)
    assert said[2] == said[4] == said[6] == {"correct"}
    assert said[5] == {"not checked"}  # V_{k0}: letters its definition does not give
    both = right.replace(r"u_k = \sum_j V_{kj} z_j + c_k", r"u_k = \sum_{j=0}^{M} V_{kj} z_j + c_k")
    assert verdicts(TWO_OUT, both)[4] == {"not checked"}  # a bias twice: nothing read


def test_sech_squared_in_a_matrix_row_is_taken_entry_by_entry():
    row = r"\[ \boldsymbol{\delta}^{(1)} = ((\mathbf{W}^{(2)})^\top \boldsymbol{\delta}^{(2)}) \odot "
    text = row + r"\operatorname{sech}^2(\mathbf{z}^{(1)}) \]" + "\n"
    text += row + r"\operatorname{sech}(\mathbf{z}^{(1)}) \]"
    linear = derive(network("2-3-2", ["tanh", "identity"], "half_se"))
    assert verdicts(linear, text + "\n") == {1: {"correct"}, 2: {"wrong"}}


def test_a_bare_vector_defined_with_w_transposed_is_read_in_that_convention():
    # h = σ((W^{(1)})^T x + b^{(1)}), ŷ = (W^{(2)})^T h + b^{(2)}: h was unknown (defined_layers.weighted)
    rows = [
        r"\[ \mathbf{h} = \sigma((\mathbf{W}^{(1)})^\top\mathbf{x} + \mathbf{b}^{(1)}) \]",
        r"\[ \hat{\mathbf{y}} = (\mathbf{W}^{(2)})^\top \mathbf{h} + \mathbf{b}^{(2)} \]",
        r"\[ \hat{\mathbf{y}} = (\mathbf{W}^{(2)})^\top \mathbf{h} \]",
        r"\[ \frac{\partial L}{\partial \mathbf{h}} = \mathbf{W}^{(2)} (\hat{\mathbf{y}} - \mathbf{y}) \]",
        r"\[ \frac{\partial L}{\partial \mathbf{h}} = (\mathbf{W}^{(2)})^\top (\hat{\mathbf{y}} - \mathbf{y})"
        r" \]",
    ]
    linear = derive(network("2-3-2", ["sigmoid", "identity"], "half_se"))
    said = verdicts(linear, "\n".join(rows) + "\n")
    assert said == {1: {"correct"}, 2: {"correct"}, 3: {"wrong"}, 4: {"correct"}, 5: {"wrong"}}
