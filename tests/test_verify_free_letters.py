r"""Weights and biases in letters of a layer's own, bound by the net input they define (found on
probes in notation of our own, not from the corpus): `u = v_1 h_1 + v_2 h_2 + c` with u the
output's net input and h_1, h_2 the hidden outputs was "unknown names c, v_1, v_2", because a
name in a letter symprop has no role for was only ever bound to a unit. v, c, α, β, γ are now
bound to whatever the form they unify with says (verify/unify.FREE_LETTERS); two readings of
different kinds are refused, as before.
"""

from __future__ import annotations

import pytest
from verdict_lines import by_line, factors_by_line, verify_layered

ROWS = r"""$h_1 = \sigma(w_{11} x_1 + w_{12} x_2 + b_1)$, $h_2 = \sigma(w_{21} x_1 + w_{22} x_2 + b_2)$,
$\hat{y} = \sigma(u)$ with $u = v_1 h_1 + v_2 h_2 + c$.
$$\frac{\partial L}{\partial v_1} = (\hat{y} - y) h_1$$
$$\frac{\partial L}{\partial c} = \hat{y} - y$$
$$\frac{\partial L}{\partial w_{21}} = (\hat{y} - y) V h_2 (1 - h_2) x_1$$
"""


def _report(v: str):
    return verify_layered("2-2-1", ROWS.replace("V", v), loss="bce")


def test_an_own_letter_is_bound_by_the_net_input_it_defines():
    said = by_line(_report("v_2"))
    assert said[2] == said[3] == {"correct"}
    assert said[4] == said[5] == {"correct"}


def test_a_slip_in_an_own_letter_is_named():
    assert factors_by_line(_report("v_1"))[5] == {("wrong", 2)}


@pytest.mark.parametrize("unknown", [r"g_1", r"g_2"])
def test_two_unknown_names_in_one_product_stay_unbound(unknown):
    # v_1 g_1: a weight times a unit, or a unit times a weight; nothing settles which
    text = ROWS.replace("v_1 h_1", f"v_1 {unknown}").replace("V", "v_2")
    assert "not checked" in by_line(verify_layered("2-2-1", text, loss="bce"))[3]
