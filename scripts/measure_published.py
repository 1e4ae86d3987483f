"""Print the published-corpus measure: statements judged / present, silent skips, planted
mistakes named at the right factor (per file and in total).

Run: .venv/bin/python scripts/measure_published.py"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "published"))

from corpus import measure  # noqa: E402


def main() -> None:
    rows = measure()
    keys = ("present", "judged", "not_checked", "silent", "right", "planted", "named")
    print(f"{'file':<24}" + "".join(f"{k:>12}" for k in keys) + f"{'exit':>6}")
    for r in rows:
        print(f"{r['file']:<24}" + "".join(f"{r[k]:>12}" for k in keys) + f"{r['exit']:>6}")
    total = {k: sum(r[k] for r in rows) for k in keys}
    print(f"{'total':<24}" + "".join(f"{total[k]:>12}" for k in keys))
    print(
        f"judged/present {total['judged']}/{total['present']} = "
        f"{total['judged'] / total['present']:.0%}; silent skips {total['silent']}; "
        f"planted named at the right factor {total['named']}/{total['planted']}; "
        f"verdicts right {total['right']}/{total['present']}"
    )


if __name__ == "__main__":
    main()
