r"""Notations met reading three new published sources blind (Prince's 'Understanding Deep Learning'
sec. 7.4, Bishop & Bishop's 'Deep Learning' sec. 8.1, a learner's note deriving a^{[2]} - y):
small documents of our own in the same notation, other letters and sizes, checked both ways.

- size switches written before a display (\large, \Large, \small): read through (latex/vocabulary.py)
- \ln, \log, \exp of a whole layer in bracket notation, ln(a^{[2]}): the function entry by entry,
  never an unknown function of that name (verify/layer_calls.function_for)
"""

import sympy as sp

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.layer_calls import function_for


def _said(arch, text, activation="tanh", loss="bce", output="sigmoid"):
    d = derive(network(arch, activation, loss, output, "layered"))
    report = verify_text(d, text)
    said = {u.line: "not checked" for u in report.unchecked}
    for v in report.verdicts:
        said[v.line] = "wrong" if v.status == "wrong" or said.get(v.line) == "wrong" else v.status
    return said, report


BCE = r"""$$\Large \frac{\partial J}{\partial z^{[3]}} = a^{[3]} - y$$
$$J = -(y \ln(a^{[3]}) + (1 - y) \ln(1 - a^{[3]}))$$
$$J = -(y \log a^{[3]} + (1 - y) \log(1 - a^{[3]}))$$
$$\small \frac{\partial J}{\partial a^{[3]}} = \frac{a^{[3]} - y}{a^{[3]}(1 - a^{[3]})}$$
"""


def test_size_switches_and_logs_of_a_layer_are_read():
    said, report = _said("3-2-2-1", BCE)
    assert said == {1: "correct", 2: "correct", 3: "correct", 4: "correct"}, report.unchecked
    assert report.exit_code == 0


def test_slips_beside_them_are_wrong():
    slipped = BCE.replace(r"- y$$", r"+ y$$", 1).replace(r"\ln(1 - a^{[3]})", r"\ln(a^{[3]})")
    slipped = slipped.replace(r"{a^{[3]}(1 - a^{[3]})}", r"{a^{[3]}}")
    said, _ = _said("3-2-2-1", slipped)
    assert said == {1: "wrong", 2: "wrong", 3: "correct", 4: "wrong"}


def test_a_log_of_the_wrong_layer_is_never_correct():
    said, _ = _said("3-2-2-1", r"$$J = -(y \ln(a^{[2]}) + (1 - y) \ln(1 - a^{[2]}))$$" + "\n")
    assert said[1] != "correct"


def test_known_functions_apply_entry_by_entry_and_others_stay_named():
    column = sp.Matrix([sp.Symbol("a"), sp.Symbol("b")])
    assert column.applyfunc(function_for("ln", column, frozenset())) == sp.Matrix(
        [sp.log(sp.Symbol("a")), sp.log(sp.Symbol("b"))]
    )
    assert function_for("exp", column, frozenset()) is sp.exp
    assert function_for("max", column, frozenset()) == sp.Function("max")  # over the entries: not entrywise
    assert function_for("g", column, frozenset()) == sp.Function("g")
    # tanh is an activation's spelling: the network's rule, read by names.py as sigma and ReLU are
    assert function_for("tanh", column, frozenset()) == sp.Function("tanh")
