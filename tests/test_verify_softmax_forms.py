"""Softmax regression and softmax-output derivations as they are published: the stable softmax
with the maximum subtracted (vector and index form), names indexed by the class label, a bias
written without its unit, softmax(b) of a class, a plain-word sum(Y * log(Y-hat)), the entry of a
function's value (phi(z)_i) and the off-diagonal Jacobian entry after the diagonal one.

Each form is written here in letters and sizes of our own (not the corpus files'), judged correct,
and with a planted slip named at its factor; the truths the expectations rest on are checked
independently (finite differences with NumPy, or SymPy's diff).
"""

import numpy as np
import pytest
import sympy as sp

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.ditto import VerifyInputError

_NETS: dict = {}


def _net(arch: str, hidden: str = "sigmoid"):
    key = (arch, hidden)
    if key not in _NETS:
        _NETS[key] = derive(network(arch, hidden, "cce", "softmax", "layered"))
    return _NETS[key]


def _verdicts(arch: str, text: str, hidden: str = "sigmoid", **conventions):
    """line -> [(status, factor)] for every instance judged; line -> reason for the unchecked."""
    try:
        report = verify_text(_net(arch, hidden), text, conventions=conventions or None)
    except VerifyInputError as err:  # nothing at all checked: every statement said why
        return {}, {u.line: u.reason for u in err.unchecked}
    judged: dict[int, list] = {}
    for v in report.verdicts:
        judged.setdefault(v.line, []).append((v.status, v.fault.position if v.fault else None))
    unread = {u.line: u.reason for u in report.unchecked}
    return judged, unread


def _all(judged: dict, line: int, status: str, factor=None) -> bool:
    return bool(judged.get(line)) and all(s == status and f == factor for s, f in judged[line])


def _softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


# -- the truths the expectations rest on, checked apart from symprop


def test_the_softmax_is_unchanged_by_a_shift_and_its_jacobian_is_diag_minus_outer():
    rng = np.random.default_rng(3)
    for n in (3, 4, 5):
        z = rng.normal(size=n) * 3
        plain = np.exp(z) / np.exp(z).sum()
        assert np.allclose(_softmax(z), plain)  # e^{z - max z} / sum e^{z - max z} = softmax(z)
        assert np.allclose(np.exp(z - z.min()) / np.exp(z - z.min()).sum(), plain)  # the min too
        h = 1e-6
        jac = np.array([(_softmax(z + h * e) - _softmax(z - h * e)) / (2 * h) for e in np.eye(n)]).T
        s = plain
        assert np.allclose(np.diag(jac), s * (1 - s), atol=1e-7)  # d s_i / d z_i = s_i (1 - s_i)
        off = jac - np.diag(np.diag(jac))
        assert np.allclose(off, -np.outer(s, s) + np.diag(s * s), atol=1e-7)  # -s_i s_j, i != j
        # so -s_i s_j is wrong on the diagonal: checked there, the off-diagonal formula fails
        assert not np.allclose(np.diag(jac), -s * s)


def test_the_cross_entropy_at_a_one_hot_target_by_sympy():
    z = sp.symbols("z1:4")
    s = [sp.exp(zk) / sum(sp.exp(x) for x in z) for zk in z]
    for c in range(3):
        y = [1 if k == c else 0 for k in range(3)]
        loss = -sum(yk * sp.log(sk) for yk, sk in zip(y, s))
        # -log(a_c) = -z_c + log sum_k e^{z_k}, and dL/dz_c = a_c - 1, dL/dz_k = a_k (k != c)
        assert sp.simplify(sp.expand_log(loss, force=True) - (-z[c] + sp.log(sum(sp.exp(x) for x in z)))) == 0
        assert sp.simplify(sp.diff(loss, z[c]) - (s[c] - 1)) == 0
        assert sp.simplify(sp.diff(loss, z[(c + 1) % 3]) - s[(c + 1) % 3]) == 0


# -- the stable softmax


STABLE = r"""
$$\hat{y}_k = \frac{e^{z^{[2]}_k - \max(z^{[2]})}}{\sum_{m=1}^{K} e^{z^{[2]}_m - \max(z^{[2]})}}$$
$$\hat{y}_k = \frac{e^{z^{[2]}_k - \max_i z^{[2]}_i}}{\sum_{m} e^{z^{[2]}_m - \max_{i} z^{[2]}_i}}$$
$$\hat{y}_k = \frac{e^{z^{[2]}_k - \min(z^{[2]})}}{\sum_{m} e^{z^{[2]}_m - \min(z^{[2]})}}$$
$$\hat{y}_k = \frac{e^{z^{[2]}_k - \max(z^{[2]})}}{\sum_{m} e^{z^{[2]}_m}}$$
$$\hat{y}_k = \frac{e^{z^{[2]}_k - \max(z^{[1]})}}{\sum_{m} e^{z^{[2]}_m - \max(z^{[2]})}}$$
"""


def test_the_stable_softmax_in_vector_and_index_form_is_correct_and_a_lost_shift_is_wrong():
    judged, unread = _verdicts("3-5-4", STABLE, hidden="relu")
    assert _all(judged, 2, "correct") and len(judged[2]) == 4  # one per output unit k
    assert _all(judged, 3, "correct") and len(judged[3]) == 4  # \max_i: i bound, not an instance
    assert _all(judged, 4, "correct")
    assert all(s == "wrong" for s, _ in judged[5])  # the denominator unshifted
    assert all(s == "wrong" for s, _ in judged[6])  # the hidden layer's max in the numerator
    assert not unread


def test_a_max_of_a_vector_with_no_layer_is_not_checked_on_a_deep_network():
    text = r"$$\hat{y}_k = \frac{e^{z^{[2]}_k - \max(z)}}{\sum_{m} e^{z^{[2]}_m - \max(z)}}$$"
    judged, unread = _verdicts("3-5-4", text, hidden="relu")
    assert 1 not in judged and 1 in unread  # which layer's z: not settled, never called correct


# -- names indexed by the class label


LABEL = r"""
$$E = -\log(a^{(2)}_y) = -z^{(2)}_y + \log(\sum_m e^{z^{(2)}_m})$$
$$\frac{\partial E}{\partial z^{(2)}_y} = a^{(2)}_y - 1$$
$$\frac{\partial E}{\partial z^{(2)}_y} = a^{(2)}_y + 1$$
$$E = -\log(a^{(2)}_y) = -z^{(2)}_y - \log(\sum_m e^{z^{(2)}_m})$$
"""


def test_names_indexed_by_the_class_label_are_judged_per_class_at_its_one_hot_target():
    judged, _ = _verdicts("2-3-4", LABEL)
    assert _all(judged, 2, "correct") and len(judged[2]) == 4  # every class y = 1..4
    assert _all(judged, 3, "correct") and len(judged[3]) == 4
    assert _all(judged, 4, "wrong", 1)  # a_y + 1: the one factor named
    assert all(s == "wrong" for s, _ in judged[5])  # the log-sum-exp with its sign flipped


def test_the_class_label_is_t_where_t_is_the_target():
    text = (
        r"$$\frac{\partial E}{\partial z^{(2)}_t} = y_t - 1$$"
        "\n"
        r"$$\frac{\partial E}{\partial z^{(2)}_t} = 1 - y_t$$"
    )
    judged, _ = _verdicts("2-3-3", text, targets="t")
    assert _all(judged, 1, "correct") and len(judged[1]) == 3
    assert _all(judged, 2, "wrong", 1)


# -- a bias without its unit; softmax of a class label


ROLE = r"""
$$E=-\sum_k d_k \log h_k$$
$$h_k=softmax(u_k)=\frac{e^{u_k}}{\sum_k e^{u_k}}$$
$$u_k=\sum_i w_{ik}h_i+b$$
$$\frac{\partial h_c} {\partial u_{c}}=softmax(c)(1-softmax(c))=h_c-h_c^2$$
$$\frac{\partial h_c} {\partial u_{c}}=softmax(c)(1+softmax(c))$$
"""


def test_a_bias_without_its_unit_and_softmax_of_a_class_in_other_letters():
    text = ROLE.replace("k", "j").replace("_i", "_i")  # the roles read w_{ij} into j from i
    judged, unread = _verdicts("3-4-4", text, weights="input-by-output", targets="d")
    assert 4 not in unread and _all(judged, 4, "correct")  # u_j = \sum_i w_{ij} h_i + b: b is b_j
    assert judged.get(5) and all(s == "correct" for s, _ in judged[5])  # softmax(c): class c
    assert judged.get(6) and all(s == "wrong" for s, _ in judged[6])


def test_a_lone_b_outside_a_forward_sum_stays_unknown():
    text = r"$$\frac{\partial E}{\partial z^{(2)}_1} = a^{(2)}_1 - y_1 + b$$"
    judged, unread = _verdicts("2-3-3", text)
    assert 1 not in judged and "b" in unread[1]


# -- a plain-word sum of whole vectors


def test_a_plain_word_sum_of_capital_vectors_is_the_cross_entropy():
    text = (
        r"$$J(Y,\hat{Y}) = -sum(Y * \log(\hat{Y}))$$"
        "\n"
        r"$$L = -sum(y * \log(\hat{y}))$$"
        "\n"
        r"$$L = sum(Y * \log(\hat{Y}))$$"
    )
    judged, _ = _verdicts("3-4", text)
    assert _all(judged, 1, "correct") and _all(judged, 2, "correct")
    assert _all(judged, 3, "wrong", 1)


# -- the entry of a function's value, the off-diagonal entry after the diagonal one


JACOBIAN = r"""
$$\frac{\partial F(u)_i}{\partial u_i} = F(u)_i \left( 1 - F(u)_i \right)$$
$$\frac{\partial F(u)_i}{\partial u_j} = - F(u)_i F(u)_j$$
"""


@pytest.mark.parametrize("f", [r"\phi", r"\varphi", "g", "softmax"])
def test_the_entry_of_a_function_value_in_any_letter_on_a_one_layer_net(f):
    text = JACOBIAN.replace("F", f)
    judged, unread = _verdicts("3-4", text)
    assert _all(judged, 2, "correct") and len(judged[2]) == 4
    # checked for i != j only: 12 instances on 4 units, never i = j
    assert _all(judged, 3, "correct") and len(judged[3]) == 12
    assert not unread


def test_the_slips_in_the_jacobian_are_named_at_their_factor():
    text = JACOBIAN.replace(r"1 - F(u)_i", r"1 + F(u)_i").replace("= - F", "= F").replace("F", r"\phi")
    judged, _ = _verdicts("3-4", text)
    assert _all(judged, 2, "wrong", 1)  # phi(u)_i (1 + phi(u)_i): the side, one factor
    assert _all(judged, 3, "wrong", 1)


def test_the_off_diagonal_formula_alone_is_checked_on_the_diagonal_too():
    judged, _ = _verdicts("3-4", r"$$\frac{\partial \phi(u)_i}{\partial u_j} = - \phi(u)_i \phi(u)_j$$")
    statuses = [s for s, _ in judged[1]]
    assert "wrong" in statuses and len(statuses) == 16  # no diagonal given: i = j is checked, wrong


def test_an_undefined_function_letter_is_not_read_as_the_softmax():
    judged, unread = _verdicts("3-4", JACOBIAN.replace("F", "S"))
    assert 2 not in judged and 3 not in judged and 2 in unread


def test_the_entry_of_an_element_wise_layer_is_the_function_at_that_unit():
    text = (
        r"$$\frac{\partial \phi(z^{(1)})_j}{\partial z^{(1)}_j} = \phi(z^{(1)})_j (1 - \phi(z^{(1)})_j)$$"
        "\n"
        r"$$\frac{\partial \phi(z^{(1)})_j}{\partial z^{(1)}_j} = \phi(z^{(1)})_j (1 + \phi(z^{(1)})_j)$$"
    )
    judged, _ = _verdicts("2-3-2", text)  # the sigmoid hidden layer: phi(z)_j = sigma(z_j)
    assert _all(judged, 1, "correct") and len(judged[1]) == 3
    assert _all(judged, 2, "wrong", 1)


def test_one_unit_of_a_softmax_layer_as_a_bare_argument_stays_refused():
    text = r"$$\frac{\partial \phi(u_i)}{\partial u_i} = \phi(u_i) (1 - \phi(u_i))$$"
    judged, unread = _verdicts("3-4", text)  # softmax is no function of one u_i: not read
    assert 1 not in judged and "softmax" in unread[1]
