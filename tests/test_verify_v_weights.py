"""A layer's weights written v (Zurada's and Fausett's hidden weights v_{ji}, beside w_{kj} above
them) are weights to the update reader too (signs.is_param_name): Δv_{ji} = -η ∂E/∂v_{ji} and
Δv_{ji} = η δ_{yj} z_i are updates, judged, where they were "not checked"."""

from __future__ import annotations

from tests.verdict_lines import factors_by_line, verify_layered

DOC = r"""
\[ o_k = f(net_k) \]
\[ net_k = \sum_{j} w_{kj} y_j \]
\[ y_j = f(net_j) \]
\[ net_j = \sum_{i} v_{ji} z_i \]
\[ E = \frac{1}{2} \sum_{k} (d_k - o_k)^2 \]
\[ \Delta v_{ji} = -\eta \frac{\partial E}{\partial v_{ji}} \]
\[ \Delta w_{kj} = -\eta \frac{\partial E}{\partial w_{kj}} \]
"""


def _check(text):
    return factors_by_line(verify_layered("2-3-2", text, targets="d"))


def test_an_update_of_v_is_judged():
    got = _check(DOC)
    assert got[7] == {("correct", None)} and got[8] == {("correct", None)}, got


def test_an_update_of_v_that_climbs_the_error_is_named():
    got = _check(DOC.replace(r"\Delta v_{ji} = -\eta", r"\Delta v_{ji} = \eta"))
    assert ("wrong", 1) in got[7] or any(s == "wrong" for s, _ in got[7]), got
    assert got[8] == {("correct", None)}, got
