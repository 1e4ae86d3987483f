r"""Matrix statements with upright marks: the total derivative \frac{\mathrm{d} L}{\mathrm{d} b} (or
\frac{dL}{db}) read as ∂L/∂b, and the transpose written \mathrm{T} or \mathsf{T}
(symbolic/latex/matrix_parts.frac, matrix.transpose_mark); TeX's null delimiters \left. and
\right. read as nothing (latex/tokens.py). Bold-vector notation of our own."""

from __future__ import annotations

import pytest

from tests.verdict_lines import factors_by_line, verify_layered

GRAD_B = r"$$\frac{\mathrm{d} L}{\mathrm{d} \mathbf{b}^{(1)}} = \boldsymbol{\delta}^{(1)}$$"
GRAD_B_PLAIN = r"$$\frac{dL}{d\mathbf{b}^{(1)}} = \boldsymbol{\delta}^{(1)}$$"
GRAD_W = r"$$\frac{\partial L}{\partial \mathbf{W}^{(1)}} = \boldsymbol{\delta}^{(1)} \mathbf{x}^{MARK}$$"


def _said(line: str):
    return factors_by_line(verify_layered("3-4-2", line + "\n"))[1]


@pytest.mark.parametrize("line", [GRAD_B, GRAD_B_PLAIN])
def test_a_total_derivative_of_a_layer_vector_is_judged(line):
    assert _said(line) == {("correct", None)}
    assert "wrong" in {s for s, _ in _said(line.replace(r"\delta}^{(1)}", r"\delta}^{(2)}"))}


@pytest.mark.parametrize("mark", [r"{\mathrm{T}}", r"{\mathsf{T}}", r"\mathsf{T}"])
def test_an_upright_transpose_is_a_transpose(mark):
    assert _said(GRAD_W.replace("MARK", mark)) == {("correct", None)}


def test_the_upright_transpose_left_out_is_named():
    said = _said(GRAD_W.replace("^{MARK}", ""))
    assert said and all(s == "wrong" for s, _ in said)


def test_null_delimiters_are_read_through():
    left = r"\left.\frac{\partial L}{\partial \mathbf{W}^{(1)}}\right."
    line = f"$${left} = " + r"\boldsymbol{\delta}^{(1)} \mathbf{x}^T$$"
    assert _said(line) == {("correct", None)}
