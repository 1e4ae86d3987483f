"""Per-output errors in the spellings a document settles (symbolic/verify/error_terms.py): E_k of
E = \\sum_k E_k or E_k = 1/2 (y_k - a_k)^2, E_{j1}, E_{j2} of E_{total} = E_{j1} + E_{j2}, beside
Mazur's E_{o1}; never per-example losses (E_n), never undefined ones (said why). And a unit's name
written without its index inside h'( ) (symbolic/verify/dropped_index.py). Derivations written
here on 2-3-2, 3-2-2 and 2-3-1; the per-output terms checked by hand with sympy."""

import pytest
import sympy as sp

from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text


def _verify(arch: str, lines: list[str], act: str = "sigmoid"):
    d = derive(network(arch, act, "half_se", None, "layered"))
    return verify_text(d, "".join(f"${x}$\n" for x in lines))


def _said(report) -> dict[int, list[tuple[str, int | None]]]:
    out: dict[int, list[tuple[str, int | None]]] = {}
    for u in report.unchecked:
        out.setdefault(u.line, []).append(("not checked", None))
    for v in report.verdicts:
        out.setdefault(v.line, []).append((v.status, v.fault.position if v.fault else None))
    return out


def _reasons(report) -> dict[int, str]:
    return {u.line: u.reason for u in report.unchecked}


LETTERED = [
    r"E = \sum_k E_k",
    r"E_k = \frac{1}{2}(y_k - a^{[2]}_k)^2",
    r"\frac{\partial E}{\partial a^{[2]}_k} = \frac{\partial E_k}{\partial a^{[2]}_k}",
    r"\frac{\partial E_k}{\partial a^{[2]}_k} = a^{[2]}_k - y_k",
    r"\frac{\partial E_k}{\partial z^{[2]}_k} = \frac{\partial E_k}{\partial a^{[2]}_k} "
    r"\frac{\partial a^{[2]}_k}{\partial z^{[2]}_k}",
]


def test_e_k_defined_per_output_is_read_per_instance_and_every_line_is_correct():
    r = _verify("2-3-2", LETTERED)
    said = _said(r)
    assert said[1] == [("correct", None)]  # E = E_1 + E_2: the loss
    for line in (2, 3, 4, 5):
        assert said[line] == [("correct", None)] * 2, (line, said[line])  # k = 1, 2


def test_e_k_a_slip_in_one_outputs_derivative_is_named_at_its_factor():
    slip = [*LETTERED[:3], r"\frac{\partial E_k}{\partial a^{[2]}_k} = y_k - a^{[2]}_k", LETTERED[4]]
    r = _verify("2-3-2", slip)
    assert _said(r)[4] == [("wrong", 1)] * 2
    a, y = sp.symbols("a y")
    assert sp.diff(sp.Rational(1, 2) * (y - a) ** 2, a) == a - y  # the truth apart: a - y, not y - a


def test_a_defined_term_is_no_longer_overwritten_by_the_last_instance():
    """Before error_terms, E_k = ... was read as its k=2 instance on every line: k=1 said wrong."""
    r = _verify(
        "3-2-2", [LETTERED[1], r"\frac{\partial E_k}{\partial a^{[2]}_k} = a^{[2]}_k - y_k"], act="tanh"
    )
    assert _said(r)[2] == [("correct", None)] * 2


def test_a_sum_of_e_j_is_per_output_only_when_j_sits_on_a_unit_beside_it():
    r = _verify(
        "2-3-2",
        [
            r"E = \sum_j E_j",
            r"\frac{\partial E_j}{\partial a^{[2]}_j} = a^{[2]}_j - y_j",
            r"\frac{\partial E_j}{\partial w^{[2]}_{j1}} = "
            r"(a^{[2]}_j - y_j) a^{[2]}_j (1 - a^{[2]}_j) a^{[1]}_1",
        ],
    )
    said = _said(r)
    assert said[1] == [("correct", None)] and said[2] == [("correct", None)] * 2
    assert said[3] == [("correct", None)] * 2


def test_per_example_losses_stay_averages_over_examples():
    r = _verify(
        "2-3-2",
        [r"E = \sum_n E_n", r"C = \sum_k C_k", r"\frac{\partial E}{\partial a^{[2]}_1} = a^{[2]}_1 - y_1"],
    )
    assert "training examples" in _reasons(r)[1] and "training examples" in _reasons(r)[2]
    assert _said(r)[3] == [("correct", None)]


def test_e_j1_e_j2_summed_into_the_total_are_the_outputs_errors():
    r = _verify(
        "2-3-2",
        [
            r"E_{total} = E_{j1} + E_{j2}",
            r"\frac{\partial E_{total}}{\partial w^{[2]}_{11}} = "
            r"\frac{\partial E_{j1}}{\partial w^{[2]}_{11}} + \frac{\partial E_{j2}}{\partial w^{[2]}_{11}}",
            r"\frac{\partial E_{j1}}{\partial a^{[2]}_1} = a^{[2]}_1 - y_1",
            r"\frac{\partial E_{j2}}{\partial a^{[2]}_1} = a^{[2]}_1 - y_1",
        ],
    )
    said = _said(r)
    assert said[1] == said[2] == said[3] == [("correct", None)]
    assert said[4] == [("wrong", 1)]  # E_{j2} does not depend on output 1
    inferred = {s.name: s.value for s in r.inferred if s.how == "per-output error"}
    for name, (a, y) in {"E_j1": ("a2_1", "y1"), "E_j2": ("a2_2", "y2")}.items():
        by_name = {x.name: x for x in inferred[name].free_symbols}
        assert set(by_name) == {a, y}
        assert sp.expand(inferred[name] - (by_name[a] - by_name[y]) ** 2 / 2) == 0  # by hand


def test_mazur_e_o1_still_reads_as_before():
    r = _verify(
        "2-2-2",
        [
            r"E_{total} = E_{o1} + E_{o2}",
            r"\frac{\partial E_{o1}}{\partial a^{[2]}_1} = a^{[2]}_1 - y_1",
            r"\frac{\partial E_{o2}}{\partial a^{[2]}_1} = 0",
        ],
    )
    assert [_said(r)[k] for k in (1, 2, 3)] == [[("correct", None)]] * 3


def test_undefined_per_output_names_are_not_guessed_and_say_why():
    with pytest.raises(SympropError) as err:
        _verify(
            "2-3-2",
            [
                r"\frac{\partial E_j}{\partial a^{[2]}_j} = a^{[2]}_j - y_j",
                r"\frac{\partial E}{\partial w^{[2]}_{11}} = \frac{\partial E_{k1}}{\partial w^{[2]}_{11}}",
            ],
        )
    reasons = [u.reason for u in err.value.unchecked]  # type: ignore[attr-defined]
    assert any("E_j is not defined" in x for x in reasons), reasons
    assert any("E_{k1} is not defined" in x for x in reasons), reasons


# a unit's name with its index dropped inside h'( ) -------------------------------------------

DROPPED = [
    r"\frac{\partial a^{[1]}_j}{\partial z^{[1]}_j} = \sigma'(z)",
    r"\frac{\partial E}{\partial w^{[1]}_{j1}} = \frac{\partial E}{\partial a^{[1]}_j} "
    r"\frac{\partial a^{[1]}_j}{\partial z^{[1]}_j} \frac{\partial z^{[1]}_j}{\partial w^{[1]}_{j1}} "
    r"= \frac{\partial E}{\partial a^{[1]}_j} \sigma'(z) x_1",
]


def test_a_dropped_index_tied_to_the_one_indexed_name_is_restored():
    r = _verify("2-3-1", DROPPED)
    assert _said(r)[1] == [("correct", None)] * 3
    assert all(s == ("correct", None) for s in _said(r)[2])


def test_a_dropped_index_slip_is_named_at_its_factor():
    r = _verify(
        "2-3-1",
        [
            DROPPED[0].replace(r"\sigma'(z)", r"\sigma(z)"),
            DROPPED[1].replace(r"\sigma'(z) x_1", r"\sigma(z) x_1"),
        ],
    )
    assert _said(r)[1] == [("wrong", 1)] * 3
    assert ("wrong", 2) in _said(r)[2]


def test_a_bare_name_not_tied_to_its_unit_is_not_guessed():
    r = _verify(
        "2-3-1",
        [
            # the only z written is the loss's variable, another unit's: σ(z) is not σ(z^{[2]}_1)
            r"\frac{\partial E}{\partial w^{[2]}_{1j}} = \frac{\partial E}{\partial z^{[2]}_1} \sigma(z)",
            # two indexed z: which one is not said
            r"\frac{\partial E}{\partial z^{[1]}_j} = "
            r"\sigma'(z) w^{[2]}_{1j} \frac{\partial E}{\partial z^{[2]}_1}",
            r"\frac{\partial a^{[1]}_j}{\partial z^{[1]}_j} = a",  # alone, not inside a function
            DROPPED[0],
        ],
    )
    assert _said(r)[4] == [("correct", None)] * 3
    said = _said(r)
    assert all(s == ("not checked", None) for line in (1, 2, 3) for s in said[line]), said


def test_a_unit_error_named_e_k_is_the_documents_own_and_read_at_each_value_of_k():
    """E_k = (a_k - y_k) a_k (1 - a_k) is a δ, not a loss term: not per-output; its value changes
    with k, so a line using it reads it at its own k (per_index.py; before: read as its k=2 value,
    k=1 said wrong, then not checked at all)."""
    r = _verify(
        "2-3-2",
        [
            r"E_k = (a^{[2]}_k - y_k) a^{[2]}_k (1 - a^{[2]}_k)",
            r"\frac{\partial E}{\partial z^{[2]}_k} = E_k",
            r"\frac{\partial E}{\partial a^{[2]}_1} = a^{[2]}_1 - y_1",
        ],
    )
    said = _said(r)
    assert all(s == ("not checked", None) for s in said[1]), said
    assert "for each value of its index" in _reasons(r)[1]
    assert said[2] == [("correct", None)] * 2
    assert said[3] == [("correct", None)]
