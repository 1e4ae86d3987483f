r"""Worked examples in batch capitals with one example (X = A^{[0]} = a column of numbers):
the input given under two names is a value of the point (verify/given_aliases.py); its capitals
are that example's vectors, so δ^{[2]} (A^{[1]})^T mixes nothing (verify/one_example.py); a
function's value written as a number (g'(Z) = [1; 0]) is a claim at the point, never an identity
judged at random points (written_numbers.py); 'z_1 = 0.1, z_2 = -0.2' is two statements
(latex/comma_lists.py)."""

from __future__ import annotations

from symbolic.backprop import derive
from symbolic.latex.comma_lists import plain_commas
from symbolic.spec import network
from symbolic.verify import verify_text

# 3 inputs, 2 ReLU units, 2 sigmoid outputs: Z^{[1]} = (0.1, -0.2), so ReLU' = (1, 0)
GIVEN = "\n".join(
    [
        r"$X = A^{[0]} = \begin{bmatrix} 1 \\ -1 \\ 2 \end{bmatrix}$",
        r"$W^{[1]} = \begin{bmatrix} 0.5 & 0.1 & -0.2 \\ -0.3 & 0.2 & 0.4 \end{bmatrix}$, "
        r"$b^{[1]} = \begin{bmatrix} 0.1 \\ -0.5 \end{bmatrix}$",
        r"$W^{[2]} = \begin{bmatrix} 0.3 & -0.6 \\ 0.2 & 0.1 \end{bmatrix}$, "
        r"$b^{[2]} = \begin{bmatrix} 0 \\ 0.2 \end{bmatrix}$",
        r"$Y = \begin{bmatrix} 1 \\ 0 \end{bmatrix}$",
        "",
    ]
)


def run(body: str, given: str = GIVEN):
    d = derive(network("3-2-2", "relu", "bce", "sigmoid"))
    return verify_text(d, given + body)


def statuses(report, line: int) -> set[str]:
    out = {v.status for v in report.verdicts if v.line == line}
    out |= {"correct" if n.correct else "wrong" for n in report.numbers if n.claim.line == line}
    out |= {"not checked" for u in report.unchecked if u.line == line}
    return out


def test_an_input_given_under_two_names_is_a_value_of_the_point():
    r = run("$Z^{[1]} = W^{[1]}A^{[0]} + b^{[1]} = \\begin{bmatrix} 0.1 \\\\ -0.2 \\end{bmatrix}$\n")
    assert {str(g.symbol) for g in r.given} >= {"x1", "x2", "x3"}
    assert statuses(r, 1) == set()  # the given line is no statement to judge
    assert statuses(r, 5) == {"correct"}
    slip = run("$Z^{[1]} = W^{[1]}A^{[0]} + b^{[1]} = \\begin{bmatrix} 0.1 \\\\ -0.9 \\end{bmatrix}$\n")
    assert statuses(slip, 5) == {"correct", "wrong"}  # the formula right, the number wrong


def test_a_side_naming_another_quantity_keeps_the_line_a_claim():
    r = run("", given=GIVEN.replace("$X = A^{[0]} =", "$X = A^{[1]} ="))
    assert not {str(g.symbol) for g in r.given} & {"x1", "x2", "x3"}


def test_a_step_function_written_as_numbers_is_checked_at_the_point():
    r = run("$g'^{[1]}(Z^{[1]}) = \\begin{bmatrix} 1 \\\\ 0 \\end{bmatrix}$\n")
    assert statuses(r, 5) == {"correct"}
    slip = run("$g'^{[1]}(Z^{[1]}) = \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix}$\n")
    assert "wrong" in statuses(slip, 5)


def test_without_the_point_a_step_function_as_numbers_is_not_checked_never_wrong():
    d = derive(network("2-3-1", "relu", "half_se"))
    r = verify_text(
        d,
        "$$z^{[1]} = W^{[1]} x + b^{[1]}$$\n"
        "$g'^{[1]}(z^{[1]}) = \\begin{bmatrix} 1 \\\\ 0 \\\\ 1 \\end{bmatrix}$\n",
    )
    assert statuses(r, 2) == {"not checked"}


def test_one_example_in_capitals_is_not_a_batch():
    body = "$\\delta^{[2]} = A^{[2]} - Y$\n"
    body += "$\\frac{\\partial J}{\\partial W^{[2]}} = \\delta^{[2]} (A^{[1]})^T$\n"
    r = run(body)
    assert statuses(r, 6) == {"correct"}
    slip = run(body.replace("(A^{[1]})^T", "(A^{[0]})^T"))
    assert statuses(slip, 6) == {"wrong"}
    wrong = [v for v in slip.verdicts if v.line == 6][0]
    assert wrong.fault is not None and wrong.fault.position == 2
    # a batch of two examples (X with two columns): the batch half stays, δ beside A is mixed
    batch = GIVEN.replace(r"1 \\ -1 \\ 2 \end{bmatrix}$", r"1 & 0 \\ -1 & 1 \\ 2 & 0 \end{bmatrix}$")
    two = run(body, given=batch)
    assert statuses(two, 6) == {"not checked"}
    # X itself, two examples written out: not checked (symprop reads one example), never wrong
    assert statuses(two, 1) == {"not checked"} and any("batch of 2" in u.reason for u in two.unchecked)


def test_values_listed_with_a_comma_are_two_statements():
    r = run("$Z^{[1]}_1 = 0.1, Z^{[1]}_2 = -0.2$\n")
    assert [n.correct for n in r.numbers if n.claim.line == 5] == [True, True]
    r = run("$Z^{[1]}_1 = 0.1, Z^{[1]}_2 = 0.2$\n")
    assert [n.correct for n in r.numbers if n.claim.line == 5] == [True, False]


def test_only_top_level_commas_part_statements():
    text = r"L(y, \hat{y}) = [0.5, 0.2], a = 2, \quad b = 1"
    cuts = plain_commas(text, 0, len(text))
    assert [text[a:b] for a, b in cuts] == [","] and text[: cuts[0][0]].endswith("0.2]")
