r"""Unlayered index letters read per statement by the roles the statement gives them
(verify/letter_readings.py): \delta_j beside a target t_j is an output unit's, \sum_k w_{kj}
\delta_k puts k in the layer above j, and the same letter may change layer from line to line.
One reading is judged and said; several that agree are judged; several that disagree are not
checked with both named. Derivations written here in Mitchell's, Bishop's and Wikipedia's letters
on 2-3-2, 3-4-2 and 2-3-3-2 networks; the truth of the hidden recursion is checked apart, by
finite differences on a NumPy network.
"""

import numpy as np
import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.ditto import VerifyInputError


def run(arch, text, act="sigmoid", out=None, **conventions):
    d = derive(network(arch, act, "half_se", out, "layered"))
    return verify_text(d, "% written for the test\n" + text + "\n", conventions=conventions)


def by_line(report):
    """line -> (statuses, fault positions, readings said) of its verdicts; and its reasons."""
    out = {}
    for v in report.verdicts:
        statuses, faults, readings = out.setdefault(v.line, (set(), set(), set()))
        statuses.add(v.status)
        faults.add(v.fault.position if v.fault else None)
        readings.add(v.instance.partition("; ")[0])
    return out


def reasons(report, line):
    return [u.reason for u in report.unchecked if u.line == line]


# Wikipedia's letters on 3-4-2: a forward sum says z is the net input, a the activation and the
# weights' way (w_{jk} into j from k); j is an output unit on line 3, a hidden unit on line 4
NIELSEN_LETTERS = r"""$$z_j = \sum_k w_{jk} a_k + b_j$$
$$\delta_j = (a_j - t_j) \sigma'(z_j)$$
$$\delta_j = \sigma'(z_j) \sum_k w_{kj} \delta_k$$
$$\frac{\partial E}{\partial w_{jk}} = \delta_j a_k$$
$$\frac{\partial E}{\partial b_j} = \delta_j$$"""


def test_each_line_reads_its_letters_by_its_own_roles():
    r = run("3-4-2", NIELSEN_LETTERS, targets="t")
    lines = by_line(r)
    assert not r.unchecked and r.exit_code == 0
    assert lines[3] == ({"correct"}, {None}, {"read with j an output unit"})
    assert lines[4] == ({"correct"}, {None}, {"read with j a hidden unit, k an output unit"})
    # the weight's gradient holds for both layers it can be of: both readings judged, both said
    assert lines[5][0] == {"correct"} and lines[5][2] == {
        "read with j a hidden unit, k an input",
        "read with j an output unit, k a hidden unit",
    }
    assert sum(v.line == 4 for v in r.verdicts) == 4  # one per hidden unit j of the 3-4-2 net


def test_a_swapped_weight_in_the_backward_sum_is_named_at_its_factor():
    # w_{jk} into j from k where k is above j: a connection the network does not have
    r = run(
        "3-4-2", NIELSEN_LETTERS.replace(r"\sum_k w_{kj} \delta_k", r"\sum_k w_{jk} \delta_k"), targets="t"
    )
    assert by_line(r)[4][:2] == ({"wrong"}, {2})  # \sigma'(z_j) 1, w_{jk} 2, \delta_k 3
    assert by_line(r)[3][0] == {"correct"}


def test_the_output_delta_with_the_activation_for_its_derivative_is_named():
    r = run(
        "3-4-2", NIELSEN_LETTERS.replace(r"(a_j - t_j) \sigma'(z_j)", r"(a_j - t_j) \sigma(z_j)"), targets="t"
    )
    assert by_line(r)[3][:2] == ({"wrong"}, {2})
    assert by_line(r)[4][0] == {"correct"}


def test_the_hidden_recursion_is_true_by_finite_differences():
    """The truth the statements are judged against, apart from symprop: on a 3-4-2 sigmoid net
    with E = 1/2 |a - t|^2, dE/dz_j of a hidden unit is sigma'(z_j) sum_k W_kj delta_k (line 4),
    and it is not 0 (what line 4 reads as with w_{jk}, a connection the network lacks)."""
    rng = np.random.default_rng(3)
    x, t = rng.normal(size=3), rng.uniform(size=2)
    w1, b1, w2, b2 = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(2, 4)), rng.normal(size=2)

    def sig(z):
        return 1 / (1 + np.exp(-z))

    def loss_of_hidden_z(z1):
        a2 = sig(w2 @ sig(z1) + b2)
        return 0.5 * np.sum((a2 - t) ** 2)

    z1 = w1 @ x + b1
    a2 = sig(w2 @ sig(z1) + b2)
    delta2 = (a2 - t) * a2 * (1 - a2)  # line 3: (a_j - t_j) sigma'(z_j)
    h = 1e-6
    numeric = np.array(
        [(loss_of_hidden_z(z1 + h * e) - loss_of_hidden_z(z1 - h * e)) / (2 * h) for e in np.eye(4)]
    )
    written = sig(z1) * (1 - sig(z1)) * (w2.T @ delta2)  # line 4
    assert np.allclose(numeric, written, atol=1e-8)
    assert np.abs(numeric).max() > 1e-3  # so the swapped weight's 0 is wrong, not a tie


# Mitchell (1997), Table 4.2: o the unit's output, k an output unit, h a hidden unit, w_{kh} into
# k from h, δ = -∂E/∂net, Δw = η δ o
MITCHELL = r"""$$\delta_k = o_k(1 - o_k)(t_k - o_k)$$
$$\delta_h = o_h(1 - o_h) \sum_k w_{kh} \delta_k$$
$$\Delta w_{kh} = \eta \delta_k o_h$$"""


def test_mitchell_letters_h_and_o():
    r = run("2-3-2", MITCHELL, targets="t", weights="output-by-input", delta="minus")
    lines = by_line(r)
    assert r.exit_code == 0 and not r.unchecked
    assert lines[2][2] == {"read with k an output unit"}
    assert lines[3][2] == {"read with h a hidden unit, k an output unit"}
    # the update in k and h, which lines 2 and 3 fix as an output and a hidden unit: that layer pair
    assert lines[4][0] == {"correct"} and lines[4][2] == {"read with h a hidden unit, k an output unit"}


@pytest.mark.parametrize(
    "slip,line,factor",
    [
        (r"\sum_k w_{hk} \delta_k", 3, 2),  # o_h(1 - o_h) 1 (glued_factors.py), the weight 2
        # the output's o_k where the hidden o_h feeds the weight: named in the update's step, the
        # rate not counted (verify/update_steps.py): δ_k 1, o 2
        (r"\eta \delta_k o_k", 4, 2),
        (r"o_k(1 - o_k)(t_k + o_k)", 2, 2),  # o_k(1 - o_k) one factor
    ],
)
def test_mitchell_planted_slips_are_named_at_their_factor(slip, line, factor):
    source = {3: r"\sum_k w_{kh} \delta_k", 4: r"\eta \delta_k o_h", 2: r"o_k(1 - o_k)(t_k - o_k)"}[line]
    r = run("2-3-2", MITCHELL.replace(source, slip), targets="t", weights="output-by-input", delta="minus")
    assert by_line(r)[line][:2] == ({"wrong"}, {factor})


def test_an_unsaid_weight_orientation_is_not_guessed():
    # no forward sum, no option: w_{jk} into j from k or from j into k? The two readings differ
    r = run("3-4-2", r"$$\frac{\partial E}{\partial w_{jk}} = \delta_j y_k$$", targets="t")
    assert not r.verdicts
    (why,) = reasons(r, 2)
    assert (
        "w_{jk} into j from k" in why
        and "w_{jk} into k from j" in why
        and "correct" in why
        and "wrong" in why
    )


DEEP = r"""$$z_j = \sum_i w_{ji} a_i + b_j$$
$$\frac{\partial a_j}{\partial z_j} = a_j (1 - a_j)$$
$$\delta_j = a_j (1 - a_j) \sum_k w_{kj} \delta_k$$"""


def test_three_layers_an_ambiguous_letter_stays_not_checked():
    # 2-3-3-2, sigmoid hidden layers and an identity output: a_j(1 - a_j) is da_j/dz_j of a
    # hidden unit, not of an output unit, and nothing on line 3 says which j is
    r = run("2-3-3-2", DEEP, out="identity", targets="t")
    assert 3 not in by_line(r)
    (why,) = reasons(r, 3)
    assert "correct read with j a unit of hidden layer 1" in why and "wrong read with j an output unit" in why
    # line 4: j of either hidden layer (k the layer above): both readings agree, judged and said
    assert by_line(r)[4][0] == {"correct"} and by_line(r)[4][2] == {
        "read with j a unit of hidden layer 1, k a unit of hidden layer 2",
        "read with j a unit of hidden layer 2, k an output unit",
    }


def test_three_layers_a_slip_wrong_in_every_reading_is_named():
    r = run(
        "2-3-3-2",
        DEEP.replace(r"\sum_k w_{kj} \delta_k", r"\sum_k w_{jk} \delta_k"),
        out="identity",
        targets="t",
    )
    assert by_line(r)[4][:2] == ({"wrong"}, {2})  # a_j(1 - a_j) 1 (glued_factors.py), the weight 2


RELU_HIDDEN = r"""$$\delta_j = t_j - y_j$$
$$\delta_j = (\sum_k \delta_k w_{jk}) f'(y_j)$$"""


def test_relu_derivative_at_the_units_output_is_its_derivative_at_the_input():
    # y the activation, t the target, w_{jk} from j to k (stored input-by-output), δ = -∂E/∂net
    conv = dict(targets="t", weights="input-by-output", delta="minus")
    r = run("3-4-2", RELU_HIDDEN, act="relu", out="identity", **conv)
    assert by_line(r)[3][:1] == ({"correct"},) and by_line(r)[3][2] == {
        "read with j a hidden unit, k an output unit"
    }
    assert by_line(r)[2][2] == {"read with j an output unit"}
    # for a sigmoid, f'(y_j) at the output is not f'(z_j): never correct
    r = run("3-4-2", RELU_HIDDEN, act="sigmoid", out="identity", **conv)
    assert "correct" not in by_line(r).get(3, (set(),))[0]


def test_a_and_z_are_not_assumed_nielsens_when_nothing_says_so():
    # Bishop writes a_j for the net input and z_j for the activation: with no definition and no
    # layered a^{(l)} beside them, h'(a_j) is not read either way (the letters stay unknown)
    with pytest.raises(VerifyInputError, match="no layer|unknown name"):
        run("2-3-2", r"$$\delta_j = h'(a_j) \sum_k w_{kj} \delta_k$$", act="tanh", targets="t")
    # the same with a net input defined by a forward sum in the letters: read, and correct
    r = run(
        "2-3-2",
        r"$$z_j = \sum_i w_{ji} a_i + b_j$$" + "\n" + r"$$\delta_j = h'(z_j) \sum_k w_{kj} \delta_k$$",
        act="tanh",
        targets="t",
    )
    assert by_line(r)[3] == ({"correct"}, {None}, {"read with j a hidden unit, k an output unit"})


def test_nielsens_weight_gradient_in_words():
    # ∂C/∂w = a_in δ_out: w any weight, a_in the activation it comes from, δ_out the error it feeds
    text = r"$$\frac{\partial C}{\partial w} = a_{\rm in} \delta_{\rm out}$$"
    r = run("3-4-2", text)
    assert by_line(r)[2][:2] == ({"correct"}, {None}) and by_line(r)[2][2] == {
        "read with out a hidden unit, in an input",
        "read with out an output unit, in a hidden unit",
    }
    assert len(r.verdicts) == 3 * 4 + 4 * 2  # every weight of the network
    r = run("3-4-2", text.replace(r"a_{\rm in} \delta", r"a_{\rm in}^2 \delta"))
    assert by_line(r)[2][:2] == ({"wrong"}, {1})
