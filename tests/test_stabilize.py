"""codegen.stabilize: overflow-prone exp patterns of user formulas become σ and softplus.

Each rewrite must be an identity: checked at 40 digits against the original formula, including at
|z| = 1e4 where float64 would overflow but mpmath does not. And the rewritten forms must really be
free of the unbounded exp the pattern had."""

import sympy as sp

from codegen.numpy_printer import NumpyPrinter
from codegen.stabilize import stabilize
from symbolic import functions as fn

z, y, out, a, b = sp.symbols("z y out a b", real=True)

CASES = [
    # (formula, what the rewrite must give)
    (z / (1 + sp.exp(-z)), z * fn.sigmoid(z)),
    (sp.diff(z / (1 + sp.exp(-z)), z), z * fn.sigmoid(z) * fn.sigmoid(-z) + fn.sigmoid(z)),
    (sp.log(1 + sp.exp(-y * z)), fn.softplus(-y * z)),
    (sp.diff(sp.log(1 + sp.exp(-y * z)), z), -y * fn.sigmoid(-y * z)),
    (sp.exp(z) / (1 + sp.exp(z)) ** 2, fn.sigmoid(z) * fn.sigmoid(-z)),
    (sp.exp(a) / (sp.exp(a) + sp.exp(b)), fn.sigmoid(a - b)),
    (sp.log(sp.exp(a) + sp.exp(b)), a + fn.softplus(b - a)),
    # the logistic loss's delta as the symbolic core hands it over
    (
        (1 - 2 * y) * sp.exp(out) / (sp.exp(out) + sp.exp(2 * out * y)),
        (1 - 2 * y) * fn.sigmoid(out - 2 * out * y),
    ),
    (sp.diff(sp.exp(z) / (1 + sp.exp(z)), z), fn.sigmoid(z) - fn.sigmoid(z) ** 2),
]


def _value(expr, point):
    return sp.N(fn.expand_definitions(expr).xreplace(point), 40)


def test_rewrites_give_the_stable_forms():
    for formula, expected in CASES:
        got = stabilize(formula)
        assert sp.simplify(fn.expand_definitions(got - expected)) == 0, (formula, got)
        assert not got.has(sp.exp), (formula, got)


def test_rewrites_are_identities_even_where_float64_overflows():
    points = [
        {z: v, y: w, out: v, a: v, b: -w * 7}
        for v in (-1e4, -40.0, -1.5, 0.3, 2.0, 35.0, 1e4)
        for w in (0.0, 1.0, 0.25)
    ]
    for formula, _ in CASES:
        for point in points:
            point = {k: sp.Float(v, 50) for k, v in point.items()}
            want, got = _value(formula, point), _value(stabilize(formula), point)
            assert abs(want - got) <= sp.Float("1e-30", 50) * (1 + abs(want)), (formula, point)


def test_formulas_without_the_patterns_are_left_alone():
    for formula in (
        sp.exp(z) * sp.tanh(z),
        z**2 + 1,
        sp.log(1 + z**2),
        2 + sp.exp(z),
        sp.exp(z) + sp.exp(2 * z) + 1,
        # splitting the pair would leave exp(-a)·σ(a - b): inf·0 at a = -800, b = 0
        1 / (sp.exp(a) + sp.exp(b)),
        sp.exp(a) + sp.exp(b),
    ):
        assert stabilize(formula) is formula


def test_printer_spells_the_rewritten_form():
    printer = NumpyPrinter({})
    text = printer.doprint(sp.diff(z / (1 + sp.exp(-z)), z))
    assert "np.exp" not in text and "_sigmoid(z)" in text and "_sigmoid(-z)" in text
    assert "def _sigmoid(z)" in printer.helpers["_sigmoid"]
