r"""A generic statement whose instances were dropped for a name the network lacks, while the same
index values name units elsewhere in the instance: a slip in the indices, not a letter run past its
layer. Those instances are said not checked, never passed over (verify/dropped_instances.py).

Before: w^{l+1}_{jk} written for w^{l+1}_{kj} in a 2-3-1 network kept only the instance j = k = 1,
where the two are one weight, and the statement was called correct.
"""

import sys
from pathlib import Path

import pytest
from verdict_lines import by_line, verify_layered

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

import corpus  # noqa: E402

NIELSEN = r"""$$\delta^l_j = \sum_k w^{l+1}_{kj} \delta^{l+1}_k \sigma'(z^l_j)$$
$$\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j$$
"""


@pytest.mark.parametrize("arch", ["2-3-1", "2-3-2", "3-2-2-1", "1-4-2"])
def test_letters_run_past_a_layer_are_not_a_reason(arch):
    # j and k range up to the widest layer; at j = 3 of a two-unit layer every j-name is absent
    assert by_line(verify_layered(arch, NIELSEN)) == {1: {"correct"}, 2: {"correct"}}


def test_a_swapped_weight_inside_a_sum_is_not_called_correct_on_the_instance_left():
    report = verify_layered("2-3-1", NIELSEN.replace("w^{l+1}_{kj}", "w^{l+1}_{jk}"))
    assert by_line(report)[1] == {"correct", "not checked"}  # j = 1 is the same weight either way
    (note,) = [u for u in report.unchecked if u.line == 1]
    assert "w^{l+1}_{jk} (for any k) names nothing in the network" in note.reason
    assert "\\delta^{l}_{j} does" in note.reason


def test_a_swapped_weight_outside_a_sum_is_not_called_correct_either():
    output = r"$$\frac{\partial C}{\partial w^L_{jk}} = a^{L-1}_k \delta^L_j$$"
    assert by_line(verify_layered("2-3-1", output)) == {1: {"correct"}}
    report = verify_layered("2-3-1", output.replace("w^L_{jk}", "w^L_{kj}"))
    assert by_line(report) == {1: {"correct", "not checked"}}  # j = k = 1 alone is the same weight


def test_a_statement_with_a_wrong_instance_is_wrong_without_the_note():
    swapped = NIELSEN.replace(r"a^{l-1}_k \delta^l_j", r"a^{l-1}_j \delta^l_k")
    assert by_line(verify_layered("2-3-1", swapped))[2] == {"correct", "wrong"}


def test_brilliants_swapped_weight_on_the_network_it_was_first_read_as():
    # the blind round read Brilliant's page as 2-2-1: one hidden layer, one output unit
    meta = corpus.note("brilliant_backprop_wiki")
    meta = {**meta, "network": {**meta["network"], "net": "2-2-1"}}
    plant = next(p for p in meta["planted"] if "w_{lj}" in p["with"])
    out = corpus.run(
        "brilliant_backprop_wiki", corpus.planted_text("brilliant_backprop_wiki", meta, plant), meta
    )
    at = corpus.plant_index(meta, plant)
    assert out.said[at] == "not checked"
    assert "names nothing in the network" in out.reasons[at]
