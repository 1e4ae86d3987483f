r"""A question's own letters (tests/published/cv_se_output_layer_l.tex), on other networks: l the
output layer when the loss is defined in a^l and no layer above l is written; a quantity written
as a function of what it depends on (`a^l(z^l) = \sigma(z^l)`); a net input without its bias in a
document that writes none; a quantity's value written as a whole number (`z^l = 50`) is a claim at
the author's point, never an identity judged at random points."""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

DOC = (
    r"$$C = \frac{1}{2}(a^l-y)^2$$" + "\n"
    r"$$a^l(z^l) = \tanh(z^l)$$" + "\n"
    r"$$\frac{\partial C}{\partial w^l} = (a^l-y)\cdot(1-\tanh^2(z^l))\cdot a^{l-1}$$" + "\n"
)


def run(text: str, net: str = "2-1-1"):
    return verify_text(derive(network(net, "tanh", "half_se")), text)


def by_line(report) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for v in report.verdicts:
        out.setdefault(v.line, set()).add(v.status)
    for u in report.unchecked:
        out.setdefault(u.line, set()).add("not checked")
    return out


def test_l_is_the_output_layer_when_the_loss_is_defined_in_it():
    r = run(DOC)
    assert by_line(r) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    assert not any("l=" in v.instance for v in r.verdicts)
    slip = run(DOC.replace(r"\cdot a^{l-1}", r"\cdot a^{l}"))
    assert by_line(slip)[3] == {"wrong"}


def test_a_layer_above_l_keeps_l_generic():
    text = DOC + r"$$\delta^l = (W^{l+1})^T \delta^{l+1} \odot \tanh'(z^l)$$" + "\n"
    r = run(text, "2-1-1-1")
    assert any("l=" in v.instance for v in r.verdicts)


def test_a_net_input_without_its_bias_is_not_checked_and_a_bias_anywhere_makes_it_judged():
    # no bias anywhere: a network without biases, its net input judged at b = 0 (verify/no_bias.py)
    row = r"$$z^l(w^l) = a^{(l-1)}\cdot w^l$$" + "\n"
    assert by_line(run(DOC + row))[4] == {"correct"}
    assert "not checked" not in by_line(run(DOC + r"$$z^l = w^l a^{l-1} + b^l$$" + "\n"))[4]


def test_a_whole_number_value_is_a_claim_at_the_point_not_an_identity():
    r = run(DOC + r"$$z^l = 50,\; a^l = 1$$" + "\n")
    assert "wrong" not in by_line(r).get(4, set())
