r"""A row of weights transposed times a vector, read as the sum over the row (latex/row_products.py),
and the letters of the two layers read off the document's forward rows when the bias is the
weight's index 0 and the output is linear (verify/layer_names.py), as Alpaydin's ch. 11 writes a
network: z_h = sigmoid(w_h^T x), y = \sum_h v_h z_h + v_0, r the target. These documents are
written here, in other letters (u, c, h, o-less y with r_k): the books' lines are in the corpus."""

from verdict_lines import by_line as lines

from symbolic.backprop import derive
from symbolic.latex.document import _source
from symbolic.latex.row_products import detect, rewrite
from symbolic.latex.tokens import tokenize
from symbolic.spec import network
from symbolic.verify import verify_text

ONE = derive(network("2-2-1", "sigmoid", "half_se", "identity"))

REGRESSION = (
    r"\[ h_j = \sigma(\mathbf{u}_j^T \mathbf{x}) \]" + "\n"
    r"\[ y = \sum_{j=1}^H c_j h_j + c_0 \]" + "\n"
    r"\[ E = \frac{1}{2} (r - y)^2 \]" + "\n"
    r"\[ \frac{\partial E}{\partial c_j} = -(r - y) h_j \]" + "\n"
    r"\[ \frac{\partial E}{\partial u_{ji}} = -(r - y) c_j h_j (1 - h_j) x_i \]" + "\n"
    r"\[ \frac{\partial E}{\partial u_{j0}} = -(r - y) c_j h_j (1 - h_j) \]" + "\n"
)


def test_a_row_times_x_is_the_units_net_input_and_the_layers_are_read():
    # u_j^T x beside u_{ji} and u_{j0}: \sum_i u_{ji} x_i + u_{j0}; c the output's weights, c_0 its
    # bias, y the linear output, r the target
    assert lines(verify_text(ONE, REGRESSION)) == {k: {"correct"} for k in range(1, 7)}


def test_a_slip_on_a_row_read_line_is_wrong():
    planted = REGRESSION.replace(r"c_j h_j (1 - h_j) x_i", r"c_j h_j x_i")
    got = lines(verify_text(ONE, planted))
    assert got[5] == {"wrong"} and all(got[k] == {"correct"} for k in got if k != 5)


def test_a_bias_written_beside_the_row_is_counted_once():
    # \sigma(u_{j0} + u_j^T x): the row is then \sum_i u_{ji} x_i alone; a side adding the bias twice
    # is wrong
    rows = (
        r"\[ h_j = \sigma(u_{j0} + \mathbf{u}_j^T \mathbf{x}) = "
        r"\frac{1}{1 + \exp\left[-\left(\sum_{i} u_{ji} x_i + u_{j0}\right)\right]} \]" + "\n"
    )
    text = REGRESSION.replace(REGRESSION.split("\n")[0] + "\n", rows)
    assert lines(verify_text(ONE, text))[1] == {"correct"}
    slip = text.replace(r"x_i + u_{j0}\right)", r"x_i + 2 u_{j0}\right)")
    assert slip != text
    assert lines(verify_text(ONE, slip))[1] == {"wrong"}


def test_the_output_row_alone_names_the_hidden_output_and_an_indexed_target_r():
    # no hidden row: y_k = \sum_j c_{kj} h_j + c_{k0} says h is the hidden layer's output; r_k in
    # r_k - y_k is the target
    d = derive(network("3-2-2", "sigmoid", "half_se", "identity"))
    text = (
        r"\[ y_k = \sum_{j=1}^H c_{kj} h_j + c_{k0} \]" + "\n"
        r"\[ E = \frac{1}{2} \sum_k (r_k - y_k)^2 \]" + "\n"
        r"\[ \frac{\partial E}{\partial c_{kj}} = -(r_k - y_k) h_j \]" + "\n"
        r"\[ \frac{\partial E}{\partial c_{k0}} = -(r_k - y_k) h_k \]" + "\n"
    )
    got = lines(verify_text(d, text))
    assert got[1] == got[2] == got[3] == {"correct"} and got[4] == {"wrong"}


def test_a_letter_without_a_two_index_form_is_left_as_written():
    # Prince's h_k^T is a layer's vector, not a row: no u_{k.} written
    assert detect(r"\frac{\partial L}{\partial W_k} = \delta_k \mathbf{h}_k^T") is None
    text = r"a = \sigma(\mathbf{w}_h^T \mathbf{x}) + w_{hj}"
    rows = detect(text)
    assert rows is not None and rows.summed == {"w": "j"} and not rows.biased
    toks = tokenize(_source(text), 0, len(text))
    written = " ".join(t.text for t in rewrite(rows, toks))
    assert "sum _ { q } w _ { h q } x _ { q }" in written and " + w _ { h 0 }" not in written
