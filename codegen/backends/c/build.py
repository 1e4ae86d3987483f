"""The `--backend c` module's compiler and cache, as real Python: which compiler (CC, else cc
or gcc) and flags (libmvec's vectorised exp on x86-64 Linux, else a portable build), the CPU the
build is for, the cache folder and whether it may be trusted, a compile with its first error
named at its line of C. Included verbatim (the part after the stub) in the generated module,
before the loader of runtime.py; only the standard library.
"""

# ---- symprop runtime: stub ----
# What the generated module defines above this part (the kernel's text).
import os
import sys

C_SOURCE: str | None = None


# ---- symprop runtime: cbuild ----
class _NoKernel(Exception):
    """Why the compiled kernel cannot be used (one line)."""


def _compiler():
    """(the compiler command as a list, its identity: the first line of `--version`)."""
    import shlex
    import shutil
    import subprocess

    given = os.environ.get("CC", "").strip()
    command = shlex.split(given) if given else [shutil.which("cc") or shutil.which("gcc") or ""]
    if not command[0]:
        raise _NoKernel("no C compiler found (install gcc, or set CC)")
    if shutil.which(command[0]) is None:
        raise _NoKernel(f"C compiler {command[0]!r} (CC) not found")
    try:
        run = subprocess.run(
            command + ["--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as err:
        raise _NoKernel(f"C compiler {command[0]!r} does not run ({err})") from None
    lines = (run.stdout or run.stderr).strip().splitlines()
    if run.returncode != 0 or not lines:
        raise _NoKernel(
            f"C compiler {command[0]!r} does not run (`--version` exit {run.returncode})"
        )
    return command, lines[0]


def _attempts():
    """The flags to try, best first: vectorised exp from glibc's libmvec on x86-64 Linux, then
    a portable build (no libmvec, no -march=native) for any other compiler or system."""
    import platform

    common = ["-std=gnu11", "-O3", "-ffp-contract=off", "-fno-math-errno", "-fPIC", "-shared"]
    common += ["-fvisibility=hidden", "-fopenmp-simd"]
    portable = (common + ["-DSP_MVEC=0"], ["-lm"])
    if sys.platform.startswith("linux") and platform.machine() in ("x86_64", "AMD64"):
        return [(common + ["-march=native", "-DSP_MVEC=1"], ["-lmvec", "-lm"]), portable]
    return [portable]


def _cpu():
    """What -march=native compiled for: the first CPU's model and flags (a cache folder may be
    shared by machines, or a VM may hide some of its CPU's instructions)."""
    import platform

    lines = []
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    break
                if line.startswith(("model name", "flags", "Features", "CPU part")):
                    lines.append(line.strip())
    except OSError:
        pass
    return "\n".join(lines) or platform.processor() or platform.machine()


def _cache_dir():
    given = os.environ.get("SYMPROP_CACHE_DIR")
    if given:
        return given
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "symprop")


def _unsafe(folder):
    """Why libraries in `folder` may not be trusted or kept (None: made if missing, this user's
    own, writable by no one else, so no one else can put a library or its checksum there)."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
    except OSError as err:
        return f"not writable ({err.strerror or err})"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return "owned by another user"
    if info.st_mode & 0o022:
        return "writable by others"
    return None


def _sha256(data):
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _compile(command, attempts, folder, key):
    """The compiled library's bytes; _NoKernel with the compiler's first error (and its C line)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="build-", dir=folder) as work:
        source = os.path.join(work, f"{key}.c")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(C_SOURCE)
        target = os.path.join(work, f"{key}.so")
        for flags, libs in attempts:
            try:
                run = subprocess.run(
                    command + flags + [source, "-o", target] + libs,
                    capture_output=True,
                    text=True,
                    timeout=600,
                    check=False,
                )
            except (OSError, subprocess.SubprocessError) as err:
                raise _NoKernel(f"C compiler {command[0]!r} failed to run ({err})") from None
            if run.returncode == 0 and os.path.exists(target):
                with open(target, "rb") as handle:
                    return handle.read()
        raise _NoKernel(_compile_error(command[0], run.returncode, run.stderr))


def _compile_error(compiler, code, stderr):
    """One line: the first error, with the line of C it names."""
    import re

    for line in stderr.splitlines():
        found = re.search(r"\.c:(\d+):(?:\d+:)?\s*(?:fatal )?error:\s*(.*)", line)
        if found:
            number = int(found.group(1))
            lines = C_SOURCE.splitlines()
            text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
            return (
                f"C compile error at line {number} of the kernel ({text[:80]!r}): {found.group(2)}"
            )
    first = next((line.strip() for line in stderr.splitlines() if line.strip()), "no message")
    return f"C compiler {compiler!r} failed (exit {code}): {first[:160]}"
