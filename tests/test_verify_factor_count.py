r"""How a wrong factor is counted and said, on documents other than the corpus files that showed it.

- X(1 ± X), a logistic derivative written out, is ONE factor wherever it stands (the whole side,
  after a derivative, inside a longer product), the count most of the corpus's notes use
  (symbolic/verify/glued_factors.py).
- A matrix statement in row vectors whose shapes fit in neither reading is named in rows (the one
  edit that makes it right: a wrong layer), not blamed as a whole side (verify/rows_faults.py).
- A document read with a letter per layer (Zhou's θ_j, rewritten as -b^{[2]}_j) is answered in its
  own letters: the written left side and the written factor (verify/author_names.py).
"""

import sympy as sp

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.explain import Fault
from symbolic.verify.glued_factors import groups, regroup


def verdicts(doc: str, net: str, hidden: str = "sigmoid", loss: str = "half_se", out: str | None = None):
    d = derive(network(net, hidden, loss, out))
    report = verify_text(d, "% a document\n" + doc)
    by: dict[int, set] = {}
    for v in report.verdicts:
        by.setdefault(v.line, set()).add(v.status if v.status != "wrong" else f"wrong@{v.fault.position}")
    for u in report.unchecked:
        by.setdefault(u.line, set()).add("not checked")
    return by, report


# ------------------------------------------------------------------ X(1 ± X) is one factor

INSIDE = (
    r"$$\frac{\partial L}{\partial W^{(2)}_{12}} = (a^{(2)}_1 - y_1) a^{(2)}_1 (1 - a^{(2)}_1) a^{(1)}_2$$"
)
AFTER = (
    r"$$\frac{\partial L}{\partial z^{(2)}_2} = "
    r"\frac{\partial L}{\partial a^{(2)}_2} \cdot a^{(2)}_2 (1 - a^{(2)}_2)$$"
)
WHOLE = r"$$\frac{\partial a^{(2)}_1}{\partial z^{(2)}_1} = \sigma(z^{(2)}_1)(1 - \sigma(z^{(2)}_1))$$"


def test_the_pair_is_one_factor_inside_a_longer_product():
    by, _ = verdicts(INSIDE, "3-2-2")
    assert by[2] == {"correct"}  # the control
    by, report = verdicts(INSIDE.replace("(1 - a^{(2)}_1)", "(1 + a^{(2)}_1)"), "3-2-2")
    assert by[2] == {"wrong@2"}  # (a - y) 1, a(1 + a) 2, a^{(1)}_2 3
    f = report.verdicts[0].fault
    assert f.wrote is not None and len(f.wrote.free_symbols) == 1  # the pair, said whole
    assert sp.expand(f.wrote.subs(next(iter(f.wrote.free_symbols)), 2)) == 6  # 2 (1 + 2)


def test_a_slip_after_the_pair_counts_it_as_one():
    by, _ = verdicts(INSIDE.replace(r"a^{(1)}_2$$", r"a^{(1)}_1$$"), "3-2-2")
    assert by[2] == {"wrong@3"}  # the input after the pair: factor 3, not 4


def test_the_pair_after_a_derivative_and_as_the_whole_side():
    by, _ = verdicts(AFTER.replace("(1 - a^{(2)}_2)", "(1 + a^{(2)}_2)"), "2-4-3")
    assert by[2] == {"wrong@2"}
    by, _ = verdicts(WHOLE, "2-4-3")
    assert by[2] == {"correct"}
    by, _ = verdicts(WHOLE.replace(r"(1 - \sigma", r"(1 + \sigma"), "2-4-3")
    assert by[2] == {"wrong@1"}


def test_groups_and_regroup_directly():
    x, y = sp.symbols("x y")
    assert groups([x, 1 - x, y]) == [(0, 1), (2,)]
    assert groups([y, x, 1 + x]) == [(0,), (1, 2)]
    assert groups([1 - x, x]) == [(0, 1)]  # either order
    assert groups([x, 2 - x]) == [(0,), (1,)]  # 2 - x: no pair
    assert groups([sp.Integer(2), sp.Integer(-1)]) == [(0,), (1,)]  # numbers never pair
    wrong = Fault("wrong", 1, 3, 1 + x, 1 + x, 1 - x)
    again = regroup(wrong, [y, x, 1 + x], [y, x, 1 + x])
    assert again.position == 2 and sp.expand(again.expected - x * (1 - x)) == 0
    missing = Fault("missing", 1, 4, None, None, y)
    assert regroup(missing, [y, x, 1 - x], [y, x, 1 - x]).position == 3  # after the pair
    extra = Fault("extra", 1, 2, 1 - x, 1 - x, None)
    said = regroup(extra, [x, 1 - x], [x, 1 - x])
    assert (said.kind, said.position, said.expected) == ("wrong", 1, x)


# ------------------------------------------------------------------ rows: named in rows

ROWS = r"""$$
\begin{align}
\delta^{[2]} &= a^{[2]} - y \\
\frac{\partial \mathcal{L}}{\partial W^{[2]}} &= (a^{[1]})^T \delta^{[2]}
\end{align}
$$
$$
\begin{align}
\delta^{[1]} &= \delta^{[2]} (W^{[2]})^T \odot f'^{[1]}(z^{[1]}) \\
\frac{\partial \mathcal{L}}{\partial W^{[1]}} &= x^T \delta^{[1]}
\end{align}
$$
"""


def _rows(doc: str):
    return verdicts(doc, "3-5-2", "relu", "cce", "softmax")


def test_rows_control_is_correct():
    by, _ = _rows(ROWS)
    assert by[4] == {"correct"} and by[5] == {"correct"} and by[10] == {"correct"} and by[11] == {"correct"}


def test_a_wrong_layer_in_rows_is_named_at_its_factor():
    by, report = _rows(ROWS.replace(r"x^T \delta^{[1]}", r"x^T \delta^{[2]}"))
    assert by[11] == {"wrong@2"}
    text = render_text(report)
    line = next(row for row in text.splitlines() if row.startswith("✗"))
    assert "wrong layer" in line and "δ^{[1]}" in line
    by, _ = _rows(ROWS.replace(r"(a^{[1]})^T \delta^{[2]}", r"(a^{[1]})^T \delta^{[1]}"))
    assert by[5] == {"wrong@2"}  # a^T δ^{[1]}: 5×5 where 5×2 belongs, in rows


def test_columns_document_keeps_its_naming():
    cols = r"""$$\delta^{[2]} = a^{[2]} - y$$
$$\frac{\partial \mathcal{L}}{\partial W^{[2]}} = \delta^{[2]} (a^{[1]})^T$$
$$\frac{\partial \mathcal{L}}{\partial W^{[1]}} = \delta^{[2]} x^T$$
"""
    by, _ = _rows(cols)
    assert by[3] == {"correct"}
    assert by[4] == {"wrong@1"}  # δ^{[2]} where δ^{[1]} belongs: factor 1 in columns


# ------------------------------------------------------------------ the author's letters

ZHOU_LIKE = r"""$$o_h=f(\sum\limits_{i=1}^d u_{ih}x_i-\rho_h)=f(\mu_h-\rho_h)$$

$$\hat{y_j}=f(\sum\limits_{h=1}^q v_{hj}o_h-\kappa_j)=f(\nu_j-\kappa_j)$$

$$E=\frac{1}{2}\sum\limits_{j=1}^l(\hat{y_j}-y_j)^2$$

$$\frac{\partial E}{\partial \kappa_j}=-(\hat{y_j}-y_j)\hat{y_j}(1-\hat{y_j})$$

$$\frac{\partial E}{\partial v_{hj}}=(\hat{y_j}-y_j)\hat{y_j}(1-\hat{y_j})o_h$$
"""


def test_the_author_letters_in_a_wrong_threshold_message():
    by, _ = verdicts(ZHOU_LIKE, "2-4-3")
    assert by[8] == {"correct"} and by[10] == {"correct"}
    by, report = verdicts(ZHOU_LIKE.replace(r"\kappa_j}=-(", r"\kappa_j}=("), "2-4-3")
    assert by[8] == {"wrong@1"}
    wrong = [row for row in render_text(report).splitlines() if row.startswith("✗")]
    assert len(wrong) == 3  # one per output
    assert all("κ" in row and "−b⁽²⁾" not in row.split("  ")[1].split("(written")[1] for row in wrong)
    assert all("ŷ" in row for row in wrong)  # the written factor in the author's letters


def test_the_author_letters_for_a_weight_slip():
    slip = ZHOU_LIKE.replace(r"(1-\hat{y_j})o_h$$", r"(1+\hat{y_j})o_h$$")
    by, report = verdicts(slip, "2-4-3")
    assert by[10] == {"wrong@2"}  # (ŷ - y) 1, ŷ(1 + ŷ) 2, o_h 3
    wrong = [row for row in render_text(report).splitlines() if row.startswith("✗")]
    assert len(wrong) == 12 and all("wrote [ŷ" in row and "a⁽²⁾" in row for row in wrong)
