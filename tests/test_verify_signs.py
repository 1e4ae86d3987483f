"""δ's sign as the document says it, update lines (\\leftarrow, :=, Δw), index arguments (n)
(verify/signs.py, verify/arguments.py): judged against the truth from the Derivation."""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("2-2-2", "sigmoid", "half_se"))
MINUS_DEF = r"\[ \delta_j = -\frac{\partial E}{\partial net_j} \]" + "\n"
OUT = r"\[ \delta_j = o_j(1-o_j)(t_j-o_j) \]" + "\n"  # j an output unit (t_j)
FLIPPED = r"\[ \delta_j = o_j(1-o_j)(o_j-t_j) \]" + "\n"
USE = r"\[ \frac{\partial E}{\partial w_{kj}} = o_j \delta_k \]" + "\n"


FORWARD = r"\[ o_j = \sigma(net_j) \]" + "\n"  # line 1: the letters o_j, net_j of any layer


def said(text: str, **conventions) -> list[tuple[int, str]]:
    """(line, verdict) of each statement after line 1, numbered from 1 (the text's own lines)."""
    r = verify_text(D, FORWARD + text, conventions={"targets": "t", **conventions})
    out = {(v.line, v.status) for v in r.verdicts} | {(u.line, "not checked") for u in r.unchecked}
    return sorted((line - 1, s) for line, s in out if line > 1)


def test_delta_defined_as_minus_the_gradient_is_judged_with_that_sign():
    assert said(MINUS_DEF + OUT) == [(1, "correct"), (2, "correct")]
    report = verify_text(D, FORWARD + MINUS_DEF + FLIPPED, conventions={"targets": "t"})
    wrong = [v for v in report.verdicts if v.line == 3]
    assert wrong and all(v.status == "wrong" and "sign wrong" in v.fault.text for v in wrong)


def test_a_delta_whose_sign_the_document_does_not_say_is_never_silently_accepted():
    # read as δ = ∂E/∂net, and every verdict says so; the other sign is named as the ambiguity
    plus = verify_text(D, FORWARD + FLIPPED, conventions={"targets": "t"})
    assert {v.status for v in plus.verdicts if v.line == 2} == {"correct"}
    assert all("does not say" in n.text for v in plus.verdicts if v.line == 2 for n in v.notes)
    assert all(v.notes for v in plus.verdicts if v.line == 2)
    minus = verify_text(D, FORWARD + OUT, conventions={"targets": "t"})
    faults = [v.fault for v in minus.verdicts if v.line == 2]
    # o_j(1-o_j) one factor (verify/glued_factors.py): the sign on (t_j - o_j), factor 2
    assert faults and all("does not say" in f.text and f.position == 2 for f in faults)
    assert said(OUT, delta="minus") == [(1, "correct")]
    assert said(FLIPPED, delta="plus") == [(1, "correct")]
    assert said(OUT, delta="plus") == [(1, "wrong")]
    assert said(FLIPPED, delta="minus") == [(1, "wrong")]


def test_the_gradient_written_with_delta_shows_the_convention():
    assert said(FLIPPED + USE) == [(1, "correct"), (2, "correct")]
    # δ written as -∂E/∂net against a gradient written with +δ: one of the two holds the slip,
    # and the text does not say which (verify/sign_votes.py): neither is judged, each names the other
    r = verify_text(D, FORWARD + OUT + USE, conventions={"targets": "t"})
    assert not [v for v in r.verdicts if v.line > 1]
    assert {(u.line, u.reason.split(";")[0]) for u in r.unchecked} == {
        (2, "δ's sign: this line reads δ = -∂E/∂net, line 3 reads δ = ∂E/∂net"),
        (3, "δ's sign: this line reads δ = ∂E/∂net, line 2 reads δ = -∂E/∂net"),
    }


def test_update_lines_with_leftarrow_and_delta_w():
    update = (
        r"\[ w_{kj} \leftarrow w_{kj} + \Delta w_{kj} \]"
        + "\n"
        + r"\[ \Delta w_{kj} = \eta \delta_k o_j \]"
        + "\n"
    )
    assert said(MINUS_DEF + update) == [(1, "correct"), (2, "correct"), (3, "correct")]
    ascent = update.replace(r"\eta \delta_k", r"-\eta \delta_k")
    report = verify_text(D, FORWARD + MINUS_DEF + ascent, conventions={"targets": "t"})
    wrong = [v for v in report.verdicts if v.line == 4]
    assert wrong and all(v.status == "wrong" and "climbs the error" in v.fault.text for v in wrong)
    # without δ's definition, the update itself says δ = -∂E/∂net
    assert said(update + OUT) == [(1, "correct"), (2, "correct"), (3, "correct")]


def test_time_index_arguments_are_indices_not_calls():
    text = (
        r"\[ y_j(n) = \varphi_j(v_j(n)) \]" + "\n"
        r"\[ \frac{\partial \mathcal{E}(n)}{\partial v_j(n)} = (y_j(n) - d_j(n)) \varphi_j'(v_j(n)) \]" + "\n"
    )
    r = verify_text(D, text, conventions={"targets": "d"})
    assert not r.unchecked and {v.line for v in r.verdicts} == {1, 2}
    assert all(v.status == "correct" for v in r.verdicts)


def test_only_arguments_that_are_indices_are_blanked():
    from symbolic.verify.arguments import blank

    haykin = r"\[ e_j(n) = d_j(n) - y_j(n) \] \[ \mathcal{E}(n) = e_j^2(n) \]"
    assert blank(haykin) == r"\[ e_j    = d_j    - y_j    \] \[ \mathcal{E}    = e_j^2    \]"
    calls = r"\[ \sigma'(t) = \sigma(t)(1-\sigma(t)) \] \[ f(t) = g(t) + h(t) \]"
    assert blank(calls) == calls  # functions keep their argument
    pdp = r"\[ \Delta_p w_{ji} = \eta \delta_{pj} o_{pi} \] \[ E_p = (t_{pj} - o_{pj})^2 \]"
    assert blank(pdp) == r"\[ \Delta   w_{ji} = \eta \delta_{j}  o_{i}  \] \[ E_p = (t_{j}  - o_{j} )^2 \]"


def test_a_unicode_arrow_update_with_alpha_is_an_update_not_an_unknown_name():
    # ← pasted from a code block, α the rate: read like \leftarrow with \eta (was 'unknown name α')
    update = "\\[ w_{kj} ← w_{kj} + \\Delta w_{kj} \\]\n" + r"\[ \Delta w_{kj} = α \delta_k o_j \]" + "\n"
    assert said(MINUS_DEF + update) == [(1, "correct"), (2, "correct"), (3, "correct")]
