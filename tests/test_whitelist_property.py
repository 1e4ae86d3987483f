"""Property: an activation drawn from the whole formula whitelist gives a generated module whose
gradients are the central differences of its own loss, on every code path.

A formula is a small random tree over z using every whitelisted function (exp, log, ln, sqrt,
tanh, sinh, cosh, sin, cos, abs, sigmoid, relu, softplus, max, min), both constants (e, pi), and
+ - * / ** with integer and fractional exponents. Its module is generated in both styles; the
gradients come from the Python-float rows (a batch of 5) and the NumPy path (20 rows, and the
matrix style), and are checked against central differences of `loss` (NumPy forward pass). Only
formulas whose loss and gradients are finite and moderate at the sample are kept.
"""

from __future__ import annotations

import importlib.util
import itertools
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, assume, example
from hypothesis import strategies as st
from numeric import central_differences
from passes import two_passes

from codegen.module import render_module
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.formula import _CONSTANTS, _functions
from symbolic.spec import network

pytestmark = pytest.mark.slow  # see make test-fast

UNARY = sorted(n for n in _functions() if n not in ("max", "min"))
BINARY_FUNCS = ["max", "min"]
POSITIVE_ONLY = {"log", "ln", "sqrt"}  # given a positive argument half of the time

leaves = st.one_of(
    st.just(("z",)),
    st.sampled_from([0.5, 1, 2, 3]).map(lambda x: ("num", x)),
    st.sampled_from(sorted(_CONSTANTS)).map(lambda c: ("const", c)),
)


def extend(children):
    return st.one_of(
        st.tuples(st.sampled_from(UNARY), children, st.booleans()),
        st.tuples(st.sampled_from(["+", "-", "*", "/"] + BINARY_FUNCS), children, children),
        st.tuples(st.just("**"), children, st.sampled_from([2, 3, -1, 0.5, 1.5, -0.5])),
    )


trees = st.recursive(leaves, extend, max_leaves=5)


def render(t) -> str:
    kind = t[0]
    if kind == "z":
        return "z"
    if kind in ("num", "const"):
        return str(t[1])
    if kind in UNARY:
        arg = render(t[1])
        if kind in POSITIVE_ONLY and t[2]:
            arg = f"({arg})**2 + 0.5"
        return f"{kind}({arg})"
    if kind in BINARY_FUNCS:  # offset: no tie on a whole interval (max(z, abs(z)) for z > 0,
        # where SymPy's derivative is H(0) + H(0), 1/2 + 1/2 exactly but 0 in code)
        return f"{kind}({render(t[1])}, {render(t[2])} + 0.3137)"
    if kind == "/":
        return f"({render(t[1])})/(({render(t[2])})**2 + 1)"
    if kind == "**":
        base = render(t[1])
        return f"(({base})**2 + 0.5)**{t[2]}" if t[2] != int(t[2]) else f"({base})**{t[2]}"
    return f"({render(t[1])} {kind} {render(t[2])})"


def _load(source: str, directory: str, name: str):
    path = Path(directory) / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_counter = itertools.count()


def _check(m, params, X, Y, rows: bool):
    value, grads = (m._value_and_gradients_rows if rows else m.value_and_gradients)(params, X, Y)
    g = m._flat(grads)[0]
    assume(np.isfinite(value) and np.all(np.isfinite(g)) and abs(value) < 1e4 and np.max(np.abs(g)) < 1e4)
    assert abs(value - m.loss(params, X, Y)) <= 1e-9 * (1 + abs(value))
    # Richardson's extrapolation of two steps: the h^2 error of one step is no referee where the
    # function turns fast (cos(1/z) near z = 0: 2e-4 off at h = 1e-6, where the module was right)
    fd, half = central_differences(m, params, X, Y), central_differences(m, params, X, Y, h=5e-7)
    assume(np.all(np.isfinite(fd)) and np.all(np.isfinite(half)))
    reference = (4 * half - fd) / 3
    assert np.allclose(g, reference, rtol=1e-4, atol=1e-5 * (1 + abs(value))), (g, reference)


@example(("cos", ("**", ("z",), -1), False))  # one step's differences were 2e-4 off (a user run's seed)
@example(("**", ("z",), 0.5))  # sqrt: NameError before the fix
@example(("*", ("const", "pi"), ("sin", ("z",), False)))
@example(("+", ("**", ("sin", ("z",), False), 2), ("**", ("cos", ("z",), False), 2)))
@example(("**", ("relu", ("num", 3), False), 2))  # float(relu(3)) raised in the parser
@example(("max", ("z",), ("relu", ("num", 0.5), False)))  # max could not compare relu(1/2)
# stabilize wrote log(1 + e^(1/2)) as softplus(1/2) inside min, which could not compare it
@example(("min", ("softplus", ("num", 0.5), True), ("sigmoid", ("**", ("z",), 0.5), False)))
def _module_gradients_match_differences(tree):
    """The tree as the activation (NumPy path, both styles), and in a loss (which a built-in
    activation lets run on the Python-float rows too: custom activations have no row spelling)."""
    formula = render(tree)
    cases = [
        ("z/4 + " + formula, "half_se", ("elementwise", "matrix")),
        ("sigmoid", f"(out - y)**2/2 + ({formula.replace('z', '(out - y)')})/4", ("elementwise", "matrix")),
    ]
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((20, 2)), rng.random((20, 1))
    for act, loss, styles in cases:
        try:
            d = derive(network("2-2-1", act, loss))
        except SympropError:
            assume(False)
        with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # nan where the domain ends
            for style in styles:
                m = _load(render_module(d, style), tmp, f"wl_{next(_counter)}")
                params = m.init_params(3)
                if style == "elementwise" and act == "sigmoid":
                    assert hasattr(m, "_value_and_gradients_rows"), "no Python-float path"
                    _check(m, params, X[:5], Y[:5], rows=True)
                _check(m, params, X, Y, rows=False)


test_whitelist_module_gradients, test_whitelist_module_gradients_fixed = two_passes(
    trees,
    max_examples=8,
    # no shrinking: an example costs about a second, and shrinking one failure took over five
    # minutes; the failing tree is printed as found (small already: at most 5 leaves)
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)(_module_gradients_match_differences)
