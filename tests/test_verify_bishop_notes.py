r"""Notes written in PRML's letters without its definitions, as students write them
(tests/published/pei_bishop_homework.tex), on networks other than that file's:

- TeX's one-token scripts: `\delta_jz_i` is δ_j z_i and `\sum_kw_{kj}` is Σ_k w_{kj}, while a
  bare `w_12` stays refused as ambiguous;
- `h^\prime(a_j)` (no braces) is h'(a_j); `\part` is \partial;
- a derivative `\frac{\partial z_j}{\partial a_j} = h'(a_j)` says the letters' roles when no
  definition does (verify/roles.py);
- `w_{1j}`: a sum over k written out term by term;
- `\hat{y}` the target when the note differentiates y by the network (verify/target_letters.py);
- a chain whose first numerator writes the loss out links to the loss.
"""

import pytest

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.latex import LatexParseError, parse_document
from symbolic.spec import network
from symbolic.verify import verify_text

ROLES = r"$$\frac{\partial z_j}{\partial a_j}=h^\prime(a_j)$$" + "\n"


def run(text: str, net: str = "2-3-1", act: str = "tanh", out: str = "identity", loss: str = "half_se"):
    d = derive(network(net, act, loss, out))
    return verify_text(d, text)


def statuses(report, line: int | None = None) -> list[str]:
    return [v.status for v in report.verdicts if line is None or v.line == line]


def test_tex_one_token_subscripts_glue_a_product_not_an_ambiguity():
    [stmt] = parse_document(r"$$\delta_j=\delta_jz_i\sum_kw_{kj}\delta_k$$")
    names = {s.name for s in stmt.sides[0].factors[0].free_symbols}
    assert {"delta_j", "z_i", "w_kj", "delta_k"} <= names
    with pytest.raises(LatexParseError, match="ambiguous subscript"):
        parse_document(r"$$E = w_12$$")


def test_unbraced_prime_and_part_alias():
    [a] = parse_document(r"$$\delta_j = h^\prime(a_j)$$")
    [b] = parse_document(r"$$\delta_j = h'(a_j)$$")
    assert a.sides[0].factors == b.sides[0].factors
    [c] = parse_document(r"$$\frac{\part E}{\part a_j} = \delta_j$$")
    assert (c.lhs.num.name, c.lhs.den.name) == ("E", "a_j")


def test_roles_read_from_a_derivative_when_nothing_defines_them():
    text = ROLES + (
        r"$$\frac{\partial E}{\partial w_{ji}}=\frac{\partial E}{\partial a_j}"
        r"\frac{\partial a_j}{\partial w_{ji}}=\delta_jz_i$$" + "\n"
        r"$$\delta_j=h^\prime(a_j)\sum_kw_{kj}\delta_k$$" + "\n"
    )
    r = run(text)
    assert statuses(r) and set(statuses(r)) == {"correct"} and not r.unchecked
    slip = run(text.replace(r"=\delta_jz_i", r"=\delta_jz_j"))
    wrong = [v for v in slip.verdicts if v.status == "wrong"]
    assert wrong and all(v.line == 2 and v.fault.position == 2 for v in wrong)
    slip = run(text.replace(r"h^\prime(a_j)\sum", r"h(a_j)\sum"))
    wrong = [v for v in slip.verdicts if v.status == "wrong"]
    assert wrong and all(v.line == 3 and v.fault.position == 1 for v in wrong)


def test_without_a_definition_or_a_derivative_the_letters_stay_unknown():
    with pytest.raises(SympropError, match="unknown name|no layer"):
        run(r"$$\delta_j=h^\prime(a_j)\sum_kw_{kj}\delta_k$$")


def test_a_sum_over_outputs_written_out_term_by_term():
    given = ROLES + r"$$\frac{\partial y_k}{\partial z_j} = w_{kj}$$" + "\n"
    row = r"$$\frac{\partial E}{\partial z_j}=(y_1-\hat y_1)w_{1j}+(y_2-\hat y_2)w_{2j}$$"
    r = run(given + row, "3-2-2", "sigmoid")
    assert statuses(r, 3) == ["correct", "correct"]
    slip = run(given + row.replace(r"(y_2-\hat y_2)w_{2j}", r"(y_2-\hat y_2)w_{1j}"), "3-2-2", "sigmoid")
    assert statuses(slip, 3) == ["wrong", "wrong"]


HAT = ROLES + (
    r"$$E=\frac{1}{2}\sum_k(y_k-\hat y_k)^2$$" + "\n"
    r"$$\frac{\partial E}{\partial z_j}=\sum_k\frac{\partial E}{\partial y_k}"
    r"\frac{\partial y_k}{\partial z_j}=\sum_k(y_k-\hat y_k)w_{kj}$$" + "\n"
)


def test_hat_y_is_the_target_when_the_note_differentiates_y_by_the_network():
    r = run(HAT, "2-2-3", "sigmoid")
    assert any(s.how == "target letter" and s.name == r"\hat{y}" for s in r.inferred)
    assert statuses(r, 3) and set(statuses(r, 3)) == {"correct"}
    slip = run(
        HAT.replace(r"=\sum_k(y_k-\hat y_k)w_{kj}", r"=\sum_k(\hat y_k-y_k)w_{kj}"), "2-2-3", "sigmoid"
    )
    assert "wrong" in statuses(slip, 3)


def test_hat_y_stays_the_output_when_y_is_never_differentiated():
    text = ROLES + r"$$\frac{\partial E}{\partial \hat y_k}=\hat y_k-y_k$$" + "\n"
    r = run(text, "2-2-3", "sigmoid")
    assert not any(s.how == "target letter" for s in r.inferred)
    assert statuses(r, 2) == ["correct"] * 3


def test_a_chain_whose_numerator_writes_the_loss_out_links():
    text = ROLES + (
        r"$$\frac{\partial E}{\partial z_j}=\frac{\partial[(y_1-\hat y_1)^2+(y_2-\hat y_2)^2]}{\partial z_j}"
        r"=2(y_1-\hat y_1)w_{1j}+2(y_2-\hat y_2)w_{2j}$$" + "\n"
        r"$$\frac{\partial y_k}{\partial z_j} = w_{kj}$$" + "\n"
    )
    r = run(text, "2-3-2", "sigmoid", "identity", "(out - y)**2")
    line2 = [v for v in r.verdicts if v.line == 2]
    assert line2 and all(v.status == "correct" and not v.notes for v in line2)
