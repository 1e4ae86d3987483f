"""More of the hostile corpus (see test_hostile_corpus.py): every subcommand, bad numbers, bad data
files, bad verify files and bad paths. Each case: exit code 2 (or the one given), stderr exactly one
`symprop: error:` line naming the problem, empty stdout, no traceback, no file left behind.

The generated module's own command line and Python API get the same treatment below.
"""

from __future__ import annotations

import io
import os

import numpy as np
import pytest

from codegen.lambdify import lambdify
from symbolic.backprop import derive
from symbolic.spec import network
from tests.test_hostile_corpus import CANARY, _files, _generated_module, run_case

NET = ["2-3-1"]
TRAIN = ["train", *NET, "--epochs", "1"]
LONG = "a" * 300 + ".py"


class _Pwn:
    def __reduce__(self):
        return (os.system, (f"touch {CANARY}",))


def npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def zip_of(name: str, text: str) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(name, text)
    return buffer.getvalue()


X4, Y4 = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]]), np.array([[0.0], [1], [1], [0]])
PICKLE = npz(X=np.array([_Pwn(), 1], dtype=object), Y=Y4)
SEED_TXT = "dL/db4 = (out - y_T) * out * (1 - out)\n"
LAYERED_TXT = "dL/db2_1 = (a2_1 - y_1) * a2_1 * (1 - a2_1)\n"
MAZUR_NET = r"$$ net_{h1} = w_1 i_1 + w_2 i_2 + b_1 = 0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35 = 0.3775 $$"

CASES = [
    # architecture strings, on every subcommand
    ("sheet-arch-zero", ["sheet", "2-0-1", "-o", "s.tex"], {}, 2, "layer 2 has width 0"),
    ("generate-arch-letters", ["generate", "x-y", "-o", "t.py"], {}, 2, "not a list of widths"),
    ("train-arch-blank", ["train", "  "], {}, 2, "architecture is empty"),
    (
        "verify-arch-bad",
        ["verify", "d.txt", "--net", "2-x-1"],
        {"d.txt": SEED_TXT},
        2,
        "not a list of widths",
    ),
    ("arch-trailing-dash", ["derive", "2-3-"], {}, 2, "empty layer"),
    ("arch-fullwidth-digits", ["derive", "２-3-1"], {}, 2, "not a list of widths"),
    ("arch-huge-int", ["derive", "2-99999999999999999999-1"], {}, 2, "layer 2 has width"),
    ("generate-arch-huge", ["generate", "2-1000000-1", "-o", "t.py"], {}, 2, "width 1000000"),
    # numbers: --alpha
    ("alpha-nan", ["derive", *NET, "-a", "leaky_relu", "--alpha", "nan"], {}, 2, "--alpha nan"),
    ("alpha-inf", ["derive", *NET, "-a", "leaky_relu", "--alpha", "inf"], {}, 2, "--alpha inf"),
    ("alpha-huge", ["derive", *NET, "-a", "leaky_relu", "--alpha", "1e308"], {}, 2, "--alpha 1e+308"),
    ("alpha-negative", ["derive", *NET, "-a", "leaky_relu", "--alpha", "-0.5"], {}, 2, "--alpha -0.5"),
    ("alpha-one", ["sheet", *NET, "-a", "leaky_relu", "--alpha", "1", "-o", "s.tex"], {}, 2, "--alpha 1"),
    (
        "alpha-generate-nan",
        ["generate", *NET, "-a", "leaky_relu", "--alpha", "nan", "-o", "t.py"],
        {},
        2,
        "--alpha nan",
    ),
    ("alpha-train-inf", ["train", *NET, "-a", "leaky_relu", "--alpha=-inf"], {}, 2, "--alpha -inf"),
    (
        "alpha-verify-nan",
        ["verify", "d.txt", "--net", "2-3-1", "--alpha", "nan"],
        {"d.txt": SEED_TXT},
        2,
        "--alpha nan",
    ),
    # numbers: training options
    ("lr-inf", [*TRAIN, "--lr", "inf"], {}, 2, "--lr inf"),
    ("lr-nan", [*TRAIN, "--lr", "nan"], {}, 2, "--lr nan"),
    ("lr-overflow", [*TRAIN, "--lr", "1e999"], {}, 2, "--lr inf"),
    ("lr-zero", [*TRAIN, "--lr", "0"], {}, 2, "--lr 0"),
    ("lr-minus-inf", [*TRAIN, "--lr=-inf"], {}, 2, "--lr -inf"),
    ("lr-text", [*TRAIN, "--lr", "fast"], {}, 2, "invalid float value"),
    ("wd-nan", [*TRAIN, "--weight-decay", "nan"], {}, 2, "--weight-decay nan"),
    ("wd-inf", [*TRAIN, "--weight-decay", "inf"], {}, 2, "--weight-decay inf"),
    ("wd-negative", [*TRAIN, "--weight-decay", "-1"], {}, 2, "--weight-decay -1"),
    ("epochs-negative", ["train", *NET, "--epochs", "-5"], {}, 2, "--epochs -5"),
    ("epochs-float", ["train", *NET, "--epochs", "1e3"], {}, 2, "invalid int value"),
    ("epochs-huge", ["train", *NET, "--epochs", "99999999999"], {}, 2, "--epochs 99999999999"),
    ("batch-negative", [*TRAIN, "--batch-size", "-1"], {}, 2, "--batch-size -1"),
    ("batch-text", [*TRAIN, "--batch-size", "all"], {}, 2, "invalid int value"),
    ("seed-negative", [*TRAIN, "--seed", "-1"], {}, 2, "--seed -1"),
    ("momentum-unknown", [*TRAIN, "--momentum", "2"], {}, 2, "unrecognized arguments"),
    ("optimizer-unknown", [*TRAIN, "--optimizer", "lbfgs"], {}, 2, "invalid choice"),
    ("dtype-unknown", [*TRAIN, "--dtype", "float16"], {}, 2, "invalid choice"),
    (
        "points-zero",
        ["verify", "d.txt", "--net", "2-3-1", "--points", "0"],
        {"d.txt": SEED_TXT},
        2,
        "--points 0",
    ),
    (
        "points-huge",
        ["verify", "d.txt", "--net", "2-3-1", "--points", "10000000"],
        {"d.txt": SEED_TXT},
        2,
        "--points 10000000",
    ),
    (
        "verify-seed-negative",
        ["verify", "d.txt", "--net", "2-3-1", "--seed", "-1"],
        {"d.txt": SEED_TXT},
        2,
        "--seed -1",
    ),
    # names: --only, loss text
    ("only-typo", ["derive", *NET, "--only", "gradiant"], {}, 2, "unknown section 'gradiant'"),
    ("only-empty", ["derive", *NET, "--only", ","], {}, 2, "--only"),
    ("loss-typo-hyphen", ["derive", *NET, "-l", "half-sq"], {}, 2, "unknown loss 'half-sq'"),
    ("loss-empty", ["derive", *NET, "-l", ""], {}, 2, "loss"),
    ("act-empty", ["derive", *NET, "-a", ""], {}, 2, "activation"),
    (
        "style-elementwise-big",
        ["generate", "80-80-1", "--style", "elementwise", "-o", "t.py"],
        {},
        2,
        "too many",
    ),
    (
        "sheet-md-pdf",
        ["sheet", *NET, "--format", "md", "--pdf", "-o", "s.md"],
        {},
        2,
        "need the latex format",
    ),
    ("sheet-no-out", ["sheet", *NET], {}, 2, "needs a file name"),
    # CSV data
    ("csv-ragged", [*TRAIN, "--data", "d.csv"], {"d.csv": "0,0,0\n1,1\n"}, 2, "line 2: 2 columns"),
    ("csv-semicolons", [*TRAIN, "--data", "d.csv"], {"d.csv": "0;0;0\n"}, 2, "line 1: 1 columns"),
    ("csv-nan", [*TRAIN, "--data", "d.csv"], {"d.csv": "0,0,0\n1,nan,1\n"}, 2, "d.csv line 2, column 2"),
    ("csv-inf", [*TRAIN, "--data", "d.csv"], {"d.csv": "0,0,0\n1,1,-inf\n"}, 2, "d.csv line 2, column 3"),
    ("csv-overflow", [*TRAIN, "--data", "d.csv"], {"d.csv": "1e400,0,0\n"}, 2, "d.csv line 1, column 1"),
    ("csv-whitespace", [*TRAIN, "--data", "d.csv"], {"d.csv": "\n  \n\t\n"}, 2, "no data rows"),
    ("csv-header-only", [*TRAIN, "--data", "d.csv"], {"d.csv": "x1,x2,y\n"}, 2, "no data rows"),
    (
        "csv-two-headers",
        [*TRAIN, "--data", "d.csv"],
        {"d.csv": "x1,x2,y\na,b,c\n0,0,0\n"},
        2,
        "line 2: 'a' is not a number",
    ),
    (
        "csv-latin1",
        [*TRAIN, "--data", "d.csv"],
        {"d.csv": "0,0,0\n1,\xe9,1\n".encode("latin-1")},
        2,
        "line 2",
    ),
    (
        "csv-binary",
        [*TRAIN, "--data", "d.csv"],
        {"d.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        2,
        "d.csv",
    ),
    ("csv-long-line", [*TRAIN, "--data", "d.csv"], {"d.csv": "1," * 500_000 + "1\n"}, 2, "500001 columns"),
    ("csv-folder", [*TRAIN, "--data", "d.csv"], {"d.csv/x": "1"}, 2, "d.csv is a directory"),
    (
        "csv-bce-labels",
        ["train", *NET, "--loss", "bce", "--epochs", "1", "--data", "d.csv"],
        {"d.csv": "0,0,-1\n0,1,1\n"},
        2,
        "line 1, column 3: target -1",
    ),
    (
        "csv-cce-rows",
        ["train", "2-3-2", "--loss", "cce", "--epochs", "1", "--data", "d.csv"],
        {"d.csv": "0,0,1,0\n0,1,0.5,0.75\n"},
        2,
        "line 2: targets sum to 1.25",
    ),
    (
        "csv-cce-negative",
        ["train", "2-3-2", "--loss", "cce", "--epochs", "1", "--data", "d.csv"],
        {"d.csv": "0,0,2,-1\n"},
        2,
        "line 1, column 3: target 2",
    ),
    ("data-300-chars", [*TRAIN, "--data", "a" * 300 + ".csv"], {}, 2, "does not exist"),
    (
        "data-builtin-arch",
        ["train", "3-3-1", "--epochs", "1", "--data", "xor"],
        {},
        2,
        "data set xor has 2 inputs",
    ),
    # NPZ data
    (
        "npz-not-zip",
        [*TRAIN, "--data", "x.npz"],
        {"x.npz": "not a zip at all\n"},
        2,
        "x.npz is not an .npz file",
    ),
    ("npz-empty-file", [*TRAIN, "--data", "x.npz"], {"x.npz": ""}, 2, "x.npz is not an .npz file"),
    ("npz-other-zip", [*TRAIN, "--data", "x.npz"], {"x.npz": zip_of("a.txt", "hi")}, 2, "no array X"),
    ("npz-missing-y", [*TRAIN, "--data", "x.npz"], {"x.npz": npz(X=X4)}, 2, "no array Y"),
    (
        "npz-0d",
        [*TRAIN, "--data", "x.npz"],
        {"x.npz": npz(X=np.array(3.0), Y=np.array(1.0))},
        2,
        "x.npz: X must be 2-D (n, 2), not shape ()",
    ),
    ("npz-pickle", [*TRAIN, "--data", "x.npz"], {"x.npz": PICKLE}, 2, "object array"),
    (
        "npz-strings",
        [*TRAIN, "--data", "x.npz"],
        {"x.npz": npz(X=np.array([["a", "b"]]), Y=np.array([[1.0]]))},
        2,
        "dtype <U1",
    ),
    ("npz-complex", [*TRAIN, "--data", "x.npz"], {"x.npz": npz(X=X4 + 1j, Y=Y4)}, 2, "dtype complex128"),
    ("npz-rows", [*TRAIN, "--data", "x.npz"], {"x.npz": npz(X=X4, Y=Y4[:3])}, 2, "4 rows in X, 3 in Y"),
    ("npz-x-1d", [*TRAIN, "--data", "x.npz"], {"x.npz": npz(X=X4[:, 0], Y=Y4)}, 2, "(n, 2)"),
    ("npz-y-columns", [*TRAIN, "--data", "x.npz"], {"x.npz": npz(X=X4, Y=np.c_[Y4, Y4])}, 2, "(n, 1)"),
    ("npz-3d", [*TRAIN, "--data", "x.npz"], {"x.npz": npz(X=X4[:, None, :], Y=Y4)}, 2, "not shape (4, 1, 2)"),
    ("npz-empty", [*TRAIN, "--data", "x.npz"], {"x.npz": npz(X=X4[:0], Y=Y4[:0])}, 2, "no rows"),
    (
        "npz-nan",
        [*TRAIN, "--data", "x.npz"],
        {"x.npz": npz(X=np.r_[X4[:3], [[1, np.nan]]], Y=Y4)},
        2,
        "x.npz: X row 4, column 2 is nan",
    ),
    (
        "npz-inf-y",
        [*TRAIN, "--data", "x.npz"],
        {"x.npz": npz(X=X4, Y=np.r_[Y4[:1], [[np.inf]], Y4[2:]])},
        2,
        "x.npz: Y row 2, column 1 is inf",
    ),
    (
        "npz-bce-pm1",
        ["train", *NET, "--loss", "bce", "--epochs", "1", "--data", "x.npz"],
        {"x.npz": npz(X=X4, Y=2 * Y4 - 1)},
        2,
        "row 1, column 1: target -1",
    ),
    (
        "npz-cce-sum",
        ["train", "2-3-2", "--loss", "cce", "--epochs", "1", "--data", "x.npz"],
        {"x.npz": npz(X=X4, Y=np.array([[1.0, 0], [0, 1], [0.5, 0.25], [1, 0]]))},
        2,
        "row 3: targets sum to 0.75",
    ),
    # verify files
    (
        "toml-network-int",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": "network = 5\n"},
        2,
        "[network] must be a table",
    ),
    (
        "toml-derivatives-list",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": 'derivatives = ["dL/db4 = 1"]\n'},
        2,
        "[derivatives] must be a table",
    ),
    (
        "toml-aliases-string",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": 'aliases = "w_a"\n'},
        2,
        "[aliases] must be a table",
    ),
    (
        "toml-net-int",
        ["verify", "d.toml"],
        {"d.toml": "[network]\nnet = 5\n"},
        2,
        "[network] net must be a string",
    ),
    (
        "toml-alpha-string",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": '[network]\nalpha = "small"\n'},
        2,
        "[network] alpha must be a number",
    ),
    (
        "toml-alpha-bool",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": "[network]\nalpha = true\n"},
        2,
        "[network] alpha must be a number",
    ),
    (
        "toml-activation-list",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": '[network]\nactivation = ["relu"]\n'},
        2,
        "[network] activation must be a string",
    ),
    (
        "toml-naming-bad",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": '[network]\nnaming = "fancy"\n'},
        2,
        "unknown naming 'fancy'",
    ),
    (
        "toml-derivative-int",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": '[derivatives]\n"dL/db4" = 5\n'},
        2,
        "must be a string formula",
    ),
    (
        "toml-derivative-table",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": '[derivatives.x]\na = "1"\n'},
        2,
        "must be a string formula",
    ),
    ("toml-syntax", ["verify", "d.toml", "--net", "2-3-1"], {"d.toml": "[network\n"}, 2, "TOML"),
    ("toml-empty", ["verify", "d.toml", "--net", "2-3-1"], {"d.toml": ""}, 2, "no derivative statements"),
    (
        "toml-binary",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff"},
        2,
        "UTF-8",
    ),
    (
        "toml-latin1",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": '[derivatives]\n"dL/db4" = "caf\xe9"\n'.encode("latin-1")},
        2,
        "UTF-8",
    ),
    (
        "toml-huge",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": "#" * 2_000_000},
        2,
        "over 1,000,000 bytes",
    ),
    (
        "toml-unknown-table",
        ["verify", "d.toml", "--net", "2-3-1"],
        {"d.toml": "[netwrok]\n"},
        2,
        "unknown table [netwrok]",
    ),
    ("tex-empty", ["verify", "d.tex", "--net", "2-3-1"], {"d.tex": ""}, 2, "no derivative statements"),
    ("txt-empty", ["verify", "d.txt", "--net", "2-3-1"], {"d.txt": "\n\n"}, 2, "no derivative statements"),
    (
        "tex-latin1",
        ["verify", "d.tex", "--net", "2-3-1"],
        {"d.tex": "$$\xe9$$".encode("latin-1")},
        2,
        "UTF-8",
    ),
    (
        "verify-folder",
        ["verify", "adir", "--net", "2-3-1"],
        {"adir/x": "x"},
        2,
        "adir is a folder, not a file",
    ),
    ("verify-device", ["verify", "/dev/null", "--net", "2-3-1"], {}, 2, "not a regular file"),
    (
        "at-folder",
        ["verify", "d.tex", "--net", "2-3-1", "--at", "adir"],
        {"d.tex": "$$L$$", "adir/x": "x"},
        2,
        "adir is a folder",
    ),
    ("verify-300-chars", ["verify", "a" * 300 + ".tex", "--net", "2-3-1"], {}, 2, "no such file"),
    (
        "verify-format-mismatch",
        ["verify", "d.tex", "--net", "2-3-1", "--format", "toml"],
        {"d.tex": r"$$\frac{\partial L}{\partial b_4} = 1$$"},
        2,
        "TOML",
    ),
    (
        "verify-wrong-net",
        ["verify", "d.txt", "--net", "2-3-1"],
        {
            "d.txt": "".join(
                f"dL/dW1_{i}_{j} = x_{j} * delta1_{i}\n" for i in range(1, 9) for j in range(1, 5)
            )
        },
        2,
        "--net 4-8",
    ),
    ("verify-wrong-naming", ["verify", "d.txt", "--net", "2-3-1"], {"d.txt": SEED_TXT}, 2, "--naming seed"),
    (  # a point that is no point: nan, inf (1e400), a 5000-digit integer (Python's int() limit)
        "verify-at-nan",
        ["verify", "d.tex", "--net", "2-2-2", "--at", "p.toml"],
        {"d.tex": MAZUR_NET, "p.toml": "w_1 = nan\n"},
        2,
        "w_1 = nan is not a finite number",
    ),
    (
        "verify-at-overflow",
        ["verify", "d.tex", "--net", "2-2-2", "--at", "p.toml"],
        {"d.tex": MAZUR_NET, "p.toml": "w_1 = 1e400\n"},
        2,
        "w_1 = inf is not a finite number",
    ),
    (
        "verify-at-5000-digits",
        ["verify", "d.tex", "--net", "2-2-2", "--at", "p.toml"],
        {"d.tex": MAZUR_NET, "p.toml": "w_1 = " + "9" * 5000 + "\n"},
        2,
        "too many digits",
    ),
    (
        "verify-toml-5000-digits",
        ["verify", "d.toml"],
        {"d.toml": '[network]\nnet = "2-2-1"\nalpha = ' + "9" * 5000 + "\n"},
        2,
        "too many digits",
    ),
    (
        "derive-at-5000-digits",
        ["derive", "2-2-1", "--at", "p.toml"],
        {"p.toml": "x = [" + "9" * 5000 + ", 1]\n"},
        2,
        "too many digits",
    ),
    (  # a 5000-letter name: the error line quotes its start and its length, not all of it
        "verify-name-5000-letters",
        ["verify", "d.tex", "--net", "2-2-1"],
        {"d.tex": r"$$ \frac{\partial E}{\partial " + "w" * 5000 + " } = 1 $$"},
        2,
        "w" * 40 + "... (5000 characters)",
    ),
    (  # a sum's numeric bound of a hundred million: said, never run over (sum_bounds._extra)
        "verify-sum-bound-huge",
        ["verify", "d.tex", "--net", "2-2-1"],
        {"d.tex": r"$$ E = \sum_{k=1}^{100000000} (a_k - y_k)^2 $$"},
        2,
        "k = 2, 3, 4, ...",
    ),
    (  # 5000 digits at a statement's end, where a condition (k = 1) is looked for before parsing
        "verify-number-5000-digits-last",
        ["verify", "d.tex", "--net", "2-2-1"],
        {"d.tex": r"$$ \frac{\partial E}{\partial w_{1}} = 1" + "0" * 5000 + " $$"},
        2,
        "more than 300 digits",
    ),
    # paths
    (
        "generate-file-as-folder",
        ["generate", *NET, "-o", "afile/x.py"],
        {"afile": "x"},
        2,
        "afile is a file, not a folder",
    ),
    (
        "sheet-file-as-folder",
        ["sheet", *NET, "-o", "afile/x.tex"],
        {"afile": "x"},
        2,
        "afile is a file, not a folder",
    ),
    (
        "derive-file-as-folder",
        ["derive", *NET, "-o", "afile/x.txt"],
        {"afile": "x"},
        2,
        "afile is a file, not a folder",
    ),
    (
        "train-file-as-folder",
        [*TRAIN, "--out", "afile/w.npz"],
        {"afile": "x"},
        2,
        "afile is a file, not a folder",
    ),
    (
        "plot-file-as-folder",
        [*TRAIN, "--plot", "afile/l.png"],
        {"afile": "x"},
        2,
        "afile is a file, not a folder",
    ),
    ("generate-long-name", ["generate", *NET, "-o", LONG], {}, 2, "is too long"),
    ("sheet-long-name", ["sheet", *NET, "-o", "a" * 300 + ".tex"], {}, 2, "is too long"),
    ("derive-long-name", ["derive", *NET, "-o", "a" * 300 + ".txt"], {}, 2, "is too long"),
    ("train-long-name", [*TRAIN, "--out", "a" * 300 + ".npz"], {}, 2, "is too long"),
    ("generate-dot", ["generate", *NET, "-o", "."], {}, 2, "is a directory"),
    ("generate-unwritable", ["generate", *NET, "-o", "/proc/self/t.py"], {}, 2, "cannot write in /proc/self"),
    ("train-unwritable", [*TRAIN, "--out", "/proc/self/w.npz"], {}, 2, "cannot write in /proc/self"),
    ("derive-into-dir", ["derive", *NET, "-o", "adir"], {"adir/x": "x"}, 2, "is a directory"),
    ("sheet-nul-name", ["sheet", *NET, "-o", "s\x00.tex"], {}, 2, "NUL"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_more(case, tmp_path, monkeypatch):
    run_case(case, tmp_path, monkeypatch, strict=True)


def test_pickle_never_loaded(tmp_path, monkeypatch):
    """The object-array .npz holds a pickle that would touch the canary: it must stay absent."""
    run_case(
        ("npz-pickle", [*TRAIN, "--data", "x.npz"], {"x.npz": PICKLE}, 2, "object"),
        tmp_path,
        monkeypatch,
        strict=True,
    )
    assert not os.path.exists(CANARY)


# the generated module's own command line --------------------------------------------------------
MODULE_CASES = [
    ("module-lr-nan", ["--lr", "nan"], {}, "--lr nan"),
    ("module-lr-inf", ["--lr", "inf"], {}, "--lr inf"),
    ("module-wd-nan", ["--weight-decay", "nan"], {}, "--weight-decay nan"),
    ("module-wd-negative", ["--weight-decay", "-2"], {}, "--weight-decay -2"),
    ("module-epochs-zero", ["--epochs", "0"], {}, "--epochs 0"),
    ("module-seed-negative", ["--seed", "-3"], {}, "--seed -3"),
    (
        "module-npz-nan",
        ["--data", "x.npz"],
        {"x.npz": npz(X=np.r_[X4[:3], [[1, np.nan]]], Y=Y4)},
        "X row 4, column 2 is nan",
    ),
    (
        "module-npz-0d",
        ["--data", "x.npz"],
        {"x.npz": npz(X=np.array(3.0), Y=np.array(1.0))},
        "X must be 2-D (n, 2), not shape ()",
    ),
    ("module-npz-not-zip", ["--data", "x.npz"], {"x.npz": "text"}, "not an .npz file"),
    ("module-npz-pickle", ["--data", "x.npz"], {"x.npz": PICKLE}, "object array"),
    ("module-csv-inf", ["--data", "d.csv"], {"d.csv": "0,0,inf\n"}, "line 1, column 3"),
    ("module-csv-ragged", ["--data", "d.csv"], {"d.csv": "0,0,0\n1\n"}, "line 2: 1 columns"),
    ("module-csv-folder", ["--data", "d.csv"], {"d.csv/x": "1"}, "d.csv is a directory"),
    ("module-out-file-as-folder", ["--epochs", "1", "--out", "afile/w.npz"], {"afile": "x"}, "afile/w.npz"),
    ("module-init-missing", ["--epochs", "1", "--init", "nope.npz"], {}, "nope.npz"),
]


@pytest.mark.parametrize("case", MODULE_CASES, ids=[c[0] for c in MODULE_CASES])
def test_generated_module_cli_more(case, tmp_path, monkeypatch, capsys):
    name, argv, files, words = case
    monkeypatch.chdir(tmp_path)
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = _files(tmp_path)
    module = _generated_module()
    try:
        status = module.main(argv)
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    assert status == 2, (status, err[-500:])
    assert err.count("\n") == 1, err
    assert ": error: " in err and words in err, err
    assert "Traceback" not in err + out
    assert _files(tmp_path) == before
    assert not os.path.exists(CANARY)


# the generated module's Python API ---------------------------------------------------------------
_MODULES = {}


def _api(key):
    if key not in _MODULES:
        spec = {
            "seed": network("2-3-1", naming="seed"),
            "bce": network("2-3-1", "tanh", "bce"),
            "cce": network("2-4-3", "relu", "cce"),
        }[key]
        _MODULES[key] = lambdify(derive(spec))
    return _MODULES[key]


Xa, Ya = np.random.default_rng(0).random((5, 2)), np.random.default_rng(1).random((5, 1))
ONE_HOT = np.eye(3)[[0, 1, 2, 1, 0]]
PM1 = np.array([[-1.0], [1], [1], [-1], [1]])  # ±1 labels: BCE would train to a loss below 0
API_CASES = [
    ("forward-1d", "seed", lambda m, p: m.forward(p, np.array([0.5, 0.5])), "x[None, :]"),
    ("forward-3d", "seed", lambda m, p: m.forward(p, Xa[:, None, :]), "X must be 2-D"),
    ("forward-columns", "seed", lambda m, p: m.forward(p, np.ones((5, 3))), "(n, 2)"),
    ("forward-empty", "seed", lambda m, p: m.forward(p, np.ones((0, 2))), "X has no rows"),
    ("loss-y-1d", "seed", lambda m, p: m.loss(p, Xa, Ya[:, 0]), "Y must be 2-D"),
    ("gradients-y-1d", "seed", lambda m, p: m.gradients(p, Xa, Ya[:, 0]), "Y[:, None]"),
    ("vg-empty", "seed", lambda m, p: m.value_and_gradients(p, Xa[:0], Ya[:0]), "X has no rows"),
    ("vg-rows", "seed", lambda m, p: m.value_and_gradients(p, Xa, Ya[:4]), "5 rows in X, 4 in Y"),
    ("train-y-1d", "seed", lambda m, p: m.train(Xa, Ya[:, 0], epochs=1), "Y must be 2-D"),
    ("train-empty", "seed", lambda m, p: m.train(Xa[:0], Ya[:0], epochs=1), "X has no rows"),
    (
        "train-nan",
        "seed",
        lambda m, p: m.train(np.r_[Xa[:4], [[np.nan, 0]]], Ya, epochs=1),
        "X row 5, column 1 is nan",
    ),
    ("train-lr-inf", "seed", lambda m, p: m.train(Xa, Ya, epochs=1, lr=np.inf), "lr=inf"),
    ("train-wd-nan", "seed", lambda m, p: m.train(Xa, Ya, epochs=1, weight_decay=np.nan), "weight_decay=nan"),
    (
        "train-momentum",
        "seed",
        lambda m, p: m.train(Xa, Ya, epochs=1, optimizer="momentum", momentum=1.5),
        "momentum=1.5",
    ),
    ("train-epochs", "seed", lambda m, p: m.train(Xa, Ya, epochs=-1), "epochs=-1"),
    ("bce-pm1", "bce", lambda m, p: m.train(Xa, PM1, epochs=1), "row 1, column 1: target -1"),
    ("bce-loss-pm1", "bce", lambda m, p: m.loss(p, Xa, PM1), "[0, 1]"),
    ("cce-not-one-hot", "cce", lambda m, p: m.gradients(p, Xa, ONE_HOT * 0.5), "row 1: targets sum to 0.5"),
    (
        "cce-train-sum",
        "cce",
        lambda m, p: m.train(Xa, ONE_HOT * 0.5 + 0.1, epochs=1),
        "row 1: targets sum to 0.8",
    ),
]


@pytest.mark.parametrize("case", API_CASES, ids=[c[0] for c in API_CASES])
def test_generated_module_api(case):
    name, key, call, words = case
    module = _api(key)
    with pytest.raises(ValueError) as caught:
        call(module, module.init_params(0))
    message = str(caught.value)
    assert "\n" not in message and words in message, message
