"""A document as one self-contained HTML page: a small model (sections of paragraphs, math,
lists of equations, chain-rule cards, an SVG diagram) and `render_html(doc)`, which writes it with
the vendored KaTeX, the page's stylesheet and script inlined. Nothing is loaded from the network.

Every math element is `<span class="m" data-tex="TeX">Unicode text</span>`: without JavaScript the
Unicode text (symprop's terminal printer) is what shows; with it, KaTeX typesets the TeX in place.
All text goes through `codegen.escape.html_text`; only `Svg.markup` is written as it is (the
diagram writer escapes its own text). The sheet builds its Document in `codegen.html.sheet`;
other documents (an exercise, its answer key) build theirs from the same blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..escape import html_comment, html_text
from .assets import katex_css, katex_js, katex_version, page_file


@dataclass(frozen=True)
class Math:
    """One formula: its TeX (typeset by KaTeX) and its readable Unicode form (shown without JS;
    a newline in it breaks the line)."""

    tex: str
    text: str
    display: bool = False
    id: str = ""
    cls: str = ""  # extra CSS classes
    attrs: tuple[tuple[str, str], ...] = ()  # extra data-* attributes, (name, value)


@dataclass(frozen=True)
class Blank:
    """A space for the reader to fill in (a problem sheet)."""

    label: str = ""


Part = Union[str, Math, Blank]


@dataclass(frozen=True)
class Para:
    parts: tuple[Part, ...]
    cls: str = ""  # 'note', 'box', 'caption', ...


@dataclass(frozen=True)
class Display:
    math: Math


@dataclass(frozen=True)
class MathList:
    """Equations side by side, wrapping on a narrow screen (one per line on a phone)."""

    items: tuple[Math, ...]
    title: str = ""


@dataclass(frozen=True)
class Card:
    """A chain rule written out: `lhs = f1 · f2 · …`, then `= [v1] · [v2] · …`, then `= compact`.
    Clicking it highlights what `attrs` names (the page script reads data-edges, data-refs)."""

    lhs: Math
    lines: tuple[tuple[Math | str, ...], ...]  # each line: factors joined by ·; a str is an operator (+)
    id: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Svg:
    markup: str  # trusted: made by codegen.html.svg, which escapes its own text


@dataclass(frozen=True)
class Heading:
    text: str


Block = Union[Para, Display, MathList, Card, Svg, Heading]


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    id: str = ""
    mark: str = ""  # the seed's circled step number, ①


@dataclass
class Document:
    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)
    intro: list = field(default_factory=list)  # blocks before the first section
    comment: str = ""  # an HTML comment at the top (the command that wrote the page)
    hint: str = ""  # a line under the title, e.g. "click a gradient to see its path"


# --- rendering ----------------------------------------------------------------------------------


def _attrs(pairs) -> str:
    return "".join(f' data-{html_text(k)}="{html_text(v)}"' for k, v in pairs)


def math(m: Math) -> str:
    tag = "div" if m.display else "span"
    cls = ("md" if m.display else "m") + (f" {m.cls}" if m.cls else "")
    ident = f' id="{html_text(m.id)}"' if m.id else ""
    return (
        f'<{tag} class="{html_text(cls)}"{ident}{_attrs(m.attrs)} data-tex="{html_text(m.tex)}">'
        f"{'<br>'.join(html_text(line) for line in m.text.split(chr(10)))}</{tag}>"
    )


def _part(p) -> str:
    if isinstance(p, Math):
        return math(p)
    if isinstance(p, Blank):
        label = f' aria-label="{html_text(p.label)}"' if p.label else ""
        return f'<span class="blank"{label}></span>'
    return html_text(p)


def block(b) -> str:
    if isinstance(b, Para):
        cls = f' class="{html_text(b.cls)}"' if b.cls else ""
        return f"<p{cls}>{''.join(_part(p) for p in b.parts)}</p>"
    if isinstance(b, Display):
        return math(Math(b.math.tex, b.math.text, True, b.math.id, b.math.cls, b.math.attrs))
    if isinstance(b, MathList):
        head = f'<p class="lead">{html_text(b.title)}</p>' if b.title else ""
        items = "".join(f"<li>{math(m)}</li>" for m in b.items)
        return f'{head}<ul class="eqs">{items}</ul>'
    if isinstance(b, Card):
        return _card(b)
    if isinstance(b, Svg):
        return f'<figure class="diagram">{b.markup}</figure>'
    if isinstance(b, Heading):
        return f"<h3>{html_text(b.text)}</h3>"
    raise TypeError(f"not a block: {b!r}")


def _card(c: Card) -> str:
    ident = f' id="{html_text(c.id)}"' if c.id else ""
    rows = []
    for k, line in enumerate(c.lines):
        head = f'<span class="lhs">{math(c.lhs)}</span>' if k == 0 else '<span class="lhs"></span>'
        cells = ""
        for k, f in enumerate(line):
            if isinstance(f, str):
                cells += f'<span class="op">{html_text(f)}</span>'
                continue
            if k and not isinstance(line[k - 1], str):
                cells += '<span class="dot">·</span>'
            cells += math(f)
        rows.append(f'<div class="row">{head}<span class="eq">=</span><span class="rhs">{cells}</span></div>')
    return f'<div class="card" tabindex="0" role="button"{ident}{_attrs(c.attrs)}>{"".join(rows)}</div>'


def render_html(doc: Document) -> str:
    """The whole page: one file, KaTeX, fonts, style and script inlined."""
    body = [f"<h1>{html_text(doc.title)}</h1>"]
    if doc.subtitle:
        body.append(f'<p class="subtitle">{html_text(doc.subtitle)}</p>')
    if doc.hint:
        body.append(f'<p class="hint">{html_text(doc.hint)}</p>')
    body += [block(b) for b in doc.intro]
    for s in doc.sections:
        ident = f' id="{html_text(s.id)}"' if s.id else ""
        mark = f'<span class="mark">{html_text(s.mark)}</span> ' if s.mark else ""
        body.append(f"<section{ident}><h2>{mark}{html_text(s.title)}</h2>")
        body += [block(b) for b in s.blocks]
        body.append("</section>")
    comment = f"<!-- {html_comment(doc.comment)} -->\n" if doc.comment else ""
    return (
        "<!DOCTYPE html>\n"
        f"{comment}"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_text(doc.title)}</title>\n"
        f"<!-- KaTeX {html_comment(katex_version())}, MIT license, (c) Khan Academy and contributors -->\n"
        f"<style>{katex_css()}</style>\n"
        f"<style>{page_file('page.css')}</style>\n"
        "</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n"
        f"<script>{katex_js()}</script>\n"
        f"<script>{page_file('page.js')}</script>\n"
        "</body>\n</html>\n"
    )
