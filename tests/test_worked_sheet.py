"""The sheet's "Worked example" section (`symprop sheet --at`): the same numbers as `derive --at`,
after the rest of the sheet, compiled by pdflatex without overfull lines."""

from __future__ import annotations

import re

import pytest

from codegen.cli import main
from codegen.sheet import SheetOptions, render_sheet
from codegen.tex import compile_pdf
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.worked import evaluate_at, random_point_for, read_point
from tests.test_worked import MAZUR

NETS = {
    "mazur": ("2-2-2", "sigmoid", "half_se", "layered"),
    "seed": ("2-3-1", "sigmoid", "half_se", "seed"),
    "tanh-cce": ("3-4-2", "tanh", "cce", "layered"),
}


def _worked(name):
    arch, act, loss, naming = NETS[name]
    d = derive(network(arch, act, loss, naming=naming))
    point = read_point(MAZUR, d) if name == "mazur" else random_point_for(d, 3)
    return d, evaluate_at(d, point)


def test_section_comes_last_with_the_numbers():
    d, w = _worked("mazur")
    tex = render_sheet(d, SheetOptions(), w)
    assert tex.index("delta rule in matrix form") < tex.index("\\section*{Worked example}")
    section = tex[tex.index("\\section*{Worked example}") :]
    for text in [
        "z^{(1)}_{1} &= 0.377500",
        "a^{(1)}_{1} &= 0.593270",
        "L &= 0.298371",
        "= 0.741365 \\cdot 0.186816 \\cdot 0.593270 = 0.0821670",
        "{W^{(2)}_{11}}^{+} &= 0.4 - 0.5 \\cdot 0.0821670 = 0.358916",
        "{W^{(1)}_{11}}^{+} &= 0.15 - 0.5 \\cdot 0.000438568 = 0.149781",
    ]:
        assert text in section, text
    # every gradient and every update of the derivation, one row each
    assert section.count("^{+} &=") == len(d.params)
    assert "Worked example" not in render_sheet(d)  # only with --at
    md = render_sheet(d, SheetOptions(format="md"), w)
    assert "## Worked example" in md and "0.358916" in md


def test_numbers_agree_with_derive(capsys, tmp_path):
    d, w = _worked("seed")
    tex = render_sheet(d, SheetOptions(), w, digits=9)
    section = tex[tex.index("\\section*{Worked example}") :]
    for u in w.updates:
        assert f"= {u.after:#.9g}".rstrip(".") in section
    path = tmp_path / "p.toml"
    path.write_text(MAZUR, encoding="utf-8")
    assert main(["sheet", "2-2-2", "--at", str(path), "--format", "md", "--digits", "9"]) == 0
    out = capsys.readouterr().out
    assert "0.358916480" in out and "0.149780716" in out


def test_bad_point_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(MAZUR.replace("x = [0.05, 0.10]", "x = [0.05]"), encoding="utf-8")
    target = tmp_path / "s.tex"
    assert main(["sheet", "2-2-2", "--at", str(bad), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x must be a list of 2 numbers" in err
    assert not target.exists()


@pytest.mark.tex
@pytest.mark.parametrize("name", list(NETS))
def test_sheet_with_worked_example_compiles(name):
    d, w = _worked(name)
    compiled = compile_pdf(render_sheet(d, SheetOptions(), w), f"worked-{name}")
    assert compiled.pdf.startswith(b"%PDF")
    too_wide = [x for x in compiled.overfull if x > 1.0]
    assert not too_wide, f"overfull boxes (pt): {too_wide}"
    assert not re.search(r"undefined (control sequence|reference)", compiled.log.lower())
