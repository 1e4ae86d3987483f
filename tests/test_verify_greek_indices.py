r"""Greek index letters (verify/greek_indices.py): Marsland's `v_{\iota\zeta}`, `\delta_o(\kappa)`.
A Greek letter written only where an index stands is read as a free Latin letter, and every
message says it as the author wrote it. Documents of our own, in other Greek letters (ξ, ψ, ω as
units, γ as a layer's weights), on small networks."""

import pytest
from verdict_lines import by_line as lines

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.greek_indices import rename

D = derive(network("3-4-2", "sigmoid", "half_se"))
TEXT = (
    r"$$h_\psi = \sigma(\sum_{\xi} \gamma_{\psi\xi} x_\xi + c_\psi)$$" + "\n"
    r"$$o_\omega = \sigma(\sum_{\psi} B_{\omega\psi} h_\psi + e_\omega)$$" + "\n"
    r"$$\frac{\partial E}{\partial c_\psi} = h_\psi (1 - h_\psi) \sum_\omega B_{\omega\psi}"
    r" (o_\omega - y_\omega) o_\omega (1 - o_\omega)$$" + "\n"
    r"$$\frac{\partial E}{\partial \gamma_{\psi\xi}} = h_\psi (1 - h_\psi) x_\xi \sum_\omega B_{\omega\psi}"
    r" (o_\omega - y_\omega) o_\omega (1 - o_\omega)$$" + "\n"
)


def test_index_letters_are_renamed_in_place_and_names_are_not():
    text = r"h_\zeta = \sum_{\iota=0}^{L} x_\iota v_{\iota\zeta}, a_\zeta = g(\beta h_\zeta)"
    text += r", \delta_o(\kappa), \alpha_{m}"
    out = rename(text)
    assert len(out.text) == len(text)  # no position moves
    assert set(out.letters.values()) == {"zeta", "iota", "kappa"}  # not beta, alpha: names of their own
    assert r"\beta" in out.text and r"\alpha_{m}" in out.text and "\\" + "iota" not in out.text
    # a Greek letter written once as a name of its own is one everywhere: R(\theta), \theta_k
    assert rename(r"R(\theta) = \sum_k w_{\theta k}, \theta_k").letters == {}


def test_greek_units_and_greek_weights_are_read_and_said_as_written():
    assert lines(verify_text(D, TEXT)) == {k: {"correct"} for k in range(1, 5)}
    said = render_text(verify_text(D, TEXT))
    assert "for ψ=2, ξ=3: ∂L/∂W⁽¹⁾₂₃" in said and r"\gamma = W^{[1]}" in said
    assert not any(f"for {c}=" in said or f", {c}=" in said for c in "pqrsuvm")  # no substitute letter


def test_a_slip_is_named_at_its_factor_in_the_author_s_letters():
    slipped = TEXT.replace(r"(1 - h_\psi) x_\xi", r"x_\xi", 1)
    report = verify_text(D, slipped)
    assert lines(report)[4] == {"wrong"} and all(lines(report)[k] == {"correct"} for k in (1, 2, 3))
    wrong = [v for v in report.verdicts if v.status == "wrong"]
    assert {v.fault.position for v in wrong} == {1} and wrong[0].instance == "ψ=1, ξ=1"
    swapped = TEXT.replace(r"\sum_\omega B_{\omega\psi} (o", r"\sum_\omega B_{\psi\omega} (o", 1)
    assert lines(verify_text(D, swapped))[3] == {"wrong"}


def test_an_unknown_name_is_said_with_its_greek_letters():
    text = TEXT + r"$$\frac{\partial E}{\partial u_{\psi\xi}} = x_\xi$$" + "\n"
    reasons = [u.reason for u in verify_text(D, text).unchecked]
    assert reasons and all(r"u_{\psi\xi}" in r for r in reasons), reasons


def test_a_refused_document_without_greek_letters_is_said_as_before():
    with pytest.raises(SympropError, match=r"unknown name u_\{cd\}"):
        verify_text(D, r"$$\frac{\partial E}{\partial u_{cd}} = x_d$$" + "\n")
