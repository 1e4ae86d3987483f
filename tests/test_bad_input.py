"""Bad input: one line naming the problem and the fix, exit code 2, no traceback, nothing run."""

import subprocess
import sys
import time

import pytest

from symbolic.errors import SympropError
from symbolic.formula import parse_formula
from symbolic.spec import network

BAD_ARCHS = ["2-0-1", "2--1", "abc", "1", "", "-2-3", "2-3-", "2.5-3-1", "2-3-1x", "9" * 40]


@pytest.mark.parametrize("arch", BAD_ARCHS)
def test_bad_architectures(arch):
    with pytest.raises(SympropError) as err:
        network(arch)
    message = str(err.value)
    assert "\n" not in message and ";" in message  # problem; fix


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"activation_text": "sigmod"}, "unknown activation 'sigmod'"),
        ({"loss_text": "hinge"}, "unknown loss 'hinge'"),
        ({"loss_text": "cce"}, "needs at least 2 outputs"),
        (
            {"activation_text": "relu", "loss_text": "bce", "output_activation": "tanh"},
            "needs a sigmoid output layer",
        ),
        ({"activation_text": "softmax"}, "softmax is used on hidden layer 1"),
        ({"activation_text": "relu,relu,relu"}, "3 activations given for 2 weight layers"),
        ({"naming": "fancy"}, "unknown naming"),
    ],
)
def test_bad_network_options(kwargs, words):
    with pytest.raises(SympropError, match=words):
        network("2-3-1", **kwargs)


def test_seed_naming_needs_the_seed_shape():
    with pytest.raises(SympropError, match="use --naming layered"):
        network("2-3-2-1", naming="seed")


HOSTILE = [
    "__import__('os').system('id')",
    "().__class__",
    "z.__class__.__mro__",
    "lambda: 1",
    "f'{z}'",
    "[z for z in range(9)]",
    "9**9**9**9",
    "z**(10**6)",
    "exp(z) if z else 1",
    "open('/etc/passwd')",
    "'abc'",
    "(" * 10_000 + "z" + ")" * 10_000,
    "(" * 500 + "z" + ")" * 500,
    "-" * 3000 + "z",
    "z" + "+z" * 20_000,
    "exp(z, 2)",
    "exp(z=1)",
    "foo(z)",
    "q + z",
    "z +",
    "z\x00",
    "1e400 * z",
    "z / 0",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_formulas_are_refused_quickly(text):
    start = time.process_time()
    with pytest.raises(SympropError) as err:
        parse_formula(text, {"z": __import__("sympy").Symbol("z")}, what="activation formula")
    assert time.process_time() - start < 2
    assert "\n" not in str(err.value)


def test_formulas_parse_to_sympy():
    import sympy as sp

    z = sp.Symbol("z")
    assert parse_formula("z/(1+exp(-z))", {"z": z}) == z / (1 + sp.exp(-z))
    assert parse_formula("z^2 + 0.5*z", {"z": z}) == z**2 + sp.Rational(1, 2) * z
    assert parse_formula("max(0, z) + e", {"z": z}) == sp.Max(0, z) + sp.E


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "codegen.cli", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "args, words",
    [
        (["derive", "2-0-1"], "layer 2 has width 0"),
        (["derive", "2-3-1", "--activation", "sigmod"], "unknown activation"),
        (["derive", "2-3-1", "--activation", "__import__('os').system('touch /tmp/pwned')"], "not allowed"),
        (["derive", "2-3-1", "--loss", "cce"], "needs at least 2 outputs"),
        (["derive", "2-3-1", "--bogus"], "unrecognized arguments"),
    ],
)
def test_cli_errors_are_one_line(args, words, tmp_path):
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("symprop: error:") and words in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_does_not_overwrite_without_force(tmp_path):
    target = tmp_path / "d.txt"
    target.write_text("keep me")
    result = run_cli("derive", "2-3-1", "-o", str(target))
    assert result.returncode == 2 and "already exists" in result.stderr
    assert target.read_text() == "keep me"
    assert run_cli("derive", "2-3-1", "-o", str(target), "--force").returncode == 0
    assert "Gradients" in target.read_text()
