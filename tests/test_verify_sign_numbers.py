"""δ's sign read from an update whose last side is numbers (`ΔW = η δ x = 0.5 × 0.0133 × 1 =
0.0066`): the sign comes from the last side that writes δ, not from the numbers
(symbolic/verify/signs._evidence)."""

from __future__ import annotations

from tests.verdict_lines import by_line, verify_layered

STEP = r"\[ \Delta W^{(1)}_{11} = SIGN \eta \delta^{(1)}_1 x_1 = 0.5 \times 0.0133 \times 1 = 0.0066 \]"


def _statuses(text):
    return by_line(verify_layered("2-2-1", text))


def test_an_added_step_says_delta_is_minus_the_derivative():
    got = _statuses(STEP.replace("SIGN ", ""))
    assert "correct" in got[1] and "wrong" not in got[1]


def test_a_subtracted_step_says_delta_is_the_derivative():
    got = _statuses(STEP.replace("SIGN", "-"))
    assert "correct" in got[1] and "wrong" not in got[1]


def test_a_step_against_the_documents_own_delta_is_still_wrong():
    # δ defined as +∂E/∂net on line 1, then added with +η: the step climbs the error
    text = r"\[ \delta^{(1)}_1 = \frac{\partial E}{\partial z^{(1)}_1} \]" + "\n" + STEP.replace("SIGN ", "")
    got = _statuses(text)
    assert "wrong" in got[2]
