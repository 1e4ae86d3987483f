"""`make generate` rewrites generated/; `make check-generated` (and a test) fails when it is stale.

Each producer returns the files it owns as {relative path: content}. Text files are compared byte
for byte; binary files (PDF, PNG) are written by `make generate` (the PDF with a fixed date, so the same
sheet gives the same bytes) but not compared, since the check runs without TeX.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
SOURCE_DATE = 1764460800  # 2025-11-30 00:00 UTC: the committed PDF's date, so regenerating is a no-op


def seed_derivation(binary: bool = True) -> dict:
    from symbolic.backprop import derive
    from symbolic.spec import network

    from .terminal import render_text, to_json

    d = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    return {
        "generated/seed_2-3-1_derivation.txt": render_text(d),
        "generated/seed_2-3-1_derivation.json": to_json(d),
    }


def seed_sheet(binary: bool = True) -> dict:
    """The seed network's derivation sheet: .tex in both namings; PDF and first-page PNG."""
    from symbolic.backprop import derive
    from symbolic.spec import network

    from .sheet import render_sheet

    seed = render_sheet(derive(network("2-3-1", "sigmoid", "half_se", naming="seed")))
    layered = render_sheet(derive(network("2-3-1", "sigmoid", "half_se", naming="layered")))
    files = {"generated/seed_2-3-1_sheet.tex": seed, "generated/seed_2-3-1_sheet_layered.tex": layered}
    if binary:
        from .tex import compile_pdf, png_pages

        pdf = compile_pdf(seed, "seed_2-3-1_sheet", source_date=SOURCE_DATE).pdf
        files["generated/seed_2-3-1_sheet.pdf"] = pdf
        files["generated/seed_2-3-1_sheet.png"] = png_pages(pdf, 1, 1)[0]
    return files


def seed_html(binary: bool = True) -> dict:
    """The seed sheet as one web page (text, compared like the .tex), and the README's screenshot
    of it in headless Chromium after clicking dL/dw11 (binary: written, not compared)."""
    import tempfile

    from symbolic.backprop import derive
    from symbolic.spec import network

    from .sheet import SheetOptions, render_sheet

    html = render_sheet(
        derive(network("2-3-1", "sigmoid", "half_se", naming="seed")), SheetOptions(format="html")
    )
    files: dict = {"generated/seed_2-3-1_sheet.html": html}
    if binary:
        from .html.browser import screenshot

        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "sheet.html"
            page.write_text(html, encoding="utf-8")
            files["generated/seed_2-3-1_sheet_html.png"] = screenshot(page, click="#grad-0")
    return files


def seed_loss_curve(binary: bool = True) -> dict:
    """The README's loss curve: the seed module trained on XOR (binary: PNG only)."""
    if not binary:
        return {}
    from symbolic.backprop import derive
    from symbolic.spec import network

    from .lambdify import lambdify
    from .plot import loss_curve_png

    d = derive(network("2-3-1", "sigmoid", "half_se", naming="seed"))
    module = lambdify(d)
    _, history = module.train(*module.XOR, epochs=2000, lr=2.0, seed=0)
    title = "symprop train 2-3-1 --naming seed --data xor --epochs 2000 --lr 2"
    return {"generated/seed_2-3-1_loss.png": loss_curve_png(history, title)}


# The gallery: sheets of four networks, each page looked at for collisions when the diagram
# placement or the typesetting changes. name: (arch, activation, loss, output activation, naming,
# the text of the gradient page shown besides page 1)
GALLERY = {
    "seed_2-3-1": ("2-3-1", "sigmoid", "half_se", None, "seed", "Gradients of the layer 1"),
    "layered_3-4-4-2_tanh_softmax_cce": (
        "3-4-4-2",
        "tanh",
        "cce",
        "softmax",
        "layered",
        "Gradients of the layer 1",
    ),
    "layered_4-8-1_relu_bce": ("4-8-1", "relu", "bce", "sigmoid", "layered", "Gradients of the output layer"),
    "layered_784-128-10_relu_cce": (
        "784-128-10",
        "relu",
        "cce",
        None,
        "layered",
        "The delta rule in matrix form",
    ),
}
GALLERY_DPI = 150


def gallery(binary: bool = True) -> dict:
    """PNGs of the first page and one gradient page of each GALLERY sheet (binary only)."""
    if not binary:
        return {}
    from symbolic.backprop import derive
    from symbolic.spec import network

    from .sheet import render_sheet
    from .tex import compile_pdf, page_with, png_pages

    files = {}
    for name, (arch, act, loss, out_act, naming, heading) in GALLERY.items():
        tex = render_sheet(derive(network(arch, act, loss, out_act, naming)))
        pdf = compile_pdf(tex, name, source_date=SOURCE_DATE).pdf
        page = page_with(pdf, heading)
        if page < 2:
            raise RuntimeError(f"gallery: {name} has no page after the first with {heading!r}")
        files[f"generated/gallery/{name}-page1.png"] = png_pages(pdf, 1, 1, GALLERY_DPI)[0]
        files[f"generated/gallery/{name}-gradients.png"] = png_pages(pdf, page, page, GALLERY_DPI)[0]
    return files


from .backends import seed_backends  # noqa: E402  (each owns its producer)
from .module import seed_module  # noqa: E402

# producer(binary: bool) -> {path: content}; one per kind of output
PRODUCERS = [seed_derivation, seed_sheet, seed_html, seed_module, seed_backends, seed_loss_curve, gallery]


def produce(binary: bool = True) -> dict:
    files = {}
    for producer in PRODUCERS:
        files.update(producer(binary=binary))
    return files


def stale(files: dict) -> list[str]:
    """A unified diff per text file that differs from what is committed."""
    diffs = []
    for rel, content in sorted(files.items()):
        if not isinstance(content, str):
            continue
        path = ROOT / rel
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != content:
            diffs.append(
                "".join(
                    difflib.unified_diff(
                        old.splitlines(keepends=True),
                        content.splitlines(keepends=True),
                        f"{rel} (committed)",
                        f"{rel} (regenerated)",
                        n=2,
                    )
                )
                or f"{rel}: missing\n"
            )
    return diffs


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    files = produce(binary=not check)
    if check:
        diffs = stale(files)
        if diffs:
            sys.stdout.write("".join(d[:4000] for d in diffs))
            print(f"\ngenerated/ is stale ({len(diffs)} file(s)); run `make generate` and commit.")
            return 1
        print(f"generated/ is fresh ({len(files)} files checked)")
        return 0
    from .writer import write_files

    (GENERATED / "gallery").mkdir(parents=True, exist_ok=True)
    write_files({ROOT / rel: content for rel, content in files.items()}, force=True)
    for rel in sorted(files):
        print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
