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
