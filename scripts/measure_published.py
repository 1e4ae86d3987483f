"""Print the published-corpus measure: statements judged / present, silent skips, planted
mistakes named at the right factor (per file and in total); then the same with every file run
bare, without its [aliases] (the document's own names only: symbolic/verify/binding.py), and with
the network alone (no convention options either), as an outside checker runs it.

Run: .venv/bin/python scripts/measure_published.py [--aliased-only]"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "published"))

from corpus import measure  # noqa: E402

KEYS = ("present", "judged", "not_checked", "silent", "right", "planted", "named")


def table(rows: list[dict], title: str) -> None:
    print(title)
    print(f"{'file':<28}" + "".join(f"{k:>12}" for k in KEYS) + f"{'exit':>6}")
    for r in rows:
        print(f"{r['file']:<28}" + "".join(f"{r[k]:>12}" for k in KEYS) + f"{r['exit']:>6}")
    total = {k: sum(r[k] for r in rows) for k in KEYS}
    print(f"{'total':<28}" + "".join(f"{total[k]:>12}" for k in KEYS))
    print(
        f"judged/present {total['judged']}/{total['present']} = "
        f"{total['judged'] / total['present']:.0%}; silent skips {total['silent']}; "
        f"planted named at the right factor {total['named']}/{total['planted']}; "
        f"verdicts right {total['right']}/{total['present']}"
    )


def main() -> None:
    aliased = measure()
    table(aliased, "with each file's [aliases]:")
    if "--aliased-only" in sys.argv:
        return
    print()
    rows = measure(without_aliases=True)
    same = [
        r["file"] for r, a in zip(rows, aliased) if (r["judged"], r["right"]) == (a["judged"], a["right"])
    ]
    table(rows, "bare (no [aliases]: the document's own names):")
    print(f"judged and right as with aliases: {len(same)}/{len(rows)} files")
    print()
    table(measure(only_network=True), "network only (no [aliases], no convention options: --net, -a, -l):")


if __name__ == "__main__":
    main()
