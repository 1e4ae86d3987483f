"""Headless Chromium for the HTML sheet's checks and its screenshot: Debian's binary
(`chromium-headless-shell`, or `chromium`; scripts/install-browser.sh installs it), driven by
Playwright for Python, which is told where the binary is (it never downloads a browser).

`launch()` yields a browser; `load(browser, path, width)` a Playwright page with the file loaded
and every console message, page error and request off the page in `page.symprop_messages`.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

CANDIDATES = ("chromium-headless-shell", "chromium", "chromium-browser")


def chromium() -> str | None:
    """The browser binary: $SYMPROP_CHROMIUM, else the first of CANDIDATES on PATH."""
    env = os.environ.get("SYMPROP_CHROMIUM")
    if env:
        return env
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def launch():
    from playwright.sync_api import sync_playwright

    binary = chromium()
    if binary is None:
        raise RuntimeError("no Chromium found: run scripts/install-browser.sh (make browser)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def load(browser, path: Path, width: int = 1000, height: int = 800, javascript: bool = True):
    """A new page (its own context) with `path` loaded and its scripts run."""
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
    page = context.new_page()
    messages: list = []

    def request(r) -> None:
        if not r.url.startswith("file:"):
            messages.append(("request", r.url))

    page.on("console", lambda m: messages.append((m.type, m.text)))
    page.on("pageerror", lambda e: messages.append(("pageerror", str(e))))
    page.on("request", request)
    page.symprop_messages = messages  # type: ignore[attr-defined]
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_function("document.readyState === 'complete'")
    if javascript:  # the sheet typesets in slices: wait for the last (pages without math: none)
        page.wait_for_function(
            "!document.querySelector('[data-tex]') || document.documentElement.dataset.typeset === 'done'"
        )
    return page


def screenshot(html: Path, width: int = 1000, height: int = 640, click: str = "#grad-0") -> bytes:
    """PNG bytes of the page after clicking `click` (a gradient), scrolled so the gradient sits
    in the upper third with the pinned diagram copy below it, its path highlighted."""
    with launch() as browser:
        page = load(browser, html, width, height)
        page.click(click)
        page.evaluate(
            "sel => { const r = document.querySelector(sel).getBoundingClientRect();"
            " window.scrollBy(0, r.top - 150); }",
            click,
        )
        page.mouse.move(0, 0)  # no hover border on the card under the pointer
        page.wait_for_timeout(100)  # the IntersectionObserver's callback
        return page.screenshot()
