"""One entry of a matrix-vector product written as the product in parentheses with the entry's
index after it, `((W^{l+1})^T \\delta^{l+1})_j` (Higham & Higham's proof of Lemma 5.1), read as
the sum it is (latex/product_entries.py). Before: 'unexpected _ in a matrix statement', not read.
Documents of our own, in other letters and sizes.
"""

from __future__ import annotations

from codegen.verdict import render_text
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text


def _said(net: str, text: str) -> tuple[list[str], str]:
    try:
        report = verify_text(derive(network(net)), text + "\n")
    except SympropError as err:  # nothing in the document could be read
        return ["not checked"], str(err)
    return [v.status for v in report.verdicts], render_text(report)


def test_the_entry_of_a_transposed_product_is_its_sum():
    right = r"$$\delta^{(2)}_k = \sigma'(z^{(2)}_k) \left( (W^{(3)})^T \delta^{(3)} \right)_k$$"
    statuses, text = _said("2-3-2", right)  # counted from the input: layer 2 hidden, 3 the output
    assert statuses and set(statuses) == {"correct"}, text
    statuses, text = _said("2-3-2", right.replace("(W^{(3)})^T", "W^{(3)}"))
    assert "wrong" in statuses, text


def test_the_entry_of_a_plain_product_is_its_sum():
    # W^{(3)} is 2x3: (W^{(3)} a^{(2)})_i is output i's weighted input less its bias
    right = r"$$z^{(3)}_i = (W^{(3)} a^{(2)})_i + b^{(3)}_i$$"
    statuses, text = _said("2-3-2", right)
    assert statuses and set(statuses) == {"correct"}, text
    statuses, text = _said("2-3-2", right.replace("a^{(2)})_i", "a^{(3)})_i"))
    assert "correct" not in statuses, text


def test_another_shape_is_left_as_written():
    sums = r"$$\delta^{(2)}_k = \sigma'(z^{(2)}_k) \left( W^{(3)} a^{(2)} + b^{(3)} \right)_k$$"
    statuses, text = _said("2-3-2", sums)
    assert "correct" not in statuses, text
