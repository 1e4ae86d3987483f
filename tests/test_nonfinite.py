"""A formula with a part that is not a finite real number is refused: one line, exit 2.

SymPy evaluates constants while the parser builds them (0**-1 is zoo, zoo**0 is nan, log(-1) is
I*pi), so a non-finite part can vanish from the whole ((0**(-1))**0*z is z to SymPy) or leave
it complex. Before the parser checked every part, these crashed with a traceback (TypeError:
Cannot convert complex to float), were misreported ("does not depend on z"), or went through and
produced NaN in the generated module.
"""

from __future__ import annotations

import pytest

from codegen.cli import main as symprop

# (formula, the part the error line names)
NONFINITE = [
    ("(0**(-1))**0*z", "0 ** (-1)"),  # hypothesis' find: zoo**0 is nan, then nan*z
    ("z + 0**(-1)", "0 ** (-1)"),
    ("log(0)*z", "log(0)"),
    ("z + 0**0**-1", "0 ** (-1)"),
    ("z*sqrt(-1)", "sqrt(-1)"),
    ("z + log(-1)", "log(-1)"),
    ("(1/0)**0*z", "1 / 0"),
    ("z*exp(log(0))", "log(0)"),
    ("z + (-8)**(1/3)", "(-8) ** (1 / 3)"),
    ("z*(-1)**0.5", "(-1) ** 0.5"),
    ("z + sqrt(-1)**2", "sqrt(-1)"),  # real in the end, complex on the way
    ("tanh(log(0))*z", "log(0)"),
    ("z**(0**-1)", "0 ** (-1)"),
    ("cos(0**-2)*z", "0 ** (-2)"),
    ("max(z, log(0))", "log(0)"),
    ("sigmoid(log(0)) + z", "log(0)"),
    ("z*log(-z**0)", "log(-z ** 0)"),
    ("z*sqrt(-pi)", "sqrt(-pi)"),
    ("z + (-e)**0.5", "(-e) ** 0.5"),
    ("z*abs(0**-1)", "0 ** (-1)"),
    ("z - log(-2)", "log(-2)"),
    ("z + 0**(-1) - 0**(-1)", "0 ** (-1)"),
    ("z*(0**-1)*0", "0 ** (-1)"),
    ("exp(z) + log(1 - 1)", "log(1 - 1)"),
]


@pytest.mark.parametrize("formula, part", NONFINITE, ids=[f for f, _ in NONFINITE])
def test_nonfinite_activation_part_is_refused_in_one_line(formula, part, capsys):
    code = symprop(["derive", "2-3-1", "-a", formula])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("symprop: error: "), err
    assert repr(part) in lines[0] and "Traceback" not in err
    assert out == ""


@pytest.mark.parametrize(
    "formula, part",
    [
        ("(out - y)**2 + log(0)", "log(0)"),
        ("(out - y)**2*(0**-1)**0", "0 ** (-1)"),
        ("(out - y)**2 + sqrt(-1)**2", "sqrt(-1)"),
    ],
)
def test_nonfinite_loss_part_is_refused_in_one_line(formula, part, capsys):
    code = symprop(["derive", "2-3-1", "--loss", formula])
    _, err = capsys.readouterr()
    assert code == 2 and len(err.strip().splitlines()) == 1 and repr(part) in err, err


@pytest.mark.parametrize(
    "formula",
    [
        "sqrt(2)*z + pi",
        "z**0.5*0 + z",
        "log(2)*z",
        "e**z",
        "0**2 + z",
        "z*(-8)**2",
        "exp(-z**2)",
        "softplus(0.5)*z",
        "sigmoid(2) + z",
        "relu(3)*z",
        "relu(3)**2*z",
        "z**relu(3)",
        "max(z, relu(0.5) + 0.3)",
        "max(sigmoid(1), z)",
    ],
)
def test_finite_constants_still_parse(formula, capsys):
    assert symprop(["derive", "2-3-1", "-a", formula, "--only", "delta_matrix"]) == 0


def test_constant_tower_is_refused_quickly(capsys):
    """exp(exp(exp(exp(3))))**3: the power check converted the base to a float, which never
    finished (evaluating e^(e^(e^20)) to 15 digits); now each part is bounded as it is built."""
    import time

    start = time.process_time()
    code = symprop(["derive", "2-3-1", "-a", "exp(exp(exp(exp(3))))**3*z"])
    _, err = capsys.readouterr()
    assert code == 2 and "'exp(exp(exp(3)))' is larger than" in err
    assert time.process_time() - start < 5.0


@pytest.mark.parametrize("formula", ["z" + "*10**15" * 25, "(z*1e15)**30", "z + 10**15**2*10**300"])
def test_huge_constants_inside_a_formula_are_refused(formula, capsys):
    """A coefficient past float64 printed as inf (or raised OverflowError) in generated code."""
    assert symprop(["derive", "2-3-1", "-a", formula]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ("larger than" in err or "too large" in err), err


@pytest.mark.parametrize(
    "option, formula",
    [
        ("-a", "sqrt(-1 - z**2)"),
        ("-a", "log(-exp(z))"),
        ("-a", "z + sqrt(-2 - abs(z))"),
        ("--loss", "log(-1 - out**2)"),
        ("--loss", "sqrt(-(out - y)**2 - 1)"),
    ],
)
def test_formula_real_nowhere_is_refused_in_one_line(option, formula, capsys):
    # every part is finite, yet there is no z (or out, y) where the value is real: each row of
    # the generated module would be nan
    code = symprop(["derive", "2-3-1", option, formula])
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "is not a real number at any" in lines[0], err
    assert out == ""


@pytest.mark.parametrize(
    "option, formula",
    [
        ("-a", "sqrt(z)"),
        ("-a", "log(z)"),
        ("-a", "z*sqrt(-2 - abs(z))"),  # real at z = 0 only; SymPy's solve gave tuples here
        ("--loss", "sqrt(out - y)"),
    ],
)
def test_formula_real_on_part_of_the_line_is_kept(option, formula, capsys):
    assert symprop(["derive", "2-3-1", option, formula, "--only", "forward"]) == 0, capsys.readouterr().err
