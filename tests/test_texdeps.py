"""make tex on a fresh machine: the install script asks for what the templates load, read from them."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from codegen import texdeps
from codegen.tex import compile_pdf, missing_file
from symbolic.errors import SympropError

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "install-tex.sh"


def _template_packages() -> set[str]:
    """Every \\usepackage'd name, read here independently of codegen.texdeps."""
    names = set()
    for path in (ROOT / "codegen" / "templates").glob("*.jinja"):
        for group in re.findall(
            r"\\usepackage\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}", path.read_text(encoding="utf-8")
        ):
            names |= {n.strip() for n in group.split(",") if n.strip()}
    return names


def test_every_template_package_is_required_and_has_a_debian_package():
    packages = _template_packages()
    assert {"fontenc", "lmodern", "geometry", "amsmath", "amssymb", "tikz"} <= packages
    files = texdeps.required_files()
    assert {f"{p}.sty" for p in packages} <= set(files)
    assert "article.cls" in files
    assert {"t1enc.def", "t1lmr.fd", "ec-lmr10.tfm", "lmr10.pfb"} <= set(files)  # [T1] + lmodern
    assert texdeps.unmapped(files) == []
    assert {"lmodern", "texlive-latex-base", "texlive-pictures", "poppler-utils"} <= set(
        texdeps.apt_packages(files)
    )


def test_a_new_template_package_without_a_debian_package_is_reported(tmp_path):
    (tmp_path / "x.tex.jinja").write_text(
        "\\documentclass{article}\n% \\usepackage{commented}\n\\usepackage[shortlabels]{enumitem,booktabs}\n"
    )
    files = texdeps.required_files(tmp_path)
    assert files == ["article.cls", "enumitem.sty", "booktabs.sty"]
    assert texdeps.unmapped(files) == ["enumitem.sty", "booktabs.sty"]


@pytest.mark.tex
def test_everything_the_templates_need_is_installed_here():
    assert texdeps.missing(texdeps.required_files()) == []


def _fake_tools(tmp_path, hide: str) -> tuple[dict, Path]:
    """PATH with an apt-get that logs its arguments and a kpsewhich that cannot find `hide`."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "apt.log"
    real = subprocess.run(
        ["sh", "-c", "command -v kpsewhich"], capture_output=True, text=True, check=True
    ).stdout.strip()
    scripts = {
        "apt-get": f'#!/bin/sh\necho "$@" >> {log}\n',
        "sudo": '#!/bin/sh\nexec "$@"\n',
        "kpsewhich": '#!/bin/sh\nfor f in "$@"; do\n'
        f'  case "$f" in {hide or "-"}) ;; *) {real} "$f" ;; esac\ndone\nexit 0\n',
    }
    for name, text in scripts.items():
        (bin_ / name).write_text(text)
        (bin_ / name).chmod(0o755)
    return dict(os.environ, PATH=f"{bin_}:{os.environ['PATH']}", PYTHON=sys.executable), log


def test_install_script_installs_lmodern_when_only_lmodern_is_missing(tmp_path):
    env, log = _fake_tools(tmp_path, hide="lmodern.sty")
    result = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120)
    installs = [line for line in log.read_text().splitlines() if line.startswith("install")]
    assert len(installs) == 1 and "lmodern" in installs[0].split()
    assert "--no-install-recommends" in installs[0].split()
    # the fake kpsewhich still cannot find it: the script says so instead of passing
    assert result.returncode == 1 and "lmodern.sty" in result.stderr


@pytest.mark.tex
def test_install_script_does_nothing_when_everything_is_there(tmp_path):
    env, log = _fake_tools(tmp_path, hide="")
    result = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not log.exists()


@pytest.mark.tex
def test_missing_package_names_the_sty_and_the_install_command():
    tex = "\\documentclass{article}\\usepackage{symprop-absent-package}\\begin{document}x\\end{document}"
    with pytest.raises(SympropError) as err:
        compile_pdf(tex)
    message = str(err.value)
    assert message.startswith("TeX package symprop-absent-package.sty is not installed; install")
    assert "make tex" in message and "bug" not in message


def test_missing_lmodern_names_its_debian_package():
    log = (
        "(/usr/share/texlive/texmf-dist/tex/latex/base/fontenc.sty)\n\n"
        "! LaTeX Error: File `lmodern.sty' not found.\n\nType X to quit or <RETURN> to proceed,\n"
    )
    assert missing_file(log) == "lmodern.sty"
    assert texdeps.package_of("lmodern.sty") == "lmodern"
    font_log = (
        "./sheet.tex:5: Font T1/lmr/m/n/10.95=ec-lmr10 at 10.95pt not loadable: Metric "
        "(TFM) file not found.\n"
    )
    assert missing_file(font_log) == "ec-lmr10.tfm"
    assert missing_file("! Undefined control sequence.\n") == ""
