"""The HTML sheet in a real browser (Debian's headless Chromium, driven by Playwright; `make
browser` installs it): no console error and no request off the page, every formula typeset and no
TeX left visible, a click on a gradient highlights exactly its path's SVG parts and its factors,
nothing wider than a 390 px phone screen, readable with JavaScript off; screenshots saved."""

from __future__ import annotations

import re

import pytest

from codegen.html.assets import katex_css, katex_js
from codegen.html.browser import launch, load
from codegen.sheet import SheetOptions, render_sheet
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.worked import evaluate_at, random_point_for, read_point
from tests.test_worked import MAZUR

pytestmark = pytest.mark.browser

RAW_TEX = re.compile(
    r"\\(frac|partial|begin|end|mathrm|sigma|cdot|left|right|delta|text|underbrace)\b|\$\$|\^\{|_\{"
)
HIGHLIGHT = "rgb(209, 53, 43)"  # --hl in page.css


@pytest.fixture(scope="module")
def browser():
    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def pages(tmp_path_factory, browser):
    """Each page loaded once at 1000 px (tests resize it): name -> (file, page)."""
    out = tmp_path_factory.mktemp("html")
    seed = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    mazur = derive(network("2-2-2", "sigmoid", "half_se", naming="layered"))
    deep = derive(network("3-3-3-2", "tanh", "cce", naming="layered"))
    formula = derive(network("2-2-1", "z/(1+exp(-z))", "(out-y)**4/4", "abs(z)", "layered"))
    files = {
        "seed": render_sheet(seed, SheetOptions(format="html")),
        "mazur": render_sheet(
            mazur, SheetOptions(format="html"), evaluate_at(mazur, read_point(MAZUR, mazur))
        ),
        "deep": render_sheet(deep, SheetOptions(format="html")),
        "formula": render_sheet(
            formula, SheetOptions(format="html"), evaluate_at(formula, random_point_for(formula, 2))
        ),
    }
    loaded = {}
    for name, text in files.items():
        path = out / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        loaded[name] = (path, load(browser, path, 1000))
    return loaded


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _state(page) -> dict:
    return page.evaluate(
        """() => ({
        text: document.body.innerText,
        formulas: document.querySelectorAll('[data-tex]').length,
        typeset: document.querySelectorAll('[data-tex].typeset .katex').length,
        errors: document.querySelectorAll('.katex-error').length,
        width: document.documentElement.scrollWidth,
        hl: Array.from(document.querySelectorAll('.hl[id]')).map(e => e.id).sort(),
        })"""
    )


@pytest.mark.parametrize("name", ["seed", "mazur", "deep", "formula"])
def test_every_formula_typesets_without_errors(pages, name, tmp_path):
    page = pages[name][1]
    s = _state(page)
    assert page.symprop_messages == []  # no console message, no error, no request off the page
    assert s["formulas"] > 50 and s["typeset"] == s["formulas"] and s["errors"] == 0
    assert not RAW_TEX.search(s["text"]), RAW_TEX.search(s["text"])
    assert "∂L" in s["text"] and "=" in s["text"]
    page.screenshot(path=str(tmp_path / f"{name}.png"))
    assert (tmp_path / f"{name}.png").stat().st_size > 20_000


def test_clicking_a_gradient_highlights_its_path_and_factors(pages):
    page = pages["seed"][1]
    card = page.locator("#grad-0")  # ∂L/∂w11: x1 -> z_h1 -> z_o -> out
    want = sorted(card.get_attribute("data-path").split())
    assert want == sorted(
        ["node-n0_0", "edge-n0_0-n1_0", "node-n1_0", "edge-n1_0-n2_0", "node-n2_0", "out-n2_0"]
    )
    assert _state(page)["hl"] == []
    card.click()
    assert _state(page)["hl"] == want
    stroke = "el => getComputedStyle(el.querySelector('line, circle')).stroke"
    for part in want:
        assert page.locator(f"#{part}").evaluate(stroke) == HIGHLIGHT, part
    assert page.locator("#edge-n0_1-n1_0").evaluate(stroke) != HIGHLIGHT  # x2 -> z_h1: not on it
    backgrounds = card.locator(".fac").evaluate_all(
        "els => els.map(e => getComputedStyle(e).backgroundColor)"
    )
    assert len(backgrounds) == 10 and len(set(backgrounds[:5])) == 5 and backgrounds[:5] == backgrounds[5:]
    assert "rgba(0, 0, 0, 0)" not in backgrounds
    # the card is scrolled into view, the diagram away: its copy is pinned, the same parts lit
    page.wait_for_function("!document.querySelector('.minimap').hidden")
    lit = page.evaluate(
        "Array.from(document.querySelectorAll('.minimap .hl')).map(e => e.getAttribute('data-for')).sort()"
    )
    assert lit == want
    local = page.locator("#local-2")  # ∂z_o/∂σ(z_h1) = w_a, factor 3 of the chain
    assert local.evaluate("e => getComputedStyle(e).backgroundColor") == backgrounds[2]
    assert page.locator("#grad-1 .fac").first.evaluate("e => getComputedStyle(e).backgroundColor") == (
        "rgba(0, 0, 0, 0)"
    )
    page.locator("#grad-12").click()  # ∂L/∂b4: the bias arrow into z_o, then out
    assert _state(page)["hl"] == sorted(["bias-n2_0", "node-n2_0", "out-n2_0"])
    page.locator("#grad-12").click()  # a second click clears
    assert page.evaluate("document.querySelector('.minimap').hidden")
    assert _state(page)["hl"] == [] and local.evaluate("e => getComputedStyle(e).backgroundColor") == (
        "rgba(0, 0, 0, 0)"
    )


@pytest.mark.parametrize("name", ["seed", "mazur", "deep"])
def test_nothing_is_wider_than_a_phone(pages, name, tmp_path):
    page = pages[name][1]
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        assert _width(page) <= 390
        box = page.locator("figure.diagram svg.net").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.locator(".card").last.click()
        assert _width(page) <= 390 and page.evaluate("document.querySelectorAll('.hl[id]').length")
        page.locator(".card").last.click()  # cleared again
        page.screenshot(path=str(tmp_path / f"{name}-phone.png"))
    finally:
        page.set_viewport_size({"width": 1000, "height": 800})


def test_readable_without_javascript(pages, browser):
    page = load(browser, pages["seed"][0], 1000, javascript=False)
    text = page.evaluate("document.body.innerText")
    assert page.evaluate("document.querySelectorAll('.katex').length") == 0
    for shown in [
        "∂L/∂w₁₁ = ∂L/∂out",
        "[out - y_T]",
        "σ′(z) = σ(z)·(1 - σ(z))",
        "z_h1 = w₁₁·x₁ + w₁₂·x₂ + b₁",
    ]:
        assert shown in text, shown
    assert not RAW_TEX.search(text)


# what Jupyter's math typesetter does with a text/html output: every $$…$$ becomes math
TYPESET = """document.querySelectorAll('.symprop-derivation div').forEach(function (el) {
  var t = el.textContent;
  try { katex.render(t.slice(2, -2), el, {displayMode: true, throwOnError: true}); }
  catch (e) { console.error(e.message); }
});"""


def test_notebook_html_typesets(browser, tmp_path):
    d = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    path = tmp_path / "notebook.html"
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{katex_css()}</style></head><body>"
        f"{d._repr_html_()}<script>{katex_js()}</script><script>{TYPESET}</script></body></html>",
        encoding="utf-8",
    )
    page = load(browser, path, 1000)
    assert page.symprop_messages == []
    assert page.evaluate("document.querySelectorAll('.symprop-derivation .katex-display').length") == 11
    text = page.evaluate("document.body.innerText")
    assert (
        not RAW_TEX.search(text)
        and "$$" not in text
        and "Gradients, as products of chain-rule factors" in text
    )


def test_katex_reads_every_formula_of_every_activation_and_loss(browser, tmp_path):
    """Every TeX string the HTML sheets of all built-in activations and losses carry (and a
    formula of each, and a shared bias with a worked example), rendered by the vendored KaTeX in
    one page: none is refused."""
    import json
    from html import unescape

    from symbolic.activations import TABLE

    nets = [(a, "half_se", None) for a, r in TABLE.items() if r.elementwise]
    nets += [("tanh", "mse", None), ("relu", "bce", None), ("tanh", "cce", None)]
    nets += [("z/(1+exp(-z)) + abs(z)/4", "(out-y)**4/4 + max(out, y)", "sqrt(1+z**2)")]
    texs = set()
    for act, loss, out in nets:
        html = render_sheet(derive(network("2-2-2", act, loss, out)), SheetOptions(format="html"))
        texs |= {unescape(t) for t in re.findall(r'data-tex="([^"]*)"', html)}
    shared = derive(network("2-2-2", shared_bias=True))  # sums of paths, z = W a + 1 b
    html = render_sheet(shared, SheetOptions(format="html"), evaluate_at(shared, random_point_for(shared, 1)))
    texs |= {unescape(t) for t in re.findall(r'data-tex="([^"]*)"', html)}
    assert len(texs) > 300
    path = tmp_path / "all.html"
    script = (
        "window.failed = []; JSON.parse(document.getElementById('t').textContent).forEach(function (t) {"
        " try { katex.renderToString(t, {throwOnError: true}); }"
        " catch (e) { failed.push(t + ': ' + e.message); } });"
    )
    data = json.dumps(sorted(texs)).replace("</", "<\\/")
    path.write_text(
        f"<!DOCTYPE html><meta charset='utf-8'><script id='t' type='application/json'>{data}</script>"
        f"<script>{katex_js()}</script><script>{script}</script>",
        encoding="utf-8",
    )
    page = load(browser, path, 800)
    assert page.evaluate("window.failed") == [] and page.symprop_messages == []
