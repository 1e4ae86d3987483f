"""Unit tests of the LaTeX printer and of escape_tex (the only hand-typed expected LaTeX)."""

import sympy as sp
from sympy.matrices.expressions import HadamardProduct
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from codegen.latex import SheetLatexPrinter, escape_tex
from symbolic import functions as fn

z, y, out = sp.symbols("z y out", real=True)
P = SheetLatexPrinter({out: r"\mathrm{out}", y: "y_{T}"})


def test_activations_are_spelled():
    assert P.doprint(fn.sigmoid(z)) == r"\sigma(z)"
    assert P.doprint(fn.relu(z)) == r"\operatorname{ReLU}(z)"
    assert P.doprint(sp.tanh(z)) == r"\tanh(z)"
    assert P.doprint(sp.Heaviside(z)) == "H(z)"
    assert P.doprint(1 - sp.tanh(z) ** 2) == r"1 - \tanh^{2}(z)"


def test_products_the_seed_way():
    assert P.doprint(fn.sigmoid(z) * (1 - fn.sigmoid(z))) == r"\sigma(z) (1 - \sigma(z))"
    assert P.doprint(sp.Rational(1, 2) * (out - y) ** 2) == r"\frac{1}{2} (\mathrm{out} - y_{T})^{2}"
    assert P.doprint(out - y) == r"\mathrm{out} - y_{T}"


def test_fractions_get_growing_parentheses():
    assert P.doprint(fn.sigmoid(1 / z)) == r"\sigma\left(\frac{1}{z}\right)"


def test_matrix_form():
    W = sp.MatrixSymbol("W2", 1, 3)
    d = sp.MatrixSymbol("delta2", 1, 1)
    Z = sp.MatrixSymbol("z1", 3, 1)
    p = SheetLatexPrinter({W: "W^{(2)}", d: r"\delta^{(2)}", Z: "z^{(1)}"})
    expr = HadamardProduct(W.T * d, ElementwiseApplyFunction(fn.sigmoid, Z))
    assert p.doprint(expr) == r"W^{(2)\top} \delta^{(2)} \odot \sigma(z^{(1)})"


def test_escape_tex_escapes_every_special_character():
    text = r"a\b{c}$d&e#f^g_h%i~j"
    escaped = escape_tex(text)
    assert escaped == (
        r"a\textbackslash{}b\{c\}\$d\&e\#f\textasciicircum{}g\_h\%i"
        r"\textasciitilde{}j"
    )
    assert escape_tex("line\nbreak") == "line?break"
