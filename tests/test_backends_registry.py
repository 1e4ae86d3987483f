"""`--backend`: one registry row per backend; unknown or missing ones are one line, exit 2."""

from __future__ import annotations

import pytest

from codegen.backends import BACKENDS, Backend, backend
from codegen.cli import main
from symbolic.errors import SympropError


def test_unknown_backend_is_one_line_exit_2(tmp_path, capsys):
    out = tmp_path / "m.py"
    assert main(["generate", "2-3-1", "--backend", "fortran", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown backend 'fortran'" in err[0] and "numpy" in err[0]
    assert not out.exists()


def test_backend_whose_package_is_missing_names_the_extra(monkeypatch):
    row = Backend(
        "ghost", "needs a package that is not there", "codegen.module", ("no_such_pkg_xyz",), "ghost"
    )
    monkeypatch.setitem(BACKENDS, "ghost", row)
    with pytest.raises(SympropError) as err:
        backend("ghost")
    assert "no_such_pkg_xyz" in str(err.value) and "symprop[ghost]" in str(err.value)


def test_numpy_backend_is_the_default_module(tmp_path):
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    assert main(["generate", "2-3-1", "-o", str(a)]) == 0
    assert main(["generate", "2-3-1", "--backend", "numpy", "-o", str(b)]) == 0
    assert a.read_text() == b.read_text()
