"""Derivation sheets: golden record, real pdflatex compiles, gradients cross-checked against SymPy."""

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from codegen import regen
from codegen.latex import paren, printer_for
from codegen.sheet import SheetOptions, render_sheet
from codegen.tex import compile_pdf, png_pages
from symbolic.backprop import derive
from symbolic.check import evaluate, exact_zero, expanded, expanded_loss, random_point
from symbolic.spec import network

ROOT = Path(__file__).resolve().parent.parent
SEED = ("2-3-1", "sigmoid", "half_se", None, "seed")
COMPILED = {
    "seed": SEED,
    "seed-layered": ("2-3-1", "sigmoid", "half_se", None, "layered"),
    "tanh-cce": ("3-4-4-2", "tanh", "cce", None, "layered"),
    "relu-bce": ("4-8-1", "relu", "bce", None, "layered"),
    "custom": ("2-3-1", "z/(1+exp(-z))", "(out-y)**4/4", None, "layered"),
    "mnist-delta": ("784-128-10", "relu", "cce", None, "layered"),
}


def _derive(case):
    arch, act, loss, out_act, naming = case
    return derive(network(arch, act, loss, out_act, naming))


@pytest.mark.tex
@pytest.mark.parametrize("name", list(COMPILED))
def test_sheet_compiles_cleanly(name):
    tex = render_sheet(_derive(COMPILED[name]))
    compiled = compile_pdf(tex, name)  # raises on any TeX error or undefined reference
    assert compiled.pdf.startswith(b"%PDF")
    too_wide = [w for w in compiled.overfull if w > 1.0]
    assert not too_wide, f"overfull boxes (pt): {too_wide}"
    assert "undefined" not in compiled.log.lower().replace("undefined references", "")


def test_large_net_switches_to_delta_form_and_says_so():
    tex = render_sheet(_derive(COMPILED["mnist-delta"]))
    assert "Delta form." in tex and "101{,}770 parameters" in tex
    assert "Gradients of the" not in tex
    forced = render_sheet(_derive(SEED), SheetOptions(matrix_only=True))
    assert "Delta form." in forced and "Gradients of the" not in forced


def _gradient_block(tex: str, lhs: str) -> str:
    start = tex.index(lhs + " &= ", tex.index("\\subsection*{Gradients of the"))
    ends = [tex.find(mark, start) for mark in ("\\\\[6pt]", "\\end{align*}")]
    block = tex[start : min(e for e in ends if e >= 0)]
    # a long product continues on the next line; a long sum is written with \bigl[ ... \bigr]
    return block.replace(" \\\\\n  &\\qquad ", " ").replace("\\bigl[", "[").replace("\\bigr]", "]")


@pytest.mark.parametrize("name", ["seed", "relu-bce", "tanh-cce"])
def test_every_gradient_line_is_the_derivative(name):
    d = _derive(COMPILED[name])
    tex = render_sheet(d)
    p = printer_for(d)
    loss = expanded_loss(d)
    every = 1 if name == "seed" else 6  # exact_zero on every bce gradient takes a while
    point = random_point(d, random.Random(3))
    for k, param in enumerate(d.params):
        eq = d.gradient(param)
        block = _gradient_block(tex, p.doprint(eq.lhs))
        at = 0
        for f in eq.factors:  # the printed factor values, bracketed, in the chain's order
            piece = paren(p.doprint(f.value), "[", "]")
            found = block.find(piece, at)
            assert found >= 0, f"{param}: factor {piece} missing or out of order in\n{block}"
            at = found + len(piece)
        if k % every and k != len(d.params) - 1:
            continue
        # the product of the factors is dL/dparam: exactly (small nets) or to 30 digits
        target = sp.diff(loss, param)
        product = expanded(d, sp.Mul(*[f.value for f in eq.factors]))
        if name == "tanh-cce":  # exact_zero of a 3-layer softmax expression is too slow
            diff = evaluate(product - target, point)
            assert abs(diff) < sp.Float("1e-30") * (1 + abs(evaluate(target, point))), param
        else:
            assert exact_zero(product - target), param


def test_seed_sheet_follows_the_seed_order():
    tex = render_sheet(_derive(SEED))
    marks = [
        "\\begin{tikzpicture}",
        "\\step{1}{1st forward step}",
        "w-layer 1",
        "b-layer 1",
        "\\step{2}{Activation}",
        "\\frac{1}{1 + e^{-z}}",
        "\\step{3}{2nd forward step}",
        "w-layer 2",
        "\\step{4}{Output activation}",
        "Summary of the forward pass",
        "\\section*{Error}",
        "\\section*{Parameter update}",
        "learning rate",
        "\\section*{Derivatives computation}",
        "Shared products",
        "Gradients of the layer 1",
        "Gradients of the output layer",
        "delta rule in matrix form",
    ]
    positions = [tex.index(m) for m in marks]
    assert positions == sorted(positions)
    d = _derive(SEED)
    p = printer_for(d)
    for param in d.params:  # an update line for every parameter
        assert f"{p.doprint(param)} &\\leftarrow {p.doprint(param)} - \\eta" in tex
    for node in ["$w_{11}$", "$w_{a}$", "$+b_{4}$", "$x_{2}$"]:  # the diagram's labels
        assert node in tex


def _cli(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "codegen.cli", "sheet", *args],
        cwd=cwd or ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_is_deterministic_across_processes(tmp_path):
    outs = []
    for seed in ("1", "2"):
        path = tmp_path / f"s{seed}.tex"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = _cli("2-3-1", "--naming", "seed", "-o", str(path), env=env)
        assert r.returncode == 0, r.stderr
        outs.append(path.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0] == (ROOT / "generated/seed_2-3-1_sheet.tex").read_bytes()


@pytest.mark.tex
def test_cli_pdf_and_png(tmp_path):
    r = _cli("2-3-1", "--naming", "seed", "-o", str(tmp_path / "s.tex"), "--png", "--no-diagram")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "s-1.png").read_bytes().startswith(b"\x89PNG")
    assert "tikzpicture" not in (tmp_path / "s.tex").read_text()


@pytest.mark.tex
def test_cli_refuses_to_overwrite_and_names_missing_tex(tmp_path):
    target = tmp_path / "s.tex"
    target.write_text("mine")
    r = _cli("2-3-1", "-o", str(target))
    assert r.returncode == 2 and "--force" in r.stderr and target.read_text() == "mine"
    env = dict(os.environ, PATH=str(tmp_path))  # no pdflatex on PATH
    r = _cli("2-3-1", "-o", str(tmp_path / "t.tex"), "--pdf", env=env)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "texlive-latex-base" in r.stderr
    assert not (tmp_path / "t.tex").exists()  # nothing half-written


def test_markdown_has_the_same_content():
    md = render_sheet(_derive(SEED), SheetOptions(format="md"))
    assert md.count("$$") % 2 == 0 and "\\begin{aligned}" in md
    assert "## ① 1st forward step" in md and "Gradients of the layer 1" in md
    assert "tikz" not in md and "\\BLOCK" not in md and "\\VAR" not in md
    r = _cli("2-3-1", "--format", "md")
    assert r.returncode == 0 and r.stdout.startswith("<!-- Generated by symprop")


@pytest.mark.tex
def test_user_text_is_escaped_and_compiles():
    d = derive(network("2-2-1", "z/(1+exp(-z))", "(out-y)**2/2 + 0*y", naming="layered"))
    tex = render_sheet(d)
    assert re.search(r"\\texttt\{z/\(1\+exp\(-z\)\)\}", tex)
    assert "\\texttt{(out-y)**2/2 + 0*y}" in tex
    compiled = compile_pdf(tex)
    assert png_pages(compiled.pdf)[0].startswith(b"\x89PNG")


@pytest.mark.tex
def test_committed_pdf_is_reproducible():
    """make generate stamps the PDF with a fixed date: the same sheet gives the same bytes."""
    tex = "\\documentclass{article}\\begin{document}x\\end{document}\n"
    first = compile_pdf(tex, "a", source_date=regen.SOURCE_DATE).pdf
    assert compile_pdf(tex, "a", source_date=regen.SOURCE_DATE).pdf == first
    assert compile_pdf(tex, "a", source_date=regen.SOURCE_DATE + 86400).pdf != first
