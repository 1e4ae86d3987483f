"""A Derivation in Jupyter: `_repr_latex_` and `_repr_html_` carry the terminal's sections
(`symprop derive`) in its order, every equation of each, as LaTeX that pdflatex compiles
(KaTeX in a browser: tests/test_sheet_html_browser.py); symbolic/ imports no codegen until asked."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape

import pytest

from codegen.terminal import render_text
from codegen.tex import compile_pdf
from symbolic.backprop import derive
from symbolic.spec import network

NETS = [
    ("2-3-1", "sigmoid", "half_se", "seed"),
    ("3-4-2", "tanh", "cce", "layered"),
    ("784-128-10", "relu", "cce", "layered"),
]


def _rows(e) -> int:
    if e.kind in ("gradient", "delta"):
        return 3 if e.kind == "gradient" and e.compact is not None else 2
    return 1


def _terminal_titles(d) -> list[str]:
    lines = render_text(d).splitlines()
    return [b for a, b in zip(lines, lines[1:]) if a == "" and b and not b.startswith(" ")]


@pytest.mark.parametrize("arch, act, loss, naming", NETS)
def test_both_reprs_have_the_terminal_sections_in_order(arch, act, loss, naming):
    d = derive(network(arch, act, loss, naming=naming))
    titles = _terminal_titles(d)
    assert len(titles) >= 5
    latex = d._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and latex.endswith("\\end{aligned}$$")
    assert re.findall(r"\\\\\[8pt\] &\\textbf\{([^}]*)\}", latex) == titles
    html = d._repr_html_()
    assert [unescape(t) for t in re.findall(r"<h4>([^<]*)</h4>", html)] == titles
    blocks = [unescape(b) for b in re.findall(r"<div>\$\$(.*?)\$\$</div>", html)]
    assert len(blocks) == len(titles) and "<" not in "".join(re.findall(r"<div>\$\$(.*?)\$\$", html))
    # every equation, one row each (a chain rule: its chain, its values, its compact form)
    rows = sum(len(re.findall(r"&=|&\\leftarrow", b)) for b in blocks)
    latex_rows = len(re.findall(r"&=|&\\leftarrow", latex))
    want = sum(_rows(e) for e in d.equations)
    assert rows == latex_rows == want
    for p in d.params[:3]:
        assert d.naming.names[p].latex in latex


def test_seed_equations_read_as_on_the_sheet():
    d = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    latex = d._repr_latex_()
    for row in [
        "z_{h1} &= w_{11} x_{1} + w_{12} x_{2} + b_{1}",
        "\\frac{\\partial z_{o}}{\\partial \\sigma(z_{h1})} &= w_{a}",
        "&= \\delta_{h1} x_{1}",
        "\\frac{\\partial L}{\\partial \\mathrm{out}} &= \\mathrm{out} - y_{T}",
        "\\delta_{\\mathrm{out}} &=",
    ]:
        assert row in latex, row


@pytest.mark.tex
def test_latex_repr_compiles():
    d = derive(network("3-4-2", "tanh", "cce", naming="layered"))
    body = d._repr_latex_()[2:-2]
    doc = (
        "\\documentclass{article}\\usepackage{amsmath,amssymb}\\begin{document}\\["
        + body
        + "\\]\\end{document}"
    )
    assert compile_pdf(doc, "notebook").pdf.startswith(b"%PDF")


def test_symbolic_imports_no_codegen():
    code = (
        "import sys, symbolic.backprop, symbolic.derivation;"
        "from symbolic.spec import network;"
        "d = symbolic.backprop.derive(network('2-2-1', 'sigmoid', 'half_se'));"
        "assert not [m for m in sys.modules if m.startswith('codegen')], 'imported';"
        "d._repr_html_();"
        "assert 'codegen.notebook' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_a_shared_bias_is_the_sum_of_its_paths():
    d = derive(network("2-2-1", "sigmoid", "half_se", naming="seed", shared_bias=True))
    (b,) = d.biases(1)
    latex = d._repr_latex_()
    row = next(
        r
        for r in latex.split("\n")
        if r.startswith(f"\\\\ \\frac{{\\partial L}}{{\\partial {d.naming.names[b].latex}}}")
    )
    assert row.count(" + ") == 1 and row.count("\\cdot") == 2 * len(d.gradient(b).paths[0]) - 2
