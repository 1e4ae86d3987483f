"""Typesetting of the sheet: loss formulas in the order a person writes them, the local-derivative
table read down its columns, room between matrix rows of scripted entries and of fractions."""

import re

import sympy as sp

from codegen.sheet import render_sheet
from codegen.sheet.printing import SheetPrinter
from symbolic.backprop import derive
from symbolic.latex.document import parse_formula
from symbolic.losses import TABLE
from symbolic.spec import network


def _sheet(arch, act, loss, out_act, naming):
    return render_sheet(derive(network(arch, act, loss, out_act, naming)))


def test_bce_is_written_minus_bracket_y_log_a_plus_one_minus_y_log_one_minus_a():
    rule = TABLE["bce"]
    written = rule.latex_term("a", "y")
    a, y = sp.Symbol("a", real=True), sp.Symbol("y", real=True)
    back = parse_formula(written)  # read back by symprop's LaTeX reader
    back = back.xreplace({s: {"a": a, "y": y}[s.name] for s in back.free_symbols})
    assert sp.expand(back - rule.term(a, y)) == 0  # the same loss as the table's term
    sheet = _sheet("4-8-1", "relu", "bce", "sigmoid", "layered")
    error = sheet[sheet.index("\\section*{Error}") : sheet.index("\\section*{Parameter update}")]
    assert "L = -\\left[y \\log a^{(2)}_{1} + (1 - y) \\log(1 - a^{(2)}_{1})\\right]" in error
    assert ") (1 - y)" not in error


def _local_table(sheet):
    start = sheet.index("Every local derivative on the paths of this network:")
    body = sheet[start : sheet.index("\\end{align*}", start)]
    rows = [r.strip() for r in body.split("\\begin{align*}")[1].split("\\\\")]
    return [[c.strip() for c in re.split(r"&= ", r)] for r in rows if r]


def test_local_derivative_table_reads_down_its_columns():
    d = derive(network("2-3-1", "sigmoid", "half_se", None, "seed"))
    pr = SheetPrinter(d, True)
    wanted = [pr.partial(e.factors[0].num, e.factors[0].den) for e in d.of_kind("local")]
    rows = _local_table(render_sheet(d))
    assert len(rows) == (len(wanted) + 1) // 2
    left = [r[0] for r in rows]
    right = [r[1].split(" & ")[1] for r in rows if len(r) == 3]
    assert left + right == wanted  # down the left column, then down the right one


def test_rows_of_scripted_entries_and_fractions_get_room():
    layered = _sheet("3-4-4-2", "tanh", "cce", "softmax", "layered")
    for m in re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", layered):
        if "^{(" in m and "_{" in m and "\\\\" in m and "\\displaystyle" not in m:
            assert m.count("\\\\[3pt]") == m.count("\\\\"), m
    update = layered[
        layered.index("\\section*{Parameter update}") : layered.index(
            "\\end{align*}", layered.index("\\section*{Parameter update}")
        )
    ]
    assert update.count("\\\\[3pt]") == update.count("\\\\") > 10  # rows of W^(1)_ij
    seed = _sheet("2-3-1", "sigmoid", "half_se", None, "seed")
    for m in re.findall(r"\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}", seed):
        assert "[3pt]" not in m  # subscripts only: as before
    block = seed[seed.index("\\section*{The delta rule in matrix form}") :]
    assert block.count("\\\\[3pt]") == block.count("\\\\")  # the nabla_W^(1) rows
    fractions = re.search(r"\\begin\{bmatrix\} \\displaystyle (.*?)\\end\{bmatrix\}", seed).group(1)
    assert fractions.count("\\\\[12pt]") == 2
