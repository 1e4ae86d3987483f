"""Derivation speed: symprop's chain rule vs differentiating the expanded loss.

    python benchmarks/derive_speed.py [--quick]

Prints a Markdown table. The baseline, measured in the same run, is what a SymPy user would write:
build the fully expanded loss and call sympy.diff once per parameter (its time grows exponentially
with depth: this is why symprop does not do it). Targets (issue 2): seed net < 0.3 s, 20-20-1 with
every factor list < 3 s, 784-128-10 delta form < 1 s; the verifier under a second per formula on a
49-parameter net (3-5-4-1), its baseline SymPy diff of the expanded loss for the same parameters.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sympy as sp  # noqa: E402

from symbolic import check  # noqa: E402
from symbolic.backprop import derive  # noqa: E402
from symbolic.spec import network  # noqa: E402
from symbolic.verify import verify_text  # noqa: E402


def timed(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def expanded_route(arch, naming="layered"):
    """The naive route: expand the loss fully, then sympy.diff per parameter."""
    d = derive(network(arch, naming=naming))
    loss = check.expanded_loss(d)
    return [sp.diff(loss, p) for p in d.params]


def verify_case(arch="3-5-4-1", n=3):
    """Six written formulas (three right, three doubled) for the first n parameters: the verifier's
    seconds per formula, and the expanded-diff baseline's seconds per parameter on the same net."""
    d = derive(network(arch))
    lines = []
    for p in d.params[:n]:
        factors = " * ".join(f"[{sp.sstr(f.value)}]" for f in d.gradient(p).factors)
        lines += [f"dL/d{p} = {factors}", f"dL/d{p} = {factors} * [2]"]
    seconds, report = timed(lambda: verify_text(d, "\n".join(lines), "txt"), repeat=1)
    assert [v.correct for v in report.verdicts] == [True, False] * n
    loss = check.expanded_loss(d)
    base, _ = timed(lambda: [sp.diff(loss, p) for p in d.params[:n]], repeat=1)
    return seconds / len(lines), base / n


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow 20-20-1 baseline")
    quick = parser.parse_args(argv).quick
    start = time.perf_counter()
    derive(network("2-3-1", naming="seed"))
    cold = time.perf_counter() - start  # first call in a fresh process: SymPy caches are empty
    cases = [
        ("seed 2-3-1, all factor lists", "2-3-1", "seed", True, 0.3),
        ("20-20-1, all 441 factor lists", "20-20-1", "layered", True, 3.0),
        ("784-128-10, delta form", "784-128-10", "layered", False, 1.0),
        ("784-256-128-10, delta form", "784-256-128-10", "layered", False, 1.0),
    ]
    baselines = {"2-3-1": "2-3-1", "20-20-1": None if quick else "20-20-1"}
    print(
        f"# symprop derivation speed ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"sympy {sp.__version__}, python {sys.version.split()[0]})\n"
    )
    print("| case | symprop | target | met | expanded-diff baseline | ratio |")
    print("|---|--:|--:|:-:|---|--:|")
    for title, arch, naming, scalar, target in cases:
        seconds, d = timed(lambda a=arch, n=naming, s=scalar: derive(network(a, naming=n), scalar=s))
        base_text, ratio = "-", "-"
        base_arch = baselines.get(arch)
        if base_arch:
            base_seconds, _ = timed(lambda a=base_arch: expanded_route(a), repeat=1)
            ours_same, _ = timed(lambda a=base_arch: derive(network(a)))
            base_text = f"{base_arch}: {base_seconds:.3f} s (symprop {ours_same:.3f} s)"
            ratio = f"{base_seconds / ours_same:.0f}x"
        met = "yes" if seconds < target else "NO"
        print(f"| {title} | {seconds:.3f} s | < {target} s | {met} | {base_text} | {ratio} |")
    print(
        f"| seed 2-3-1, first call in a fresh process | {cold:.3f} s | < 0.3 s | "
        f"{'yes' if cold < 0.3 else 'NO'} | - | - |"
    )
    per, base = verify_case()
    print(
        f"| verify, 3-5-4-1 (49 parameters), per formula | {per:.3f} s | < 1.0 s | "
        f"{'yes' if per < 1.0 else 'NO'} | expanded diff per parameter: {base:.3f} s | {base / per:.1f}x |"
    )
    print(
        "\nratio = baseline time / symprop time on the same net (higher is better); "
        "--quick skips the slow 20-20-1 baseline."
    )


if __name__ == "__main__":
    main()
