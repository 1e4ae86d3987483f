"""Compile a LaTeX document to PDF (and PNG previews) in a temporary directory.

pdflatex runs with -no-shell-escape, openin_any=p and openout_any=p (no reads or writes outside
the working directory), -halt-on-error and a timeout. The log is checked for errors, undefined
references and overfull boxes. Nothing is written outside the temporary directory: callers get
bytes and hand them to codegen.writer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from symbolic.errors import SympropError

from . import texdeps

INSTALL = (
    "install TeX: make tex (or apt-get install texlive-latex-base texlive-pictures lmodern poppler-utils)"
)
TIMEOUT = 120.0
_OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)", re.M)


@dataclass(frozen=True)
class Compiled:
    pdf: bytes
    log: str
    runs: int
    overfull: tuple[float, ...]  # widths (pt) of overfull boxes


def available() -> bool:
    return shutil.which("pdflatex") is not None


def compile_pdf(
    tex: str, name: str = "sheet", timeout: float = TIMEOUT, source_date: int | None = None
) -> Compiled:
    """PDF bytes of `tex`; SympropError with the first TeX error if it does not compile.

    `source_date` (seconds since 1970) stamps the PDF's dates and ID instead of the clock, so the
    same `tex` gives the same bytes (the committed sheets in generated/).
    """
    if not available():
        raise SympropError("pdflatex not found", INSTALL)
    env = dict(os.environ, openin_any="p", openout_any="p", shell_escape="f")
    if source_date is not None:
        env.update(SOURCE_DATE_EPOCH=str(source_date), FORCE_SOURCE_DATE="1")
    with tempfile.TemporaryDirectory(prefix="symprop-tex-") as tmp:
        Path(tmp, f"{name}.tex").write_text(tex, encoding="utf-8")
        cmd = [
            "pdflatex",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-no-shell-escape",
            "-file-line-error",
            f"{name}.tex",
        ]
        runs = 0
        for _ in range(3):
            runs += 1
            try:
                subprocess.run(
                    cmd,
                    cwd=tmp,
                    env=env,
                    capture_output=True,
                    timeout=timeout,
                    stdin=subprocess.DEVNULL,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise SympropError(
                    f"pdflatex took longer than {timeout:.0f} s", "use --matrix-only for large networks"
                ) from None
            log = (
                Path(tmp, f"{name}.log").read_text(encoding="latin-1")
                if Path(tmp, f"{name}.log").exists()
                else ""
            )
            if not _rerun(log):
                break
        error = first_error(log)
        pdf = Path(tmp, f"{name}.pdf")
        absent = missing_file(log)
        if absent:
            package = texdeps.package_of(absent)
            how = f"apt-get install {package}" if package else f"apt-file search {absent}"
            kind = "package" if absent.endswith((".sty", ".cls")) else "file"
            raise SympropError(f"TeX {kind} {absent} is not installed", f"install it: make tex (or {how})")
        if error or not pdf.exists():
            raise SympropError(
                f"pdflatex failed: {error or 'no PDF written'}",
                "this is a bug in the sheet; please report it with the command",
            )
        undefined = undefined_references(log)
        if undefined:
            raise SympropError(
                f"pdflatex: undefined references {', '.join(undefined)}",
                "this is a bug in the sheet; please report it",
            )
        overfull = tuple(float(w) for w in _OVERFULL.findall(log))
        return Compiled(pdf.read_bytes(), log, runs, overfull)


def png_pages(
    pdf: bytes, first: int = 1, last: int = 1, dpi: int = 110, timeout: float = 60.0
) -> list[bytes]:
    """PNG previews of pages first..last (pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        raise SympropError("pdftoppm not found", INSTALL)
    with tempfile.TemporaryDirectory(prefix="symprop-png-") as tmp:
        Path(tmp, "in.pdf").write_bytes(pdf)
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first), "-l", str(last), "in.pdf", "page"],
                cwd=tmp,
                capture_output=True,
                timeout=timeout,
                check=True,
            )
        except subprocess.CalledProcessError as err:
            raise SympropError(
                f"pdftoppm failed: {err.stderr.decode(errors='replace')[:200]}", "check the PDF"
            ) from None
        except subprocess.TimeoutExpired:
            raise SympropError("pdftoppm timed out", "render fewer pages") from None
        return [p.read_bytes() for p in sorted(Path(tmp).glob("page-*.png"))]


def page_with(pdf: bytes, text: str, timeout: float = 60.0) -> int:
    """The first page whose text (pdftotext) contains `text`; 0 when none does."""
    if shutil.which("pdftotext") is None:
        raise SympropError("pdftotext not found", INSTALL)
    with tempfile.TemporaryDirectory(prefix="symprop-txt-") as tmp:
        Path(tmp, "in.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftotext", "-layout", "in.pdf", "out.txt"],
            cwd=tmp,
            capture_output=True,
            timeout=timeout,
            check=True,
        )
        pages = Path(tmp, "out.txt").read_text(encoding="utf-8", errors="replace").split("\f")
    return next((k for k, page in enumerate(pages, 1) if text in page), 0)


def first_error(log: str) -> str:
    for line in log.splitlines():
        if line.startswith("!") or re.match(r"^[^:\s]+\.tex:\d+: ", line):
            return line.lstrip("! ").strip()
    return ""


def missing_file(log: str) -> str:
    """The TeX file (package, class, font metric) the log says was not found, or ""."""
    found = re.search(r"LaTeX Error: File `([^']+)' not found", log)
    if found:
        return found.group(1)
    found = re.search(r"Font \S+=([^\s=]+)(?: at \S+)? not loadable: Metric \(TFM\) file not found", log)
    return f"{found.group(1)}.tfm" if found else ""


def undefined_references(log: str) -> list[str]:
    return re.findall(r"Reference `([^']+)' on page \d+ undefined", log)


def _rerun(log: str) -> bool:
    return "Rerun to get cross-references right" in log or "Label(s) may have changed" in log
