"""A sum over the examples in words (`\\sum_{k \\in dataset}`, Buduma's and Hinton's weight change)
of one example's tagged terms, read on one example (verify/example_index.py)."""

from __future__ import annotations

from verdict_lines import by_line, verify_layered

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.example_index import blank, letters

HINTON = (
    r"$\frac{\partial E}{\partial y_j}=-(t_j-y_j)$" + "\n"
    r"$\Delta w_{ij}=-\sum_{k \in dataset} \epsilon y_i^{(k)}y_j^{(k)}(1-y_j^{(k)})"
    r"\frac{\partial E^{(k)}}{\partial y_j^{(k)}}$" + "\n"
)


def _said(text: str) -> dict:
    return by_line(verify_layered("1-1-1", text, targets="t", weights="input-by-output"))


def test_a_sum_over_the_dataset_in_words_binds_its_letter_to_the_examples():
    line = HINTON.splitlines()[1]
    assert "k" in letters(line)
    out = blank(line)
    assert len(out) == len(line) and "(k)" not in out and "\\sum" not in out
    assert out.split() == [r"$\Delta", r"w_{ij}=-", r"\epsilon", "y_i", "y_j", "(1-y_j", r")\frac{\partial",
                           "E", r"}{\partial", "y_j", "}$"]  # fmt: skip


def test_the_sum_stays_where_its_letter_is_written_outside_a_tag_or_the_cost_is_a_mean():
    kept = r"\Delta w_{ij} = -\sum_{k \in dataset} \epsilon x_k y_i^{(k)}"
    assert "\\sum_{k \\in dataset}" in blank(kept)  # x_k: the letter is read, not only a tag
    mean = "$$E = \\frac{1}{m} \\sum_{k \\in dataset} E^{(k)}$$\n" + HINTON.splitlines()[1]
    assert "\\sum_{k \\in dataset}" in blank(mean).splitlines()[1]  # a mean is not a sum of terms
    size = mean.replace("{m}", "{|D|}")
    assert "\\sum_{k \\in dataset}" in blank(size).splitlines()[1]  # 1/|D|: a mean all the same
    other = r"\sum_{j \in output} (t_j^{(k)} - y_j^{(k)})^2"
    assert blank(other) == other  # output: units, not examples; k bound to nothing


def test_the_weight_change_over_the_dataset_is_judged_on_one_example():
    said = _said(HINTON)
    assert said[1] == {"correct"} and said[2] == {"correct"}, said
    slip = HINTON.replace("(1-y_j^{(k)})", "(1+y_j^{(k)})")
    assert "wrong" in _said(slip)[2]


# ------------------------------------------------------------ the example as a subscript (ESL, Bishop)

ESL = (
    r"$$ R(\theta) = \sum_{i=1}^N R_i = \sum_{i=1}^N \sum_{k=1}^K (y_{ik} - f_k(x_i))^2 $$" + "\n"
    r"$$ \dfrac{\partial R_i}{\partial \alpha_{ml}} = s_{mi} x_{il} $$" + "\n"
    r"$$ \beta_{km}^{(r+1)} = \beta_{km}^{(r)} - \gamma_r \sum_{i=1}^N "
    r"\dfrac{\partial R_i}{\partial \beta_{km}^{(r)}} $$"
)
BISHOP = (
    r"$$ a_j = \sum_i w_{ji} z_i $$" + "\n"
    r"$$ \frac{\partial E_n}{\partial w_{ji}} = \delta_j z_i $$" + "\n"
    r"$$ \frac{\partial E}{\partial w_{ji}} = \sum_n \frac{\partial E_n}{\partial w_{ji}} $$" + "\n"
)


def test_a_loss_summed_over_its_one_index_names_the_examples_and_every_subscript_drops_it():
    from symbolic.verify.example_subscripts import blank, letters

    assert letters(ESL) == {"i"}
    out = blank(ESL)
    first, rest = out.split("\n", 1)
    assert first == ESL.split("\n", 1)[0]  # R = \sum_i R_i, the definition: left as written
    assert len(out) == len(ESL) and "_i" not in rest and "\\sum_{i" not in rest
    assert rest.splitlines()[0].split() == (
        ["$$", r"\dfrac{\partial", "R", r"}{\partial", r"\alpha_{ml}}", "=", "s_{m", "}", "x_{", "l}", "$$"]
    )
    assert letters(BISHOP) == {"n"} and "E_n" in blank(BISHOP)  # E_n a loss already: kept


def test_a_unit_letter_or_a_mean_is_not_an_example():
    from symbolic.verify.example_subscripts import blank, letters

    per_output = "$$E_j = \\frac{1}{2}(t_j - o_j)^2$$\n$$E = \\sum_j E_j$$\n"
    assert letters(per_output) == set()  # one output's error: no sum over the units in it
    below = "$$E = \\sum_j E_j$$\n$$\\frac{\\partial E_j}{\\partial o_j} = o_j - t_j$$\n"
    assert letters(below) == set()  # ∂o_j: a unit's letter
    mean = r"$$\frac{\partial E}{\partial w_{ji}} = \frac{1}{N} \sum_n \frac{\partial E_n}{\partial w_{ji}}$$"
    assert letters(mean) == set() and blank(mean) == mean  # a mean: not one example's term
    apart = "$$E = \\frac{\\sum_n E_n}{N}$$\n" + mean.replace(r"\frac{1}{N} ", "")
    assert letters(apart) == set()  # the mean defined on its own line, the sum written without it


def test_the_gradient_summed_over_the_examples_is_judged_on_one():
    d = derive(network("1-1-1", "tanh", "half_se", "identity", "layered"))
    said = {v.line: v.status for v in verify_text(d, BISHOP).verdicts}
    assert said == {1: "correct", 2: "correct", 3: "correct"}, said
    slip = BISHOP.replace(r"{\partial w_{ji}} $$" + "\n", r"{\partial w_{ji}} z_i $$" + "\n")
    assert {v.line: v.status for v in verify_text(d, slip).verdicts}[3] == "wrong"


def test_a_matrix_statement_with_an_unknown_name_is_said_not_checked_when_nothing_is_judged():
    import pytest

    from symbolic.verify.ditto import VerifyInputError

    d = derive(network("1-1-1", "tanh", "half_se", "identity", "layered"))
    text = r"$$ \dfrac{\partial R}{\partial \beta_{km}} = - 2(y_{k} - f_k(x)) g_k'(\beta_k^T z) z_{m} $$"
    with pytest.raises(VerifyInputError) as err:
        verify_text(d, text)
    assert [(u.line, u.reason.split(":")[0]) for u in err.value.unchecked] == [(1, "unknown name R")]
