r"""Names no line defines, read by the document's own use of them, and only when that use settles
it (verify/use_roles.py, verify/target_layer.py), on networks, letters and activations of our own:
- y is a unit's value when it is an activation's argument (f'(y_m)) or the sending unit's value
  beside δ in a weight's change (Δw_{pq} = η δ_q y_p); t written beside it is then the target;
- a weight's change or gradient written as δ_q times p's value says which way the weight runs;
  changes that disagree say nothing, and the statements that depend on it stay not checked;
- y_k^{(L)} subtracted from a_k^{(L)}, L the output layer, is the target.
Each with a planted slip named at its factor, and the cases that must stay unread."""

from verdict_lines import by_line

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text


def run(text: str, net: str, act: str, loss: str, out: str):
    return verify_text(derive(network(net, act, loss, out)), text)


def faults(report, line: int) -> set[int]:
    return {v.fault.position for v in report.verdicts if v.line == line and v.fault}


# tanh hidden, sigmoid output, binary cross-entropy: δ_q = t_q - y_q is -∂E/∂net at the output
TANH = (
    r"$$\delta_q = t_q - y_q$$" + "\n"
    r"$$\Delta w_{pq} = \eta \delta_q y_p$$" + "\n"
    r"$$\delta_q = (1 - y_q^2) \sum_r \delta_r w_{qr}$$" + "\n"
    r"$$\frac{\partial E}{\partial w_{pq}} = -\delta_q y_p$$" + "\n"
)


def tanh(text: str):
    return run(text, "3-4-2", "tanh", "bce", "sigmoid")


def test_y_a_units_value_by_its_use_makes_t_the_target_and_the_change_says_the_weights_way():
    r = tanh(TANH)
    assert by_line(r) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"correct"}}
    said = {(s.name, s.how, str(s.value)) for s in r.inferred}
    assert ("t", "target letter", "target") in said
    assert ("w", "weight change", "input-by-output") in said
    # the output's and the hidden δ are read by their roles, said in the instance
    assert any("q an output unit" in v.instance for v in r.verdicts if v.line == 1)
    assert any("q a hidden unit, r an output unit" in v.instance for v in r.verdicts if v.line == 3)


def test_planted_slips_are_named_at_their_factor():
    swapped = tanh(TANH.replace(r"w_{qr}", r"w_{rq}"))  # a weight from r into q: none
    assert by_line(swapped)[3] == {"wrong"} and faults(swapped, 3) == {3}
    flipped = tanh(TANH.replace("t_q - y_q", "y_q - t_q"))  # δ's sign against the update's
    assert by_line(flipped)[1] == {"wrong"} and faults(flipped, 1) == {1}
    assert by_line(flipped)[3] == {"correct"}
    derivative = tanh(TANH.replace("(1 - y_q^2)", "(1 - y_q)"))
    assert by_line(derivative)[3] == {"wrong"} and faults(derivative, 3) == {1}


# ReLU hidden, softmax output, Haykin's way w_{nm} into n from m, a gradient instead of a change
OBI = (
    r"$$\delta_n = t_n - y_n$$" + "\n"
    r"$$\frac{\partial E}{\partial w_{nm}} = -\delta_n y_m$$" + "\n"
    r"$$\delta_m = f'(y_m) \sum_n w_{nm} \delta_n$$" + "\n"
)


def relu(text: str):
    return run(text, "2-2-2", "relu", "cce", "softmax")


def test_a_gradient_and_a_change_say_the_other_way_and_a_weight_against_it_is_named():
    text = OBI + r"$$\Delta w_{nm} = \eta \delta_n y_m$$" + "\n"
    assert by_line(relu(text)) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}, 4: {"correct"}}
    slip = relu(text.replace(r"w_{nm} \delta_n", r"w_{mn} \delta_n"))
    assert by_line(slip)[3] == {"wrong"} and faults(slip, 3) == {2}
    # one gradient alone would settle the way it is itself judged in: the two readings named
    alone = relu(OBI)
    assert by_line(alone)[2] == by_line(alone)[3] == {"not checked"}
    assert not any(s.name == "w" for s in alone.inferred)


def test_changes_that_disagree_are_settled_by_the_backward_sum():
    both = (
        r"$$\delta_n = t_n - y_n$$" + "\n"
        r"$$\Delta w_{mn} = \alpha \delta_n y_m$$" + "\n"
        r"$$\frac{\partial E}{\partial w_{mn}} = -\delta_m y_n$$" + "\n"
        r"$$\delta_m = f'(y_m) \sum_n w_{mn} \delta_n$$" + "\n"
    )
    # the change says input-by-output, the gradient output-by-input: a tie of votes; the backward
    # sum reads right only input-by-output, so the gradient is the slip (orientation_votes.settle)
    r = relu(both)
    assert by_line(r) == {1: {"correct"}, 2: {"correct"}, 3: {"wrong"}, 4: {"correct"}}
    assert all("did you mean w_{nm}?" in v.fault.text for v in r.verdicts if v.status == "wrong")
    # the two votes alone: nothing settles them, neither is judged
    alone = relu(both.replace(r"$$\delta_m = f'(y_m) \sum_n w_{mn} \delta_n$$" + "\n", ""))
    assert by_line(alone)[2] == by_line(alone)[3] == {"not checked"}, by_line(alone)


def test_nothing_read_where_the_use_does_not_settle_it():
    alone = r"$$\delta_n = t_n - y_n$$" + "\n"  # y never a unit's value: t or y the target?
    defined = OBI + r"$$t_n = y_n + 1$$" + "\n"  # the document's own t
    # Duda's letters: t_k - z_k, z the output, y_k the net input inside f': y is not what t is
    # compared with, so t is not read as the target (f'(y_k) of y_k the output would be a false
    # 'wrong' on a sigmoid)
    duda = r"$$\delta_n = (t_n - z_n) f'(y_n)$$" + "\n" + r"$$\Delta w_{mn} = \eta \delta_n z_m$$" + "\n"
    for text in (alone, defined, duda):
        try:
            r = relu(text)
        except Exception as err:  # noqa: BLE001  (nothing judged: the run is refused)
            assert "carries index letters and no layer" in str(err)
            continue
        assert by_line(r)[1] == {"not checked"}, text


# a target written with the output layer's superscript, L the output (Ng's parenthesised layers)
LAYERED = (
    r"$$\delta_k^{(L)} = \frac{\partial E}{\partial z_k^{(L)}} = a_k^{(L)} - y^{(L)}_k$$" + "\n"
    r"$$\frac{\partial E}{\partial w_{kj}^{(L)}} = (a_{k}^{(L)} - y_{k}^{(L)}) a_j^{(L-1)}$$" + "\n"
)


def layered(text: str):
    return run(text, "3-4-2", "tanh", "half_se", "identity")


def test_a_target_with_the_output_layers_superscript_is_the_target():
    assert by_line(layered(LAYERED)) == {1: {"correct"}, 2: {"correct"}}
    slip = layered(LAYERED.replace(r"a_k^{(L)} - y^{(L)}_k", r"y^{(L)}_k - a_k^{(L)}"))
    assert by_line(slip)[1] == {"wrong"} and faults(slip, 1) == {1}
    other = layered(LAYERED.replace("a_j^{(L-1)}", "a_j^{(L)}"))
    assert by_line(other)[2] == {"wrong"} and faults(other, 2) == {2}


def test_y_with_a_layer_is_left_unread_where_its_use_does_not_settle_it():
    above = LAYERED + r"$$a^{(L+1)}_k = z^{(L+1)}_k$$" + "\n"  # L is not the output
    defined = LAYERED + r"$$y_k^{(L)} = a_k^{(L)}$$" + "\n"  # the document's own y^{(L)}
    plus = LAYERED.replace(r"a_k^{(L)} - y^{(L)}_k", r"a_k^{(L)} + y^{(L)}_k")  # no error
    for text in (above, defined, plus):
        try:
            r = layered(text)
        except Exception as err:  # noqa: BLE001
            # refused by the reader, or read as y of layer L (latex/layer_superscripts.py) and then
            # naming nothing: either way not checked
            assert "looks like a layer index" in str(err) or "names nothing in the network" in str(err)
            continue
        assert "not checked" in by_line(r)[1], text
        unread = ("looks like a layer index", "names nothing in the network")
        assert any(w in u.reason for u in r.unchecked if u.line == 1 for w in unread)


# a softmax's own letters: q the probabilities by the cross-entropy written in them, s the logits
# by the derivative of q by s_n with n indexing q too (verify/output_letters.py)
SOFTMAX = (
    r"$$\frac{\partial L}{\partial s_n} = -\sum_m y_m \frac{\partial \log q_m}{\partial s_n}"
    r" = -\sum_m y_m \frac{1}{q_m}\frac{\partial q_m}{\partial s_n} = q_n - y_n$$" + "\n"
)


def softmax(text: str, net: str = "3-4"):
    return verify_text(derive(network(net, "tanh", "cce", "softmax")), text)


def test_a_softmaxs_own_letters_are_read_by_their_use():
    r = softmax(SOFTMAX)
    assert by_line(r) == {1: {"correct"}}
    said = {(s.name, str(s.value)) for s in r.inferred if s.how == "output letters"}
    assert said == {("s_n", "z_1,n"), ("q_m", "a_1,m"), ("q_n", "a_1,n")}
    slip = softmax(SOFTMAX.replace("= q_n - y_n", "= q_n + y_n"))
    assert by_line(slip) == {1: {"wrong"}} and faults(slip, 1) == {1}


def test_a_softmaxs_letters_stay_unread_where_their_use_does_not_settle_them():
    # s_r's letter indexes no q: s might be any quantity q depends on (an input, a weight's row)
    other = r"$$\frac{\partial L}{\partial s_r} = -\sum_m y_m \frac{\partial \log q_m}{\partial s_r}$$" + "\n"
    rival = SOFTMAX + r"$$E = \frac{1}{2}\sum_m (t_m - q_m)^2$$" + "\n"  # t beside y: y's role open
    for text, net in ((other, "3-4"), (rival, "3-4"), (SOFTMAX, "2-3-4")):  # deeper: s_n hidden?
        try:
            r = softmax(text, net)
        except Exception as err:  # noqa: BLE001
            assert "unknown name" in str(err)
            continue
        assert by_line(r)[1] == {"not checked"}, text


CAPITALS = (
    r"$$J(Y,\hat{Y}) = -sum(Y * \log(\hat{Y}))$$" + "\n"
    r"$$\frac{\partial E}{\partial \hat{Y}_m} = -\frac{Y_m}{\hat{Y}_m},\:\: m=1,\cdots,c : r=1,\cdots,c$$"
    + "\n"
    r"$$\frac{\partial E}{\partial U_m} = \sum_{r=1}^c \frac{\partial E}{\partial \hat{Y}_r}"
    r"\frac{\partial \hat{Y}_r}{\partial U_m}$$" + "\n"
)


def test_capital_vectors_are_their_entries_and_the_softmaxs_input_is_read_by_its_use():
    r = softmax(CAPITALS, "2-4")
    assert by_line(r) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    assert {(s.name, str(s.value)) for s in r.inferred if s.how == "output letters"} == {("U_m", "z_1,m")}
    sign = softmax(CAPITALS.replace(r"= -\frac{Y_m}", r"= \frac{Y_m}"), "2-4")
    assert by_line(sign)[2] == {"wrong"} and faults(sign, 2) == {1}
    free = softmax(CAPITALS.replace(r"\partial \hat{Y}_r}\frac", r"\partial \hat{Y}_m}\frac"), "2-4")
    assert by_line(free)[3] == {"wrong"} and faults(free, 3) == {1}
