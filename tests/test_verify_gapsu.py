"""Notations of the corpus's least-read files, each on short derivations of our own.

A layer's bias written bare beside the same letter per unit (`b^{(L)}` beside `b^{(L)}_j`,
latex/unit_biases.py): the bare one is the layer's bias vector, in a row naming no unit's entry.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from verdict_lines import by_line, verify_displays  # noqa: E402

PER_UNIT = [
    r"\frac{\partial E}{\partial b^{(2)}_k} = (a^{(2)}_k - y_k) a^{(2)}_k (1 - a^{(2)}_k)",
]


def test_a_bare_layered_bias_beside_its_entries_is_the_layers_vector_in_an_update():
    r = verify_displays(
        "3-2-2",
        PER_UNIT
        + [
            r"b^{(2)} = b^{(2)} - \alpha \frac{\partial E}{\partial b^{(2)}}",
            r"b^{(1)} = b^{(1)} - \alpha \cdot \frac{\partial E}{\partial b^{(1)}}",
            r"b^{(2)} = b^{(2)} + \alpha \frac{\partial E}{\partial b^{(2)}}",  # climbs the error
            r"b^{(1)} = b^{(1)} - \alpha \frac{\partial E}{\partial b^{(2)}}",  # the other layer's
        ],
    )
    said = by_line(r)
    assert said[1] == {"correct"}, said
    assert said[2] == {"correct"} and said[3] == {"correct"}, said
    assert said[4] == {"wrong"} and said[5] == {"wrong"}, said


def test_the_same_reading_in_brackets_and_with_the_unit_index_first():
    r = verify_displays(
        "2-3-1",
        [
            r"\frac{\partial L}{\partial b_j^{[1]}} = \frac{\partial L}{\partial z_j^{[1]}}",
            r"b^{[1]} = b^{[1]} - \eta \frac{\partial L}{\partial b^{[1]}}",
        ],
    )
    assert by_line(r)[2] == {"correct"}, by_line(r)


def test_a_row_mixing_the_bare_bias_with_one_units_entries_is_not_read_as_the_vector():
    # which entry b^{(1)} stands for is not said: never judged by its shape
    r = verify_displays(
        "2-3-2",
        PER_UNIT
        + [
            r"\frac{\partial E}{\partial b^{(1)}} = \sum_k \frac{\partial E}{\partial z^{(2)}_k} "
            r"W^{(2)}_{kj} a^{(1)}_j (1 - a^{(1)}_j)",
            r"b^{(2)} = b^{(2)} - \eta \frac{\partial E}{\partial b^{(2)}}",
        ],
    )
    said = by_line(r)
    assert said[2] == {"not checked"} and said[3] == {"correct"}, said


def test_a_bare_layered_bias_alone_stays_the_one_bias_of_its_layer():
    # no b^{(2)}_k anywhere: symprop's own reading (one shared bias, --shared-bias) is kept
    r = verify_displays(
        "3-2-2",
        [
            r"\frac{\partial a^{(2)}_k}{\partial z^{(2)}_k} = a^{(2)}_k (1 - a^{(2)}_k)",
            r"b^{(2)} = b^{(2)} - \alpha \frac{\partial E}{\partial b^{(2)}}",
        ],
    )
    assert by_line(r)[2] == {"not checked"}, by_line(r)
