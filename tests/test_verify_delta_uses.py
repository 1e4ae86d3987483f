"""A δ formula with no definition of δ, its letters read by their roles, takes its sign from the
document's uses of its δs: two or more updates or gradients written with them, all for one sign
and none against (δ_k = o_k(1 - o_k)(o_k - t_k), then ∂E/∂w_{jk} = o_j δ_k and ∂E/∂w_{ij} = o_i δ_j).
A formula with the other sign is then wrong at its difference; one use alone, or a δ written
otherwise (δ^{(2)}), says nothing of it (verify/reading_folds.spoken_for)."""

from __future__ import annotations

from tests.verdict_lines import factors_by_line, verify_layered

DOC = r"""
\[ E = \frac{1}{2}\sum_{k} (o_k - t_k)^2 \]
\[ \delta_k = o_k (1 - o_k) (o_k - t_k) \]
\[ \frac{\partial E}{\partial w_{jk}} = o_j \delta_k \]
\[ \delta_j = o_j (1 - o_j) \sum_{k} \delta_k w_{jk} \]
\[ \frac{\partial E}{\partial w_{ij}} = o_i \delta_j \]
"""


def _check(text):
    return factors_by_line(verify_layered("2-3-2", text, targets="t", weights="input-by-output"))


def test_the_right_document_is_correct():
    got = _check(DOC)
    assert all(got[n] == {("correct", None)} for n in (3, 4, 5, 6)), got


def test_a_swapped_difference_against_two_uses_is_named():
    got = _check(DOC.replace("(o_k - t_k) \\]\n\\[ \\frac", "(t_k - o_k) \\]\n\\[ \\frac", 1))
    assert got[3] == {("wrong", 2)}, got
    assert got[4] == {("correct", None)} and got[6] == {("correct", None)}, got


def test_one_use_alone_does_not_settle_the_sign():
    text = DOC.replace("(o_k - t_k) \\]\n\\[ \\frac", "(t_k - o_k) \\]\n\\[ \\frac", 1)
    text = text.split("\\[ \\delta_j")[0]  # the δ_k formula and one gradient with it
    got = _check(text)
    assert 3 not in got or ("correct", None) not in got[3], got


def test_uses_of_a_layered_delta_say_nothing_of_an_unlayered_formula():
    # a question's δ_k beside an answer's δ^{(2)}_k and δ^{(1)}_j: another writer's δ
    text = DOC.replace("(o_k - t_k) \\]\n\\[ \\frac", "(t_k - o_k) \\]\n\\[ \\frac", 1)
    text = text.replace("o_j \\delta_k \\]", "o_j \\delta^{(2)}_k \\]").replace(
        "o_i \\delta_j \\]", "o_i \\delta^{(1)}_j \\]"
    )
    got = _check(text)
    assert 3 not in got or ("correct", None) not in got[3], got
