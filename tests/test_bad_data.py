"""Bad data gives an error, never a silently wrong model; one spelling and one naming throughout.

Issue sections 5 and 6 beyond the hostile corpus: the softmax cross-entropy target rule checked
against finite differences, one reading of `-l out-y`, the safety net, the mse-on-softmax warning,
`generate` saying what it wrote, y_T in the seed derivation, loss terms in index order.
"""

from __future__ import annotations

import contextlib
import io
import re

import numpy as np
import pytest
import sympy
from numeric import central_differences

import codegen.cli.derive
from codegen.cli import main as symprop
from codegen.lambdify import lambdify
from codegen.module import render_module
from codegen.terminal import render_text
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = symprop(argv)
        except SystemExit as exit_:
            status = exit_.code
    return status, out.getvalue(), err.getvalue()


def test_cce_targets_rows_summing_to_one_match_finite_differences_others_refused():
    """out - y is softmax-CE's delta when each target row sums to 1 (one-hot or soft): the
    gradients then match finite differences of the module's own loss. Where a·Σy − y ≠ a − y the
    module would be silently wrong (a 0.25 gap before): it refuses, naming the first bad row."""
    module = lambdify(derive(network("3-4-3", "tanh", "cce")))
    rng = np.random.default_rng(3)
    X = rng.normal(size=(6, 3))
    Y = rng.random((6, 3))
    Y /= Y.sum(axis=1, keepdims=True)
    params = module.init_params(1)
    exact = module._flat(module.gradients(params, X, Y))[0]
    assert np.allclose(exact, central_differences(module, params, X, Y), atol=1e-7)
    Y[2] = [0.5, 0.25, 0.5]
    with pytest.raises(ValueError, match=r"row 3: targets sum to 1.25, not 1"):
        module.gradients(params, X, Y)
    with pytest.raises(ValueError, match=r"row 3: targets sum to 1.25, not 1"):
        module.train(X, Y, epochs=1)


def test_bce_refuses_pm1_labels_and_trains_on_01():
    module = lambdify(derive(network("2-3-1", "tanh", "bce")))
    X = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]])
    with pytest.raises(ValueError, match=r"row 1, column 1: target -1 is outside \[0, 1\]"):
        module.train(X, np.array([[-1.0], [1], [1], [-1]]), epochs=2)
    _, history = module.train(X, np.array([[0.0], [1], [1], [0]]), epochs=200, lr=1.0)
    assert 0 < history[-1] < history[0]


def test_single_sample_through_predict_and_a_clear_message_from_forward():
    module = lambdify(derive(network("2-3-1")))
    params = module.init_params(0)
    x = np.array([0.2, -0.4])
    assert np.allclose(module.predict(params, x), module.forward(params, x[None, :]))
    with pytest.raises(
        ValueError,
        match=r"X must be 2-D \(n, 2\), not shape \(2,\); for one "
        r"sample use x\[None, :\]",
    ):
        module.forward(params, x)


@pytest.mark.parametrize("hyphen, spaced", [("out-y", "out - y"), ("y-out", "y - out")])
def test_loss_text_reads_the_same_with_and_without_spaces(hyphen, spaced):
    a, b = network("2-3-1", loss_text=hyphen), network("2-3-1", loss_text=spaced)
    assert a.loss.name == b.loss.name == "custom"
    outs, ys = [np.pi], [0.5]
    assert float(a.loss(outs, ys)) == float(b.loss(outs, ys))


def test_alpha_in_range_is_kept_out_of_range_refused():
    for alpha in (0.0, 0.2, 0.99):
        assert network("2-3-1", "leaky_relu", alpha=alpha).activations[0].params[0] == sympy.Rational(
            str(alpha)
        )
    for alpha in (1.0, -0.1, float("nan"), 1e308):
        with pytest.raises(SympropError, match=r"--alpha .* is not a slope in \[0, 1\)"):
            network("2-3-1", "leaky_relu", alpha=alpha)


def test_safety_net_never_exits_1_nor_prints_a_traceback(monkeypatch):
    def broken(args):
        return 1 // 0

    monkeypatch.setattr(codegen.cli.derive, "run", broken)
    status, out, err = _run(["derive", "2-3-1"])
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("symprop: error: internal error: ")
    assert "ZeroDivisionError" in err and "Traceback" not in err


def test_mse_on_softmax_warns_and_names_cce():
    status, _, err = _run(
        ["derive", "2-3-3", "-a", "relu", "--output-activation", "softmax", "--loss", "mse", "--only", "loss"]
    )
    assert status == 0 and "symprop: warning:" in err and "--loss cce" in err
    status, _, err = _run(["derive", "2-3-3", "-a", "relu", "--loss", "cce", "--only", "loss"])
    assert status == 0 and err == ""


def test_generate_and_derive_say_what_they_wrote(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for argv, name in (
        (["generate", "2-3-1", "-o", "t.py"], "t.py"),
        (["derive", "2-3-1", "-o", "d.txt"], "d.txt"),
        (["sheet", "2-3-1", "-o", "s.tex"], "s.tex"),
    ):
        status, _, err = _run(argv)
        assert status == 0 and err == f"wrote {name}\n", err


def test_seed_derivation_names_the_target_y_T_throughout():
    text = render_text(derive(network("2-3-1", naming="seed")))
    assert "dL/dout = out - y_T" in text
    assert not re.search(r"\by\b(?!_T)", text), [ln for ln in text.splitlines() if re.search(r"\by\b", ln)]


@pytest.mark.parametrize(
    "arch, act, loss, where",
    [
        ("784-128-10", "relu", "cce", "averaged over the batch"),  # the docstring
        ("3-4-10", "tanh", "half_se", "# L = "),  # the loss line's comment
    ],
)
def test_loss_terms_in_index_order(arch, act, loss, where):
    text = render_module(derive(network(arch, act, loss)))
    start = text.index(where)
    block = text[start : text.index("\n    L = " if where.startswith("#") else "\nCode style", start + 8)]
    subscripts = re.findall(r"y([₀-₉]+)", block)
    digits = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
    assert [int(s.translate(digits)) for s in subscripts] == list(range(1, 11))


def test_mse_loss_line_shows_the_mean():
    text = render_text(derive(network("2-3-2", loss_text="mse")), ("loss",))
    assert "L = ((a⁽²⁾₁ - y₁)² + (a⁽²⁾₂ - y₂)²)/2" in text
