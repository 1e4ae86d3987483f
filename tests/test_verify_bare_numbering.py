"""Documents checked bare (the network named, nothing else): a flat numbering of the weights
settled by the numbers the document binds (symbolic/verify/numbering.py), one bias per layer read
off b_<layer> (layer_bias.py), y as the output's net input beside \\hat{y} (net_input.py), units
numbered by one letter (h_1 defined: h_2), and a --at name the document writes but never settles
(its numbers not checked, the rest judged). Small documents on shapes other than the corpus's,
then the published files that must verify bare."""

import sys
from pathlib import Path

import pytest
import sympy as sp

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import bare, expected, note, run  # noqa: E402
from verdict_lines import last_by_line, verify_displays  # noqa: E402


def _inferred(report) -> dict[str, tuple[str, str]]:
    return {s.name: (str(s.value), s.how) for s in report.inferred}


OUT_DELTA = r"(out_{o2} - target_{o2}) * out_{o2}(1 - out_{o2})"


def test_mazur_numbering_on_3_2_2_runs_w_1_to_w_10_row_by_row_and_the_bias_is_the_layers():
    r = verify_displays(
        "3-2-2",
        [
            r"net_{h1} = w_1 * i_1 + w_2 * i_2 + w_3 * i_3 + b_1 * 1",
            r"net_{o1} = w_7 * out_{h1} + w_8 * out_{h2} + b_2 * 1",
            r"\frac{\partial E_{total}}{\partial w_{10}} = " + OUT_DELTA + " * out_{h2}",
            r"\frac{\partial E_{total}}{\partial w_{9}} = " + OUT_DELTA + " * out_{h2}",  # w_9: from h1
            r"\frac{\partial net_{h2}}{\partial w_6} = i_3",
            r"\frac{\partial net_{h2}}{\partial w_5} = i_1",  # w_5 multiplies i_2
            r"\frac{\partial E_{total}}{\partial b_2} = \delta_{o1} + \delta_{o2}",  # one bias, two paths
        ],
    )
    said = last_by_line(r)
    assert [said[n] for n in range(3, 8)] == ["correct", "wrong", "correct", "wrong", "correct"], said
    names = _inferred(r)
    assert names["w_10"] == ("W2_2_2", "numbering") and names["w_4"] == ("W1_2_1", "numbering")
    assert names["w_7"] == ("W2_1_1", "definition")
    assert r.derivation.spec.shared_bias  # b_2 in net_{o1}: the output layer's one bias
    assert names["b_2"] == ("b2", "layer bias") and names["b_1"] == ("b1", "layer bias")


def test_a_numbering_column_by_column_is_read_as_such():
    r = verify_displays(
        "2-2-2",
        [
            r"net_{h1} = w_1 * i_1 + w_3 * i_2",  # w_2 is then h2's weight from i1
            r"\frac{\partial net_{h2}}{\partial w_2} = i_1",
            r"\frac{\partial net_{h2}}{\partial w_4} = i_1",  # w_4: from i2
            r"\frac{\partial net_{o2}}{\partial w_6} = out_{h1}",  # w_6 = W2_2_1
        ],
    )
    said = last_by_line(r)
    assert [said[n] for n in (2, 3, 4)] == ["correct", "wrong", "correct"], said
    assert _inferred(r)["w_2"] == ("W1_2_1", "numbering by columns")
    assert not r.derivation.spec.shared_bias


def test_an_ambiguous_numbering_is_not_guessed():
    # w_5, w_6 are the output's weights by rows and by columns in 2-2-1 (layer 1 differs): w_2
    # stays unknown; in 2-2-2 only the rows put w_6 into o1: there w_2 is settled
    lines = [
        r"net_{o1} = w_5 * out_{h1} + w_6 * out_{h2} + b_3 * 1",
        r"\frac{\partial net_{h1}}{\partial w_2} = i_2",
        r"\frac{\partial net_{o1}}{\partial w_6} = out_{h2}",
    ]
    r = verify_displays("2-2-1", lines)
    assert last_by_line(r)[2] == "not checked" and last_by_line(r)[3] == "correct"
    (u,) = [u for u in r.unchecked if u.line == 2]
    assert "w_2" in u.reason
    assert "w_2" not in _inferred(r) and "w_1" not in _inferred(r)
    settled = verify_displays("2-2-2", lines)
    assert last_by_line(settled)[2] == "correct" and _inferred(settled)["w_2"] == ("W1_1_2", "numbering")


def test_a_numbering_no_order_fits_binds_nothing_more():
    # w_1, w_4 into h1: neither by rows (w_2) nor by columns (w_3); w_1, w_2 fit the rows only
    for second, settled in (("w_4", False), ("w_2", True)):
        r = verify_displays(
            "2-2-2",
            [
                rf"net_{{h1}} = w_1 * i_1 + {second} * i_2",
                r"\frac{\partial net_{o1}}{\partial w_5} = out_{h1}",
            ],
        )
        assert last_by_line(r)[2] == ("correct" if settled else "not checked"), second
        assert ("w_5" in _inferred(r)) == settled, second


def test_per_unit_biases_are_not_read_as_one_per_layer():
    # b_2 in net_{h2} numbers the units; b_2 in net_{o1} (the same shape otherwise) the layers
    for unit, shared in (("h2", False), ("o1", True)):
        inputs = "i_1 + w_4 * i_2" if unit == "h2" else "out_{h1} + w_6 * out_{h2}"
        first = "w_3" if unit == "h2" else "w_5"
        r = verify_displays(
            "2-2-2",
            [
                r"net_{h1} = w_1 * i_1 + w_2 * i_2 + b_1 * 1",
                rf"net_{{{unit}}} = {first} * {inputs} + b_2 * 1",
                r"\frac{\partial net_{h2}}{\partial w_4} = i_2",
            ],
        )
        assert r.derivation.spec.shared_bias == shared, unit
        assert any(s.how == "layer bias" for s in r.inferred) == shared, unit
        assert last_by_line(r)[3] == "correct", unit


def test_one_bias_written_in_two_units_of_a_layer_is_the_layers():
    r = verify_displays(
        "2-2-1",
        [
            r"net_{h1} = w_1 * i_1 + w_2 * i_2 + b_1 * 1",
            r"net_{h2} = w_3 * i_1 + w_4 * i_2 + b_1 * 1",
            r"\frac{\partial E_{total}}{\partial b_1} = \delta_{h1} + \delta_{h2}",
            r"\frac{\partial E_{total}}{\partial b_1} = \delta_{h1}",  # the path through h2 left out
        ],
    )
    assert r.derivation.spec.shared_bias
    said = last_by_line(r)
    assert (said[3], said[4]) == ("correct", "wrong"), said


HAT = [
    r"z1 = w1 * x1 + w2 * x2 + w3 * x3 + b1",
    r"h1 = \sigma(z1)",
    r"y1 = w7 * h1 + w8 * h2 + b2",
    r"\hat{y1} = \sigma(y1)",
    r"E = \frac{1}{2}(t1 - \hat{y1})^2",
    r"\frac{\partial E}{\partial w8} = (\hat{y1} - t1) \hat{y1}(1 - \hat{y1}) h2",
    r"\frac{\partial E}{\partial w7} = (\hat{y1} - t1) \hat{y1}(1 - \hat{y1}) h2",  # w7 multiplies h1
    r"\frac{\partial \hat{y1}}{\partial y1} = \hat{y1}(1 - \hat{y1})",
    r"\frac{\partial E}{\partial h2} = (\hat{y1} - t1) \hat{y1}(1 - \hat{y1}) w8",
]


def test_plain_names_with_y_the_net_input_beside_hat_y_on_3_2_1():
    r = verify_displays("3-2-1", HAT)
    said = last_by_line(r)
    assert [said[n] for n in (6, 7, 8, 9)] == ["correct", "wrong", "correct", "correct"], said
    names = _inferred(r)
    assert names["y_1"] == ("z2_1", "definition") and names["h_2"][0] == "a1_2"
    assert names["w_8"][0] == "W2_1_2" and names["w_5"] == ("W1_2_2", "numbering")
    assert r.derivation.spec.shared_bias


def test_a_point_name_the_document_writes_but_never_settles_leaves_only_its_numbers_unchecked():
    # 2-2-1 numbered ambiguously: w_1 is written, and --at gives it; the run still judges the rest
    lines = [
        r"net_{o1} = w_5 * out_{h1} + w_6 * out_{h2} + b_3 * 1",
        r"net_{h1} = w_1 * i_1 + 0.2 * i_2 + b_1 = 0.3775",
        r"\frac{\partial net_{o1}}{\partial w_6} = out_{h2}",
    ]
    point = {sp.Symbol(f"w_{k}"): 0.1 * k for k in (1, 5, 6)}
    r = verify_displays("2-2-1", lines, point=point)
    assert last_by_line(r)[3] == "correct"
    unsettled = [u for u in r.unchecked if "writes it but never says what it is" in u.fix]
    assert unsettled and all(u.fix.startswith("w_1 in the point") for u in unsettled)


def test_a_unit_numbered_like_a_defined_one_is_that_layers_unit():
    r = verify_displays(
        "2-2-1",
        [
            r"z1 = w1 * x1 + w2 * x2 + b1",
            r"h1 = \sigma(z1)",
            r"\frac{\partial h2}{\partial x1} = h2 (1 - h2) w3",  # h2 = a⁽¹⁾₂, w3 = W⁽¹⁾₂₁ (by rows)
            r"\frac{\partial h2}{\partial x2} = h2 (1 - h2) w3",  # w4 is the weight from x2
        ],
    )
    said = last_by_line(r)
    assert (said[3], said[4]) == ("correct", "wrong"), said
    assert _inferred(r)["h_2"] == ("a1_2", "sibling")


def test_a_closed_form_of_the_output_names_its_input_and_weights():
    inner = r"s(P w_1 + Q w_2 + 1)"
    r = verify_displays(
        "2-1-1",
        [
            r"s(x) = \frac{1}{1+e^{-x}}",
            r"O = s(" + inner + r" w_3 + 1)",
            r"\frac{\partial O}{\partial w_3} = O(1 - O) " + inner,
            r"\frac{\partial O}{\partial w_1} = O(1 - O) w_3 " + inner + r"(1 - " + inner + r") Q",  # P
        ],
    )
    said = last_by_line(r)
    assert (said[3], said[4]) == ("correct", "wrong"), said
    names = _inferred(r)
    assert names["O"] == ("a2_1", "definition") and names["w_3"] == ("W2_1_1", "definition")


KEEP = ("net", "activation", "loss", "output_activation")


def _strict(name: str, at: bool = True) -> tuple[list[str], list[str]]:
    """(what the verifier said, the truth) for a published file run as an outside checker runs
    it: the network named (net, activation, loss), no aliases, no convention options."""
    meta = bare(note(name))
    meta["network"] = {k: v for k, v in meta["network"].items() if k in KEEP}
    if not at:
        meta.pop("point", None)
    out = run(name, meta=meta)
    return out.said, [truth for _, truth in expected(meta)]


@pytest.mark.parametrize("name", ["mazur_backward", "melfm_numerical_example", "math_se_sigmoid_chain"])
def test_published_worked_examples_verify_strict_bare(name):
    said, truth = _strict(name)
    assert said == truth


def test_mazur_strict_bare_without_the_point_says_what_it_read():
    from corpus import text_of

    meta = bare(note("mazur_backward"))
    d = derive(network("2-2-2", "sigmoid", "half_se", None, "layered"))
    r = verify_text(d, text_of("mazur_backward", meta))
    names = _inferred(r)
    assert r.derivation.spec.shared_bias and names["b_2"] == ("b2", "layer bias")
    assert [names[f"w_{k}"] for k in (3, 4, 7, 8)] == [
        ("W1_2_1", "numbering"),
        ("W1_2_2", "numbering"),
        ("W2_2_1", "numbering"),
        ("W2_2_2", "numbering"),
    ]
    assert all(v.status == "correct" for v in r.verdicts) and len(r.verdicts) >= 28
