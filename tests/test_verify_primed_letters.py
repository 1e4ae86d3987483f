r"""Notes in the Japanese and German style (symbolic/latex/index_primes.py,
symbolic/verify/target_accents.py and the readers they feed):

- a primed index letter (\sum_{k'}, w_{h'k'}, \delta_{k,k'}) is another index letter, read as a
  fresh one and said as written (k′) in the messages; a slip on it is still named;
- a tilde or bar on the output's own letter, beside it in the loss (½Σ(y_k^L - \tilde{y}_k)^2),
  is the target;
- cases on l = L: L the output layer;
- u^l defined as a vector makes f(u^l) a vector statement; a row (δ_1 δ_2 \cdots &) written for a
  column gives its entries; \ast before f'(u) in a gradient's row (a continued one too) is
  element-wise.
Documents written here, in other letters and nets than the corpus's.
"""

from symbolic.backprop import derive
from symbolic.latex.index_primes import fresh_letters
from symbolic.spec import network
from symbolic.verify import verify_text
from tests.verdict_lines import by_line

FORWARD = "$$y_j^{l} = f(u_j^{l})$$\n$$u_j^{l} = \\sum_{i} w_{ij}^{l} y_{i}^{l-1}$$\n"


def run(text: str, net: str = "3-2-2", out: str | None = "identity"):
    return verify_text(derive(network(net, "sigmoid", "half_se", out)), text)


def test_primed_letters_are_fresh_letters_the_document_does_not_write():
    letters = fresh_letters("$$\\sum_{k'} a_{k'} w_{h'k'} q_{k}$$")
    assert set(letters) == {"k'", "h'"}
    assert len(set(letters.values())) == 2
    assert not {"q", "k", "h", "a", "w"} & set(letters.values())
    assert fresh_letters("$$f'(z_j) = y_j'$$") == {}  # a prime outside a subscript group: a derivative


def test_a_sum_over_a_primed_letter_is_judged_and_said_as_written():
    text = FORWARD + (
        "$$\\frac{\\partial E}{\\partial w_{hk}^{L}} = \\sum_{k'} \\frac{\\partial E}{\\partial y_{k'}^{L}}"
        " \\frac{\\partial y_{k'}^{L}}{\\partial w_{hk}^{L}}$$\n"
        "$$\\frac{\\partial y_{k'}^{L}}{\\partial w_{hk}^{L}} = f'(u_{k'}^{L}) y_{h}^{L-1} \\delta_{k,k'}$$\n"
    )
    report = run(text)
    got = by_line(report)
    assert got[3] == {"correct"} and got[4] == {"correct"}
    labels = {v.instance for v in report.verdicts if v.line == 4}
    assert any("k′=" in label for label in labels) and not any("q=" in label for label in labels)


def test_a_slip_on_a_primed_letter_is_named():
    text = (
        FORWARD
        + "$$\\frac{\\partial y_{k'}^{L}}{\\partial w_{hk}^{L}} = f'(u_{k'}^{L}) y_{h}^{L} \\delta_{k,k'}$$\n"
    )
    report = run(text)
    assert by_line(report)[3] == {"correct", "wrong"}  # right where k ≠ k' (both sides 0)
    wrong = [v for v in report.verdicts if v.line == 3 and v.status == "wrong"]
    assert all(v.fault is not None and v.fault.position == 2 for v in wrong)


def test_a_decorated_output_letter_in_the_loss_is_the_target():
    loss = "$$E = \\frac{1}{2}\\sum_{k}\\left(y_k^{L} - \\tilde{y}_k\\right)^2$$\n"
    derivative = "$$\\frac{\\partial E}{\\partial w_{ij}^{L}} = (y_j^{L} - \\tilde{y}_j) y_i^{L-1}$$\n"
    report = run(FORWARD + loss + derivative)
    assert by_line(report)[3] == {"correct"} and by_line(report)[4] == {"correct"}
    assert any(s.how == "target accent" for s in report.inferred)
    slip = derivative.replace("(y_j^{L} - \\tilde{y}_j)", "(\\tilde{y}_j - y_j^{L})")
    assert by_line(run(FORWARD + loss.replace("tilde", "bar") + slip.replace("tilde", "bar")))[4] == {"wrong"}


def test_a_tilde_on_a_letter_the_document_defines_is_no_target():
    text = FORWARD + "$$\\tilde{y}_k = y_k^{L}$$\n$$E = \\frac{1}{2}\\sum_{k}(y_k^{L} - \\tilde{y}_k)^2$$\n"
    assert "target accent" not in {s.how for s in run(text).inferred}


def test_cases_on_l_equal_to_L_split_the_output_layer_from_the_others():
    text = FORWARD + (
        "$$\\delta_{k}^{l} = \\begin{cases}"
        " \\frac{\\partial E}{\\partial y_{k}^{L}} f'(u_{k}^{L}) & (l = L) \\\\"
        " \\sum_{m} \\delta_{m}^{l+1} w_{km}^{l+1} f'(u_{k}^{l}) & (l \\neq L) \\end{cases}$$\n"
    )
    report = run(text)
    assert by_line(report)[3] == {"correct"}
    wrong = text.replace("f'(u_{k}^{l}) & (l \\neq L)", "f'(u_{k}^{l+1}) & (l \\neq L)")
    assert "wrong" in by_line(run(wrong))[3]


VECTORS = "$$\\bm{u}^{l} = \\left(W^{l}\\right)^{\\top}\\bm{y}^{l-1}$$\n"


def test_a_layer_defined_as_a_vector_makes_its_activation_a_vector_statement():
    report = run(FORWARD + VECTORS + "$$\\bm{y}^{l} = f(\\bm{u}^{l})$$\n")
    assert by_line(report)[4] == {"correct"}


def test_a_row_of_entries_with_dots_and_ast_continued_under_a_delta():
    text = (
        FORWARD
        + VECTORS
        + (
            "$$\\begin{align*}\n\\bm{\\delta}^{L}\n"
            "&= \\begin{pmatrix} \\delta_1^{L} & \\delta_2^{L} & \\cdots & \\end{pmatrix}\\\\\n"
            "&= \\frac{\\partial E}{\\partial \\bm{y}^{L}} \\ast f'(\\bm{u}^{L})\n\\end{align*}$$\n"
        )
    )
    report = run(text)
    assert by_line(report)[5] == {"correct"}
    slip = text.replace("\\ast f'(\\bm{u}^{L})", "\\ast f'(\\bm{u}^{L-1})")
    assert "wrong" in by_line(run(slip))[5]
