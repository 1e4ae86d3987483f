"""Headless Chromium for the HTML sheet's checks and its screenshot: Debian's binary
(`chromium-headless-shell`, or `chromium`; scripts/install-browser.sh installs it), driven by
Playwright for Python, which is told where the binary is (it never downloads a browser).

`open_page(path, width)` yields a Playwright page with the file loaded and every console message
and page error collected in `page.symprop_messages`.
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
def open_page(path: Path, width: int = 1000, height: int = 800):
    from playwright.sync_api import sync_playwright

    binary = chromium()
    if binary is None:
        raise RuntimeError("no Chromium found: run scripts/install-browser.sh (make browser)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
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
            yield page
        finally:
            browser.close()


def screenshot(html: Path, png: Path, width: int = 1000, height: int = 760, click: str = "#grad-0") -> bytes:
    """The top of the page (title and diagram) after clicking `click`, as PNG bytes."""
    with open_page(html, width, height) as page:
        if click:
            page.click(click)
        page.evaluate("window.scrollTo(0, 0)")
        return page.screenshot(path=str(png))
