r"""Notations met reading the published corpus's unread statements (gaps round s): small
documents of our own in each notation, checked both ways (the true statement judged, a slip
wrong or at least never called correct).

- a name of the document's own defined as the network's loss written out (Abu-Mostafa et al.'s
  `e(\mathbf{w}) = (x^{(L)} - y)^2`): a definition of the loss, checked (verify/loss_names.py)
- a letter per layer with w into the hidden layer and W into the output (Mehlig, Hertz et al.):
  W one layer's letter (verify/layer_names.py)
- one letter for the net input of two layers told apart by the unit letter (h_j, h_i) and an
  input letter no statement defines (\xi_k), Hertz, Krogh & Palmer (verify/shared_nets.py)
- a whole statement in a frame, `\boxed{A = B}` (Victor Zhou): read inside it (verify/boxed_rows.py)
- a mean of a body that does not write its letter, `\frac{1}{n} \sum_{i=1}^n (y_{true} -
  y_{pred})^2`, or a sum from 1 to 1: the body (verify/constant_sums.py)
"""

from verdict_lines import verify_layered, worst_by_line

_verify, _said = verify_layered, worst_by_line

POINTWISE = r"""
\[ e(\mathbf{w}) = \left(a^{(2)}_1 - y_1\right)^2 \]
\[ \frac{\partial e}{\partial a^{(2)}_1} = 2\left(a^{(2)}_1 - y_1\right) \]
"""


def test_an_own_name_defined_as_the_loss_is_checked_as_the_loss():
    said = _said(_verify("2-2-1", POINTWISE, loss="(out - y)**2"))
    assert said == {2: "correct", 3: "correct"}
    # the same letter, halved, against a loss without the half: not the loss, so the author's own
    # name (not checked), never called correct
    halved = POINTWISE.replace(r"e(\mathbf{w}) = ", r"e(\mathbf{w}) = \frac{1}{2}")
    assert _said(_verify("2-2-1", halved, loss="(out - y)**2"))[2] == "not checked"


def test_an_own_name_defined_as_an_error_stays_the_authors():
    # e = y - a: an error, not the loss; read as defined, said not checked
    text = "\\[ e = y_1 - a^{(2)}_1 \\]\n\\[ L = \\frac{1}{2} e^2 \\]\n"
    said = _said(_verify("2-2-1", text))
    assert said[1] == "not checked"
    assert said[2] == "correct"


# a letter per layer with the weights w into the hidden layer and W into the output (Mehlig's
# lecture notes, Hertz, Krogh & Palmer): W is then one layer's letter (layer_names._split_case)
CASES = r"""
\[ u_j = \sum_k w_{jk} x_k - \theta_j \]
\[ h_j = g(u_j) \]
\[ U_i = \sum_j W_{ij} h_j - \Theta_i \]
\[ O_i = g(U_i) \]
\[ \frac{\partial O_i}{\partial W_{ij}} = g'(U_i) h_j \]
\[ \frac{\partial O_i}{\partial w_{jk}} = g'(U_i) W_{ij} g'(u_j) x_k \]
\[ \frac{\partial O_i}{\partial \Theta_i} = -g'(U_i) \]
"""


def test_weights_w_and_capital_w_in_two_layers_are_read_a_letter_per_layer():
    said = _said(_verify("2-3-2", CASES))
    assert said == dict.fromkeys(range(2, 9), "correct")
    slip = CASES.replace("g'(U_i) W_{ij} g'(u_j)", "g'(U_i) w_{ij} g'(u_j)")
    assert _said(_verify("2-3-2", slip))[7] != "correct"
    swapped = CASES.replace("= g'(U_i) h_j", "= g'(u_j) h_j")
    assert _said(_verify("2-3-2", swapped))[6] == "wrong"


def test_a_capital_w_with_no_lowercase_w_stays_the_networks_letter():
    # v into the hidden layer, W into the output: W is not read as one layer's letter here
    text = CASES.replace("w_{jk}", "v_{jk}")
    said = _said(_verify("2-3-2", text))
    assert "correct" not in {said.get(k) for k in (4, 6, 7)}


# a whole statement in a frame (Victor Zhou boxes his results): verify/boxed_rows.py
BOXED = r"""
$$\boxed{\frac{\partial L}{\partial W^{(2)}_{11}} = \frac{\partial L}{\partial z^{(2)}_1} a^{(1)}_1}$$
$$\frac{\partial L}{\partial a^{(2)}_1} = \boxed{a^{(2)}_1 - y_1}$$
"""


def test_a_boxed_statement_is_read_inside_its_frame():
    assert _said(_verify("2-2-1", BOXED)) == {2: "correct", 3: "correct"}
    slip = BOXED.replace("a^{(1)}_1}$$", "a^{(1)}_2}$$")
    assert _said(_verify("2-2-1", slip))[2] == "wrong"


# one letter for the net input of both layers, told apart by the unit letter, and an input letter
# of the document's own (Hertz, Krogh & Palmer's h_j, h_i and \xi_k): verify/shared_nets.py
SHARED = r"""
\[ s_j = \sum_k w_{jk} u_k \]
\[ r_j = g(s_j) = g\Big(\sum_k w_{jk} u_k\Big) \]
\[ s_i = \sum_j W_{ij} r_j \]
\[ q_i = g(s_i) \]
\[ \frac{\partial q_i}{\partial r_j} = g'(s_i) W_{ij} \]
\[ \frac{\partial q_i}{\partial w_{jk}} = g'(s_i) W_{ij} g'(s_j) u_k \]
"""


def test_a_net_letter_of_two_layers_is_read_by_its_unit_letter():
    assert _said(_verify("2-2-2", SHARED)) == dict.fromkeys(range(2, 8), "correct")
    slip = SHARED.replace("W_{ij} g'(s_j) u_k", "W_{ij} g'(s_i) u_k")
    assert _said(_verify("2-2-2", slip))[7] == "wrong"
    # s with an index that is neither layer's letter says no layer: not read, never guessed
    numbered = SHARED + "\\[ q_1 = g(s_1) \\]\n"
    assert _said(_verify("2-2-2", numbered))[8] == "not checked"


# a mean (or a sum from 1 to 1) of a body that does not write its letter: every term is the body
# (Victor Zhou's MSE, \frac{1}{n} \sum_{i=1}^n (y_{true} - y_{pred})^2): verify/constant_sums.py
MEAN = r"""
$$L = \frac{1}{n} \sum_{i=1}^n (y_1 - a^{(2)}_1)^2$$
$$L = \frac{1}{1} \sum_{i=1}^1 (y_1 - a^{(2)}_1)^2$$
"""


def test_a_mean_of_terms_without_its_letter_is_the_term():
    said = _said(_verify("2-2-1", MEAN, loss="(out - y)**2"))
    assert said == {2: "correct", 3: "correct"}
    slip = MEAN.replace("(y_1 - a^{(2)}_1)^2$$\n$$", "(y_1 - a^{(1)}_1)^2$$\n$$")
    assert _said(_verify("2-2-1", slip, loss="(out - y)**2"))[2] == "wrong"


def test_a_mean_whose_count_is_written_elsewhere_is_left_as_written():
    # 2/n on the derivative: one example's share of the mean, so the mean's body is not the mean
    one = MEAN.split("\n")[2]  # the sum from 1 to 1: read, so the document is not unusable
    share = r"$$\frac{\partial L}{\partial a^{(2)}_1} = \frac{2}{n}(a^{(2)}_1 - y_1)$$"
    said = _said(_verify("2-2-1", "\n".join(["", MEAN.split("\n")[1], share, one, ""]), loss="(out - y)**2"))
    assert said[2] != "correct" and said[3] != "wrong" and said[4] == "correct"
    # a body that writes the letter is a sum over it, not one term repeated
    indexed = "\n".join(["", "$$L = \\frac{1}{n} \\sum_{i=1}^n (y_i - a^{(2)}_i)^2$$", one, ""])
    assert _said(_verify("2-2-1", indexed, loss="(out - y)**2"))[2] != "correct"


def test_a_mean_body_runs_past_an_inner_sums_bounds():
    from symbolic.verify.constant_sums import blank

    # the = of j=1 inside the inner sum's braces does not end the body: it writes (i), so kept
    line = r"$$J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{j=1}^{N} \mathbf{1}\{y^{(i)} = j\} \log a^{(i)}_j$$"
    assert blank(line) == line
    assert blank(r"$$E = \sum_{p=1}^{1} (t - o)^2$$") == r"$$E =                (t - o)^2$$"
