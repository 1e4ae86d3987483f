"""Notations read blind and then learned: Grosse's error signals (a bar over a name is the loss's
derivative by it, verify/error_signals.py), an implication arrow between two equations
(latex/document.py), and Hinton's letters (y the activity, z the logit, w_{ij} from i to j) in
a backward sum that carries an activation beside the loss's derivative (verify/letter_readings.py).
"""

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.error_signals import loss_of, plain
from symbolic.verify.read import read


def _said(net: str, text: str, **conventions) -> dict[tuple[int, int], set[str]]:
    """(line, col) -> the statuses said there ('not checked: reason' for an unread one)."""
    try:
        report = verify_text(derive(network(net, "sigmoid", "half_se")), text, conventions=conventions)
        verdicts, unchecked = report.verdicts, report.unchecked
    except SympropError as err:
        verdicts, unchecked = [], list(getattr(err, "unchecked", []))
    out: dict[tuple[int, int], set[str]] = {}
    for v in verdicts:
        out.setdefault((v.line, v.col), set()).add(v.status)
    for u in unchecked:
        out.setdefault((u.line, u.col), set()).add("not checked: " + u.reason)
    return out


def _lines(said: dict) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for (line, _), statuses in said.items():
        out.setdefault(line, set()).update(statuses)
    return out


GROSSE = (
    "% univariate logistic least squares\n"
    "$$z = wx + b, y = \\sigma(z), \\mathcal{L} = \\frac{1}{2} (y - t)^2$$\n"
    "$$\\bar{\\mathcal{L}} = 1, \\bar{y}=y - t, \\bar{z} = \\bar{y} \\sigma'(z), "
    "\\bar{w}=\\bar{z}x, \\bar{b}=\\bar{z}$$\n"
)


def test_a_bar_is_the_loss_derivative_where_the_document_seeds_it():
    said = _said("1-1", GROSSE, targets="t")
    assert sorted(s for k, s in said.items() if k[0] == 3) == [{"correct"}] * 5


def test_a_wrong_error_signal_is_named_at_its_factor():
    said = _said("1-1", GROSSE.replace("\\bar{y} \\sigma'(z)", "\\bar{y} \\sigma(z)"), targets="t")
    assert {"wrong"} in [s for k, s in said.items() if k[0] == 3]


def test_bars_chained_backwards_are_error_signals_without_the_seed():
    doc = GROSSE.replace("\\bar{\\mathcal{L}} = 1, ", "")
    stmts = read(doc).statements
    assert loss_of(stmts) == "L"
    said = _said("1-1", doc, targets="t")
    assert sorted(s for k, s in said.items() if k[0] == 3) == [{"correct"}] * 4


def test_a_lone_bar_is_never_read_as_a_derivative():
    # a mean over examples, \bar{y}: nothing says it is an error signal
    doc = "% a mean\n$$\\bar{y} = y - t$$\n"
    assert loss_of(read(doc).statements) is None
    assert all(s != {"correct"} and s != {"wrong"} for s in _said("1-1", doc, targets="t").values())


def test_a_barred_name_with_a_subscript_keeps_it():
    assert plain("w_bar_ij") == "w_ij" and plain("z_bar") == "z" and plain("L_bar") == "L"
    assert plain("w_ij") is None


def test_an_implication_between_two_equations_is_two_statements():
    doc = (
        "% Buduma\n"
        "$E=\\frac{1}{2}\\sum_{j \\in output}(t_j-y_j)^2 \\Rightarrow "
        "\\frac{\\partial E}{\\partial y_j}=-(t_j-y_j)$\n"
    )
    assert len(read(doc).statements) == 2
    said = _said("2-2-2", doc, targets="t")
    assert len(said) == 2 and said[(2, 2)] == {"correct"}, said  # the second has its own line:col
    lines = _lines(_said("2-2-2", doc + HINTON.split("\n", 1)[1], targets="t", weights="input-by-output"))
    assert lines[2] == {"correct"}, lines  # y_j read by the lines after it: both judged


HINTON = (
    "% Hinton's letters\n"
    "$\\frac{\\partial E}{\\partial z_j}=\\frac{\\partial E}{\\partial y_j}\\frac{d y_j}{d z_j}"
    "=y_j (1-y_j) \\frac{\\partial E}{\\partial y_j}$\n"
    "$\\frac{\\partial E}{\\partial y_i}=\\sum_j w_{ij}y_j(1-y_j)\\frac{\\partial E}{\\partial y_j}$\n"
)


def test_a_backward_sum_with_an_activation_beside_the_derivative_runs_backwards():
    # \sum_j w_{ij} y_j (1 - y_j) dE/dy_j: j the layer above i, never a forward sum of y_j
    lines = _lines(_said("2-2-2", HINTON, targets="t", weights="input-by-output"))
    assert lines[3] == {"correct"}, lines


def test_the_backward_sum_is_never_wrong_when_the_weights_way_is_not_said():
    lines = _lines(_said("2-2-2", HINTON, targets="t"))
    assert "wrong" not in lines[3] and "correct" not in lines[3], lines


def test_the_logit_is_read_where_the_activation_is_differentiated_by_it():
    # dy_j/dz_j = y_j (1 - y_j): z is the net input (Bishop's z_j, an activation, would not be
    # differentiated so); every reading of j agrees
    lines = _lines(_said("2-2-2", HINTON, targets="t", weights="input-by-output"))
    assert lines[2] == {"correct"}, lines


def test_a_swapped_logit_derivative_is_wrong():
    doc = HINTON.replace(
        "=y_j (1-y_j) \\frac{\\partial E}{\\partial y_j}$", "=y_j (1+y_j) \\frac{\\partial E}{\\partial y_j}$"
    )
    lines = _lines(_said("2-2-2", doc, targets="t", weights="input-by-output"))
    assert lines[2] == {"wrong"}, lines
