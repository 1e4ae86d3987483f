"""`symprop derive` from the shell, and the committed generated/ files are fresh."""

import json
import subprocess
import sys

import sympy as sp

from codegen import regen
from symbolic.backprop import derive
from symbolic.spec import network


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "codegen.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_derive_prints_every_gradient():
    result = run("derive", "2-3-1", "--naming", "seed")
    assert result.returncode == 0, result.stderr
    for name in ["w₁₁", "w₃₂", "b₁", "b₃", "w_a", "w_c", "b₄"]:
        assert f"∂L/∂{name} = ∂L/∂out · ∂out/∂z_o" in result.stdout


def test_json_round_trips_through_sympy():
    result = run("derive", "3-4-2", "--activation", "tanh", "--loss", "cce", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    d = derive(network("3-4-2", "tanh", "cce"))
    grads = {e["param"]: e for e in doc["equations"] if e["kind"] == "gradient"}
    assert len(grads) == d.spec.n_params == doc["n_params"]
    for p in d.params:
        # the JSON is trusted output of our own, so sympify is fine here (tests only)
        names = {s.name: s for s in d.naming.names if isinstance(s, sp.Symbol)}
        value = sp.sympify(grads[str(p)]["rhs"], locals=names)
        assert sp.expand(value - d.gradient(p).rhs) == 0
        assert len(grads[str(p)]["factors"]) == len(d.gradient(p).factors)


def test_large_net_says_it_gives_the_delta_form():
    result = run("derive", "784-128-10", "--activation", "relu", "--loss", "cce")
    assert result.returncode == 0, result.stderr
    assert "Per-parameter factor lists are not built" in result.stdout
    assert "δ⁽¹⁾ = W⁽²⁾ᵀδ⁽²⁾ ⊙ ReLU′(z⁽¹⁾)" in result.stdout


def test_generated_is_fresh():
    diffs = regen.stale(regen.produce(binary=False))
    assert not diffs, "generated/ is stale; run `make generate`:\n" + "".join(diffs)[:3000]
