"""Every function and constant the formula parser accepts prints for NumPy, LaTeX and Unicode.

The parser's whitelist (`symbolic.formula._functions` and `_CONSTANTS`) and the printers' tables
were kept apart: `sqrt`, `z**0.5`, `pi` and `e` parsed, but the generated module died with
`NameError: name 'sqrt' is not defined`, and the terminal wrote `Heaviside(z)`, `Abs(z)`, `E`.
Here each whitelisted name, with its derivative, is printed by every printer and the code is run
with nothing but `np`, `math` and Python's builtins in scope; the property test in
test_whitelist_property.py runs whole generated modules.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import sympy as sp

from codegen.latex import SheetLatexPrinter
from codegen.numpy_printer import NumpyPrinter, RowPrinter
from codegen.tex import available, compile_pdf
from codegen.unicode import UnicodePrinter
from codegen.verdict_names import VerdictPrinter
from symbolic import functions as fn
from symbolic.formula import _CONSTANTS, _functions, parse_formula

Z = sp.Symbol("z", real=True)


def _formula(name: str) -> str:
    if name in _CONSTANTS:
        return f"{name}*z + {name}"
    if name in ("max", "min"):
        return f"{name}(z, 0.25)"
    return f"{name}(z)"


NAMES = sorted(_functions()) + sorted(_CONSTANTS)
EXTRA = ["z**0.5", "z**1.5", "z**(-0.5)", "z**z", "sin(z)**2 + cos(z)**2 + z", "e**z", "pi**z"]
FORMULAS = [_formula(n) for n in NAMES] + EXTRA


def _exprs(text):
    f = parse_formula(text, {"z": Z})
    return [f, sp.diff(f, Z)]


def _run(printer, expr, z: float):
    """The printed code evaluated with only np, math, builtins and the printer's helpers."""
    code = printer.doprint(expr)
    scope = {"np": np, "math": math, "DTYPE": np.float64, "EXP_MAX": 700.0}
    for helper in printer.helpers.values():
        exec(helper, scope)  # noqa: S102 - our printer's own helper definitions
    scope["z"] = z
    return float(eval(code, scope)), code  # noqa: S307 - printer output, not user text


@pytest.mark.parametrize("text", FORMULAS)
@pytest.mark.parametrize("printer_cls", [NumpyPrinter, RowPrinter])
def test_every_whitelisted_name_prints_as_runnable_code(text, printer_cls):
    for expr in _exprs(text):
        for z in (0.7, 1.9):
            exact = float(
                sp.N(
                    fn.expand_definitions(expr)
                    .subs(Z, z)
                    .replace(sp.Heaviside, lambda *a: sp.Integer(1) if a[0] > 0 else sp.Integer(0)),
                    30,
                )
            )
            got, code = _run(printer_cls({}), expr, np.float64(z) if printer_cls is NumpyPrinter else z)
            assert got == pytest.approx(exact, rel=1e-12, abs=1e-12), (text, code)


# every spelling the Unicode printers may use for a function
UNICODE_NAMES = {
    "exp",
    "log",
    "sqrt",
    "tanh",
    "sinh",
    "cosh",
    "sin",
    "cos",
    "abs",
    "σ",
    "ReLU",
    "softplus",
    "max",
    "min",
    "H",
    "sign",
}


@pytest.mark.parametrize("text", FORMULAS)
@pytest.mark.parametrize("printer_cls", [UnicodePrinter, VerdictPrinter])
def test_every_whitelisted_name_prints_in_unicode(text, printer_cls):
    for expr in _exprs(text):
        out = printer_cls({}).doprint(expr)
        assert set(re.findall(r"([^\W\d]+)\(", out)) <= UNICODE_NAMES, out
        assert not re.search(r"\b(E|pi|Heaviside|Abs|Max|Min)\b", out), out


@pytest.mark.tex
@pytest.mark.skipif(not available(), reason="pdflatex is not installed")
def test_every_whitelisted_name_prints_as_latex_that_compiles():
    p = SheetLatexPrinter({Z: "z"})
    lines = []
    for text in FORMULAS:
        f, df = _exprs(text)
        tex_f, tex_df = p.doprint(f), p.doprint(df)
        assert not re.search(r"Heaviside|Abs|operatorname\{(Max|Min|E|pi)\}|\bE\b", tex_f + tex_df)
        lines.append(f"${tex_f}$ \\quad ${tex_df}$\\par")
    doc = (
        "\\documentclass{article}\\usepackage{amsmath,amssymb}\\begin{document}\n"
        + "\n".join(lines)
        + "\n\\end{document}\n"
    )
    assert compile_pdf(doc, "whitelist").pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "option, formula",
    [
        ("-a", "sin(z)**2 + cos(z)**2"),
        ("-a", "cosh(z)**2 - sinh(z)**2"),
        ("--loss", "sin(out)**2 + cos(out)**2 + y"),
    ],
)
def test_formulas_whose_derivative_is_zero_are_refused(option, formula, capsys, tmp_path):
    """f ≡ 1 parsed, but its module had `delta1_1 = 0` (a number, not a column of the batch)
    and died with AttributeError: 'int' object has no attribute 'sum'."""
    from codegen.cli import main

    out = tmp_path / "never.py"
    assert main(["generate", "2-3-1", option, formula, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert not out.exists()
    assert err.count("\n") == 1 and "does not depend on" in err
