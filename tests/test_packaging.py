"""pip install on a fresh machine: no setuptools warnings, and the wheel ships the templates
and the runtime text the generated modules include."""

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# what setuptools prints when pyproject.toml is out of date (pip's own notes about this
# machine's package indexes are not the project's)
BACKEND_WARNING = re.compile(
    r"(BuildBackendWarning|SetuptoolsDeprecationWarning|"
    r"SetuptoolsWarning|DeprecationWarning|UserWarning)"
)


def _project_copy(tmp_path) -> Path:
    """The files a build reads, copied: building in the tree would leave build/ behind."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("codegen", "symbolic"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    return src


def _pip(*args, cwd):
    result = subprocess.run(
        [sys.executable, "-m", "pip", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    return output


@pytest.mark.slow
def test_wheel_and_editable_install_print_no_warnings_and_ship_the_templates(tmp_path):
    src = _project_copy(tmp_path)
    output = _pip("wheel", "--no-deps", "-w", str(tmp_path / "wheels"), str(src), cwd=tmp_path)
    assert not BACKEND_WARNING.search(output), output[-4000:]
    (wheel,) = (tmp_path / "wheels").glob("symprop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    templates = {
        f"codegen/templates/{p.name}" for p in (ROOT / "codegen/templates").iterdir() if p.suffix == ".jinja"
    }
    assert templates and templates <= names
    assert {"codegen/module/runtime/train.py", "codegen/module/runtime/cli.py"} <= names  # included
    vendored = {p.relative_to(ROOT).as_posix() for p in (ROOT / "codegen/vendor").rglob("*") if p.is_file()}
    assert len(vendored) == 24 and vendored <= names  # KaTeX: js, css, 20 fonts, license, version
    assert {"codegen/html/page.css", "codegen/html/page.js"} <= names
    sources = {
        p.relative_to(ROOT).as_posix()
        for top in ("symbolic", "codegen")
        for p in (ROOT / top).rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert sources - names == set(), "packages missing from pyproject.toml's list"

    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True, timeout=120
    )
    python = tmp_path / "venv" / "bin" / "python"
    output = _pip("--python", str(python), "install", "--no-deps", "-e", str(src), cwd=tmp_path)
    assert not BACKEND_WARNING.search(output), output[-4000:]


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one-process", "xdist"])
def test_a_skipping_test_fails_the_suite(tmp_path, workers):
    """Also under pytest-xdist, as `make test` runs the suite (`-n auto`)."""
    (tmp_path / "conftest.py").write_text((ROOT / "tests" / "conftest.py").read_text())
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\n\ndef test_skips():\n    pytest.skip('no tool here')\n\n\n"
        "def test_passes():\n    pass\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *workers, str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout
    assert (
        "1 failed, 1 passed" in result.stdout and "tests may not skip: Skipped: no tool here" in result.stdout
    )
