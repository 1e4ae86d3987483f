r"""Planted mistakes named at their factor, on short derivations written for these tests (not the
corpus files where the gaps showed).

- A statement checked as a definition (its left side a chain written out, no single derivative)
  whose right side is several factors names the wrong one, not the side whole: the factors whose
  product is among the truth's are right (verify/definition_parts.py, judge.py).
"""

from tests.verdict_lines import factors_by_line, verify_layered

CHAIN = (
    r"\frac{\partial L}{\partial a^{(2)}_1} \frac{\partial a^{(2)}_1}{\partial z^{(2)}_1}"
    r" \frac{\partial z^{(2)}_1}{\partial W^{(2)}_{11}}"
)


def test_a_chain_written_out_names_the_wrong_factor_of_its_side():
    doc = (
        f"$${CHAIN} = a^{{(1)}}_1 \\left[(a^{{(2)}}_1 - y_1) a^{{(2)}}_1 (1 - a^{{(2)}}_1)\\right]$$\n"
        f"$${CHAIN} = a^{{(1)}}_1 \\left[(a^{{(2)}}_1 + y_1) a^{{(2)}}_1 (1 - a^{{(2)}}_1)\\right]$$\n"
        f"$${CHAIN} = a^{{(1)}}_2 \\left[(a^{{(2)}}_1 - y_1) a^{{(2)}}_1 (1 - a^{{(2)}}_1)\\right]$$\n"
    )
    said = factors_by_line(verify_layered("2-2-1", doc))
    assert said[1] == {("correct", None)}
    assert said[2] == {("wrong", 2)}  # the bracket, not a^{(1)}_1 (which is ∂z/∂W)
    assert said[3] == {("wrong", 1)}  # the input of another unit


# a sum whose body is bracketed, \sum_k (\delta_k W_{jk}): its factors counted one by one, as
# without the brackets (latex/expressions.py keeps the bracket's product in written order)
DELTAS = r"""$$\delta^{(2)}_k = \frac{\partial L}{\partial z^{(2)}_k}$$
$$\delta^{(1)}_j = \frac{\partial L}{\partial z^{(1)}_j}$$
$$\delta^{(1)}_j = a^{(1)}_j (1 - a^{(1)}_j) \sum_k (\delta^{(2)}_k W^{(2)}_{jk})$$
$$\delta^{(1)}_j = a^{(1)}_j (1 - a^{(1)}_j) \sum_k \delta^{(2)}_k W^{(2)}_{jk}$$
$$\delta^{(1)}_j = a^{(1)}_j (1 - a^{(1)}_j) \sum_k (\delta^{(2)}_k W^{(2)}_{kj})$$
$$\delta^{(1)}_j = a^{(1)}_j (1 - a^{(1)}_j) \sum_k (\delta^{(1)}_k W^{(2)}_{kj})$$
"""


def test_a_bracketed_sum_body_names_the_wrong_factor_inside_it():
    said = factors_by_line(verify_layered("2-2-2", DELTAS))
    assert said[5] == {("correct", None)}
    assert said[3] == {("wrong", 3)}  # the weight with its indices swapped, not the term whole
    assert said[4] == {("wrong", 3)}
    assert said[6] == {("wrong", 2)}  # the δ of the wrong layer


# an input in a letter no other name of the statement carries, x_k where x_i belongs: k ranges
# over the inputs like the statement's other letters, and the instances where it differs are wrong
INPUTS = r"""$$\delta^{(1)}_j = \frac{\partial L}{\partial z^{(1)}_j}$$
$$\frac{\partial L}{\partial W^{(1)}_{ji}} = \delta^{(1)}_j x_i$$
$$\frac{\partial L}{\partial W^{(1)}_{ji}} = \delta^{(1)}_j x_k$$
"""


def test_an_input_in_a_letter_of_its_own_is_named_where_it_differs():
    said = factors_by_line(verify_layered("2-2-1", INPUTS))
    assert said[2] == {("correct", None)}
    assert ("wrong", 2) in said[3] and "not checked" not in {s for s, _ in said[3]}
