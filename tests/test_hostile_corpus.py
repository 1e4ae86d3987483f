"""A corpus of hostile and broken input across every entry point.

Each case runs the command line in process (as `symprop ...` would) in an empty folder holding only
the case's input files, and asserts: the exact exit code, one `error:` line naming the problem, no
traceback, no file created or modified, no code run (a canary file stays absent), under 2 s.
A few cases run through a real subprocess to pin the shell behaviour too.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from codegen.cli import main as symprop

ROOT = Path(__file__).resolve().parent.parent
CANARY = "/tmp/symprop-canary-pwned"
INJECT = f"__import__('os').system('touch {CANARY}')"
NET = ["2-3-1"]

# (id, argv, {file: content}, exit code, words in the error line)
CASES = [
    # architecture strings
    ("arch-zero", ["derive", "2-0-1"], {}, 2, "layer 2 has width 0"),
    ("arch-empty-layer", ["derive", "2--1"], {}, 2, "empty layer"),
    ("arch-letters", ["derive", "abc"], {}, 2, "not a list of widths"),
    ("arch-one-layer", ["derive", "1"], {}, 2, "only one layer"),
    ("arch-blank", ["derive", ""], {}, 2, "architecture is empty"),
    ("arch-float", ["derive", "2.5-3-1"], {}, 2, "not a list of widths"),
    ("arch-negative", ["derive", "--", "-2-3-1"], {}, 2, "empty layer"),
    ("arch-huge", ["derive", "2-1000000-1"], {}, 2, "width 1000000"),
    ("arch-deep", ["derive", "-".join(["2"] * 100)], {}, 2, "weight layers"),
    ("arch-injection", ["derive", INJECT], {}, 2, "not a list of widths"),
    # activation and loss names
    ("act-unknown", ["derive", *NET, "-a", "sigmod"], {}, 2, "unknown activation 'sigmod'"),
    ("act-softmax-hidden", ["derive", *NET, "-a", "softmax,sigmoid"], {}, 2, "hidden layer 1"),
    ("act-count", ["derive", *NET, "-a", "relu,relu,relu"], {}, 2, "3 activations given"),
    ("loss-unknown", ["derive", *NET, "--loss", "hinge"], {}, 2, "unknown loss 'hinge'"),
    ("loss-cce-one-output", ["derive", *NET, "--loss", "cce"], {}, 2, "at least 2 outputs"),
    (
        "loss-bce-tanh",
        ["derive", *NET, "--loss", "bce", "--output-activation", "tanh"],
        {},
        2,
        "sigmoid output layer",
    ),
    ("naming-seed-deep", ["derive", "2-3-3-1", "--naming", "seed"], {}, 2, "--naming layered"),
    # custom formulas: injection, bombs, junk
    ("formula-import", ["derive", *NET, "-a", INJECT], {}, 2, "not allowed"),
    ("formula-dunder", ["derive", *NET, "-a", "().__class__.__bases__"], {}, 2, "not allowed"),
    ("formula-lambda", ["derive", *NET, "-a", "(lambda: z)()"], {}, 2, "not allowed"),
    ("formula-fstring", ["derive", *NET, "-a", "f'{z}'"], {}, 2, "not allowed"),
    ("formula-comprehension", ["derive", *NET, "-a", "[z for z in (1,)]"], {}, 2, "not allowed"),
    ("formula-power-tower", ["derive", *NET, "-a", "9**9**9**9"], {}, 2, "too large"),
    ("formula-deep", ["derive", *NET, "-a", "(" * 10_000 + "z" + ")" * 10_000], {}, 2, "characters long"),
    ("formula-nested-200", ["derive", *NET, "-a", "(" * 300 + "z" + ")" * 300], {}, 2, "nested"),
    ("formula-unknown-name", ["derive", *NET, "-a", "z + q"], {}, 2, "unknown name 'q'"),
    ("formula-syntax", ["derive", *NET, "-a", "z +* 2"], {}, 2, "does not parse"),
    ("formula-nul", ["derive", *NET, "-a", "z\x00"], {}, 2, "NUL"),
    ("formula-no-z", ["derive", *NET, "-a", "2 + 3"], {}, 2, "does not depend on z"),
    ("loss-formula-injection", ["derive", *NET, "--loss", INJECT], {}, 2, "not allowed"),
    ("loss-formula-no-out", ["derive", *NET, "--loss", "y**2"], {}, 2, "does not depend on out"),
    ("tex-in-formula", ["sheet", *NET, "-a", r"\input{/etc/passwd}", "-o", "s.tex"], {}, 2, "does not parse"),
    # CLI options
    ("cli-unknown-option", ["derive", *NET, "--bogus"], {}, 2, "unrecognized arguments"),
    ("cli-unknown-command", ["frobnicate"], {}, 2, "invalid choice"),
    ("cli-bad-alpha", ["derive", *NET, "--alpha", "abc"], {}, 2, "invalid float value"),
    ("cli-bad-naming", ["derive", *NET, "--naming", "fancy"], {}, 2, "invalid choice"),
    ("generate-exists", ["generate", *NET, "-o", "keep.py"], {"keep.py": "# mine\n"}, 2, "already exists"),
    ("sheet-exists", ["sheet", *NET, "-o", "keep.tex"], {"keep.tex": "mine"}, 2, "already exists"),
    ("generate-no-folder", ["generate", *NET, "-o", "missing/dir/t.py"], {}, 2, "does not exist"),
    ("generate-into-dir", ["generate", *NET, "-o", "adir"], {"adir/x": "x"}, 2, "is a directory"),
    # derivation files for the verifier
    ("verify-missing", ["verify", "nope.tex", "--net", "2-3-1"], {}, 2, "nope.tex"),
    (
        "verify-input",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": r"$$\input{/etc/passwd}$$"},
        2,
        "input",
    ),
    (
        "verify-write18",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": r"$$\write18{touch /tmp/symprop-canary-pwned}$$"},
        2,
        r"unknown command \write",
    ),
    (
        "verify-code",
        ["verify", "d.txt", "--net", "2-3-1"],
        {"d.txt": f"dL/dW1_1_1 = {INJECT}\n"},
        2,
        "line 1",
    ),
    (
        "verify-tower",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": r"$$\frac{\partial L}{\partial W} = 9^{9^{9^{9}}}$$"},
        2,
        "exponent",
    ),
    (
        "verify-deep",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": "$$ x = " + "(" * 10_000 + "x" + ")" * 10_000 + " $$"},
        2,
        "nest",
    ),
    (
        "verify-10mb",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": "x" * 10_000_000},
        2,
        "over 1,000,000 bytes",
    ),
    (
        "verify-utf16",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": "$$x = 1$$".encode("utf-16")},
        2,
        "UTF-8",
    ),
    ("verify-nul", ["verify", "d.tex", "--net", "2-3-1"], {"d.tex": "$$x\x00 = 1$$"}, 2, "NUL"),
    (
        "verify-unbalanced",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": r"$$\frac{\partial L}{\partial w_{11} = x_1$$"},
        2,
        "line 1",
    ),
    ("verify-no-net", ["verify", "d.tex"], {"d.tex": "$$a = b$$"}, 2, "--net"),
    (
        "verify-unknown-symbol",
        ["verify", "d.tex", "--net", "2-3-1", "--naming", "seed"],
        {"d.tex": r"$$\frac{\partial L}{\partial w_{11}} = q_{7}$$"},
        2,
        "q_7",
    ),
    # training data and weights
    ("train-data-missing", ["train", *NET, "--data", "nope.csv", "--epochs", "1"], {}, 2, "does not exist"),
    (
        "train-data-columns",
        ["train", *NET, "--data", "d.csv", "--epochs", "1"],
        {"d.csv": "1,2\n3,4\n"},
        2,
        "columns",
    ),
    (
        "train-data-text",
        ["train", *NET, "--data", "d.csv", "--epochs", "1"],
        {"d.csv": "1,2,3\n1,abc,0\n"},
        2,
        "'abc' is not a number",
    ),
    (
        "train-data-empty",
        ["train", *NET, "--data", "d.csv", "--epochs", "1"],
        {"d.csv": ""},
        2,
        "no data rows",
    ),
    (
        "train-data-nul",
        ["train", *NET, "--data", "d.csv", "--epochs", "1"],
        {"d.csv": "1,2,3\n\x00\x00,1,1\n"},
        2,
        "not a number",
    ),
    ("train-npz-wrong", ["train", *NET, "--data", "d.npz", "--epochs", "1"], {"d.npz": "npz"}, 2, "d.npz"),
    ("train-unknown-set", ["train", *NET, "--data", "mnist", "--epochs", "1"], {}, 2, "does not exist"),
    ("train-bad-epochs", ["train", *NET, "--epochs", "0"], {}, 2, "--epochs 0"),
    ("train-bad-lr", ["train", *NET, "--lr", "-1"], {}, 2, "--lr -1"),
    (
        "train-out-exists",
        ["train", *NET, "--epochs", "1", "--out", "w.npz"],
        {"w.npz": "keep"},
        2,
        "already exists",
    ),
]


def _files(folder: Path) -> dict:
    return {
        p.relative_to(folder): (p.stat().st_size, p.read_bytes()[:64])
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_input(case, tmp_path, monkeypatch):
    run_case(case, tmp_path, monkeypatch)


class _TooSlow(BaseException):
    """Raised by the alarm: not an Exception, so no handler under test can swallow it."""


@contextlib.contextmanager
def _deadline(seconds: int):
    """Stop a case that hangs (e.g. trains for ever) instead of hanging the suite."""

    def ring(signum, frame):
        raise _TooSlow(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_case(case, tmp_path, monkeypatch, strict=False):
    """Run one (id, argv, files, code, words) case; `strict`: stderr is that one error line only,
    stdout is empty."""
    name, argv, files, code, words = case
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    Path(CANARY).unlink(missing_ok=True)
    out, err = io.StringIO(), io.StringIO()
    start = time.process_time()  # CPU time: the work a case costs, not how busy the machine is
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _deadline(10):
        try:
            status = symprop(argv)
        except SystemExit as exit_:  # argparse
            status = exit_.code
    elapsed = time.process_time() - start
    lines = [line for line in err.getvalue().splitlines() if "error:" in line]
    assert status == code, (name, status, err.getvalue()[-500:])
    assert len(lines) == 1 and words.lower() in lines[0].lower(), err.getvalue()[-500:]
    assert len(lines[0]) < 2000, f"an error line of {len(lines[0])} characters"  # never the input back
    assert "Traceback" not in err.getvalue() + out.getvalue()
    assert _files(tmp_path) == before, "files were created or modified"
    assert not os.path.exists(CANARY), "user text was executed"
    assert elapsed < 2.0, f"took {elapsed:.2f} s of CPU"
    if strict:
        assert err.getvalue().count("\n") == 1 and lines[0].startswith("symprop: error:"), err.getvalue()[
            -500:
        ]
        assert out.getvalue() == "", out.getvalue()[-500:]


def _generated_module():
    path = ROOT / "generated" / "seed_2-3-1_sigmoid_half_se.py"
    spec = importlib.util.spec_from_file_location("seed_module_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODULE_CASES = [
    ("module-weights-other-arch", ["--init", "w.npz", "--epochs", "1"], "w.npz", 2, "network"),
    ("module-weights-junk", ["--init", "junk.npz", "--epochs", "1"], "junk.npz", 2, "cannot read"),
    ("module-csv-columns", ["--data", "d.csv"], "d.csv", 2, "columns"),
    ("module-unknown-option", ["--frobnicate"], None, 2, "unrecognized arguments"),
    ("module-bad-optimizer", ["--optimizer", "lbfgs"], None, 2, "invalid choice"),
]


@pytest.mark.parametrize("case", MODULE_CASES, ids=[c[0] for c in MODULE_CASES])
def test_generated_module_cli(case, tmp_path, monkeypatch, capsys):
    name, argv, file, code, words = case
    monkeypatch.chdir(tmp_path)
    if file == "w.npz":
        np.savez(
            file,
            arch=np.array("2-4-1"),
            W1=np.zeros((4, 2)),
            b1=np.zeros(4),
            W2=np.zeros((1, 4)),
            b2=np.zeros(1),
        )
    elif file == "junk.npz":
        Path(file).write_bytes(b"PK\x03\x04 not really")
    elif file == "d.csv":
        Path(file).write_text("1,2\n")
    before = _files(tmp_path)
    module = _generated_module()
    try:
        status = module.main(argv)
    except SystemExit as exit_:
        status = exit_.code
    err = capsys.readouterr().err
    assert status == code
    lines = [line for line in err.splitlines() if "error:" in line]
    assert len(lines) == 1 and words in lines[0], err
    assert "Traceback" not in err
    assert _files(tmp_path) == before


@pytest.mark.parametrize(
    "argv, words",
    [
        (["derive", "2-0-1"], "layer 2 has width 0"),
        (["verify", "/nonexistent.tex", "--net", "2-3-1"], "nonexistent.tex"),
        (["derive", "2-3-1", "-a", INJECT], "not allowed"),
    ],
)
def test_from_a_real_shell(argv, words):
    result = subprocess.run(
        [sys.executable, "-m", "codegen.cli", *argv], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr
    assert "Traceback" not in result.stderr
    assert not os.path.exists(CANARY)
