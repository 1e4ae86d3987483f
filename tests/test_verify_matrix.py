r"""Matrix and vector statements: read (\odot, \bullet, .*, ^T, ^\top, ', \nabla, \Delta), checked
with their shapes for every layer, every entry judged (proved), and a wrong one named by its fault
("transpose missing", "σ′(z^l) factor missing", "⊙ where a matrix product belongs", shapes)."""

import json

import pytest

from codegen.verdict import render_text
from codegen.verdict_json import to_json
from symbolic.backprop import derive
from symbolic.latex import Statement, scan_document
from symbolic.latex.matrix import MatrixStatement
from symbolic.spec import network
from symbolic.verify import verify_text

NETS = {}


def net(arch: str, loss: str = "half_se"):
    if (arch, loss) not in NETS:
        NETS[arch, loss] = derive(network(arch, "sigmoid", loss, None, "layered"))
    return NETS[arch, loss]


def matrix_verdicts(doc: str, arch: str = "2-3-2", loss: str = "half_se"):
    report = verify_text(net(arch, loss), doc)
    return report, [v for v in report.verdicts if v.kind == "matrix"]


@pytest.mark.parametrize(
    "row,matrix",
    [
        (r"\delta^L = \nabla_a C \odot \sigma'(z^L)", True),
        (r"\delta^{(2)} = (\Theta^{(2)})' \delta^{(3)} .* g'(z^{(2)})", True),
        (r"\nabla_{W^{(l)}} J = \delta^{(l+1)} (a^{(l)})^{\top}", True),
        (r"\delta^{(l)} = \left((W^{(l)})^T \delta^{(l+1)}\right) \bullet f'(z^{(l)})", True),
        (r"\Delta^{(l)} = \Delta^{(l)} + \delta^{(l+1)} (a^{(l)})^T", True),
        (r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)", False),
        (r"E = \frac{1}{2} (y_1 - a_1)^2 + z_j^2", False),
    ],
)
def test_matrix_rows_are_told_from_scalar_rows(row, matrix):
    (stmt,), errors = scan_document(f"$${row}$$")
    assert errors == []
    assert isinstance(stmt, MatrixStatement if matrix else Statement)


def test_correct_forms_are_proved_for_every_entry_of_every_layer():
    doc = "\n".join(
        [
            r"$$\delta^L = \nabla_a C \odot \sigma'(z^L)$$",
            r"$$\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)$$",
            r"$$\frac{\partial C}{\partial b^l} = \delta^l$$",
        ]
    )
    report, vs = matrix_verdicts(doc)
    assert [(v.line, v.instance) for v in vs] == [(1, ""), (2, "l=2"), (3, "l=2"), (3, "l=3")]
    assert all(v.status == "correct" and v.exact for v in vs)
    assert report.exit_code == 0 and not report.unchecked
    text = render_text(report)
    assert "for l=2: δ^l (every entry, 3)  correct (exact)" in text


def test_ufldl_and_octave_forms():
    _, vs = matrix_verdicts(r"$$\nabla_{W^{(l)}} J(W,b;x,y) = \delta^{(l+1)} (a^{(l)})^T$$")
    assert [v.status for v in vs] == ["correct"] * 2
    _, (v,) = matrix_verdicts(r"$$\delta^{(2)} = \left( \Theta^{(2)} \right)' \delta^{(3)} .* g'(z^{(2)})$$")
    assert v.status == "correct" and v.exact
    assert "bias unit" in v.label  # Θᵀδ has the bias unit's row, dropped as ex4 says


FAULTS = [
    # (arch, written, the fault said, factor)
    (
        "2-3-2",
        r"\delta^l = (w^{l+1} \delta^{l+1}) \odot \sigma'(z^l)",
        "transpose missing: wrote w^{l+1} δ^{l+1}, expected (w^{l+1})ᵀ δ^{l+1} (w^3 is 2×3 and δ^3 is 2×1)",
        1,
    ),
    (  # a square layer: the product exists, its values are wrong
        "2-2-2",
        r"\delta^l = (w^{l+1} \delta^{l+1}) \odot \sigma'(z^l)",
        "transpose missing: wrote w^{l+1} δ^{l+1}, expected (w^{l+1})ᵀ δ^{l+1}",
        1,
    ),
    ("2-3-2", r"\delta^l = ((w^{l+1})^T \delta^{l+1})", "σ′(z^l) factor missing", 2),
    ("2-3-2", r"\delta^L = \nabla_a C", "σ′(z^L) factor missing", 2),
    (
        "2-3-2",
        r"\nabla_{W^{(l)}} J = \delta^{(l+1)} \odot (a^{(l)})^T",
        "⊙ where a matrix product belongs: wrote δ^{(l+1)} ⊙ (a^{(l)})ᵀ, expected δ^{(l+1)} (a^{(l)})ᵀ",
        2,
    ),
    ("2-3-2", r"\delta^L = (a^L - y) \sigma'(z^L)", "a matrix product where ⊙ belongs", 2),
    ("2-3-2", r"\nabla_{W^{(l)}} J = (a^{(l)})^T \delta^{(l+1)}", "factors in the wrong order", 1),
    (
        "2-3-2",
        r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^{l+1})",
        "wrong layer: wrote ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^{l+1}), expected ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)",
        2,
    ),
    ("2-3-2", r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma(z^l)", "σ where σ′ belongs", 2),
    ("2-3-2", r"\delta^L = (a^L - y) \odot \sigma'(z^L) \odot a^L", "extra factor a^L", 3),
    (
        "2-3-2",
        r"\delta^L = (y - a^L) \odot \sigma'(z^L)",
        "sign flipped: wrote (y − a^L) ⊙ σ′(z^L), expected −(y",
        1,
    ),
    ("2-3-2", r"\delta^{(2)} = (\Theta^{(2)})^T \delta^{(3)} * g'(z^{(2)})", "a matrix product where ⊙", 3),
    ("2-3-2", r"\delta^{(2)} = (\Theta^{(2)})^T \delta^{(3)}", "σ′(z^{(2)}) factor missing", 3),
]


@pytest.mark.parametrize("arch,written,said,factor", FAULTS, ids=[f[2][:30] for f in FAULTS])
def test_a_wrong_matrix_statement_is_named_at_its_factor(arch, written, said, factor):
    report, vs = matrix_verdicts(f"$${written}$$", arch)
    assert vs and all(v.status == "wrong" for v in vs)
    for v in vs:
        assert v.fault.position == factor and said in v.fault.text, v.fault.text
    assert report.exit_code == 1
    assert said in render_text(report)


def test_shapes_that_no_single_edit_fixes_are_named_with_both_shapes():
    doc = r"$$\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^{l+1}) \odot a^{l+1}$$"
    report, (v,) = matrix_verdicts(doc)
    assert v.status == "wrong" and v.witness is None
    assert (
        v.fault.text == "shapes do not fit in an element-wise product: (w^3)ᵀ δ^3 is 3×1 and σ′(z^3) is 2×1"
    )
    assert v.fault.position == 2
    item = json.loads(to_json(report))["statements"][0]
    assert item["status"] == "wrong" and "shapes do not fit" in item["fault"]["message"]


def test_a_wrong_entry_makes_the_statement_wrong_with_a_witness():
    report, (v,) = matrix_verdicts(r"$$\delta^L = (a^L + y) \odot \sigma'(z^L)$$")
    assert v.status == "wrong" and v.witness is not None and v.fault.position == 1
    assert v.label == "δ^L, entry 1"  # no single edit fixes it: the first wrong entry's own fault
    item = json.loads(to_json(report))["statements"][0]
    assert item["kind"] == "matrix" and item["witness"]["hand"] != item["witness"]["true"]
    assert item["matrix"] == {"written": "δ^L, entry 1", "instance": ""}


def test_ng_accumulator_is_checked_on_one_example_and_read_as_written():
    doc = "\n".join(
        [
            r"$$\Delta^{(l)} = \Delta^{(l)} + \delta^{(l+1)} (a^{(l)})^T$$",
            r"$$\frac{\partial}{\partial \Theta^{(l)}_{ij}} J(\Theta) = D^{(l)}_{ij}"
            r" = \frac{1}{m} \Delta^{(l)}_{ij}$$",
        ]
    )
    report, vs = matrix_verdicts(doc, "2-2-1")
    assert [(v.line, v.instance, v.status) for v in vs] == [
        (1, "l=1", "correct"),
        (1, "l=2", "correct"),
        (2, "l=1", "correct"),
        (2, "l=2", "correct"),
    ]
    assert "(every entry, 6)" in vs[0].label  # Θ^{(1)} is 2×3: the bias column first
    wrong = doc.replace(r"(a^{(l)})^T$$", r"a^{(l)}$$")
    report, vs = matrix_verdicts(wrong, "2-2-1")
    assert [v.status for v in vs] == ["wrong", "wrong"]
    assert [u.line for u in report.unchecked] == [2] and "uses Δ" in report.unchecked[0].reason


def test_an_unreadable_matrix_row_is_not_checked_and_the_rest_is_judged():
    doc = "\n".join(
        [r"$$\delta^L = \nabla C \odot \sigma'(z^L)$$", r"$$\delta^L = \nabla_a C \odot \sigma'(z^L)$$"]
    )
    report, vs = matrix_verdicts(doc)
    assert [v.line for v in vs] == [2] and vs[0].status == "correct"
    assert [u.line for u in report.unchecked] == [1] and report.exit_code == 4


def test_continued_rows_and_an_assignment_are_one_statement_each():
    doc = "\n".join(
        [
            r"\begin{align}",
            r"\delta^l &= \frac{\partial C}{\partial z^l} \\",
            r"&= ((w^{l+1}) \delta^{l+1}) \odot \sigma'(z^l)",
            r"\end{align}",
            r"$$\Delta^{(l)} := \Delta^{(l)} + \delta^{(l+1)} (a^{(l)})^T$$",
        ]
    )
    report, vs = matrix_verdicts(doc)
    assert [(v.line, v.instance, v.status) for v in vs] == [
        (2, "l=2", "wrong"),
        (5, "l=1", "correct"),
        (5, "l=2", "correct"),
    ]
    assert vs[0].fault.text.startswith(
        "transpose missing: wrote w^{l+1} δ^{l+1}, expected (w^{l+1})ᵀ δ^{l+1}"
    )
    assert not report.unchecked


def test_the_squared_norm_of_the_error_vector_under_an_operator():
    row = (
        r"$$\delta^L = \frac{\partial}{\partial z^L} \frac{1}{2} \left\|a^L - y\right\|^2"
        r" = (a^L - y) \odot \sigma'(z^L)$$"
    )
    _, (v,) = matrix_verdicts(row)
    assert v.status == "correct" and v.exact
    _, (v,) = matrix_verdicts(row.replace(r"\frac{1}{2} \left", r"\left"))  # δ^L is then twice as big
    assert v.status == "wrong"


def test_a_shared_bias_has_the_sum_of_the_deltas_as_its_gradient():
    d = derive(network("2-3-2", "sigmoid", "half_se", None, "layered", shared_bias=True))
    doc = (
        r"$$\nabla_{W^{(l)}} J = \delta^{(l+1)} (a^{(l)})^T, \qquad \nabla_{b^{(l)}} J = 1^T \delta^{(l+1)}$$"
    )
    report = verify_text(d, doc)
    assert [v.status for v in report.verdicts] == ["correct"] * 4 and report.exit_code == 0
    report = verify_text(d, doc.replace(r"1^T \delta", r"\delta"))
    wrong = [v for v in report.verdicts if v.status == "wrong"]
    assert len(wrong) == 2 and all(v.fault.text.startswith("1ᵀ missing") for v in wrong)
    assert "δ^{(3)} is 2×1" in wrong[1].fault.text


def test_the_loss_inside_a_factor_is_not_checked_never_a_traceback():
    doc = r"$$\delta^L = \nabla_a C \odot \sigma'(z^L L)$$ $$\delta^{(2)}_1 = \sigma'(z^{(2)}_1 L) = 1$$"
    report = verify_text(net("2-3-2"), doc + r" $$\delta^L = \nabla_a C \odot \sigma'(z^L)$$")
    assert [v.status for v in report.verdicts] == ["correct"]
    assert len(report.unchecked) == 2 and all(
        "the loss L inside a factor" in u.reason for u in report.unchecked
    )


def _sheet_matrix_block(d) -> str:
    from codegen.sheet import render_sheet

    tex = render_sheet(d)
    start = tex.index(r"\begin{align*}", tex.index("backpropagation is:"))
    return tex[start : tex.index(r"\end{align*}", start) + len(r"\end{align*}")]


@pytest.mark.parametrize(
    "arch,activation,loss,shared",
    [
        ("2-3-1", "sigmoid", "half_se", False),
        ("2-2-2-1", "tanh", "mse", False),
        ("2-2-2", "sigmoid", "bce", True),
    ],
)
def test_the_sheets_own_matrix_forms_are_proved(arch, activation, loss, shared):
    d = derive(network(arch, activation, loss, None, "layered", shared_bias=shared))
    block = _sheet_matrix_block(
        d
    )  # W^{(2)\top}, \nabla_{W}^{(1)}, \nabla_{\mathrm{out}} L, \mathbf{1}^{\top}
    report = verify_text(d, block)
    assert report.verdicts and all(v.status == "correct" and v.exact for v in report.verdicts)
    assert not report.unchecked and report.exit_code == 0
    wrong = verify_text(d, block.replace(r"^{(2)\top}", "^{(2)}", 1))
    first = next(v for v in wrong.verdicts if v.status == "wrong")
    assert first.fault.text.startswith(
        "transpose missing: wrote W^{(2)} δ^{(2)}, expected (W^{(2)})ᵀ δ^{(2)}"
    )


def test_a_row_that_is_matrix_only_by_a_layered_name_falls_back_to_the_scalar_reader():
    # W^L without an index made it look like a matrix row; the matrix reader cannot read \sum
    report = verify_text(
        net("2-3-2"), r"$$E(W^L) = \frac{1}{2} \sum_k (a^L_k - y_k)^2$$ $$\delta^L = (a^L - y)$$"
    )
    assert all("matrix statement" not in u.reason for u in report.unchecked)
    assert [u.line for u in report.unchecked] == [1] or any(v.line == 1 for v in report.verdicts)
    statements, (error,) = scan_document(r"$$\delta^L = \nabla_a C \odot \sum_k x$$")
    assert statements == [] and "matrix statement" in str(error)  # with ⊙ it stays a matrix row
