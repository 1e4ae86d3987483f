r"""Planted mistakes named at their factor, on short derivations written for these tests (not the
corpus files where the gaps showed).

- An update line (Δw = η δ x, w ← w + α δ x, a step written with \times) that is wrong is named
  at the wrong factor of its step, the rate not counted (verify/update_steps.py); a step that is
  the descent step negated keeps its sign fault.
- A δ of another layer (δ^{(2)} x where δ^{(1)} x belongs) is named as the δ, not as the factors
  its gap leaves missing (explain.py).
- Factors out of the chain's order with more than one mismatch in order (σ' × δ × w), or wrong as
  one group against several true factors, are matched as a multiset (judge.py).
- Of two equal factors, the one outside an X(1 - X) pair is named (y_j y_j(1 - y_j) where
  y_i y_j(1 - y_j) belongs: glued_factors.twin).
- A wrong side that is one sum, after a right side of as many terms, is compared with that side
  term by term where the truth is in another form (∂L/∂x by the input: judge._against_side).
- A side that is one box, `= \boxed{w_5 * f'(z)}`, has the box's factors (latex/statement_rows.py).
"""

import sympy as sp

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.derivation import Factor
from symbolic.latex import Partial
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.explain import Explainer
from symbolic.verify.parts import Part


def said(doc: str, net: str = "2-2-2", **conventions):
    """line -> {status or 'wrong@position'} of its verdicts, with the report."""
    d = derive(network(net, "sigmoid", "half_se", None, "layered"))
    report = verify_text(d, doc, conventions=conventions or None)
    by: dict[int, set] = {}
    for v in report.verdicts:
        by.setdefault(v.line, set()).add(
            f"wrong@{v.fault.position}" if v.status == "wrong" and v.fault else v.status
        )
    for u in report.unchecked:
        by.setdefault(u.line, set()).add("not checked")
    return by, report


# ------------------------------------------------------------------ an update's step, factor by factor

# a document in generic letters, δ = -∂E/∂net (Mitchell's sign), an output and a hidden update
UPDATES = r"""Let $net_j = \sum_i w_{ji} x_{ji}$ and $o_j = \sigma(net_j)$.
$$\delta_k = o_k (1 - o_k)(t_k - o_k)$$
$$\delta_j = o_j (1 - o_j) \sum_k w_{kj} \delta_k$$
$$\Delta w_{kj} = \eta \delta_k o_j$$
$$\Delta w_{ji} = \eta \, \delta_j \, x_i$$
"""


def test_updates_as_written_are_correct():
    by, _ = said(UPDATES)
    assert by[4] == {"correct"} and by[5] == {"correct"}


def test_a_wrong_input_in_an_update_is_named_at_its_factor():
    by, _ = said(UPDATES.replace(r"\eta \delta_k o_j", r"\eta \delta_k o_k"))
    assert by[4] == {"wrong@2"}  # η not counted: δ_k 1, o_j 2
    by, _ = said(UPDATES.replace(r"\eta \, \delta_j \, x_i", r"\eta \, \delta_j \, o_j"))
    assert by[5] == {"wrong@2"}


def test_a_wrong_delta_in_an_update_is_named_at_factor_one():
    by, _ = said(UPDATES.replace(r"\eta \delta_k o_j", r"\eta \delta_j o_j"))
    assert "wrong@1" in by[4] and not by[4] & {"correct", "wrong@2"}  # δ_j of no output: not checked there


def test_a_step_written_with_times_counts_its_factors_as_written():
    doc = r"""Inputs 1, 2 feed unit 3: $y_3 = \sigma(x_1 w_{13} + x_2 w_{23} + b_3)$
$$e = t - y_3$$
$$\delta_3 = y_3 (1 - y_3) e$$
$$\Delta w_{23} = \alpha \times x_2 \times \delta_3$$
"""
    by, report = said(doc, "2-1", weights="input-by-output")
    assert by[4] == {"correct"}, render_text(report, "doc")
    by, report = said(
        doc.replace(r"\times x_2 \times", r"\times x_1 \times"), "2-1", weights="input-by-output"
    )
    assert by[4] == {"wrong@1"}  # α not counted: x_2 1, δ_3 2
    assert "factor 1 of the step: wrote [x₁], expected [x₂]" in render_text(report, "doc")


def test_an_update_without_the_derivative_of_the_activation_is_named_where_it_is_missing():
    doc = r"""$$o_k = \sigma(net_k)$$
$$\Delta w_{kj} = \eta \, (t_k - o_k) \, o_k (1 - o_k) \, o_j$$
"""
    by, _ = said(doc)
    assert by[2] == {"correct"}
    by, _ = said(doc.replace(r"o_k (1 - o_k) \, o_j", r"o_j"))
    assert by[2] == {"wrong@2"}  # (t - o) 1, the missing o(1 - o) 2


def test_a_step_that_climbs_keeps_its_sign_fault_at_the_first_factor():
    by, report = said(UPDATES.replace(r"\eta \delta_k o_j", r"-\eta \delta_k o_j"))
    assert by[4] == {"wrong@1"}
    text = render_text(report, "doc")
    assert "sign wrong" in text


# a step with a sum in it: its body counted factor by factor, X(1 - X) one factor after it
SUMMED = r"""Let $net_j = \sum_i w_{ji} x_{ji}$ and $o_j = \sigma(net_j)$.
$$\delta_k = (o_k - t_k) o_k (1 - o_k)$$
$$\Delta w_{ji} = -\eta \left[\sum_k \delta_k w_{kj}\right] o_j (1 - o_j) x_i$$
"""


def test_a_step_with_a_sum_counts_its_body_factor_by_factor():
    by, _ = said(SUMMED)
    assert by[3] == {"correct"}
    by, _ = said(SUMMED.replace(r"o_j (1 - o_j) x_i", r"o_j (1 + o_j) x_i"))
    assert by[3] == {"wrong@3"}  # δ_k 1, w_kj 2, the pair 3
    by, _ = said(SUMMED.replace(r"o_j (1 - o_j) x_i", r"o_j (1 - o_j) o_j"))
    assert by[3] == {"wrong@4"}


# ------------------------------------------------------------------ a δ of another layer

DELTAS = r"""$$\delta^{(2)}_1 = (a^{(2)}_1 - y_1) a^{(2)}_1 (1 - a^{(2)}_1)$$
$$\delta^{(1)}_1 = a^{(1)}_1 (1 - a^{(1)}_1) W^{(2)}_{11} \delta^{(2)}_1$$
$$\frac{\partial E}{\partial W^{(1)}_{11}} = \delta^{(1)}_1 x_1$$
$$\Delta W^{(1)}_{11} = -\eta \, \delta^{(1)}_1 \, x_1$$
"""


def test_a_delta_of_the_layer_above_is_named_as_the_delta():
    by, _ = said(DELTAS, "2-1-1")
    assert by[3] == {"correct"} and by[4] == {"correct"}
    by, report = said(DELTAS.replace(r"= \delta^{(1)}_1 x_1", r"= \delta^{(2)}_1 x_1"), "2-1-1")
    assert by[3] == {"wrong@1"}  # not 'factor 2: missing W' (the gap the wrong δ leaves)
    assert "wrote [δ⁽²⁾₁]" in render_text(report, "doc")
    by, _ = said(DELTAS.replace(r"= \delta^{(1)}_1 x_1", r"= x_1 \delta^{(2)}_1"), "2-1-1")
    assert by[3] == {"wrong@2"}
    by, _ = said(DELTAS.replace(r"\, \delta^{(1)}_1 \, x_1", r"\, \delta^{(2)}_1 \, x_1"), "2-1-1")
    assert by[4] == {"wrong@1"}


# ------------------------------------------------------------------ the order, twins and boxes


def test_factors_out_of_the_chains_order_are_matched_as_a_multiset():
    doc = r"$$\delta^{(1)}_1 = a^{(1)}_1 (1 - a^{(1)}_1) \times \delta^{(2)}_1 \times W^{(2)}_{11}$$" + "\n"
    by, _ = said(doc, "2-2-1")
    assert by[1] == {"correct"}
    by, _ = said(doc.replace("W^{(2)}_{11}", "W^{(2)}_{12}"), "2-2-1")
    assert by[1] == {"wrong@3"}  # the pair 1, δ 2, the weight 3


def test_of_two_equal_factors_the_one_outside_the_pair_is_named():
    doc = r"$$\frac{\partial L}{\partial W^{(2)}_{11}} = "
    doc += r"a^{(1)}_1 a^{(2)}_1 (1 - a^{(2)}_1) (a^{(2)}_1 - y_1)$$"
    by, _ = said(doc + "\n", "2-2-1")
    assert by[1] == {"correct"}
    by, _ = said(doc.replace("= a^{(1)}_1 a^{(2)}_1", "= a^{(2)}_1 a^{(2)}_1") + "\n", "2-2-1")
    assert by[1] == {"wrong@1"}  # not the a^{(2)}_1 of the pair


def test_a_boxed_side_has_the_boxs_factors():
    doc = (
        r"$$\frac{\partial a^{(2)}_1}{\partial a^{(1)}_1} = \boxed{W^{(2)}_{11} * \sigma'(z^{(2)}_1)}$$"
        + "\n"
    )
    by, _ = said(doc, "2-2-1")
    assert by[1] == {"correct"}
    by, report = said(doc.replace("W^{(2)}_{11}", "W^{(2)}_{12}"), "2-2-1")
    assert by[1] == {"wrong@1"}
    assert "wrote [W⁽²⁾₁₂], expected [W⁽²⁾₁₁]" in render_text(report, "doc")
    by, _ = said(doc.replace(r"\sigma'(z^{(2)}_1)}", r"\sigma(z^{(2)}_1)}"), "2-2-1")
    assert by[1] == {"wrong@2"}


def test_a_side_against_the_losss_own_formula_is_named_factor_by_factor():
    doc = r"""$$\delta^{(1)}_1 = \frac{\partial}{\partial z^{(1)}_1} \frac{1}{2}\left(a^{(1)}_1 - y_1\right)^2
 = \left(a^{(1)}_1 - y_1\right) \sigma'(z^{(1)}_1)$$
"""
    by, _ = said(doc, "2-1")
    assert by[1] == {"correct"}
    by, _ = said(doc.replace(r"\sigma'(z", r"\sigma(z"), "2-1")
    assert by[1] == {"wrong@2"}  # (a - y) 1, σ for σ' 2: not the side whole


def test_a_wrong_sum_after_a_right_one_is_named_term_by_term_against_it():
    doc = (
        r"$$\frac{\partial L}{\partial x_1} = \sum_j \frac{\partial L}{\partial z^{(1)}_j}"
        r" \frac{\partial z^{(1)}_j}{\partial x_1} = \sum_j \delta^{(1)}_j W^{(1)}_{j1}$$" + "\n"
    )
    by, _ = said(doc, "2-2-1")
    assert by[1] == {"correct"}
    by, _ = said(doc.replace("W^{(1)}_{j1}", "W^{(1)}_{1j}"), "2-2-1")
    assert by[1] == {"wrong@2"}  # the weight of the term that differs, not the sum whole


def test_a_derivative_by_the_activation_without_its_slope_is_not_a_wrong_delta():
    L, a1, a2, z1, z2, w, d1, d2 = sp.symbols("L a1 a2 z1 z2 w delta1 delta2")
    explain = Explainer(L, {d1: 0, d2: 0}, {z1: d1, z2: d2})
    true = [Factor(L, a2, a2), Factor(a2, z2, a2), Factor(z2, a1, w), Factor(a1, z1, a1)]
    # δ^{(2)} written where δ^{(1)} belongs: it matches the prefix to z2, the rest runs on to z1
    wrote = (Part(1, sp.Symbol("delta_2,1"), d2),)
    fault = explain._shorter_delta(1, wrote, [((0,), (0, 1))], [2, 3], true)
    assert fault is not None and fault.expected == d1
    # ∂E/∂a1 written without its slope: it matches the prefix to a1, no z: the slope is missing
    wrote = (Part(1, Partial(L, a1), w * d2),)
    assert explain._shorter_delta(1, wrote, [((0,), (0, 1, 2))], [3], true) is None
