"""`symprop exercise` writes problem.html and answers.html when this symprop has the HTML renderer
(codegen.html): self-contained pages from the same context as the PDFs, blanks on the problem
page, every answer in the key. Without the renderer no page is written (checked as such)."""

from __future__ import annotations

import re

import pytest
import tomllib

from codegen.cli import main
from codegen.exercise_html import available

PAGES = ("problem.html", "answers.html")


@pytest.fixture(scope="module")
def ex(tmp_path_factory):
    out = tmp_path_factory.mktemp("exh") / "ex7"
    assert main(["exercise", "2-2-1", "--seed", "7", "-o", str(out), "--no-pdf"]) == 0
    return out


def body(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<main>") : text.index("</main>")]


def test_pages_show_the_blanks_and_the_answers(ex):
    if not available():  # the renderer is another part of the project: no page without it
        assert not [p for p in PAGES if (ex / p).exists()]
        return
    answers = tomllib.loads((ex / "answers.toml").read_text(encoding="utf-8"))["answer"]
    problem, key = body(ex / "problem.html"), body(ex / "answers.html")
    for page in PAGES:
        text = (ex / page).read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)  # loads nothing
    grads = [a for a in answers if a["section"] == "gradients"]
    # one blank per chain-rule factor and one for the value, for every gradient
    assert problem.count('class="blank"') == len(answers) + sum(len(a["factors"]) for a in grads)
    shown = {a["shown"] for a in answers if len(a["shown"].strip("-0.")) >= 5}
    assert shown and not [s for s in shown if s in problem]  # no answer given away
    assert all(a["shown"] in key for a in answers)
    for a in grads:  # the key's card: the factors' values, then the product
        assert all(f["shown"] in key for f in a["factors"])
    assert key.count('class="card"') == len(grads)


def test_same_seed_same_pages(ex, tmp_path):
    again = tmp_path / "again"
    assert main(["exercise", "2-2-1", "--seed", "7", "-o", str(again), "--no-pdf"]) == 0
    for name in PAGES:
        assert (again / name).exists() == (ex / name).exists() == available()
        if available():
            assert (again / name).read_bytes() == (ex / name).read_bytes()
