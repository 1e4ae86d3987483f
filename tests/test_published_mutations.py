"""Meaning-changing edits of lines the published corpus expects correct (tests/published/): one
edit at a time, the edited line must never be judged correct. A fixed, small sample of the
mutation run (a flipped sign, swapped weight indices, σ' for σ, a dropped factor, a sum's bound,
a digit, a number times a derivative), the first three found as false "correct" verdicts and
fixed (verify/chain_links.py, matrix_cells.py, sum_bounds.py). Each runs in its corpus file's
xdist group (conftest.group_of), by its id."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import expected, note, run, text_of  # noqa: E402

# (file, line, written, mutated): the line's first `written` replaced by `mutated`
MUTATIONS = [
    ("pei_bishop_homework", 22, r"&=\frac{\partial[", r"&= -\frac{\partial["),  # chain_links
    ("bengali_note_bce_numbers", 52, r"\sigma(0.2)", r"\sigma(0.3)"),  # matrix_cells
    ("dhs_sensitivities", 12, r"\sum_{k=1}^{c}", r"\sum_{k=2}^{c}"),  # sum_bounds
    ("dhs_sensitivities", 16, "w_{kj}", "w_{jk}"),
    ("rumelhart_nature_1986", 5, "y_j - d_j", "y_j + d_j"),
    ("rumelhart_nature_1986", 9, "w_{ji}", "w_{ij}"),
    ("fausett_backprop", 10, r"f'(z\_in_j)", r"f(z\_in_j)"),
    ("fausett_backprop", 11, r"\alpha \delta_j x_i", r"\alpha x_i"),
]


@pytest.mark.parametrize(
    "name,line,written,mutated", MUTATIONS, ids=[f"{m[0]}-m{k}" for k, m in enumerate(MUTATIONS)]
)
def test_a_meaning_changing_edit_of_a_right_line_is_never_judged_correct(name, line, written, mutated):
    meta = note(name)
    rows = text_of(name, meta).split("\n")
    assert written in rows[line - 1], (name, line, written)
    rows[line - 1] = rows[line - 1].replace(written, mutated, 1)
    out = run(name, "\n".join(rows), meta)
    said = [s for (start, _), s in zip(expected(meta), out.said) if start == line]
    assert said and "correct" not in said, (name, line, mutated, said)
