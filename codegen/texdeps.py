"""What the LaTeX templates need from a TeX installation, read from the templates themselves.

Standard library only: `scripts/install-tex.sh` runs it with the system python3 before the venv
exists (`python3 -m codegen.texdeps apt-packages | missing`). Every `\\documentclass`,
`\\usepackage` (with what its options pull in) and `\\usetikzlibrary` of codegen/templates/*.jinja
becomes a file kpsewhich must find; DEBIAN maps each file to the Debian package that ships it, so
a package added to a template without a row here fails `make tex` and tests/test_texdeps.py
instead of a fresh machine's sheet tests.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"

# file kpsewhich must find -> the Debian package (bookworm) that ships it
DEBIAN = {
    "article.cls": "texlive-latex-base",
    "fontenc.sty": "texlive-latex-base",
    "t1enc.def": "texlive-latex-base",
    "geometry.sty": "texlive-latex-base",
    "amsmath.sty": "texlive-latex-base",
    "amssymb.sty": "texlive-base",
    "lmodern.sty": "lmodern",
    "t1lmr.fd": "lmodern",  # lmodern under \usepackage[T1]{fontenc}
    "ec-lmr10.tfm": "lmodern",  # its T1 metrics
    "lmr10.pfb": "lmodern",  # its Type 1 outlines
    "tikz.sty": "texlive-pictures",
    # \usetikzlibrary{X} reads tikzlibraryX.code.tex, or else pgflibraryX.code.tex
    "tikzlibraryarrows.meta.code.tex|pgflibraryarrows.meta.code.tex": "texlive-pictures",
}
# commands the sheet compiler and its tests run -> the Debian package that ships each
TOOLS = {
    "pdflatex": "texlive-latex-base",
    "kpsewhich": "texlive-binaries",
    "pdftoppm": "poppler-utils",
    "pdftotext": "poppler-utils",
}
# font files a font package needs under a font encoding ({enc}: the fontenc option, lower case)
FONT_FILES = {"lmodern": ("{enc}lmr.fd",), "lmodern/t1": ("ec-lmr10.tfm", "lmr10.pfb")}

_COMMAND = re.compile(
    r"\\(documentclass|usepackage|RequirePackage|usetikzlibrary)\s*"
    r"(?:\[([^\]]*)\])?\s*\{([^}]*)\}"
)


def required_files(templates: Path = TEMPLATES) -> list[str]:
    """Every file the templates make TeX read, in first-use order ("A|B": A or else B)."""
    found: list[str] = []
    encodings: list[str] = []
    packages: list[str] = []
    for path in sorted(templates.glob("*.jinja")):
        text = re.sub(r"(?<!\\)%.*", "", path.read_text(encoding="utf-8"))  # TeX comments
        for command, options, names in _COMMAND.findall(text):
            for name in filter(None, (n.strip() for n in names.split(","))):
                if command == "documentclass":
                    found.append(f"{name}.cls")
                elif command == "usetikzlibrary":
                    found.append(f"tikzlibrary{name}.code.tex|pgflibrary{name}.code.tex")
                else:
                    found.append(f"{name}.sty")
                    packages.append(name)
                    if name == "fontenc":
                        opts = [o.strip() for o in options.split(",") if o.strip()]
                        encodings += [o.lower() for o in opts]
    for package in packages:
        for enc in encodings or ["ot1"]:
            found += [f.format(enc=enc) for f in FONT_FILES.get(package, ())]
            found += list(FONT_FILES.get(f"{package}/{enc}", ()))
        if package == "fontenc":
            found += [f"{enc}enc.def" for enc in encodings]
    return list(dict.fromkeys(found))


def unmapped(files: list[str]) -> list[str]:
    return [f for f in files if f not in DEBIAN]


def apt_packages(files: list[str]) -> list[str]:
    """The Debian packages that install `files` and the tools (sorted, no duplicates)."""
    return sorted({DEBIAN[f] for f in files} | set(TOOLS.values()))


def package_of(file: str) -> str | None:
    return DEBIAN.get(file)


def missing(files: list[str]) -> list[str]:
    """The tools not on PATH and the files kpsewhich cannot find (all files when it is absent)."""
    gone = [tool for tool in TOOLS if shutil.which(tool) is None]
    if "kpsewhich" in gone:
        return gone + files
    names = [name for f in files for name in f.split("|")]
    result = subprocess.run(["kpsewhich", *names], capture_output=True, text=True, check=False)
    found = {Path(line).name for line in result.stdout.splitlines()}
    return gone + [f for f in files if not found.intersection(f.split("|"))]


def main(argv: list[str] | None = None) -> int:
    """`files`, `apt-packages` or `missing` (exit 1 if anything is missing), one per line."""
    command = (argv if argv is not None else sys.argv[1:] or ["missing"])[0]
    files = required_files()
    bad = unmapped(files)
    if bad:
        print(
            f"texdeps: error: no Debian package known for {', '.join(bad)} (used in "
            f"codegen/templates); add it to DEBIAN in codegen/texdeps.py",
            file=sys.stderr,
        )
        return 2
    if command == "files":
        lines = files
    elif command == "apt-packages":
        lines = apt_packages(files)
    elif command == "missing":
        lines = missing(files)
    else:
        print(
            f"texdeps: error: unknown command {command}; use files, apt-packages or missing", file=sys.stderr
        )
        return 2
    if lines:
        print("\n".join(lines))
    return 1 if command == "missing" and lines else 0


if __name__ == "__main__":
    sys.exit(main())
