"""A name defined for each value of its index letters (symbolic/verify/per_index.py): J_{ki} \\equiv
dy_k/dx_i (Bishop & Bishop 2024, eq. 8.26) is kept by k and i, and a later line at the same k, i
is checked against it; a slip in such a line is named, and a definition of one value is never read
at another. Networks 2-3-2 (tanh, linear outputs) and 2-3-2 sigmoid; truths by hand: dy_k/dx_i =
sum_j w2_kj (1 - z_j^2) w1_ji."""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.ditto import VerifyInputError

_BISHOP = (
    r"$a_j = \sum_i w_{ji} z_i$"
    "\n"
    r"$z_j = h(a_j)$"
    "\n"
    r"$y_k = \sum_j w_{kj} z_j$"
    "\n"
)
J = 4  # the line J_{ki} is defined on
_J = r"$J_{ki} \equiv \frac{\partial y_k}{\partial x_i}$" "\n"


def _said(arch: str, text: str, act: str = "tanh", out: str | None = "identity"):
    d = derive(network(arch, act, "half_se", out, "layered"))
    r = verify_text(d, text, conventions={"targets": "t"})
    said: dict[int, list] = {}
    for u in r.unchecked:
        said.setdefault(u.line, []).append(("not checked", None, u.reason))
    for v in r.verdicts:
        said.setdefault(v.line, []).append((v.status, v.fault.position if v.fault else None, v.instance))
    return said


def test_a_name_defined_per_index_is_read_at_each_value_in_a_later_line():
    text = _BISHOP + _J + r"$J_{ki} = \sum_j w_{ji} \frac{\partial y_k}{\partial a_j}$" "\n"
    said = _said("2-3-2", text)
    assert [s[0] for s in said[J]] == ["not checked"] and "for each value" in said[J][0][2]
    assert sorted(s[2] for s in said[J + 1]) == ["i=1, k=1", "i=1, k=2", "i=2, k=1", "i=2, k=2"]
    assert {s[0] for s in said[J + 1]} == {"correct"}


def test_a_slip_in_a_line_about_the_name_is_named():
    slip = _BISHOP + _J + r"$J_{ki} = \sum_j w_{ji} \frac{\partial y_k}{\partial z_j}$" "\n"
    said = _said("2-3-2", slip)  # h'(a_j) left out: dy_k/dz_j is w_kj alone
    assert {s[0] for s in said[J + 1]} == {"wrong"}


def test_its_first_side_defines_it_and_the_others_are_checked():
    first = r"$J_{ki} = \frac{\partial y_k}{\partial x_i} = \sum_j w_{kj} h'(a_j) w_{ji}$" "\n"
    said = _said("2-3-2", _BISHOP + first)
    assert [s[0] for s in said[J]] == ["correct"] * 4
    slip = _said("2-3-2", _BISHOP + first.replace("h'(a_j)", "h(a_j)"))
    assert {s[0] for s in slip[J]} == {"wrong"}


def test_a_value_of_one_index_is_never_read_at_another():
    """E_k defined at the outputs k; a line in j (a hidden unit) gives E_k no k: unknown."""
    text = (
        r"$E_k = (a^{[2]}_k - y_k) a^{[2]}_k (1 - a^{[2]}_k)$"
        "\n"
        r"$\frac{\partial E}{\partial z^{[1]}_j} = E_k$"
        "\n"
    )
    with pytest.raises(VerifyInputError) as err:  # nothing judged: both lines not checked
        _said("2-3-2", text, act="sigmoid", out=None)
    reasons = {u.line: u.reason for u in err.value.unchecked}
    assert "for each value" in reasons[1] and "unknown name E_k" in reasons[2], reasons


def test_a_sum_over_l_the_layer_above_its_weight_says_is_read():
    """Bishop's (8.30): l has no role of its own; w_{lj} puts it in the layer above the hidden j."""
    line = (
        r"$\frac{\partial y_k}{\partial a_j} = h'(a_j) \sum_l w_{lj} \frac{\partial y_k}{\partial a_l}$" "\n"
    )
    said = _said("2-3-2", _BISHOP + line)
    assert [s[0] for s in said[J]] == ["correct"] * 6  # j = 1..3, k = 1, 2
    slip = _said("2-3-2", _BISHOP + line.replace("h'(a_j) ", ""))
    assert {(s[0], s[1]) for s in slip[J]} == {("wrong", 1)}
