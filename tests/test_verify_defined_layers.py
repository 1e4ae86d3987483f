r"""Bare names a document defines as a layer's output or net input with the bias written
(h = \sigma(W^{(1)} x + b^{(1)}), z = W^{(2)} h + b^{(2)}: verify/defined_layers.py); a matrix
statement whose shapes fail only because a bare name's shape was guessed is not checked, never
wrong (verify/guessed_shapes.py); t is the target in a document that writes no y and builds a
loss's derivative from t (verify/target_letters.py). Variants of Cross Validated 201914 and of a
note on Rashid's book, in other letters, sizes and activations, with planted slips."""

from verdict_lines import by_line

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

TANH = derive(network("2-5-2", "tanh", "cce", "softmax"))
RELU = derive(network("4-3-3", "relu", "cce", "softmax"))

DEFINED = (
    r"$$u = \tanh(W^{(1)} x + b^{(1)})$$" + "\n"
    r"$$s = W^{(2)} u + b^{(2)}$$" + "\n"
    r"$$\frac{\partial E}{\partial s} = \hat y - y$$" + "\n"
)


def faults(report) -> dict[int, list]:
    return {v.line: [v.fault.position if v.fault else None] for v in report.verdicts if v.status == "wrong"}


def test_a_defined_output_and_net_input_are_the_layers_and_judged_right():
    r = verify_text(TANH, DEFINED)
    assert by_line(r) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}


def test_a_planted_bias_of_the_wrong_layer_is_named_at_its_term():
    r = verify_text(TANH, DEFINED.replace("u + b^{(2)}", "u + b^{(1)}"))
    assert by_line(r)[2] == {"wrong"}
    wrong = [v for v in r.verdicts if v.line == 2][0]
    assert "wrong layer" in wrong.fault.text and "expected W^{(2)} u + b^{(2)}" in wrong.fault.text


def test_the_sign_slip_of_the_question_is_named_with_the_defined_net_input():
    r = verify_text(TANH, DEFINED.replace(r"= \hat y - y", r"= y - \hat y"))
    assert by_line(r)[3] == {"wrong"}
    assert faults(r)[3] == [1]
    assert "sign flipped" in r.verdicts[-1].fault.text and "−(y − ŷ)" in r.verdicts[-1].fault.text


def test_relu_and_other_letters_read_the_same_way():
    text = r"$$g = f(W^{(1)} x + b^{(1)})$$" + "\n" + r"$$q = W^{(2)} g + b^{(2)}$$" + "\n"
    assert by_line(verify_text(RELU, text)) == {1: {"correct"}, 2: {"correct"}}
    slip = text.replace("W^{(2)} g", "W^{(1)} g")
    assert by_line(verify_text(RELU, slip))[2] == {"wrong"}


def test_an_undefined_vector_is_not_checked_never_wrong():
    text = (
        r"$$r = \sigma(W^{(1)} v + b^{(1)})$$" + "\n"
        r"$$\frac{\partial C}{\partial p} = y - \hat y$$" + "\n"
        r"$$C = -\sum_i y_i \log \hat y_i$$" + "\n"
    )
    r = verify_text(derive(network("3-4-3", "sigmoid", "cce", "softmax")), text)
    lines = by_line(r)
    assert "wrong" not in set().union(*lines.values())
    assert lines[1] == lines[2] == {"not checked"} and lines[3] == {"correct"}
    assert any("p" in u.reason and "unknown name" in u.reason for u in r.unchecked if u.line == 2)


RASHID = (
    r"$$\frac{\partial E}{\partial w_{ik}} = -2 (t_k - o_k) \frac{\partial o_k }{\partial w_{ik}}$$" + "\n"
    r"$$o_k = \sigma(\sum_i w_{ik} o_i)$$" + "\n"
)


def test_t_is_the_target_when_no_y_is_written():
    d = derive(network("2-4-3", "sigmoid", "(out - y)**2"))
    assert by_line(verify_text(d, RASHID))[1] == {"correct"}
    slip = verify_text(d, RASHID.replace("-2 (t_k - o_k)", "-2 (t_k + o_k)"))
    assert by_line(slip)[1] == {"wrong"}
    half = verify_text(derive(network("2-4-3", "sigmoid", "half_se")), RASHID)
    assert by_line(half)[1] == {"wrong"}  # the 2 belongs to (t - o)^2, not to ½(t - o)^2


def test_a_font_switched_softmax_of_a_defined_sum_is_the_output():
    text = DEFINED.replace(r"$$s = W^{(2)} u + b^{(2)}$$", r"$$\hat y = {\rm softmax}(W^{(2)} u + b^{(2)})$$")
    text = text.replace(r"\frac{\partial E}{\partial s} = \hat y - y", r"E = -\sum_i y_i \log \hat y_i")
    assert by_line(verify_text(TANH, text)) == {1: {"correct"}, 2: {"correct"}, 3: {"correct"}}
    slip = text.replace(r"{\rm softmax}(W^{(2)} u", r"{\rm softmax}(W^{(1)} u")
    assert "correct" not in by_line(verify_text(TANH, slip))[2]


def test_the_braces_go_only_around_a_function_word_before_its_parenthesis():
    from symbolic.latex.font_groups import read
    from symbolic.latex.source import Source
    from symbolic.latex.tokens import tokenize

    def texts(t: str) -> list[str]:
        return [k.text for k in tokenize(Source(t), 0, len(t))]

    assert texts(r"{\rm relu}\left(x\right)")[:2] == ["relu", "("]  # \left is dropped
    assert texts(r"{\rm out} + 1")[:3] == ["{", "out", "}"]  # no call: left as written
    assert read([]) == []
