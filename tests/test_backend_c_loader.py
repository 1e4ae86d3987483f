"""`--backend c`: what the generated module does when compiling or loading its kernel goes wrong.

No compiler, a broken compiler, an unwritable cache, a cached library changed on disk, a compile
error: each is one line on stderr (the compile error names the C line), and the NumPy twin runs,
or the kernel is rebuilt; stale or changed code is never run. Linking hygiene: two kernels in one
process, and a library exporting `step` and `exp` loaded globally first, change nothing.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import numpy as np
import pytest
from cmodules import derivation, import_text

from codegen.backends.c import render_module as render_c
from codegen.cli import main

SEED = ("2-3-1", "sigmoid", "half_se", "seed")


@pytest.fixture
def env(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SYMPROP_CACHE_DIR", str(cache))
    monkeypatch.delenv("CC", raising=False)
    monkeypatch.delenv("SYMPROP_NO_C", raising=False)
    return cache


def seed_module(folder, text=None):
    return import_text(text or render_c(derivation(*SEED)), folder, "seedc")


def check_runs(m):
    """value_and_gradients gives the twin's numbers (whichever path ran)."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 30)
    Y = np.array([[0.0], [1.0], [1.0], [0.0]] * 30)
    params = m.init_params(1)
    L, g = m.value_and_gradients(params, X, Y)
    L0, g0 = m._numpy_value_and_gradients(params, X, Y)
    assert abs(L - L0) <= 1e-12 * L0
    assert np.allclose(m._flat(g)[0], m._flat(g0)[0], rtol=1e-12, atol=1e-15)


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("symprop: ")
    return err[0]


def test_generate_backend_c_from_the_command_line(tmp_path, env, capsys):
    out = tmp_path / "train_c.py"
    assert main(["generate", "2-3-1", "--naming", "seed", "--backend", "c", "-o", str(out)]) == 0
    text = out.read_text()
    assert "C_SOURCE = " in text and "--backend c" in text
    run = subprocess.run(
        [sys.executable, str(out), "--epochs", "300", "--quiet"],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    assert run.returncode == 0 and run.stderr == "" and "final loss" in run.stdout
    assert len(list(env.glob("*.so"))) == 1 and len(list(env.glob("*.so.sha256"))) == 1


def test_no_compiler_is_one_line_and_the_twin_runs(tmp_path, env, monkeypatch, capsys):
    monkeypatch.setenv("CC", str(tmp_path / "no-such-cc"))
    m = seed_module(tmp_path)
    check_runs(m)
    params, history = m.train(m.np.eye(2), m.np.ones((2, 1)), epochs=5)  # train falls back too
    assert len(history) == 5
    line = one_line(capsys)
    assert "no-such-cc" in line and "not found" in line and "NumPy twin" in line
    assert m._c_kernel() is None and not env.exists()


def test_broken_compiler_is_one_line(tmp_path, env, monkeypatch, capsys):
    cc = tmp_path / "fakecc"
    cc.write_text(
        '#!/bin/sh\n[ "$1" = --version ] && { echo "fakecc 1.0"; exit 0; }\n'
        'echo "fakecc: internal error" >&2\nexit 3\n'
    )
    cc.chmod(0o755)
    monkeypatch.setenv("CC", str(cc))
    m = seed_module(tmp_path)
    check_runs(m)
    line = one_line(capsys)
    assert "fakecc" in line and "exit 3" in line and "internal error" in line and "NumPy twin" in line
    assert not list(env.glob("*.so"))


def test_compile_error_names_the_c_line(tmp_path, env, capsys):
    text = render_c(derivation(*SEED))
    broken = text.replace("    return (double)L;\n", "    return (double)L +;\n", 1)
    m = seed_module(tmp_path, broken)
    check_runs(m)
    line = one_line(capsys)
    number = m.C_SOURCE.splitlines().index("    return (double)L +;") + 1
    assert f"line {number} of the kernel" in line and "return (double)L +;" in line, line


def test_unwritable_cache_compiles_for_this_run(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SYMPROP_CACHE_DIR", str(blocker / "cache"))  # cannot be made, root or not
    monkeypatch.delenv("CC", raising=False)
    m = seed_module(tmp_path)
    check_runs(m)
    line = one_line(capsys)
    assert "is not writable" in line and "for this run only" in line
    kernel = m._c_kernel()
    assert kernel is not None and not kernel["path"].startswith(str(blocker))


def fill_cache(tmp_path):
    """Compile the seed kernel into the cache in another process (a library this process has
    mapped is never rewritten under it)."""
    path = tmp_path / "fill.py"
    path.write_text(render_c(derivation(*SEED)))
    run = subprocess.run(
        [sys.executable, str(path), "--epochs", "1", "--quiet"], capture_output=True, text=True
    )
    assert run.returncode == 0 and run.stderr == "", run.stderr


def test_changed_library_is_never_loaded(tmp_path, env, capsys, monkeypatch):
    fill_cache(tmp_path)
    (library,) = env.glob("*.so")
    good = library.read_bytes()
    library.write_bytes(good[:-64] + b"\0" * 64)  # changed on disk: its hash no longer matches
    opened = []
    real_cdll = ctypes.CDLL

    def spy(path, *a, **k):
        opened.append(open(path, "rb").read())
        return real_cdll(path, *a, **k)

    monkeypatch.setattr(ctypes, "CDLL", spy)  # the loader's ctypes.CDLL
    m = seed_module(tmp_path)
    check_runs(m)
    line = one_line(capsys)
    assert "does not match its checksum" in line and str(library) in line
    assert opened == [good] and library.read_bytes() == good  # rebuilt, and only that loaded


def test_cached_library_is_reused(tmp_path, env, capsys):
    fill_cache(tmp_path)
    (library,) = env.glob("*.so")
    stamp = library.stat().st_mtime_ns
    m = seed_module(tmp_path)
    check_runs(m)
    assert library.stat().st_mtime_ns == stamp and capsys.readouterr().err == ""


def test_two_kernels_and_a_global_step_in_one_process(tmp_path, env, capsys):
    other = tmp_path / "other.c"
    other.write_text(
        "#include <stdlib.h>\n"
        "double step(double x) { abort(); return x; }\n"
        "double exp(double x) { abort(); return x; }\n"
        "double sp_pass(double x) { abort(); return x; }\n"
    )
    lib = tmp_path / "libother.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-fno-builtin", str(other), "-o", str(lib)], check=True)
    ctypes.CDLL(str(lib), mode=ctypes.RTLD_GLOBAL)  # its step, exp and sp_pass are global now
    a = seed_module(tmp_path)
    b = import_text(render_c(derivation("3-4-2", "tanh", "mse")), tmp_path, "otherc")
    check_runs(a)
    X = np.random.default_rng(0).standard_normal((100, 3))
    Y = np.random.default_rng(1).standard_normal((100, 2))
    params = b.init_params(0)
    g = b._flat(b.gradients(params, X, Y))[0]
    assert np.allclose(g, b._flat(b._numpy_value_and_gradients(params, X, Y)[1])[0], rtol=1e-12)
    check_runs(a)
    few = a.np.array([[0.0, 1.0]] * 5), a.np.array([[1.0]] * 5)  # the loops' scalar remainder: libm's exp
    assert np.allclose(
        a._flat(a.gradients(params_a := a.init_params(3), *few))[0],
        a._flat(a._numpy_value_and_gradients(params_a, *few)[1])[0],
        rtol=1e-12,
    )
    assert a.C_PREFIX != b.C_PREFIX and capsys.readouterr().err == ""
    exported = subprocess.run(
        ["nm", "-D", "--defined-only", a._c_kernel()["path"]], capture_output=True, text=True, check=True
    ).stdout
    names = sorted(line.split()[-1] for line in exported.splitlines() if " T " in line)
    assert names == [a.C_PREFIX + "train", a.C_PREFIX + "value_and_gradients"]


def test_portable_build_without_libmvec(tmp_path, env, capsys):
    m = seed_module(tmp_path)
    m._attempts = lambda: [
        (
            [
                "-std=gnu11",
                "-O3",
                "-ffp-contract=off",
                "-fno-math-errno",
                "-fPIC",
                "-shared",
                "-fopenmp-simd",
                "-DSP_MVEC=0",
            ],
            ["-lm"],
        )
    ]
    params = m.init_params(2)
    rng = np.random.default_rng(3)
    X, Y = rng.standard_normal((500, 2)) * 30, rng.random((500, 1))  # exp over a wide range
    L, g = m.value_and_gradients(params, X, Y)
    L0, g0 = m._numpy_value_and_gradients(params, X, Y)
    g, g0 = m._flat(g)[0], m._flat(g0)[0]
    assert abs(L - L0) <= 1e-12 * L0 and np.abs(g - g0).max() <= 1e-12 * np.abs(g0).max()
    exported = subprocess.run(["nm", "-D", m._c_kernel()["path"]], capture_output=True, text=True).stdout
    assert "_ZGV" not in exported and "exp" not in exported  # the inline exp, not libm's or libmvec's
    assert capsys.readouterr().err == ""


def test_no_c_asks_for_the_twin(tmp_path, env, monkeypatch, capsys):
    monkeypatch.setenv("SYMPROP_NO_C", "1")
    m = seed_module(tmp_path)
    check_runs(m)
    assert m._c_kernel() is None and capsys.readouterr().err == "" and not env.exists()


def test_command_line_without_compiler_says_one_line(tmp_path, env):
    out = tmp_path / "train_c.py"
    assert main(["generate", "2-3-1", "--backend", "c", "-o", str(out)]) == 0
    run = subprocess.run(
        [sys.executable, str(out), "--epochs", "50", "--quiet"],
        capture_output=True,
        text=True,
        env={**os.environ, "CC": str(tmp_path / "missing-cc")},
    )
    assert run.returncode == 0 and "final loss" in run.stdout
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "missing-cc" in lines[0] and "NumPy twin" in lines[0], run.stderr


def test_cache_writable_by_others_is_not_trusted(tmp_path, env, capsys):
    fill_cache(tmp_path)  # a good library and its checksum, in a folder anyone may now write
    env.chmod(0o777)
    m = seed_module(tmp_path)
    check_runs(m)
    line = one_line(capsys)
    assert str(env) in line and "writable by others" in line and "for this run only" in line
    assert not m._c_kernel()["path"].startswith(str(env))
