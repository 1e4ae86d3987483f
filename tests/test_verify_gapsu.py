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


# The one output's net input in a letter of the document's own (verify/output_sum.py)
GRAPH = [
    r"a_j = \sum_i w_{ji} x_i",
    r"z_j = \frac{1}{1 + e^{-a_j}}",
    r"s = \sum_j v_j z_j",
    r"y = \frac{1}{1 + e^{-s}}",
    r"E = \frac{1}{2} (y - t)^2",
]


def test_the_one_outputs_net_input_in_a_letter_of_its_own_is_read_with_its_weights():
    r = verify_displays(
        "3-2-1",
        GRAPH
        + [
            r"\frac{\partial s}{\partial v_j} = z_j",
            r"\frac{\partial s}{\partial z_j} = v_j",
            r"\frac{\partial s}{\partial z_j} = w_{ji}",  # the hidden weight for the output's
            r"\frac{\partial E}{\partial v_j} = (y - t) y (1 - y) z_j",
            r"\frac{\partial E}{\partial v_j} = (y - t) z_j",  # σ' dropped
            r"\frac{\partial E}{\partial s} = (y - t) y (1 - y)",
        ],
    )
    said = by_line(r)
    assert [said[n] for n in range(3, 12)] == [{"correct"}] * 4 + [
        {"correct"},
        {"wrong"},
        {"correct"},
        {"wrong"},
        {"correct"},
    ], said


def test_a_bias_letter_for_the_outputs_net_input_and_an_update_of_its_weight():
    r = verify_displays(
        "2-3-1",
        GRAPH[:2]
        + [r"b = \sum_j \beta_j z_j", r"y = \frac{1}{1 + e^{-b}}", GRAPH[4]]
        + [
            r"\frac{d b}{d z_j} = \beta_j",
            r"\beta_j^{new} = \beta_j - \eta \frac{\partial E}{\partial \beta_j}",
            r"\beta_j^{new} = \beta_j + \eta \frac{\partial E}{\partial \beta_j}",  # climbs
        ],
    )
    said = by_line(r)
    assert said[3] == {"correct"} and said[6] == {"correct"} and said[7] == {"correct"}, said
    assert said[8] == {"wrong"}, said


def test_not_read_with_several_outputs_or_with_the_letter_k_already_written():
    two = verify_displays("3-2-2", GRAPH[:4] + [r"\frac{\partial s}{\partial v_j} = z_j"])
    assert by_line(two)[5] == {"not checked"}, by_line(two)
    with_k = verify_displays(
        "3-2-1",
        GRAPH[:4] + [r"\frac{\partial s}{\partial v_j} = z_j", r"\frac{\partial y_k}{\partial s} = y_k"],
    )
    assert by_line(with_k)[5] == {"not checked"}, by_line(with_k)


def test_a_bare_sum_no_line_applies_a_function_to_is_not_taken_for_the_net_input():
    # y = Σ_j v_j z_j may be a linear output itself: nothing says it is a pre-activation
    from symbolic.verify import output_sum
    from symbolic.verify.read import read

    text = "".join(
        f"$${x}$$\n" for x in [*GRAPH[:2], r"y = \sum_j v_j z_j", r"\frac{\partial y}{\partial v_j} = z_j"]
    )
    statements = list(read(text, "tex").statements)
    assert output_sum.apply(statements, 1) == statements
    graph = list(read("".join(f"$${x}$$\n" for x in GRAPH), "tex").statements)
    assert output_sum.apply(graph, 1) != graph


def test_a_layers_own_bias_letter_beside_weights_already_in_the_role_letters():
    # Kröse's s_k = Σ_j w_{jk} y_j + θ_k: the weight already w, the bias a letter of its own
    r = verify_displays(
        "3-2-2",
        [
            r"a_j = \sum_i w_{ji} x_i + b_j",
            r"z_j = \sigma(a_j)",
            r"a_k = \sum_j w_{kj} z_j + c_k",
            r"\frac{\partial a_k}{\partial c_k} = 1",
            r"\frac{\partial E}{\partial c_k} = (y_k - t_k) y_k (1 - y_k)",
            r"\frac{\partial E}{\partial c_k} = (y_k - t_k) z_j",
        ],
    )
    said = by_line(r)
    assert [said[n] for n in (3, 4, 5, 6)] == [{"correct"}, {"correct"}, {"correct"}, {"wrong"}], said


# An update from the step before: W(t) = W(t-1) - η ∂E/∂W (latex/iterations.py)
def test_an_update_tagged_with_the_step_and_the_one_before_it():
    r = verify_displays(
        "2-3-2",
        [
            r"\frac{\partial a^{(2)}_k}{\partial z^{(2)}_k} = a^{(2)}_k (1 - a^{(2)}_k)",
            r"W(t) = W(t-1) - \eta \frac{\partial E}{\partial W}",
            r"w^{(2)}_{12}(k) = w^{(2)}_{12}(k-1) + \eta \frac{\partial E}{\partial w^{(2)}_{12}}",  # climbs
            r"b^{(1)}_2(t-1) = b^{(1)}_2(t) - \eta \frac{\partial E}{\partial b^{(1)}_2}",  # steps backwards
        ],
    )
    said = by_line(r)
    assert said[2] == {"correct"} and said[3] == {"wrong"}, said
    assert said[4] == {"not checked"}, said


# The unit as a superscript where the layer is the subscript (latex/subscript_layers._entry)
MODULES = [
    r"Y_l = W_l X_{l-1}",
    r"\frac{\partial E}{\partial X_{l-1}} = W_l^T \frac{\partial E}{\partial Y_l}",
]


def test_entries_with_the_unit_as_superscript_beside_capital_vectors_with_layer_subscripts():
    r = verify_displays(
        "3-2-2",
        MODULES
        + [
            r"\frac{\partial E}{\partial w_l^{ij}} = x_{l-1}^{j} \frac{\partial E}{\partial y_l^i}",
            # the layer's own output for its input
            r"\frac{\partial E}{\partial w_l^{ij}} = x_{l}^{j} \frac{\partial E}{\partial y_l^i}",
            r"\frac{\partial E}{\partial y_l^i} = \sigma'(y_l^i) \frac{\partial E}{\partial x_l^i}",
            # the weight transposed
            r"\frac{\partial E}{\partial x_{l-1}^k} = \sum_i w_l^{ki} \frac{\partial E}{\partial y_l^i}",
        ],
    )
    said = by_line(r)
    assert [said[n] for n in (3, 4, 5, 6)] == [{"correct"}, {"wrong"}, {"correct"}, {"wrong"}], said


def test_a_superscript_entry_in_an_identity_of_the_activation():
    r = verify_displays("3-2-2", MODULES + [r"\frac{\partial x_l^i}{\partial y_l^i} = x_l^i (1 - x_l^i)"])
    assert by_line(r)[3] == {"correct"}, by_line(r)
