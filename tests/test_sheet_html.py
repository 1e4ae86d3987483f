"""`symprop sheet --format html`: one self-contained page with the PDF's sections, every formula
as TeX plus a Unicode fallback, the diagram as SVG from the TikZ diagram's own geometry, and the
paths a click highlights. (In a real browser: tests/test_sheet_html_browser.py.)"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from html.parser import HTMLParser

import pytest

from codegen.cli import main
from codegen.html.svg import SCALE
from codegen.sheet import SheetOptions, render_sheet
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.worked import evaluate_at, read_point
from tests.test_worked import MAZUR

HTML = SheetOptions(format="html")


@lru_cache(maxsize=None)
def _sheets(arch, act="sigmoid", loss="half_se", naming="layered", out_act=None, shared=False):
    d = derive(network(arch, act, loss, out_act, naming, shared_bias=shared))
    return d, render_sheet(d, HTML), render_sheet(d)


class Page(HTMLParser):
    """Every element's tag, attributes and own text; ids; headings in order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list = []  # [tag, attrs, text]
        self.stack: list = []
        self.ids: dict = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        el = [tag, dict(attrs), ""]
        self.elements.append(el)
        if "id" in el[1]:
            assert el[1]["id"] not in self.ids, f"id {el[1]['id']} twice"
            self.ids[el[1]["id"]] = el
        if tag not in ("meta", "line", "circle", "path", "br", "img", "input", "link"):
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):  # <line/>, <circle/>: no content, nothing to close
        stack = self.stack[:]
        self.handle_starttag(tag, attrs)
        self.stack = stack

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for el in self.stack:
            el[2] += data

    def all(self, tag=None, **attrs):
        return [
            e
            for e in self.elements
            if (tag is None or e[0] == tag) and all(e[1].get(k) == v for k, v in attrs.items())
        ]


def test_page_loads_nothing_from_the_network():
    _, html, _ = _sheets("2-3-1", naming="seed")
    page = Page(html)
    for tag, attrs, _ in page.elements:
        for key in ("src", "href", "action", "srcset", "poster"):
            assert key not in attrs, (tag, attrs)
        if tag == "svg":
            assert attrs["xmlns"] == "http://www.w3.org/2000/svg"  # a namespace name, never fetched
    assert not page.all("link") and not page.all("iframe") and not page.all("img")
    styles = "".join(e[2] for e in page.all("style"))
    assert "@import" not in styles
    urls = re.findall(r"url\(([^)]*)\)", styles)
    # every url() is a font as data or an SVG marker in the page itself
    assert {u.split(",")[0] for u in urls} == {"data:font/woff2;base64", "#ah", "#ah-hl"}
    assert len([u for u in urls if u.startswith("data:")]) == 20  # every KaTeX font, inlined
    scripts = page.all("script")
    assert len(scripts) == 2 and "katex" in scripts[0][2] and "data-tex" in scripts[1][2]
    assert html.count("</script>") == 2


@pytest.mark.parametrize(
    "arch, act, loss, naming",
    [("2-3-1", "sigmoid", "half_se", "seed"), ("3-4-4-2", "tanh", "cce", "layered")],
)
def test_every_formula_has_its_tex_and_a_unicode_text(arch, act, loss, naming):
    d, html, _ = _sheets(arch, act, loss, naming)
    maths = [e for e in Page(html).elements if "data-tex" in e[1]]
    assert len(maths) > 10 * len(d.params) ** 0.5
    for _, attrs, text in maths:
        assert attrs["data-tex"].strip() and text.strip(), attrs
        assert "\\" not in text and "{" not in text, (attrs["data-tex"], text)  # readable, not TeX
    texts = {e[2] for e in maths}
    assert "∂L/∂W⁽¹⁾₁₁" in texts or naming == "seed"
    if naming == "seed":
        assert "∂L/∂w₁₁" in texts and "σ′(z) = σ(z)·(1 - σ(z))" in texts


@pytest.mark.parametrize(
    "arch, act, loss",
    [("2-3-1", "sigmoid", "half_se"), ("3-4-4-2", "tanh", "cce"), ("784-128-10", "relu", "cce")],
)
def test_same_sections_as_the_pdf_in_the_same_order(arch, act, loss):
    _, html, tex = _sheets(arch, act, loss)
    pdf = re.findall(r"\\(?:section|subsection)\*\{([^}\\]*)\}|\\step\{\d+\}\{([^}]*)\}", tex)
    pdf = [a or b for a, b in pdf]
    page = Page(html)
    headings = [re.sub(r"^[①-⑩] ", "", e[2]) for e in page.elements if e[0] in ("h2", "h3")]
    assert headings == pdf


def _tikz(tex: str):
    found = re.findall(r"\\node\[([a-z]+)\] \((n\d+_\d+)\) at \(([-\d.]+),([-\d.]+)\)", tex)
    nodes = {m[1]: (float(m[2]), float(m[3])) for m in found if m[0] != "dots"}
    nodes["dots"] = len([m for m in found if m[0] == "dots"])
    edges = re.findall(
        r"\\draw\[edge\] \((n\d+_\d+)\) -- (?:node\[weight, pos=([\d.]+)\] \{\$([^$]*)\$\} )?\((n\d+_\d+)\)",
        tex,
    )
    return nodes, edges


@pytest.mark.parametrize("arch", ["2-3-1", "4-8-1", "3-4-4-2", "784-128-10"])
def test_diagram_is_the_tikz_diagram(arch):
    _, html, tex = _sheets(arch)
    nodes, edges = _tikz(tex)
    page = Page(html)
    circles = {e[1]["id"][5:]: e for e in page.all("g") if e[1].get("id", "").startswith("node-")}
    dots = nodes.pop("dots")
    assert set(circles) == set(nodes)
    assert len([e for e in page.all("text") if e[1].get("class") == "dots"]) == dots
    for nid, (x, y) in nodes.items():
        (c,) = [
            el
            for el in page.elements
            if el[0] == "circle" and el in page.elements[page.elements.index(circles[nid]) :]
        ][:1]
        assert abs(float(c[1]["cx"]) - x * SCALE) < 0.1 and abs(float(c[1]["cy"]) + y * SCALE) < 0.1
    svg_edges = {e[1]["id"] for e in page.all("g") if e[1].get("id", "").startswith("edge-")}
    assert svg_edges == {f"edge-{s}-{t}" for s, _, _, t in edges}
    labelled = [e for e in edges if e[2]]
    assert len([e for e in page.all("text") if e[1].get("class") == "w"]) == len(labelled) + tex.count(
        "\\draw[bias]"
    )


def _graph(page):
    up = defaultdict(list)
    for e in page.all("g"):
        m = re.fullmatch(r"edge-(n\d+_\d+)-(n\d+_\d+)", e[1].get("id", ""))
        if m:
            up[m[1]].append(m[2])
    return up


def _reach(up, start, coupled=()):
    """The edges, nodes and output arrows reachable from a node, following the SVG's own edges;
    a node of a softmax layer (`coupled`, its node ids) reaches every output arrow of it."""
    seen, todo, out = {start}, [start], {f"node-{start}"}
    if start in coupled:
        out |= {f"out-{n}" for n in coupled}
    while todo:
        n = todo.pop()
        if not up[n]:
            out.add(f"out-{n}")
        for m in up[n]:
            out |= {f"edge-{n}-{m}", f"node-{m}"}
            if m in coupled:
                out |= {f"out-{k}" for k in coupled}
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return out


def _node_named(page, d, code):
    """The diagram node whose text is the Unicode name of the symbol `code` (None: not drawn)."""
    text = re.sub(r"\\mathrm|[{}^_]", "", d.naming.names[d.symbol(code)].latex)  # its scripts' text
    found = [e[1]["id"][5:] for e in page.all("g") if e[1].get("id", "").startswith("node-") and e[2] == text]
    return found[0] if found else None


@pytest.mark.parametrize(
    "arch, loss", [("2-3-1", "half_se"), ("3-4-4-2", "half_se"), ("2-7-2", "half_se"), ("2-3-3", "cce")]
)
def test_a_gradient_card_names_every_part_of_its_path(arch, loss):
    """The path of dL/dW(l)_ij: the edge j -> i, then everything reachable from unit i along the
    SVG's own edges; of dL/db(l)_i: its bias arrow and the same; nothing for an undrawn unit."""
    d, html, _ = _sheets(arch, "sigmoid", loss)
    page = Page(html)
    up = _graph(page)
    nodes = [e[1]["id"][5:] for e in page.all("g") if e[1].get("id", "").startswith("node-")]
    top = {n for n in nodes if n.startswith(f"n{d.spec.depth}_")}
    coupled = top if loss == "cce" else set()
    cards = [e for e in page.all("div") if e[1].get("class") == "card" and e[1]["id"].startswith("grad-")]
    assert len(cards) == len(d.params)
    undrawn = 0
    for card, eq in zip(cards, d.of_kind("gradient")):
        path = set(card[1]["data-path"].split())
        kind, (l, i, *j) = eq.param.name[0], re.findall(r"\d+", eq.param.name)
        dst = _node_named(page, d, f"z{l}_{i}")
        src = _node_named(page, d, f"x{j[0]}" if l == "1" else f"z{int(l) - 1}_{j[0]}") if j else None
        if dst is None or (kind == "W" and src is None):
            assert path == set(), eq.param
            undrawn += 1
        elif kind == "b":
            assert path == {f"bias-{dst}"} | _reach(up, dst, coupled), eq.param
        else:
            assert path == {f"node-{src}", f"edge-{src}-{dst}"} | _reach(up, dst, coupled), eq.param
        for ref in card[1]["data-refs"].split():
            assert ref.split(":")[0] in page.ids
    assert undrawn == (0 if arch != "2-7-2" else 3 * 2 + 3 * 2 + 3)  # units 4-6 of 7: 2 in, 2 out, a bias


def test_a_shared_bias_runs_through_every_unit_of_its_layer():
    """--shared-bias: dL/db(1) is the sum of one path per unit; its card shows the sum and its
    path lights the layer's one bias arrow and everything above every unit of the layer."""
    d, html, _ = _sheets("2-3-2", shared=True)
    page = Page(html)
    up = _graph(page)
    arrows = [e[1]["id"] for e in page.all("g") if e[1].get("id", "").startswith("bias-")]
    assert len(arrows) == 2  # one per layer
    for l, size in ((1, 3), (2, 2)):
        (b,) = d.biases(l)
        k = d.params.index(b)
        card = page.ids[f"grad-{k}"]
        (arrow,) = [a for a in arrows if a.startswith(f"bias-n{l}_")]
        want = {arrow}
        for i in range(1, size + 1):
            want |= _reach(up, _node_named(page, d, f"z{l}_{i}"))
        assert set(card[1]["data-path"].split()) == want
        start = next(n for n, e in enumerate(page.elements) if e is card)
        end = next(
            (n for n, e in enumerate(page.elements) if n > start and e[1].get("class") == "card"), None
        )
        ops = [e[2] for e in page.elements[start:end] if e[1].get("class") == "op"]
        assert ops == ["+"] * 2 * (size - 1)  # between the paths, in the partials and the values
    assert "one bias per layer" in page.all("p", **{"class": "subtitle"})[0][2]
    (caption,) = page.all("p", **{"class": "caption"})  # the diagram says where the one arrow is
    assert "One bias per layer (b⁽¹⁾, b⁽²⁾)" in caption[2] and "at the layer's top unit" in caption[2]


def test_factors_point_at_their_local_derivatives():
    d, html, _ = _sheets("2-3-1", naming="seed")
    page = Page(html)
    card = page.ids["grad-0"]  # ∂L/∂w11
    refs = dict(r.split(":") for r in card[1]["data-refs"].split() if ":" in r)
    texts = [page.ids[r][2] for r in refs]
    assert texts == [
        "∂L/∂out = out - y_T",
        "∂out/∂z_o = out·(1 - out)",
        "∂z_o/∂σ(z_h1) = w_a",
        "∂σ(z_h1)/∂z_h1 = σ(z_h1)·(1 - σ(z_h1))",
        "∂z_h1/∂w₁₁ = x₁",
    ]
    assert list(refs.values()) == ["0", "1", "2", "3", "4"]
    start = next(k for k, e in enumerate(page.elements) if e is card)
    facs = [e[1]["class"] for e in page.elements[start:] if "fac" in e[1].get("class", "").split()]
    assert facs[:10] == [f"m fac f{k}" for k in range(5)] * 2  # the partials, then their values
    assert "delta-1" in card[1]["data-refs"].split()  # δ_h1, its compact form's delta


def test_worked_example_with_at():
    d = derive(network("2-2-2", "sigmoid", "half_se", naming="layered"))
    html = render_sheet(d, HTML, evaluate_at(d, read_point(MAZUR, d)))
    section = html[html.index('id="worked"') :]
    for text in [
        "a⁽¹⁾₁ = 0.593270",
        "L = 0.298371",
        "∂L/∂W⁽²⁾₁₁ = 0.741365 · 0.186816 · 0.593270 = 0.0821670",
        "W⁽²⁾₁₁⁺ = 0.4 − 0.5·0.0821670 = 0.358916",
    ]:
        assert text in section, text
    assert (
        "0.358916" in section
        and 'data-tex="{W^{(2)}_{11}}^{+} = 0.4 - 0.5 \\cdot 0.0821670 = 0.358916"' in section
    )
    assert 'id="worked"' not in render_sheet(d, HTML)


def test_cli_writes_one_file_and_refuses_pdf(tmp_path, capsys):
    out = tmp_path / "sheet.html"
    assert main(["sheet", "2-3-1", "--naming", "seed", "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.html"]
    capsys.readouterr()
    assert main(["sheet", "2-3-1", "--format", "html", "-o", str(tmp_path / "b.html"), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "drop --format html" in err and not (tmp_path / "b.html").exists()
    assert main(["sheet", "2-2-1", "--format", "html"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("</html>")


def test_any_document_renders_through_the_same_page():
    """What an exercise sheet builds: every block kind, user text escaped, the TeX in data-tex."""
    from codegen.html import (
        Blank,
        Card,
        Display,
        Document,
        Heading,
        Math,
        MathList,
        Para,
        Section,
        render_html,
    )

    evil = '<script>alert("x")</script> & \u2028'
    doc = Document(
        title=f"Exercise {evil}",
        subtitle="seed 7",
        comment="symprop exercise 2-2-1 --> x",
        sections=[
            Section(
                "Problem",
                [
                    Para(("Compute ", Math("z_1", "z₁"), " = ", Blank("z1"), f" ({evil})")),
                    Heading("Forward"),
                    Display(Math("\\frac{1}{2}", "1/2\nnext line")),
                    MathList((Math("a = 1", "a = 1", id="item-a"),), title="Given"),
                    Card(
                        Math("\\delta", "δ"), ((Math("x", "x", cls="fac f0"),),), "c-1", (("path", "edge-a"),)
                    ),
                ],
                "problem",
                "①",
            )
        ],
    )
    html = render_html(doc)
    page = Page(html)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ?" in html
    assert html.split("\n")[1] == "<!-- symprop exercise 2-2-1 --&gt; x -->"
    assert [e[2] for e in page.all("h2")] == ["① Problem"] and [e[2] for e in page.all("h3")] == ["Forward"]
    assert page.all("span", **{"class": "blank", "aria-label": "z1"})
    (display,) = page.all("div", **{"class": "md"})
    assert display[1]["data-tex"] == "\\frac{1}{2}" and "<br>next line" in html
    assert page.ids["item-a"][1]["data-tex"] == "a = 1"
    assert page.ids["c-1"][1]["data-path"] == "edge-a" and page.ids["c-1"][1]["role"] == "button"


def test_another_document_of_a_network_gets_its_math_and_diagram():
    from codegen.html import Document, Para, Printers, Section, Svg, network_svg, render_html

    d = derive(network("2-2-1", "sigmoid", "half_se"))
    P = Printers(d)
    m = P.partial(d.loss_symbol, d.params[0])
    assert (m.tex, m.text) == ("\\frac{\\partial L}{\\partial W^{(1)}_{11}}", "∂L/∂W⁽¹⁾₁₁")
    html = render_html(Document("Exercise", sections=[Section("Net", [Svg(network_svg(P.pr)), Para((m,))])]))
    page = Page(html)
    assert len([e for e in page.all("g") if e[1].get("id", "").startswith("edge-")]) == 6
    assert page.all("span", **{"data-tex": m.tex})


def test_diagram_labels_carry_real_scripts():
    """W^{(1)}_{11} as W with (1) raised and 11 lowered under it (set back by the width of (1))."""
    _, html, _ = _sheets("2-3-1")
    assert (
        'W<tspan class="script up" baseline-shift="super">(1)</tspan>'
        '<tspan class="script up" dx="-1.28em" baseline-shift="sub">11</tspan>'
    ) in html
    _, seed, _ = _sheets("2-3-1", naming="seed")
    assert 'z<tspan class="script" baseline-shift="sub">h1</tspan>' in seed
    assert '<text class="o" x=' in seed and '<tspan class="rm">out</tspan>' in seed
