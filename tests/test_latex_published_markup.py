"""Markup that published derivations use (tests/published/): \\mbox and \\mathrm{net_j} names,
δ written for ∂, a display continuing the one before it from '=', a row opening with \\Rightarrow,
two definitions set apart by ', \\;\\;', and Kronecker's δ_{ij} (checked in the softmax Jacobian)."""

import pytest
import sympy as sp

from symbolic.backprop import derive
from symbolic.latex import LatexParseError, Partial, parse_document, parse_formula
from symbolic.latex.statements import INDICATOR
from symbolic.spec import network
from symbolic.verify import verify_text


def test_mbox_and_mathrm_with_the_subscript_inside_are_the_text_name():
    want = parse_formula(r"\text{net}_j")
    assert parse_formula(r"\mbox{net}_{j}") == want
    assert parse_formula(r"\mathrm{net_j}") == want
    assert parse_formula(r"\mathrm{net}_j") == want


def test_delta_for_partial_is_a_derivative_but_a_ratio_of_errors_is_not():
    d = parse_formula(r"\frac{\delta E}{\delta o_j}")
    assert isinstance(d, Partial) and d == parse_formula(r"\frac{\partial E}{\partial o_j}")
    ratio = parse_formula(r"\frac{\delta_j}{\delta_k}")
    assert not isinstance(ratio, Partial)


def test_a_display_starting_with_equals_continues_the_display_before_it():
    (stmt,) = parse_document(r"$$a_1 = b_1$$ $$= c_1$$")
    assert len(stmt.sides) == 2
    stmts = parse_document("$$a_1 = b_1$$\n\nprose between\n\n$$b_1 = c_1$$")
    assert len(stmts) == 2


def test_a_row_opening_with_an_arrow_and_two_definitions_apart():
    (stmt,) = parse_document(r"$$\Rightarrow x_1 = y_1$$")
    assert stmt.lhs == sp.Symbol("x_1")
    two = parse_document(r"$$a_1 = b_1,\;\;c_1 = d_1$$")
    assert [s.lhs for s in two] == [sp.Symbol("a_1"), sp.Symbol("c_1")]


def test_kronecker_delta_is_an_indicator_of_its_two_indices():
    k = parse_formula(r"\delta_{ij}")
    assert k.func == INDICATOR and k.args[:2] == (sp.Symbol("i"), sp.Symbol("j"))
    assert parse_formula(r"\delta_{j}") == sp.Symbol("delta_j")  # an error term stays one


def test_softmax_jacobian_with_kronecker_delta_is_checked_for_every_pair():
    d = derive(network("2-2-3", "sigmoid", "cce", "softmax"))
    aliases = "% symprop: alias p_k = a_{2,k}\n% symprop: alias z_k = z_{2,k}\n"
    right = verify_text(d, r"$$\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)$$" + "\n" + aliases)
    assert len(right.verdicts) == 9 and {v.status for v in right.verdicts} == {"correct"}
    wrong = verify_text(d, r"$$\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} + p_j)$$" + "\n" + aliases)
    assert {v.status for v in wrong.verdicts} == {"wrong"} and wrong.exit_code == 1


def test_unicode_pasted_from_a_rendered_page_reads_as_its_latex():
    (stmt,) = parse_document("$$δ_k=(t_k−z_k)f′(y_k)$$")
    (want,) = parse_document(r"$$\delta_k=(t_k-z_k)f'(y_k)$$")
    assert (stmt.lhs, stmt.sides[0].factors) == (want.lhs, want.sides[0].factors)
    assert parse_formula("∂E/∂wᵢⱼ") == parse_formula(r"\partial E / \partial w_{ij}")
    assert parse_formula("w₁₂ a²") == parse_formula("w_{12} a^{2}")


def test_unicode_chain_is_judged_and_its_wrong_factor_named():
    d = derive(network("2-2-1", "sigmoid", "half_se"))
    text = "$$∂L/∂z_{2,1} = (a_{2,1} − y_1) σ′(z_{2,1})$$\n$$∂L/∂z_{2,1} = (a_{2,1} − y_1) σ(z_{2,1})$$"
    report = verify_text(d, text)
    assert [v.status for v in report.verdicts] == ["correct", "wrong"]
    assert report.verdicts[1].fault.position == 2


def test_wikipedia_matrix_form_layer_prime_and_product_before_hadamard():
    d = derive(network("2-3-2", "sigmoid", "half_se"))
    right = verify_text(d, r"$$\delta^{l-1}=(f^{l-1})'\circ (w^l)^T \delta^l$$")
    assert [v.status for v in right.verdicts] == ["correct"]
    top = verify_text(d, r"$$\delta^L=(f^L)'\circ \nabla_{a^L}C$$")
    assert [v.status for v in top.verdicts] == ["correct"]
    wrong = verify_text(d, r"$$\delta^{l-1}=(f^{l-1})'\circ w^l \delta^l$$")
    assert [v.status for v in wrong.verdicts] == ["wrong"]
    assert "transpose missing" in wrong.verdicts[0].fault.text


def test_digits_glued_to_a_name_are_its_subscript_as_plain_text_tutorials_write_them():
    assert parse_formula("w1 * x1 + b1") == parse_formula("w_1 * x_1 + b_1")
    assert parse_formula("E_y1") == sp.Symbol("E_y1")  # E_{y1}, like Mazur's E_{o1}
    assert parse_formula(r"\hat{y1}(1- \hat{y1})") == parse_formula(r"\hat{y}_1(1 - \hat{y}_1)")
    assert parse_formula("w_{h1}") == sp.Symbol("w_h1")  # inside a script's braces: unchanged
    assert parse_formula("x^2") == sp.Symbol("x") ** 2


def test_tutorial_numbers_in_plain_names_are_checked_at_the_point():
    d = derive(network("2-2-1", "sigmoid", "half_se"))
    aliases = "".join(
        f"% symprop: alias {k} = {v}\n"
        for k, v in {"w_1": "W_{1,1,1}", "w_2": "W_{1,1,2}", "z_1": "z_{1,1}", "b_1": "b_{1,1}"}.items()
    )
    point = {sp.Symbol(k): v for k, v in {"x_1": 0.05, "x_2": 0.1, "W_1,1,1": 0.15, "W_1,1,2": 0.2}.items()}
    point.update({sp.Symbol("b_1,1"): 0.30, sp.Symbol("W_1,2,1"): 0.25, sp.Symbol("W_1,2,2"): 0.3})
    point.update({sp.Symbol("b_1,2"): 0.3, sp.Symbol("W_2,1,1"): 0.4, sp.Symbol("W_2,1,2"): 0.45})
    point.update({sp.Symbol("b_2,1"): 0.6, sp.Symbol("y"): 0.01})
    right = verify_text(d, "$$z1 = 0.15 * 0.05 + 0.2 * 0.1 + 0.30 = 0.3275$$\n" + aliases, point=point)
    assert [n.correct for n in right.numbers] and all(n.correct for n in right.numbers)
    wrong = verify_text(d, "$$z1 = 0.15 * 0.05 + 0.2 * 0.1 + 0.30 = 0.3257$$\n" + aliases, point=point)
    assert not all(n.correct for n in wrong.numbers)


def test_a_sum_without_index_runs_over_the_output_units():
    d = derive(network("2-2-2", "sigmoid", "half_se"))
    text = (
        r"$$L = \sum \frac{1}{2}(target - output)^{2}$$"
        + "\n"
        + r"$$L = \sum \frac{1}{2}(target + output)^{2}$$"
    )
    report = verify_text(d, text)
    assert [v.status for v in report.verdicts] == ["correct", "wrong"]
    with pytest.raises(LatexParseError, match="index"):  # an indexed name: its index left out
        parse_formula(r"\sum w_k")


def test_o_j_and_z_j_from_a_weighted_sum_and_softmax_of_z_j():
    d = derive(network("2-2-3", "sigmoid", "cce", "softmax"))
    head = r"$$z_j=\sum_i w_{ij}o_i+b_j$$" + "\n"
    conv = {"weights": "input-by-output", "targets": "t"}
    right = verify_text(d, head + r"$$o_j=softmax(z_j)=\frac{e^{z_j}}{\sum_k e^{z_k}}$$", conventions=conv)
    assert {v.status for v in right.verdicts if v.line == 2} == {"correct"}
    one_path = (
        r"$$\frac{\partial E} {\partial w_{ij}}=\frac{\partial E} {\partial o_j} "
        r"\frac{\partial o_j} {\partial z_{j}} \frac{\partial z_j} {\partial w_{ij}}$$"
    )
    wrong = verify_text(d, head + one_path, conventions=conv)
    assert {v.status for v in wrong.verdicts if v.line == 2} == {"wrong"}


def test_align_rows_going_on_with_plus_and_braced_partials():
    (stmt,) = parse_document("\\begin{align*}\nL &= a_1 \\\\\n&+ b_1 \\\\\n&= c_1\n\\end{align*}")
    assert stmt.lhs == sp.Symbol("L") and len(stmt.sides) == 2
    assert stmt.sides[0].factors == (sp.Symbol("a_1") + sp.Symbol("b_1"),)
    op = parse_formula(r"\frac{\partial{}}{\partial{\mathit{W2_{11}}}}(h W2_{11})")
    assert isinstance(op, Partial) and op.den == sp.Symbol("W2_11")
    assert parse_formula(r"e^{0.4332}") == sp.exp(sp.Rational(4332, 10000))


def test_the_kronecker_delta_of_the_class_label_is_the_one_hot_target():
    d = derive(network("2-2-3", "sigmoid", "cce", "softmax"))
    aliases = "".join(f"% symprop: alias {n}_j = {n}_{{2,j}}\n" for n in "azb")
    head = r"$$Sum=\sum_{t\in\mathcal{O}} \exp(z_t)$$" + "\n"  # a name of the author's own
    right = r"$$\frac{\partial C}{\partial b_j} = -\delta_{yj} + \frac{\exp(z_j)}{Sum}$$"
    report = verify_text(d, head + right + "\n" + aliases)
    assert [v.status for v in report.verdicts] == ["correct"] * 3
    wrong = verify_text(d, head + right.replace(r"-\delta_{yj}", r"\delta_{yj}") + "\n" + aliases)
    assert {v.status for v in wrong.verdicts} == {"wrong"}


def test_a_parenthesised_index_pair_in_a_subscript_is_the_pair():
    # Cross Validated 413046 writes w_{(i,j)} for the weight from unit i to unit j
    assert parse_formula(r"w_{(i,j)}") == parse_formula(r"w_{i,j}")
    assert parse_formula(r"\Delta{w_{(1,2)}}") == parse_formula(r"\Delta{w_{1,2}}")
    for text in (r"w_{(ij)}", r"w_{(i,j}", r"x_{(1)}"):  # anything else stays refused
        with pytest.raises(LatexParseError, match="in a subscript"):
            parse_formula(text)


def test_unicode_y_hat_and_left_arrow_from_a_code_block_read_as_their_latex():
    # Murali806/dl_nb writes ∂L/∂ŷ = 2(ŷ - y) and W₃ ← W₃ - α × (∂L/∂W₃) in Markdown code blocks
    (got,) = parse_document("$$∂L/∂ŷ = 2(ŷ - y)$$")
    (want,) = parse_document(r"$$\frac{\partial L}{\partial \hat{y}} = 2(\hat{y} - y)$$")
    assert (got.lhs, got.sides[0].factors) == (want.lhs, want.sides[0].factors)
    (got,) = parse_document("$$W₃ ← W₃ - α × b₃$$")
    (want,) = parse_document(r"$$W_3 \leftarrow W_3 - \alpha \times b_3$$")
    assert (got.lhs, [s.factors for s in got.sides]) == (want.lhs, [s.factors for s in want.sides])


def test_words_opening_a_row_before_its_left_side_are_prose():
    # Jihwan Jeong's \text{Similarly,}\quad and Sudeep Raja's \mbox{Let } before an align row's left side
    rows = r"$$\begin{align}\text{Similarly,}\quad a_1 &= b_1 \\ \mbox{Let }\delta_3 &= c_1\end{align}$$"
    assert [(s.lhs, s.sides[0].factors) for s in parse_document(rows)] == [
        (sp.Symbol("a_1"), (sp.Symbol("b_1"),)),
        (sp.Symbol("delta_3"), (sp.Symbol("c_1"),)),
    ]
    assert parse_document(r"$$\text{net}_j = x_1$$")[0].lhs == sp.Symbol("net_j")  # one word: a name
    with pytest.raises(LatexParseError, match="not a single name"):  # words then '=': the left side
        parse_document(r"$$\mbox{Hidden output} = x_1$$")


def test_colour_and_old_style_font_switches_are_dropped():
    # ezalos/NotYetSelfAware: {\color{red}{-p_k p_i}} in a softmax chain and a_{\rm in} \delta_{\rm out}
    assert parse_formula(r"{\color{red}{-p_k p_i}}") == parse_formula(r"-p_k p_i")
    assert parse_formula(r"y_i+\color{blue}{y_i p_i}") == parse_formula(r"y_i+y_i p_i")
    assert parse_formula(r"\textcolor{red}{x_1} + 1") == parse_formula(r"x_1 + 1")
    assert parse_formula(r"a_{\rm in} \delta_{\rm out}") == parse_formula(r"a_{in} \delta_{out}")
    assert parse_formula(r"{\cal L}") == sp.Symbol("L")
