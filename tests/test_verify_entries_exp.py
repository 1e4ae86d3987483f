r"""A softmax written out entry by entry in a matrix row, and the bare entries it names
(Diaz-De-Vivar's worked example: `A^{[2]} = [e^{z_1} / (e^{z_1} + e^{z_2}); ...]` beside
`A^{[2]} = g_{softmax}(Z^{[2]})`: latex/matrix_exp.py, verify/lone_entries.py); the target t as a
column in a matrix statement (Hagan's `s^M = -2 \dot{F}^M(n^M)(t - a)`: verify/matrix.py); a row
written at one step of the document's iteration (Hagan's `(t(k) - a(k))^T (t(k) - a(k))`:
latex/iterations.at_one_step); a sum over the output units and a square in a matrix row (Hagan's
`\sum_{j=1}^{S^M} (t_j - a_j)^2`: latex/index_sums.py, verify/index_sums.py)."""

from typing import Any

from symbolic.backprop import derive
from symbolic.latex.iterations import at_one_step
from symbolic.latex.source import Source
from symbolic.latex.tokens import tokenize
from symbolic.spec import network
from symbolic.verify import verify_text

SOFTMAX = derive(network("2-3-2", "relu", "cce", "softmax", "layered"))
TAKES = r"$A^{[2]} = g_{softmax}(Z^{[2]})$" + "\n"
ROW = (
    r"$A^{[2]} = \begin{bmatrix} e^{z_1} / (e^{z_1} + e^{z_2}) \\ "
    r"e^{z_2} / (e^{z_1} + e^{z_2}) \end{bmatrix}$"
)
SWAPPED = ROW.replace(r"\\ e^{z_2} /", r"\\ e^{z_1} /")


def _said(report) -> dict[int, Any]:
    out: dict[int, Any] = {u.line: "not checked" for u in report.unchecked}
    out.update({v.line: (v.status, v.fault.position if v.fault else None) for v in report.verdicts})
    return out


def test_a_softmax_written_entry_by_entry_is_judged_and_its_slip_named():
    assert _said(verify_text(SOFTMAX, TAKES + ROW + "\n"))[2] == ("correct", None)
    assert _said(verify_text(SOFTMAX, TAKES + SWAPPED + "\n"))[2] == ("wrong", 1)


def test_bare_numbered_entries_are_read_at_the_layer_its_definition_takes():
    grad = r"$\frac{\partial L}{\partial z_1} = a^{[2]}_1 - y_1$" + "\n"
    assert _said(verify_text(SOFTMAX, TAKES + ROW + "\n" + grad))[3] == ("correct", None)
    wrong = grad.replace("a^{[2]}_1 - y_1", "a^{[2]}_2 - y_1")
    assert _said(verify_text(SOFTMAX, TAKES + ROW + "\n" + wrong))[3][0] == "wrong"


def test_entries_the_document_defines_by_a_formula_stay_its_own():
    own = r"$z_1 = x_1 + x_2$" + "\n"
    said = _said(verify_text(SOFTMAX, own + TAKES + ROW + "\n"))
    assert said[3] == "not checked"  # z_1 is the document's own: no layer read into it


def test_the_target_letter_is_a_column_in_a_matrix_statement():
    d = derive(network("2-2-2", "sigmoid", "(out - y)**2", None, "layered"))
    right = r"$$\delta^L = 2 (a^L - t) \odot \sigma'(z^L)$$" + "\n"
    assert _said(verify_text(d, right, conventions={"targets": "t"}))[1] == ("correct", None)
    slip = right.replace("a^L - t", "a^L + t")
    assert _said(verify_text(d, slip, conventions={"targets": "t"}))[1] == ("wrong", 1)


def _texts(text: str, row: str) -> list[str]:
    doc = text + row
    return [t.text for t in at_one_step(doc, tokenize(Source(doc), len(text), len(doc)))]


UPDATE = r"$$w(k+1) = w(k) - \alpha s a$$" + "\n"


def test_a_row_at_one_step_of_the_iteration_drops_its_step_tags():
    assert "k" not in _texts(UPDATE, r"F = (t(k) - a(k))^T (t(k) - a(k)) = e^T(k) e(k)")
    assert "k" in _texts("", r"F = (t(k) - a(k))^T (t(k) - a(k))")  # no update steps in k: as written
    assert "k" in _texts(UPDATE, r"F = (t(k) - a(k))^T (t(k) - a_k)")  # k written otherwise
    assert "k" in _texts(UPDATE, r"W(k+1) = W(k) - \alpha s a^T")  # an update: iterations.untagged's


SQUARED = derive(network("2-2-2", "sigmoid", "(out - y)**2", None, "layered"))
DELTA = r"$$\delta^L = 2 (a^L - t) \odot \sigma'(z^L)$$" + "\n"


def _loss(sum_side: str) -> dict[int, Any]:
    row = rf"$$E = (t - a)^T (t - a) = {sum_side}$$" + "\n"
    return _said(verify_text(SQUARED, row + DELTA, conventions={"targets": "t"}))


def test_a_sum_over_the_output_units_in_a_matrix_row_is_its_value():
    assert _loss(r"\sum_{j=1}^{S^M} (t_j - a_j)^2")[1] == ("correct", None)
    assert _loss(r"\sum_j (t_j - a_j)^{2}")[1] == ("correct", None)
    assert _loss(r"\sum_{j=1}^{S^M} (t_j + a_j)^2")[1][0] == "wrong"
    assert _loss(r"\sum_{j=1}^{2} (t_j - a_j)")[1][0] == "wrong"
    # a bound that is not the outputs' count: not read as the whole range
    assert _loss(r"\sum_{j=1}^{3} (t_j - a_j)^2")[1] == "not checked"


def test_only_a_sum_over_one_vectors_entries_is_read_as_an_index_sum():
    from symbolic.verify.read import read
    from symbolic.verify.top_letter import tree_nodes

    def kinds(row: str) -> set[str]:
        rows = read(rf"$$E = (t - a)^T (t - a) = {row}$$").statements  # none when refused
        return {n.kind for m in rows for side in m.sides for n in tree_nodes(side.node)}

    assert "isum" in kinds(r"\sum_{j=1}^{K} (t_j - a_j)^2")
    assert "isum" not in kinds(r"\sum_{j} \delta_j w_{jk}")  # a matrix's entries: left to the reader
