r"""A document's own letters (symbolic/verify/layer_letters.py): a layer letter other than l,
a last layer named by its own letter, a net input and output named a and o (Brilliant's wiki
notation: w_{ij}^k from unit i to unit j of layer k, a_j^k = b_j^k + \sum_l w_{lj}^k o_l^{k-1},
\delta_j^k = \partial E/\partial a_j^k, g_o for the output layer's activation, m its index), and
the markup that goes with it (g^{\prime}, g_o').

Verdicts are the Derivation's: each document is checked against the exact chain rule, on
networks of several shapes; a planted slip must be named wrong."""

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.ditto import VerifyInputError
from symbolic.verify.layer_letters import layer_letter, normalize, roles, top_letters
from symbolic.verify.read import read

BRILLIANT = r"""
$$a_j^k = b_j^k + \sum_{l=1}^{r_{k-1}} w_{lj}^k o_l^{k-1}$$
$$\frac{\partial E}{\partial w_{ij}^k} = \delta_j^k o_i^{k-1}$$
$$\delta_1^m = g_o^{\prime}(a_1^m)\left(\hat{y} - y\right)$$
$$\delta_j^k = g^{\prime}(a_j^k)\sum_{l=1}^{r^{k+1}}w_{jl}^{k+1}\delta_l^{k+1}$$
$$\frac{\partial E}{\partial w_{ij}^k} = g^{\prime}(a_j^k) o_i^{k-1}\sum_{l=1}^{r^{k+1}}
w_{jl}^{k+1}\delta_l^{k+1}$$
"""
NETS = ["2-3-1", "2-3-3-1", "3-4-2-1"]


def report(text: str, net: str):
    return verify_text(derive(network(net)), text, conventions={"weights": "input-by-output"})


@pytest.mark.parametrize("net", NETS)
def test_brilliants_letters_are_read_and_every_statement_judged(net):
    r = report(BRILLIANT, net)
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert r.verdicts and {v.status for v in r.verdicts} == {"correct"}
    assert {v.line for v in r.verdicts} == {2, 3, 4, 5, 6}  # the last statement spans two lines
    # instances are said in the document's letters: k the layer
    assert any("k=" in v.instance for v in r.verdicts)


@pytest.mark.parametrize(
    "old, new, line",
    [
        (r"\delta_j^k = g^{\prime}(a_j^k)\sum", r"\delta_j^k = \sum", 5),  # g'(a_j^k) left out
        (r"w_{jl}^{k+1}\delta_l^{k+1}$$", r"w_{jl}^{k}\delta_l^{k+1}$$", 5),  # the weight of layer k
        (r"\delta_j^k o_i^{k-1}$$", r"\delta_j^k o_i^{k}$$", 3),  # the output of the wrong layer
        (r"\left(\hat{y} - y\right)", r"\left(y - \hat{y}\right)", 4),  # the output error's sign
    ],
)
def test_a_slip_in_brilliants_notation_is_named(old, new, line):
    planted = BRILLIANT.replace(old, new, 1)
    assert planted != BRILLIANT
    r = report(planted, "2-3-3-1")
    assert any(v.status == "wrong" and v.line == line for v in r.verdicts)
    assert not any(v.status == "correct" and v.line == line for v in r.verdicts)


def test_letters_and_roles_read_off_the_statements():
    statements = read(BRILLIANT, "tex").statements
    assert layer_letter(statements) == "k"
    assert top_letters(statements, "k") == {"m"}
    out, swap = normalize(statements)
    assert swap == {"l": "k", "k": "l"}
    assert roles(out) == {}  # a and o are z and a now
    lhs = {str(st.lhs) for st in out}
    assert "z_j@l" in lhs and "delta_1@L" in lhs and "delta_j@l" in lhs


def test_a_role_letter_already_taken_is_never_renamed():
    plain = r"$$a_j^l = b_j^l + \sum_i w_{ij}^l o_i^{l-1}$$"
    out, _ = normalize(read(plain, "tex").statements)
    assert str(out[0].lhs) == "z_j@l"  # a is the net input, o the output
    taken = plain + "\n" + r"$$z_j^l = a_j^l$$"  # but here z names something else: nothing renamed
    out, _ = normalize(read(taken, "tex").statements)
    assert str(out[0].lhs) == "a_j@l" and roles(out) == {}


def test_braced_primes_and_the_output_activation_are_read():
    text = "\n".join(
        [r"$$\delta_j^L = f^{\prime}(z_j^L) (a_j^L - y_j)$$", r"$$\delta_j^L = f_{o}'(z_j^L) (a_j^L - y_j)$$"]
    )
    r = verify_text(derive(network("2-3-2")), text)
    assert not r.unchecked and {v.status for v in r.verdicts} == {"correct"}
    wrong = text.replace(r"f^{\prime}(z_j^L)", r"f^{\prime\prime}(z_j^L)")
    r = verify_text(derive(network("2-3-2")), wrong)
    assert r.unchecked or any(v.status == "wrong" for v in r.verdicts)  # never 'correct'


def test_a_net_input_indexed_by_the_layer_it_comes_from_is_moved_up_one():
    # v_j^l = \sum_i w_{ji}^l y_i^l: v^l is the net input of layer l+1, y the output
    text = r"$$v_{j}^{l} = \sum_{i=1}^{n_{l}} w_{ji}^{l}y_{i}^{l}$$"
    out, _ = normalize(read(text, "tex").statements)
    assert str(out[0].lhs) == "z_j@l+1"
    assert "a_i@l" in str(out[0].sides[0].factors[0])


@pytest.mark.parametrize("net", ["2-3-1", "2-3-3-1", "2-2-3-2-1"])
def test_an_activation_of_a_written_out_weighted_sum_is_of_that_z_in_every_layer(net):
    text = r"$$a^l_j = \sigma\left(\sum_k w^l_{jk} a^{l-1}_k + b^l_j\right)$$"
    r = verify_text(derive(network(net)), text)
    assert not r.unchecked, [u.problem() for u in r.unchecked]
    assert r.verdicts and {v.status for v in r.verdicts} == {"correct"}
    # the bias left out: wrong in symprop's network (with biases: bias = True); a document that
    # names no bias anywhere is a network without biases (verify/no_bias.py), and right
    slip = verify_text(derive(network(net)), text.replace(" + b^l_j", ""), conventions={"bias": True})
    assert slip.verdicts and {v.status for v in slip.verdicts} == {"wrong"}
    free = verify_text(derive(network(net)), text.replace(" + b^l_j", ""))
    assert {v.status for v in free.verdicts} == {"correct"} and free.inferred[0].how == "no biases"


def test_the_one_activation_of_every_layer_applied_to_a_wrong_sum_is_named_wrong():
    text = r"$$o_{j} = \varphi(\mbox{net}_{j}) = \varphi\left(\sum_{k=1}^{n}w_{kj}o_k o_k\right)$$"  # o_k²
    conventions = {"weights": "input-by-output", "targets": "t"}
    r = verify_text(derive(network("2-2-1")), text, conventions=conventions)
    assert r.verdicts and {v.status for v in r.verdicts} == {"wrong"}
    # two activations: which one φ is cannot be told from a sum that is no layer's z
    mixed = derive(network("2-2-1", "tanh", output_activation="sigmoid"))
    try:
        r = verify_text(mixed, text, conventions=conventions)
    except VerifyInputError:  # nothing could be checked: said so, exit 2
        return
    assert not any(v.status == "correct" for v in r.verdicts) and r.unchecked
