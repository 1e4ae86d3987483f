"""The exercise's problem sheet and answer key in a real browser (Debian's headless Chromium through
Playwright, as tests/test_sheet_html_browser.py): no console message and no request off the page,
every formula typeset by KaTeX and no TeX left visible, the problem's blanks shown as blanks and
the answer key's numbers equal to answers.toml, nothing wider than a 390 px phone, and the pages
readable with JavaScript off."""

from __future__ import annotations

import re

import pytest
import tomllib

from codegen.cli import main
from codegen.html.browser import launch, load
from tests.test_sheet_html_browser import RAW_TEX, _state

pytestmark = pytest.mark.browser

# (name, command-line arguments): a fixed network, a drawn one, a shared bias
CASES = [
    ("fixed", ["2-2-1", "--seed", "3"]),
    ("vary", ["--vary", "--seed", "11"]),
    ("shared", ["2-2-2", "--seed", "5", "--shared-bias"]),
]


@pytest.fixture(scope="module")
def browser():
    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def exercises(tmp_path_factory):
    """name -> the exercise's folder, written by `symprop exercise ... --no-pdf`."""
    out = {}
    for name, args in CASES:
        folder = tmp_path_factory.mktemp("exercise") / name
        assert main(["exercise", *args, "--no-pdf", "-o", str(folder)]) == 0
        out[name] = folder
    return out


@pytest.mark.parametrize("which", ["problem", "answers"])
@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_every_formula_typesets_and_fits_a_phone(browser, exercises, name, which, tmp_path):
    page = load(browser, exercises[name] / f"{which}.html", 1000)
    s = _state(page)
    assert page.symprop_messages == []  # no console message, no error, no request off the page
    assert s["formulas"] > 10 and s["typeset"] == s["formulas"] and s["errors"] == 0
    assert not RAW_TEX.search(s["text"]), RAW_TEX.search(s["text"])
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / f"{name}-{which}.png"), full_page=True)
    assert (tmp_path / f"{name}-{which}.png").stat().st_size > 20_000


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"-?\d+\.\d+(?:e-?\d+)?", text.replace("−", "-").replace("·10", "e")))


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_blanks_in_the_problem_and_every_answer_in_the_key(browser, exercises, name):
    answers = tomllib.loads((exercises[name] / "answers.toml").read_text(encoding="utf-8"))["answer"]
    problem = load(browser, exercises[name] / "problem.html", 1000)
    assert problem.evaluate("document.querySelectorAll('.blank').length") >= len(answers) > 10
    shown = _numbers(problem.evaluate("document.body.innerText"))
    gradients = {a["shown"] for a in answers if a["section"] == "gradients"}
    assert gradients and not gradients & shown, "the problem page shows a gradient's answer"
    key = load(browser, exercises[name] / "answers.html", 1000)
    assert key.evaluate("document.querySelectorAll('.blank').length") == 0
    missing = {a["shown"] for a in answers} - _numbers(key.evaluate("document.body.innerText"))
    assert not missing, f"answers.toml values the key page does not show: {sorted(missing)}"


@pytest.mark.parametrize("which", ["problem", "answers"])
def test_readable_without_javascript(browser, exercises, which):
    page = load(browser, exercises["fixed"] / f"{which}.html", 1000, javascript=False)
    text = page.evaluate("document.body.innerText")
    assert page.evaluate("document.querySelectorAll('.katex').length") == 0
    assert "∂L/∂" in text and "η = " in text
    assert not RAW_TEX.search(text)
