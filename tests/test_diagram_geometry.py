"""The network diagram's placement, checked by geometry: no label box meets another label, a node
circle, or an edge it does not belong to, for every test network in both namings (no TeX); the
size estimates are checked once against boxes pdflatex measures."""

import re

import pytest

from codegen.sheet import diagram as D
from codegen.sheet.geometry import Box, Circle, Seg, hits, label_size
from codegen.sheet.printing import SheetPrinter
from codegen.tex import compile_pdf
from symbolic.backprop import derive
from symbolic.spec import network

NETS = [
    ("2-3-1", "sigmoid", "half_se", None),
    ("2-2-2", "sigmoid", "half_se", None),
    ("4-8-1", "relu", "bce", "sigmoid"),
    ("3-4-4-2", "tanh", "cce", "softmax"),
    ("2-3-3-1", "tanh", "half_se", None),
    ("4-4-4-4-1", "relu", "half_se", None),
    ("8-8-8-4", "tanh", "cce", "softmax"),
    ("784-128-10", "relu", "cce", None),
]
CASES = [
    (net, naming)
    for net in NETS
    for naming in ("seed", "layered")
    if naming == "layered" or (net[0].count("-") == 2 and net[0].endswith("-1"))
]


def _diagram(net, naming):
    d = derive(network(*net, naming=naming))
    return D.diagram(SheetPrinter(d, False))


@pytest.mark.parametrize("net,naming", CASES, ids=[f"{n[0]}-{m}" for n, m in CASES])
def test_no_collisions(net, naming):
    g = _diagram(net, naming)
    assert D.collisions(g) == []
    assert len(g["biases"]) == sum(1 for n in g["nodes"] if n["style"] in ("hidden", "output"))


def test_small_nets_are_fully_labelled():
    for net in NETS[:2]:
        g = _diagram(net, "layered")
        assert g["labelled"] and all(e["label"] for e in g["edges"]), net
        assert g["caption"] == ""


def test_check_finds_the_old_defects():
    """The placements the sheet used to print: w12 on a crossing, layered biases on the node above."""
    g = _diagram(NETS[0], "seed")
    w12 = next(e for e in g["edges"] if e["label"] == "w_{12}")
    w12["pos"] = "0.25"
    assert any("w_{12} crosses edge" in c for c in D.collisions(g))
    d = derive(network(*NETS[3], naming="layered"))
    g = D._draft(SheetPrinter(d, False), 12.5 / 3, 1.7)  # the old spacing, biases straight up
    for b in g["biases"]:
        b.update(anchor="north", dy="0.32", place="above")
    found = D.collisions(g)
    assert any(c.startswith("bias b^{(1)}_{2} meets node n1_0") for c in found), found


def test_primitives():
    assert hits(Circle(0, 0, 1), Seg((0.5, -2), (0.5, 2)))
    assert not hits(Circle(0, 0, 1), Seg((1.2, -2), (1.2, 2)))
    assert hits(Box(0, 0, 2, 1), Box(1.5, 0, 2, 1))
    assert not hits(Box(0, 0, 2, 1), Box(2.1, 0, 2, 1))
    assert hits(Box(0, 0, 2, 0.2, 0.7854), Seg((0.3, 0.0), (0.3, 1.0)))
    assert not hits(Box(0, 0, 2, 0.2, 0.7854), Seg((0.6, -1.0), (0.6, 0.3)))
    assert hits(Box(0, 0, 0.2, 0.2), Circle(0, 0, 1))  # a box inside a circle


LABELS = [
    "w_{11}",
    "w_{a}",
    "W^{(1)}_{11}",
    "W^{(3)}_{48}",
    "+b^{(1)}_{2}",
    "+b_{1}",
    "W_{128,784}^{(1)}",
    "a^{(3)}_{2}",
    "\\mathrm{out}_{1}",
]


@pytest.mark.tex
def test_label_sizes_cover_what_tex_measures():
    """One pdflatex run: each estimate is at least TeX's box and at most 1.4x (1.6x in height)."""
    body = "".join(
        f"\\setbox0\\hbox{{\\scriptsize${t}$}}\\typeout{{BOX \\the\\wd0 \\the\\ht0 \\the\\dp0}}"
        for t in LABELS
    )
    tex = (
        "\\documentclass[11pt]{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}"
        "\\usepackage{amsmath}\\begin{document}" + body + "x\\end{document}"
    )
    log = compile_pdf(tex, "measure").log
    found = re.findall(r"BOX ([\d.]+)pt([\d.]+)pt([\d.]+)pt", log)
    assert len(found) == len(LABELS)
    for t, (w, ht, dp) in zip(LABELS, found):
        ew, eh = label_size(t, "scriptsize")
        tw, th = float(w) * 0.0351459804, (float(ht) + float(dp)) * 0.0351459804
        assert tw <= ew <= 1.4 * tw, (t, ew, tw)
        assert th <= eh <= 1.6 * th, (t, eh, th)  # x-height letters: smaller than assumed


def test_biases_keep_one_side_per_column_where_they_can():
    """A label between two nodes reads right only if its column's labels all sit on one side."""
    for net in (NETS[0], NETS[2], NETS[3], NETS[7]):
        g = _diagram(net, "layered")
        sides: dict = {}
        for b in g["biases"]:
            sides.setdefault(b["node"].split("_")[0], set()).add(b["anchor"])
        assert all(len(s) == 1 for s in sides.values()), (net, sides)
