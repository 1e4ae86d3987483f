"""A sum over the examples in words (`\\sum_{k \\in dataset}`, Buduma's and Hinton's weight change)
of one example's tagged terms, read on one example (verify/example_index.py)."""

from __future__ import annotations

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
    d = derive(network("1-1-1", "sigmoid", "half_se", None, "layered"))
    report = verify_text(d, text, conventions={"targets": "t", "weights": "input-by-output"})
    out: dict = {}
    for v in report.verdicts:
        out.setdefault(v.line, set()).add(v.status)
    for u in report.unchecked:
        out.setdefault(u.line, set()).add("not checked")
    return out


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
    other = r"\sum_{j \in output} (t_j^{(k)} - y_j^{(k)})^2"
    assert blank(other) == other  # output: units, not examples; k bound to nothing


def test_the_weight_change_over_the_dataset_is_judged_on_one_example():
    said = _said(HINTON)
    assert said[1] == {"correct"} and said[2] == {"correct"}, said
    slip = HINTON.replace("(1-y_j^{(k)})", "(1+y_j^{(k)})")
    assert "wrong" in _said(slip)[2]
