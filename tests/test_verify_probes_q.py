r"""Cross-probes written for symprop (not from the corpus): notations merged this round combined in
one document, each a false verdict fixed by a general rule.
"""

from __future__ import annotations

from verdict_lines import by_line, verify_layered

# Bishop's hidden layer with tanh written out (no h): z_j = tanh(a_j) bound z_j and a_j to unit 1
# of the hidden layer ('units in the document's order'), and then called the right line wrong
# for j = 1 and j = 2 (wrote tanh(z2_j), expected tanh(z1_1))
TANH_LETTERS = r"""\[ a_j = \sum_i w_{ji} x_i + b_j \]
\[ z_j = \tanh(a_j) \]
"""


def test_a_name_in_an_index_letter_is_never_bound_to_the_first_unit():
    said = by_line(verify_layered("2-3-2", TANH_LETTERS, "tanh", output="identity"))
    assert "wrong" not in set().union(*said.values())
    assert said[2] == {"not checked"}


def test_a_unit_numbered_name_still_binds_in_the_documents_order():
    # H_4, H_5 in a layer named nowhere else: still bound in the document's order (units are
    # relabelled with their weights), so a slip in their definition is still judged
    text = r"""\[ Out = \sigma(H_4 W_{13} + H_5 W_{14} + b) \]
\[ \frac{\partial Out}{\partial W_{13}} = Out (1 - Out) H_4 \]
"""
    assert by_line(verify_layered("2-2-1", text))[2] == {"correct"}
    slip = text.replace("(1 - Out) H_4", "(1 - Out) H_5")
    assert by_line(verify_layered("2-2-1", slip))[2] == {"wrong"}
