r"""Conventions a document says by itself, detected with the network alone (no --weights, no
--targets): the weights' orientation from a forward sum in its definition of a net input
(symbolic/verify/orientation.py), the target letter d or t (symbolic/verify/target_letters.py).
A silent document keeps the default, a contradictory one is settled by its other lines or names
no slip; an option the user gives always wins."""

import pytest

from symbolic.backprop import derive
from symbolic.latex import Statement
from symbolic.spec import network
from symbolic.verify import orientation, target_letters, verify_text
from symbolic.verify.read import read

# Hjorth-Jensen's definition: w_{ij}^l from unit i of layer l-1 to unit j of layer l
INPUT_BY_OUTPUT = r"""$$ z_j^l = \sum_i w_{ij}^l a_i^{l-1} + b_j^l $$
$$ \frac{\partial z_j^l}{\partial w_{ij}^l} = a_i^{l-1} $$
"""
# the same derivative beside symprop's own orientation (Haykin's v_j = \sum_i w_{ji} y_i)
OUTPUT_BY_INPUT = INPUT_BY_OUTPUT.replace("w_{ij}^l a_i", "w_{ji}^l a_i")
# a backward sum, \sum_k \delta_k w_{kj}: says nothing about the orientation
BACKWARD = r"$$ \delta_j^l = \sum_k \delta_k^{l+1} w_{kj}^{l+1} \sigma'(z_j^l) $$" + "\n"
# a second definition with the other orientation: the document contradicts itself
BOTH = INPUT_BY_OUTPUT + r"$$ z_k^{l+1} = \sum_j w_{kj}^{l+1} a_j^{l} + b_k^{l+1} $$" + "\n"


def _statements(text: str) -> list:
    return [s for s in read(text, "tex").statements if isinstance(s, Statement)]


def _said(d, text: str, conventions: dict | None = None) -> dict[int, set[str]]:
    r = verify_text(d, text, conventions=conventions)
    out: dict[int, set[str]] = {}
    for v in r.verdicts:
        out.setdefault(v.line, set()).add(v.status)
    for u in r.unchecked:
        out.setdefault(u.line, set()).add("not checked")
    return out


@pytest.fixture(scope="module")
def net232():
    return derive(network("2-3-2"))


def test_a_forward_sum_with_the_summed_index_first_says_input_by_output(net232):
    assert orientation.detected(_statements(INPUT_BY_OUTPUT)) == {"weights": "input-by-output"}
    assert _said(net232, INPUT_BY_OUTPUT) == {1: {"correct"}, 2: {"correct"}}


def test_the_backward_sum_after_it_is_judged_in_that_orientation(net232):
    """Hjorth-Jensen's published slip: \\sum_k \\delta_k w_{kj} under w_{ij} from i to j."""
    assert orientation.detected(_statements(BACKWARD)) == {}
    assert _said(net232, BACKWARD) == {1: {"correct"}}  # alone: symprop's own orientation
    assert _said(net232, INPUT_BY_OUTPUT + BACKWARD)[3] == {"wrong"}


def test_an_explicit_option_overrides_the_detected_orientation(net232):
    said = _said(net232, INPUT_BY_OUTPUT, {"weights": "output-by-input"})
    assert "wrong" in said[1] and "wrong" in said[2]


def test_symprops_own_orientation_is_read_so(net232):
    assert orientation.detected(_statements(OUTPUT_BY_INPUT)) == {"weights": "output-by-input"}
    # ∂z_j/∂w_{ij} = a_i is then read with w_{ij} into unit i: wrong for i != j
    assert "wrong" in _said(net232, OUTPUT_BY_INPUT)[2]


def test_a_contradictory_document_is_settled_by_its_other_lines(net232):
    """Two forward sums that disagree say nothing alone (a tie); the derivative by w_{ij} reads
    right only input-by-output, so the second sum is the slip (verify/orientation_votes.settle)."""
    assert orientation.detected(_statements(BOTH)) == {}
    said = _said(net232, BOTH)
    assert said[2] == {"correct"} and said[3] == {"wrong"}, said
    alone = BOTH.replace(INPUT_BY_OUTPUT.splitlines()[1] + "\n", "")  # the two sums alone: a true tie
    assert _said(net232, alone) == {1: {"not checked"}, 2: {"not checked"}}, _said(net232, alone)


# Rumelhart, Hinton and Williams: d_j the desired output, y_j the unit's output
DESIRED = r"""$$ x_j = \sum_i y_i w_{ji} $$
$$ y_j = \frac{1}{1+e^{-x_j}} $$
$$ E = \frac{1}{2}\sum_j (y_j - d_j)^2 $$
$$ \partial E/\partial y_j = y_j - d_j $$
$$ \partial E/\partial x_j = (y_j - d_j) y_j(1-y_j) $$
"""


def test_d_minus_y_with_y_defined_makes_d_the_target():
    d = derive(network("2-2-2"))
    assert target_letters.detected(_statements(DESIRED)) == {"targets": "d"}
    assert _said(d, DESIRED) == {k: {"correct"} for k in range(1, 6)}
    flipped = DESIRED.replace("y_j - d_j $$", "d_j - y_j $$")
    assert _said(d, flipped)[4] == {"wrong"}


@pytest.mark.parametrize(
    "text",
    [
        DESIRED.replace(r"$$ y_j = \frac{1}{1+e^{-x_j}} $$" + "\n", ""),  # y never defined
        DESIRED + "$$ d_j = 2 y_j $$\n",  # d a quantity the document defines
        DESIRED + r"$$ \partial E/\partial y_j = y_j - t_j $$" + "\n",  # t and d both beside y
    ],
    ids=["y-undefined", "d-defined", "t-and-d"],
)
def test_d_is_not_taken_for_the_target_when_the_document_does_not_say_it(text):
    assert target_letters.detected(_statements(text)) == {}
    assert "not checked" in _said(derive(network("2-2-2")), text)[4]  # d_j: an unknown name


def test_an_explicit_targets_option_overrides_the_detected_letter():
    said = _said(derive(network("2-2-2")), DESIRED, {"targets": "y"})
    assert said[4] == {"not checked"}


# Cross Validated 277203: t the target in the loss, no y anywhere
NO_Y = r"""$$ E = -\sum_j t_j \ln o_j $$
$$ o_j = \frac{e^{z_j}}{\sum_k e^{z_k}} $$
$$ \frac{\partial E}{\partial z_j} = o_j - t_j $$
"""


def test_t_in_the_loss_of_a_document_without_y_is_the_target():
    d = derive(network("2-3", "identity", "cce", "softmax"))
    assert target_letters.detected(_statements(NO_Y)) == {"targets": "t"}
    assert _said(d, NO_Y) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    assert _said(d, NO_Y.replace("= o_j - t_j", "= t_j - o_j"))[3] == {"wrong"}
    assert target_letters.detected(_statements(NO_Y + "$$ y = 2 $$\n")) == {}  # y written: not here
    over_time = (
        r"$$ E = \sum_t (o_t - r_t)^2 $$" + "\n" + r"$$ \frac{\partial E}{\partial o_t} = 2(o_t - r_t) $$"
    )
    assert target_letters.detected(_statements(over_time + "\n")) == {}  # t a sum's index: no target


# Cross Validated 235528: the classes a, b, c written as three letters of one sum
CLASSES = r"""$$ o_j = \frac{e^{z_j}}{\sum_k e^{z_k}} $$
$$ o_b = \frac{e^{z_b}}{e^{z_a}+e^{z_b}+e^{z_c}} $$
"""


def test_letters_a_sum_enumerates_name_different_units():
    d = derive(network("2-2-3", "sigmoid", "cce", "softmax"))
    r = verify_text(d, CLASSES)
    on_2 = [v for v in r.verdicts if v.line == 2]
    assert len(on_2) == 6 and all(v.status == "correct" for v in on_2)  # a, b, c: 3! orders
    assert _said(d, CLASSES.replace(r"\frac{e^{z_b}}{e^{z_a}", r"\frac{e^{z_a}}{e^{z_a}"))[2] == {"wrong"}


@pytest.mark.parametrize(
    "text",
    [
        r"$$ a^{(2)}_j = g\left(\sum_k W^{(2)}_{jk} a^{(1)}_k + b^{(2)}_j\right) $$",
        r"$$ a^{(2)}_1 = g(W^{(2)}_{11} a^{(1)}_1 + W^{(2)}_{12} a^{(1)}_2 + b^{(2)}_1) $$",
    ],
    ids=["sum", "terms"],
)
def test_a_generic_activation_of_a_hidden_layers_weighted_sum_is_of_that_z(text):
    """Wikipedia 2015's o_j = \\varphi(\\sum_k w_{kj} o_k), o_k the hidden layer's outputs."""
    assert _said(derive(network("2-2-1")), text + "\n") == {1: {"correct"}}


def test_a_function_written_without_its_argument_is_read_at_the_variable():
    """Wikipedia 2015's \\partial\\varphi/\\partial z = \\varphi(1-\\varphi): \\varphi(z) times (1 -
    \\varphi(z)), not \\varphi of 1 - \\varphi; a slip in it is named."""
    d = derive(network("2-2-1"))
    text = r"$$\frac {\partial\varphi}{\partial z} = \varphi(1-\varphi)$$" + "\n"
    assert _said(d, text) == {1: {"correct"}}
    assert _said(d, text.replace("(1-", "(1+")) == {1: {"wrong"}}


def test_the_verdict_says_which_convention_the_document_set_and_where(net232):
    from codegen.verdict import render_text

    said = render_text(verify_text(net232, INPUT_BY_OUTPUT))
    assert "w_{ij} from unit i to unit j (input-by-output, as line 1 defines a net input)" in said
    given = render_text(verify_text(net232, INPUT_BY_OUTPUT, conventions={"weights": "input-by-output"}))
    assert "as line 1 defines" not in given  # the option said it, not the document
    assert "d the target and y the output (line 3)" in render_text(
        verify_text(derive(network("2-2-2")), DESIRED)
    )
