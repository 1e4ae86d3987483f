"""The chain-rule derivation equals SymPy's own diff of the fully expanded loss.

Three independent routes per parameter: exact (definitions substituted, rational cancellation),
numeric at high precision against central finite differences of the expanded loss, and the
delta (matrix) form instantiated with explicit matrices.
"""

import random

import pytest
import sympy as sp

from symbolic import check
from symbolic.backprop import derive
from symbolic.spec import network

COMBOS = [
    # arch, activation, loss, output activation, naming
    ("2-3-1", "sigmoid", "half_se", None, "seed"),
    ("2-2-1", "tanh", "mse", None, "layered"),
    ("2-2-1", "relu", "bce", None, "layered"),
    ("2-2-2", "tanh", "cce", None, "layered"),
    ("1-2-2-1", "softplus", "mse", None, "layered"),
    ("2-2-1", "leaky_relu", "half_se", "sigmoid", "layered"),
    ("2-2-1", "identity", "half_se", "sigmoid", "layered"),
    ("2-2-1", "z/(1+exp(-z))", "half_se", "identity", "layered"),
    ("2-2-1", "sigmoid", "(out - y)**4/4", None, "layered"),
    ("1-2-2-2-1", "sigmoid", "half_se", None, "layered"),
    ("2-2-3", "relu", "cce", None, "layered"),
    ("2-3-2", "sigmoid", "bce", None, "layered"),
    ("2-2-2", "sigmoid", "half_se", "softmax", "layered"),
    ("1-2-2-1", "tanh", "bce", None, "layered"),
]
IDS = ["-".join(filter(None, (c[0], c[1][:12], c[2][:10], c[3]))) for c in COMBOS]


def _difference_is_zero(d, diff):
    """Exact zero; for categorical CE the fused delta (out - y) assumes one-hot targets."""
    if d.spec.loss.name == "cce":
        *rest, last = d.targets
        diff = diff.xreplace({last: 1 - sp.Add(*rest)})
    return check.exact_zero(diff)


@pytest.fixture(scope="module", params=COMBOS, ids=IDS)
def case(request):
    arch, act, loss, out, naming = request.param
    d = derive(network(arch, act, loss, out, naming))
    return d, check.expanded_loss(d)


def test_factor_products_equal_expanded_diff_exactly(case):
    d, loss = case
    assert d.params, "scalar derivation expected for a small net"
    for p in d.params:
        ours = check.expanded(d, d.gradient(p).rhs)
        assert _difference_is_zero(d, ours - sp.diff(loss, p)), f"dL/d{p} differs"


def test_delta_form_equals_chain_rule_exactly(case):
    d, loss = case
    explicit = check.explicit_delta_form(d)
    assert set(explicit) == set(d.params)
    for p in d.params:
        assert _difference_is_zero(d, check.expanded(d, explicit[p]) - sp.diff(loss, p)), p


def test_high_precision_against_central_differences(case):
    d, _ = case
    rng = random.Random(20261127)
    point = check.random_point(d, rng)
    for p in d.params:
        ours = check.evaluate(check.expanded(d, d.gradient(p).rhs), point)
        fd = check.central_difference(d, p, point)
        assert abs(ours - fd) < sp.Float("1e-25") * (1 + abs(fd)), (p, ours, fd)


def test_compact_delta_forms_agree(case):
    """gradient = delta * a_prev, and each delta's recursion equals its factor product."""
    d, _ = case
    rng = random.Random(7)
    point = check.random_point(d, rng)
    for p in d.params:
        eq = d.gradient(p)
        a = check.evaluate(check.expanded(d, eq.compact), point)
        b = check.evaluate(check.expanded(d, eq.rhs), point)
        assert abs(a - b) < 1e-30 * (1 + abs(b))
    for eq in d.of_kind("delta"):
        a = check.evaluate(check.expanded(d, eq.compact), point)
        b = check.evaluate(check.expanded(d, eq.rhs), point)
        assert abs(a - b) < 1e-30 * (1 + abs(b)), eq.name


def test_exact_check_rejects_a_wrong_gradient():
    """The exact route is a real test: a gradient off by one factor is not zero."""
    d = derive(network("2-3-1", naming="seed"))
    loss = check.expanded_loss(d)
    w11 = d.symbol("w11")
    wrong = sp.Mul(*d.factors(w11)[1:])  # drop dL/dout
    assert not check.exact_zero(check.expanded(d, wrong) - sp.diff(loss, w11))
