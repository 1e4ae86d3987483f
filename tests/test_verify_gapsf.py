r"""Hagan's and ESL's notation read by general mechanisms, on small networks of their own:
- `\text{for } m = 0, 1, \ldots, M-1`: a range listed with its first items before the dots is a
  range, not a list of statements (latex/comma_lists.py);
- `w(k+1) = w(k) - \alpha g`, `\theta^{(r+1)} = \theta^{(r)} - \gamma_r g`: the step's tags on an
  update (latex/iterations.py), judged as the update it is, right and wrong;
- `s^m`, `n^{m+1}` in a matrix statement whose weights are written W^m: m is the document's layer
  letter there (latex/weight_letters.py).
"""

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

_DERIVED: dict = {}


def verdicts(text: str, net: str = "2-3-2"):
    if net not in _DERIVED:
        _DERIVED[net] = derive(network(net, "sigmoid", "half_se"))
    r = verify_text(_DERIVED[net], text)
    said = [(v.line, v.status, v.fault.position if v.fault else None) for v in r.verdicts]
    return said, [(u.line, u.reason) for u in r.unchecked]


FORWARD = r"$$a^{m+1} = f^{m+1}(W^{m+1} a^m + b^{m+1}) \quad \text{for } m = 0, 1, \ldots, M-1$$"


def test_a_range_with_its_first_items_listed_is_not_a_list_of_statements():
    said, unchecked = verdicts(FORWARD)
    assert {s for _, s, _ in said} == {"correct"} and unchecked == []
    said, _ = verdicts(FORWARD.replace("a^m + b^{m+1})", "a^m + b^{m})"))
    assert "wrong" in {s for _, s, _ in said}


def test_a_list_of_values_is_still_cut_at_its_commas():
    from symbolic.latex.comma_lists import plain_commas

    text = r"z_1 = 0.235, z_2 = -0.107"
    assert plain_commas(text, 0, len(text)) == [(text.index(","), text.index(",") + 1)]
    ranged = r"m = 0, 1, \ldots, M-1"
    assert plain_commas(ranged, 0, len(ranged)) == []


NET = "\n".join(
    [
        r"$$n^m_i = \sum_j w^m_{i,j} a^{m-1}_j + b^m_i$$",
        r"$$s^m_i \equiv \frac{\partial E}{\partial n^m_i}$$",
        "",
    ]
)
STEP = NET + r"$$w^m_{i,j}(k+1) = w^m_{i,j}(k) - \alpha s^m_i a^{m-1}_j$$" "\n"


def test_an_update_written_with_its_steps_is_judged():
    said, unchecked = verdicts(STEP)
    assert {s for line, s, _ in said if line == 3} == {"correct"} and unchecked == []
    said, _ = verdicts(STEP.replace("a^{m-1}_j$$", "a^{m}_j$$"))
    assert {s for line, s, _ in said if line == 3} == {"wrong"}


def test_an_iteration_superscript_and_the_steps_rate():
    from symbolic.latex.iterations import untagged
    from symbolic.latex.source import Source
    from symbolic.latex.tokens import tokenize

    row = r"b_{i}^{(r+1)} = b_{i}^{(r)} - \gamma_r \frac{\partial E}{\partial b_{i}^{(r)}}"
    toks = untagged(tokenize(Source(row), 0, len(row)))
    assert "".join(t.text for t in toks) == "b_{i}=b_{i}-gammafrac{partialE}{partialb_{i}}"
    said, unchecked = verdicts(NET + r"$$b^m_i(t+1) = b^m_i(t) - \eta_t s^m_i$$")
    assert {s for line, s, _ in said if line == 3} == {"correct"} and unchecked == []


def test_steps_are_kept_where_the_row_is_no_update():
    from symbolic.latex.iterations import untagged
    from symbolic.latex.source import Source
    from symbolic.latex.tokens import tokenize

    for text in (
        r"a^{(l+1)} = f(W^{(l)} a^{(l)})",  # a layer's recurrence: its letter is written elsewhere
        r"x(k+1) = x(k) + k",  # the letter written outside a tag
        r"w(k+1) = v(k) - \alpha g",  # another name on the right
    ):
        toks = tokenize(Source(text), 0, len(text))
        assert untagged(toks) == toks


def test_the_documents_weight_layer_letter_reads_in_a_matrix_statement():
    forward = r"$$a^{m+1} = f^{m+1}(W^{m+1} a^m + b^{m+1})$$"
    text = forward + "\n" + NET + r"$$W^m(k+1) = W^m(k) - \alpha s^m (a^{m-1})^T$$"
    said, unchecked = verdicts(text)
    assert {s for line, s, _ in said if line == 4} == {"correct"} and unchecked == []
    said, _ = verdicts(text.replace("(a^{m-1})^T$$", "(a^{m})^T$$"))
    assert {s for line, s, _ in said if line == 4} == {"wrong"}


SENSITIVITY = "\n".join(
    [
        r"$$a^{m+1} = f^{m+1}(W^{m+1} a^m + b^{m+1})$$",
        r"$$n^m_i = \sum_j w^m_{i,j} a^{m-1}_j + b^m_i$$",
        r"$$\frac{\partial n^{m+1}_i}{\partial n^m_j} = w^{m+1}_{i,j} \dot{f}^m(n^m_j)$$",
        r"$$s^m = \frac{\partial \hat{F}}{\partial n^m} = \dot{F}^m(n^m) (W^{m+1})^T s^{m+1}$$",
    ]
)


def test_the_diagonal_matrix_of_derivatives_before_a_product_is_judged():
    said, unchecked = verdicts(SENSITIVITY)
    assert {s for line, s, _ in said if line == 4} == {"correct"} and unchecked == []
    said, _ = verdicts(SENSITIVITY.replace("(W^{m+1})^T s^{m+1}", "W^{m+1} s^{m+1}"), net="2-2-2")
    assert {(s, f) for line, s, f in said if line == 4} == {("wrong", 2)}


def test_a_column_before_a_row_stays_an_outer_product():
    import sympy as sp

    from symbolic.latex.matrix_rows import Node
    from symbolic.verify.matrix_operands import diagonal_product

    call = Node("call", ("f_prime", Node("name", ("z", "l", "", False), 0)), 0)
    row = Node("name", ("a", "l", "", False), 0)
    values = {call: sp.Matrix([1, 2]), row: sp.Matrix([[3, 4]])}
    assert diagonal_product(values.__getitem__, Node("prod", ((call, row), ("dot",)), 0)) is None
    col = Node("name", ("d", "l", "", False), 0)
    values[col] = sp.Matrix([5, 6])
    two = Node("num", (sp.Integer(-2),), 0)
    values[two] = sp.Matrix([[-2]])
    got = diagonal_product(values.__getitem__, Node("prod", ((two, call, col), ("dot", "dot")), 0))
    assert got == sp.Matrix([-10, -24])


def test_a_capital_under_a_dot_is_the_derivative_only_beside_its_small_letter():
    from symbolic.latex.source import Source
    from symbolic.latex.tokens import tokenize

    for text, want in ((r"\dot{f}(x) + \dot{F}(x)", "f"), (r"\dot{F}(x)", "F")):
        toks = tokenize(Source(text), 0, len(text))
        assert [t.text for t in toks if t.kind == "letter"][-2] == want


def test_an_entry_of_a_vector_with_its_layer_first_is_no_vector():
    from symbolic.latex.algorithm import mentions
    from symbolic.latex.source import Source
    from symbolic.latex.tokens import tokenize

    for text, want in ((r"\partial b^m_i", False), (r"b^{m+1}_i", False), (r"b^m + 1", True), (r"b", True)):
        assert mentions(tokenize(Source(text), 0, len(text)), {"b"}) is want, text
