r"""Planted slips that leave a name's meaning open, run with the network alone: not checked, with the
reason, never a guess (the two corpus plants, and variants in other letters and sizes).

- Mazur's net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_1 (b_2 planted away): b_1 then stands in the
  hidden unit's definition (line 25) and in the output's (line 10), one each. Read per layer (b_1 the
  hidden layer's, as its index says) line 10 is wrong; read per unit in each layer (b_1 the bias of
  unit 1 of the layer it is in, a common layer-less naming) both lines are right. Nothing else in
  the formulas tells the two apart (b_2 no longer appears; only the point's values and the numbers
  would), so b_1 is bound to neither, said 'defined two ways' on both lines.
- melfm's z1 = w1 * x2 + w2 * x2 + b1: the plant is on the one definition that binds w1, w2, z1
  (everything else, h1, w5, w6, is bound through it), and its two terms are alike: either weight
  may be x2's, the other the slip; only a guess at the numbering (w1 before w2) would choose.
"""

import sys
from pathlib import Path

import pytest

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import network_only, note, plant_index, planted_text, run  # noqa: E402


@pytest.mark.parametrize(
    "name,k,why",
    [
        ("mazur_backward", 4, "b_1 is defined two ways"),
        ("melfm_numerical_example", 0, "unknown names w_1, w_2"),
    ],
)
def test_the_corpus_plant_is_not_checked_with_its_reason(name, k, why):
    meta = network_only(note(name))
    plant = meta["planted"][k]
    out = run(name, planted_text(name, meta, plant), meta)
    index = plant_index(meta, plant)
    assert out.said[index] == "not checked" and why in out.reasons[index], out.reasons[index]


def _lines(doc: str, net: str) -> dict[int, set[str]]:
    d = derive(network(net, "sigmoid", "half_se"))
    try:
        report = verify_text(d, "% a document\n" + doc)
        verdicts, unchecked = report.verdicts, report.unchecked
    except SympropError as err:
        verdicts, unchecked = [], list(getattr(err, "unchecked", []))
    out: dict[int, set[str]] = {}
    for v in verdicts:
        out.setdefault(v.line, set()).add(v.status)
    for u in unchecked:
        out.setdefault(u.line, set()).add("not checked: " + u.reason)
    return out


# a 3-2-1 network in Mazur's style, other numbers: one bias name in two layers' definitions
TWO_LAYERS = r"""$$net_{h1} = w_1 * i_1 + w_2 * i_2 + w_3 * i_3 + b_1 * 1$$
$$net_{o1} = w_7 * out_{h1} + w_8 * out_{h2} + b_1 * 1$$
$$\frac{\partial net_{o1}}{\partial w_7} = out_{h1}$$
"""


def test_one_bias_name_in_two_layers_is_bound_to_neither():
    said = _lines(TWO_LAYERS, "3-2-1")
    for line in (2, 3):
        assert all(s.startswith("not checked") for s in said[line]), said[line]
        assert any("b_1 is defined two ways" in s for s in said[line]), said[line]


def test_the_same_bias_name_in_one_layer_alone_is_read():
    said = _lines(TWO_LAYERS.replace("b_1 * 1$$\n$$\\frac", "b_2 * 1$$\n$$\\frac"), "3-2-1")
    assert said[2] == {"correct"} and said[3] == {"correct"}  # the control: b_1, b_2 one per layer


# melfm's shape in other sizes: the one anchoring definition with both weights on one input
ANCHOR = r"""$$h1 = \sigma(u1)$$
$$u1 = w1 * x1 + w2 * x2 + w3 * x3 + b1$$
$$\frac{\partial u1}{\partial w2} = x2$$
"""


def test_both_weights_on_one_input_binds_nothing():
    good = _lines(ANCHOR, "3-2-1")
    assert good[3] == {"correct"}
    said = _lines(ANCHOR.replace("w1 * x1", "w1 * x2"), "3-2-1")
    assert not any(s in ("correct", "wrong") for s in said[3]), said[3]  # never a guess
