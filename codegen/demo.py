"""`make demo`: the main job on the built-in example, the seed's 2-3-1 network, into demo/.

Runs each `symprop` subcommand in this process, as a user would from the shell:
derive (printed), sheet (.tex, and .pdf/.png when a TeX engine is present; and sheet.html), generate
(train_net.py), train (XOR, progress bar, loss curve) and verify (the seed's own hand derivation,
whose slips the verifier is expected to find).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import texdeps
from .cli import main as symprop

ROOT = Path(__file__).resolve().parent.parent
NET = ["2-3-1", "--activation", "sigmoid", "--loss", "half_se", "--naming", "seed"]


def step(title: str, args: list[str], expect=(0,)) -> int:
    print(f"\n=== {title}\n$ symprop {' '.join(args)}", flush=True)
    start = time.perf_counter()
    code = symprop(args)
    print(f"(exit {code}, {time.perf_counter() - start:.1f} s)", flush=True)
    if code not in expect:
        raise SystemExit(f"demo: `symprop {' '.join(args)}` failed with exit code {code}")
    return code


def main() -> int:
    out = ROOT / "demo"
    out.mkdir(exist_ok=True)
    d = str(out)
    start = time.perf_counter()
    step("1. The derivation, in the terminal", ["derive", *NET, "--only", "forward,loss,local,gradient"])
    absent = texdeps.missing(texdeps.required_files())  # pdflatex, pdftoppm, every package
    tex = not absent
    step(
        "2. The derivation sheet (LaTeX"
        + (", PDF, PNG)" if tex else f"; TeX lacks {', '.join(absent)}: run `make tex`)"),
        ["sheet", *NET, "-o", f"{d}/sheet.tex", "--force", *(["--pdf", "--png"] if tex else [])],
    )
    step(
        "2b. The same sheet as one web page (KaTeX and the diagram inlined; click a gradient)",
        ["sheet", *NET, "--format", "html", "-o", f"{d}/sheet.html", "--force"],
    )
    step("3. A NumPy-only training module", ["generate", *NET, "-o", f"{d}/train_net.py", "--force"])
    step(
        "4. Training it on XOR",
        [
            "train",
            *NET,
            "--data",
            "xor",
            "--epochs",
            "2000",
            "--lr",
            "2",
            "--out",
            f"{d}/weights.npz",
            "--plot",
            f"{d}/loss.png",
            "--force",
        ],
    )
    code = step(
        "5. Verifying the seed's own hand derivation (it has slips: exit 1 expected)",
        ["verify", str(ROOT / "examples" / "seed_derivation.tex"), "--net", "2-3-1", "--naming", "seed"],
        expect=(0, 1),
    )
    print(f"\n=== Done in {time.perf_counter() - start:.1f} s. Wrote into {out.relative_to(ROOT)}/:")
    for path in sorted(out.iterdir()):
        print(f"  {path.relative_to(ROOT)}  ({path.stat().st_size:,} bytes)")
    print("The verifier " + ("found the seed's slips (see step 5)." if code == 1 else "found no slips."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
