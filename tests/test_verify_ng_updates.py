r"""Ng-style notes (tests/published/study_note_two_versions.tex) on other networks: `g^{\prime[l]}`
(the prime before the layer), updates written with '=' (`w^{[l]} = w^{[l]} - \alpha
\partial L/\partial w^{[l]}`, as much an update as ':='), and b^{[l]} a vector in every row once a
matrix row has used it as one."""

import pytest

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

FORWARD = r"$$z^{[l]}=W^{[l]}a^{[l-1]}+b^{[l]}$$" + "\n"


def statuses(row: str, net: str = "2-4-3", act: str = "tanh") -> tuple[list[str], list[str]]:
    d = derive(network(net, act, "half_se"))
    r = verify_text(d, FORWARD + row)
    return [v.status for v in r.verdicts if v.line == 2], [u.reason for u in r.unchecked if u.line == 2]


def test_a_prime_written_before_the_layer():
    row = r"$$\delta^{[l]}=\left(W^{[l+1]}\right)^T \delta^{[l+1]} \odot g^{\prime[l]}\left(z^{[l]}\right)$$"
    said, unread = statuses(row)
    assert said == ["correct"] and not unread
    said, _ = statuses(row.replace(r"\odot g^{\prime[l]}", r"\odot g^{[l]}"))
    assert said == ["wrong"]


def test_an_update_written_with_equals_is_judged_and_its_sign_is_checked():
    for rate in (r"\alpha", r"\eta"):
        row = rf"$$W^{{[l]}}=W^{{[l]}}-{rate} \frac{{\partial L}}{{\partial W^{{[l]}}}}$$"
        said, unread = statuses(row)
        assert said == ["correct", "correct"] and not unread, (rate, unread)
        said, _ = statuses(row.replace("}-", "}+", 1))
        assert said == ["wrong", "wrong"]


def test_an_equation_that_is_not_an_update_stays_an_equation():
    said, unread = statuses(r"$$W^{[l]}=W^{[l]}-\frac{\partial L}{\partial W^{[l]}}$$")  # no rate
    assert "correct" not in said


def test_a_layered_bias_is_a_vector_after_a_matrix_row_used_it_as_one():
    said, unread = statuses(r"$$b^{[l]}=b^{[l]}-\alpha \frac{\partial L}{\partial b^{[l]}}$$")
    assert said == ["correct", "correct"] and not unread
    d = derive(network("2-4-3", "tanh", "half_se"))
    update = r"$$b^{(l)}=b^{(l)}-\alpha \frac{\partial L}{\partial b^{(l)}}$$" + "\n"
    r = verify_text(d, r"$$z^{(l)}=W^{(l)}a^{(l-1)}+b^{(l)}$$" + "\n" + update)
    assert [v.status for v in r.verdicts if v.line == 2] == ["correct", "correct"]
    with pytest.raises(SympropError, match=r"b\^\{l\} names nothing"):  # no matrix row: one bias
        verify_text(d, update)


def test_max_with_zero_is_the_relu_in_a_matrix_row():
    d = derive(network("3-5-2", "relu", "half_se"))
    rows = FORWARD + r"$$a^{[l]} = \max(0, z^{[l]})$$" + "\n" + r"$$a^{[1]} = \max(z^{[2]}, 0)$$" + "\n"
    r = verify_text(d, rows)
    assert [v.status for v in r.verdicts if v.line == 2] == ["correct", "correct"]
    assert [v.status for v in r.verdicts if v.line == 3] == ["wrong"]


def test_a_number_in_a_vector_sum_is_added_to_every_entry():
    d = derive(network("2-3-2", "sigmoid", "half_se"))
    rows = (
        r"$$\delta^L = (a^L - y) \odot a^L \odot (1 - a^L)$$" + "\n"
        r"$$\delta^{l} = ((W^{l+1})^T \delta^{l+1}) \odot \sigma(z^l) \odot (1 - \sigma(z^l))$$" + "\n"
    )
    r = verify_text(d, rows)
    assert [v.status for v in r.verdicts] == ["correct", "correct"]
    slip = verify_text(d, rows.replace(r"\odot (1 - a^L)", r"\odot (1 + a^L)"))
    assert slip.verdicts[0].status == "wrong"
    assert slip.verdicts[0].fault is not None and slip.verdicts[0].fault.position >= 2
