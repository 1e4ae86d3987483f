"""The vendored KaTeX (codegen/vendor/katex, see its VERSION file) made ready to inline: the
stylesheet with every font as a data: URI (woff2 only, which every browser that runs KaTeX
reads), and the script. Nothing is fetched: a written page loads nothing from the network."""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources

_SRC = re.compile(
    r"src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\('woff2'\)(?:,url\([^)]*\) format\('[a-z]+'\))*"
)


def _vendor():
    return resources.files("codegen") / "vendor" / "katex"


@lru_cache(maxsize=None)
def katex_css() -> str:
    """katex.min.css, each @font-face's sources replaced by its woff2 as a data: URI."""
    root = _vendor()
    css = (root / "katex.min.css").read_text(encoding="utf-8")

    def inline(m: re.Match) -> str:
        data = (root / "fonts" / f"{m.group(1)}.woff2").read_bytes()
        return f"src:url(data:font/woff2;base64,{base64.b64encode(data).decode('ascii')}) format('woff2')"

    out, n = _SRC.subn(inline, css)
    if n == 0 or "url(fonts/" in out:
        raise RuntimeError("codegen/vendor/katex/katex.min.css: a font source not inlined")
    return out


@lru_cache(maxsize=None)
def katex_js() -> str:
    js = (_vendor() / "katex.min.js").read_text(encoding="utf-8")
    if "</script" in js.lower():  # would close the inline <script> early
        raise RuntimeError("codegen/vendor/katex/katex.min.js contains '</script'")
    return js


@lru_cache(maxsize=None)
def page_file(name: str) -> str:
    """The page's own stylesheet and script (codegen/html/page.css, page.js)."""
    return (resources.files("codegen") / "html" / name).read_text(encoding="utf-8")


def katex_version() -> str:
    text = (_vendor() / "VERSION").read_text(encoding="utf-8")
    return text.split()[1]
