"""Seed fidelity: with seed naming, the derivation is the hand derivation's, factor for factor."""

import sympy as sp

from codegen.terminal import render_text
from symbolic.backprop import derive
from symbolic.functions import sigmoid
from symbolic.spec import network


def seed():
    return derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))


def test_factor_lists_match_the_seed():
    d = seed()
    s = d.symbol
    out, y, w_a = s("out"), s("y_T"), s("w_a")
    z_h1 = s("z_h1")
    assert d.factors(s("w11")) == [
        out - y,
        out * (1 - out),
        w_a,
        sigmoid(z_h1) * (1 - sigmoid(z_h1)),
        s("x1"),
    ]
    assert d.factors(s("w_a")) == [out - y, out * (1 - out), sigmoid(z_h1)]
    assert d.factors(s("b4")) == [out - y, out * (1 - out), 1]
    assert d.factors(s("w32"))[2:] == [s("w_c"), sigmoid(s("z_h3")) * (1 - sigmoid(s("z_h3"))), s("x2")]


def test_factor_partials_follow_the_seed_order():
    d = seed()
    s = d.symbol
    partials = [(f.num, f.den) for f in d.gradient(s("w11")).factors]
    z_h1, z_o, out = s("z_h1"), s("z_o"), s("out")
    assert partials == [
        (s("L"), out),
        (out, z_o),
        (z_o, sigmoid(z_h1)),
        (sigmoid(z_h1), z_h1),
        (z_h1, s("w11")),
    ]


def test_seed_names_and_aliases():
    d = seed()
    names = [d.naming.names[p].code for p in d.params]
    assert names == ["w11", "w12", "w21", "w22", "w31", "w32", "b1", "b2", "b3", "w_a", "w_b", "w_c", "b4"]
    assert d.symbol("w41") == d.symbol("w_a") and d.symbol("w43") == d.symbol("w_c")
    assert d.naming.names[d.symbol("w_a")].latex == "w_{a}"


def test_forward_steps_and_updates():
    d = seed()
    s = d.symbol
    z_h1 = d["z_h1"]
    assert z_h1.terms == (s("w11") * s("x1"), s("w12") * s("x2"), s("b1"))
    z_o = d["z_o"]
    assert z_o.rhs == s("w_a") * sigmoid(z_h1.lhs) + s("w_b") * sigmoid(s("z_h2")) + s("w_c") * sigmoid(
        s("z_h3")
    ) + s("b4")
    assert d["L"].rhs == sp.Rational(1, 2) * (s("out") - s("y_T")) ** 2
    updates = d.of_kind("update")
    assert len(updates) == 13
    w11 = s("w11")
    assert d["update w11"].rhs == w11 - d.eta * d.naming.grad(w11)


def test_local_factors_are_the_seeds():
    d = seed()
    s = d.symbol
    locals_ = {(eq.factors[0].num, eq.factors[0].den): eq.rhs for eq in d.of_kind("local")}
    out = s("out")
    assert locals_[(s("L"), out)] == out - s("y_T")
    assert locals_[(out, s("z_o"))] == out * (1 - out)
    assert locals_[(s("z_o"), sigmoid(s("z_h1")))] == s("w_a")
    assert locals_[(s("z_h1"), s("w11"))] == s("x1")


def test_terminal_text_shows_the_chain():
    text = render_text(seed())
    assert "∂L/∂w₁₁ = ∂L/∂out · ∂out/∂z_o · ∂z_o/∂σ(z_h1) · ∂σ(z_h1)/∂z_h1 · ∂z_h1/∂w₁₁" in text
    assert "= [out - y_T] · [out·(1 - out)] · [w_a] · [σ(z_h1)·(1 - σ(z_h1))] · [x₁]" in text
    assert "w₁₁ ← w₁₁ − η·∂L/∂w₁₁" in text
