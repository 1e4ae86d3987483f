"""δ's sign read from the form of an update is weighed against every line that says it
(verify/sign_votes.py): a slip in the one update that first said the sign no longer makes the
right δ lines "sign wrong"; a document whose lines say both signs equally is not judged on them."""

from verdict_lines import by_line

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

D = derive(network("2-2-2", "sigmoid", "half_se"))
RIGHT = "\n".join(
    [
        r"\[ o_j = \sigma(net_j) \]",
        r"\[ \delta_k = o_k(1-o_k)(t_k - o_k) \]",  # Mitchell's δ = -∂E/∂net, said by no definition
        r"\[ \delta_h = o_h(1-o_h) \sum_k w_{kh} \delta_k \]",
        r"\[ w_{kh} \leftarrow w_{kh} + \eta \delta_k o_h \]",
        r"\[ w_{hi} \leftarrow w_{hi} + \eta \delta_h x_i \]",
    ]
)


def statuses(text: str) -> dict[int, set[str]]:
    return by_line(verify_text(D, text, conventions={"targets": "t"}))


def test_the_right_document_is_correct_throughout():
    assert statuses(RIGHT) == {n: {"correct"} for n in range(1, 6)}


def test_a_slip_in_the_first_update_is_named_there_not_on_the_deltas():
    slip = RIGHT.replace(r"w_{kh} + \eta", r"w_{kh} - \eta")
    assert statuses(slip) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"wrong"}, 5: {"correct"}}
    r = verify_text(D, slip, conventions={"targets": "t"})
    texts = {v.fault.text for v in r.verdicts if v.line == 4}
    assert texts and all("climbs the error" in t and "most of the lines that use δ" in t for t in texts)


def test_a_slip_in_the_output_delta_is_named_on_the_delta():
    slip = RIGHT.replace("(t_k - o_k)", "(o_k - t_k)")
    said = statuses(slip)
    assert said[2] == {"wrong"}  # the slip, named; later lines that use it follow it
    r = verify_text(D, slip, conventions={"targets": "t"})
    assert all("sign wrong" in v.fault.text for v in r.verdicts if v.line == 2)


def test_one_delta_against_one_update_is_not_judged_on_either():
    # δ written as -∂E/∂net, the one update as if δ = +∂E/∂net: the text does not say which slipped
    text = "\n".join(RIGHT.splitlines()[:2] + [r"\[ w_{kh} \leftarrow w_{kh} - \eta \delta_k o_h \]"])
    r = verify_text(D, text, conventions={"targets": "t"})
    assert {v.line for v in r.verdicts} == {1}
    reasons = {u.line: u.reason for u in r.unchecked}
    assert set(reasons) == {2, 3}
    assert reasons[2].startswith("δ's sign: this line reads δ = -∂E/∂net, line 3 reads δ = ∂E/∂net")
    assert reasons[3].startswith("δ's sign: this line reads δ = ∂E/∂net, line 2 reads δ = -∂E/∂net")
    assert r.exit_code == 4


def test_a_definition_of_delta_is_not_outvoted():
    # δ = -∂E/∂net written: the updates are judged by it, whatever their number
    text = RIGHT + "\n" + r"\[ \delta_j = -\frac{\partial E}{\partial net_j} \]"
    slip = text.replace(r"w_{kh} + \eta", r"w_{kh} - \eta").replace(r"w_{hi} + \eta", r"w_{hi} - \eta")
    said = statuses(slip)
    assert said[2] == said[3] == {"correct"} and said[4] == said[5] == {"wrong"}


CHANGE = "\n".join(
    [
        r"\[ o_j = \sigma(net_j) \]",
        r"\[ \delta_k = o_k(1-o_k)(t_k - o_k) \]",
        r"\[ \Delta w_{kj} = \eta \delta_k o_j \]",
        r"\[ w_{kj}(\text{new}) = w_{kj}(\text{old}) + \Delta w_{kj} \]",  # Fausett's, Haykin's form
    ]
)


def test_an_update_written_with_delta_w_reads_delta_w_as_defined():
    assert statuses(CHANGE) == {n: {"correct"} for n in range(1, 5)}


def test_a_tie_sets_apart_the_lines_that_follow_the_sign_too():
    # w(old) - Δw against δ = (t - o) σ': the update line follows the Δw line, and votes nothing;
    # judged with δ as written it climbs the error, which is only the contested sign again
    for slip in (CHANGE.replace(r"(\text{old}) +", r"(\text{old}) -"), CHANGE.replace(r"= \eta", r"= -\eta")):
        r = verify_text(D, slip, conventions={"targets": "t"})
        assert {v.line for v in r.verdicts} == {1}
        reasons = {u.line: u.reason for u in r.unchecked}
        assert set(reasons) == {2, 3, 4}
        follows = "δ's sign: it follows δ's, which line 3 read as δ = ∂E/∂net and line 2 as"
        assert reasons[4].startswith(follows)
    # a hidden δ read through the contested output δ is set apart with it
    one_update = "\n".join(RIGHT.splitlines()[:4]).replace(r"w_{kh} + \eta", r"w_{kh} - \eta")
    assert statuses(one_update) == {1: {"correct"}, **dict.fromkeys((2, 3, 4), {"not checked"})}
