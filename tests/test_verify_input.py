"""Verifier input: ditto marks, names, the three formats, unusable and hostile input (exit 2)."""

import json
import os
import time

import pytest

from codegen.cli import main
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.latex import DITTO, parse_document
from symbolic.spec import network
from symbolic.verify import expand_dittos, verify_text
from symbolic.verify.read import read


@pytest.fixture(scope="module")
def d():
    return derive(network("2-3-1", naming="seed"))


GOOD = "[\\sigma(\\hat{z}) - y] \\cdot [\\sigma(\\hat{z})(1-\\sigma(\\hat{z}))]"


# ------------------------------------------------------------------ dittos


def test_dittos_copy_the_factor_above_at_their_position():
    doc = parse_document(
        "$$\\frac{\\partial L}{\\partial w_{41}} = [a] \\cdot [b] \\cdot [c]$$\n"
        "$$\\frac{\\partial L}{\\partial w_{42}} = // \\quad // \\quad [d]$$"
    )
    sides = expand_dittos(doc)
    assert [str(f) for f in sides[1][0]] == ["a", "b", "d"]
    assert DITTO not in sides[1][0]


def test_dittos_follow_the_side_of_the_same_kind(d):
    tex = (
        f"$$\\frac{{\\partial L}}{{\\partial w_{{41}}}} = "
        f"\\frac{{\\partial L}}{{\\partial out}} \\cdot \\frac{{\\partial out}}{{\\partial z_o}} "
        f"\\cdot \\frac{{\\partial z_o}}{{\\partial w_{{41}}}} = {GOOD} \\cdot [\\sigma(z_{{h1}})]$$\n"
        f"$$\\frac{{\\partial L}}{{\\partial w_{{42}}}} = // \\quad // \\quad "
        f"\\frac{{\\partial z_o}}{{\\partial w_{{42}}}} = // \\quad // \\quad [\\sigma(z_{{h2}})]$$"
    )
    report = verify_text(d, tex)
    assert [v.correct for v in report.verdicts] == [True, True]


def test_ditto_with_nothing_above_is_unusable(d):
    with pytest.raises(SympropError, match="// at factor 1 has no factor above it"):
        verify_text(d, "$$\\frac{\\partial L}{\\partial w_{42}} = // \\cdot [x_1]$$")


def test_plain_text_dittos(d):
    text = (
        "dL/dw11 = [out - y] * [out*(1-out)] * [w_a] * [sigma(z_h1)*(1-sigma(z_h1))] * [x1]\n"
        "dL/dw12 = // * // * // * // * [x2]\n"
        'dL/db1 = " * " * " * "'
    )
    report = verify_text(d, text, "txt")
    assert [v.correct for v in report.verdicts] == [True, True, True]


# ------------------------------------------------------------------ names


def test_unknown_name_is_unusable_and_lists_the_known_ones(d):
    with pytest.raises(SympropError) as err:
        verify_text(d, "$$\\frac{\\partial L}{\\partial w_{11}} = [q_7] \\cdot [x_1]$$")
    assert "unknown name q_7" in str(err.value) and "w_{a}" in str(err.value)
    assert err.value.exit_code == 2


def test_seed_spellings_all_resolve(d):
    for spelled in ("\\hat{z}", "z_{\\hat{}}", "z_o", "{}^2Z", "z"):
        tex = (
            f"$$\\frac{{\\partial L}}{{\\partial b_4}} = [\\sigma({spelled}) - y_T] \\cdot "
            f"[\\sigma({spelled})(1-\\sigma({spelled}))] \\cdot [1]$$"
        )
        assert verify_text(d, tex).ok, spelled
    for target in ("y", "y_T", "y_{TRUE}", "y_{\\text{TRUE}}"):
        tex = f"$$\\frac{{\\partial L}}{{\\partial \\text{{output}}}} = \\text{{output}} - {target}$$"
        assert verify_text(d, tex).ok, target


def test_derivative_of_something_not_in_the_network(d):
    with pytest.raises(SympropError, match="not a quantity of the network"):
        verify_text(d, "$$\\frac{\\partial L}{\\partial (w_{11} x_1)} = x_1$$")


def test_definitions_are_checked_against_the_forward_pass(d):
    tex = (
        "$$z_{h1} = w_{11} x_1 + w_{12} x_2 + b_1$$\n$$\\frac{\\partial z_{h1}}{\\partial b_1} = 1$$\n"
        "$$z_{h2} = w_{21} x_1 + b_2$$\n$$q = 1$$"
    )
    report = verify_text(d, tex)
    assert [(v.line, v.kind, v.status) for v in report.verdicts] == [
        (1, "definition", "correct"),
        (2, "local", "correct"),
        (3, "definition", "wrong"),
    ]
    assert [(u.line, u.reason) for u in report.unchecked] == [(4, "unknown name q")]


# ------------------------------------------------------------------ formats


def test_toml_with_network_table(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[network]\nnet = "2-3-1"\nnaming = "seed"\n\n[aliases]\nW11 = "w_a"\n\n'
        '[derivatives]\n"dL/dw_a" = "[out - y_T] * [out*(1 - out)] * [sigma(z_h1)]"\n'
        '"dz_o/d(sigma(z_h1))" = "W11"\n"dL/db4" = "// * [z_o]"\n',
        encoding="utf-8",
    )
    code = main(["verify", str(path), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [s["correct"] for s in doc["statements"]] == [True, True, False]
    assert doc["statements"][2]["fault"]["position"] == 2


def test_toml_syntax_error_is_unusable(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text("[derivatives\n", encoding="utf-8")
    assert main(["verify", str(path), "--net", "2-3-1"]) == 2
    assert "TOML" in capsys.readouterr().err


def test_txt_and_cli_exit_zero(tmp_path, capsys):
    path = tmp_path / "mine.txt"
    path.write_text("# b4 only\ndL/db4 = (out - y) * out * (1 - out)\n", encoding="utf-8")
    assert main(["verify", str(path), "--net", "2-3-1", "--naming", "seed"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("✓")


def test_missing_network_is_unusable(tmp_path, capsys):
    path = tmp_path / "mine.txt"
    path.write_text("dL/db4 = out - y\n", encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    assert "--net" in capsys.readouterr().err


# ------------------------------------------------------------------ unreadable and hostile input


def test_parse_error_reports_line_and_column(tmp_path, capsys):
    path = tmp_path / "bad.tex"
    path.write_text("ok\n$$\\frac{\\partial L}{\\partial w_{11}} = [x_1 \\cdot \\foo]$$\n", encoding="utf-8")
    assert main(["verify", str(path), "--net", "2-3-1", "--naming", "seed"]) == 2
    err = capsys.readouterr().err
    assert "line 2, col" in err and "unknown command" in err
    assert err.count("\n") == 1


def test_json_error_output(tmp_path, capsys):
    path = tmp_path / "bad.txt"
    path.write_text("dL/dw11 = (((\n", encoding="utf-8")
    assert main(["verify", str(path), "--net", "2-3-1", "--json"]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert doc["exit_code"] == 2 and "line 1" in doc["errors"][0]


MARK = "/tmp/symprop_verify_pwned"
HOSTILE = [
    ("txt", f"dL/dw11 = __import__('os').system('touch {MARK}')"),
    ("txt", f"dL/dw11 = (lambda: open('{MARK}', 'w'))()"),
    ("txt", "dL/dw11 = x1.__class__"),
    ("txt", "dL/dw11 = x1 ** 99999999"),
    ("txt", "dL/dw11 = " + "(" * 5000 + "x1" + ")" * 5000),
    ("tex", f"$$\\frac{{\\partial L}}{{\\partial w_{{11}}}} = \\input{{{MARK}}}$$"),
    ("tex", "$$\\frac{\\partial L}{\\partial w_{11}} = e^{e^{e^{e^{999}}}}$$"),
    ("tex", "$$\\frac{\\partial L}{\\partial w_{11}} = x_1^{99999999999}$$"),
    ("tex", "$$\\frac{\\partial L}{\\partial w_{11}} = " + "{" * 5000 + "x_1" + "}" * 5000 + "$$"),
    ("tex", "$$\\frac{\\partial L}{\\partial w_{11}} = " + "(" * 3000 + "x_1" + ")" * 3000 + "$$"),
    ("toml", '[derivatives]\n"dL/dw11" = "__import__(\'os\')"\n'),
]


@pytest.mark.parametrize("fmt,text", HOSTILE, ids=[f"{f}-{i}" for i, (f, _) in enumerate(HOSTILE)])
def test_hostile_input_fails_cleanly_and_fast(d, fmt, text):
    if os.path.exists(MARK):
        os.remove(MARK)
    start = time.process_time()  # CPU time: a guard against blow-ups, deaf to other jobs' load
    _judged_or_refused(d, fmt, text)
    assert time.process_time() - start < 2.0  # small inputs: a blow-up, not load, would pass 2 s
    assert not os.path.exists(MARK)


def _judged_or_refused(d, fmt, text):
    try:
        report = verify_text(d, text, fmt)
    except SympropError as err:
        assert err.exit_code == 2 and str(err).strip() and "\n" not in str(err)
    else:  # read without error: then it must have been judged, not executed
        assert report.verdicts and not report.ok


# hostile documents near the 1 MB limit, as a function of their size in characters
DW11 = "$$\\frac{\\partial L}{\\partial w_{11}} = "
DB4 = "$$\\frac{\\partial L}{\\partial b_4} = "
LARGE = {
    "tex-long-join": ("tex", lambda n: DW11 + " + ".join(["x_1"] * (n // 6)) + "$$"),
    "txt-long-sum": ("txt", lambda n: "dL/dw11 = " + "x1 + " * (n // 5) + "x1"),
    "tex-comment": ("tex", lambda n: "%" + "x" * n),
    "tex-long-sum": ("tex", lambda n: DW11 + "x_1 + " * (n // 6) + "x_1$$"),
    "txt-many-rows": ("txt", lambda n: "dL/db4 = out - y\n" * (n // 17)),
    "tex-many-rows": ("tex", lambda n: (DB4 + "[out - y] \\cdot [1]$$\n") * (n // 50)),
}


@pytest.mark.parametrize("name", sorted(LARGE))
def test_large_hostile_input_fails_cleanly_and_scales_linearly(d, name):
    # near the size limit, against a quarter of it, in CPU time in one run: linear work is 4x, a
    # quadratic pass 16x; a ratio, because an absolute bound on ~1 MB failed under load (2.27 s)
    fmt, make = LARGE[name]

    def cpu(n):
        start = time.process_time()
        _judged_or_refused(d, fmt, make(n))
        return time.process_time() - start

    small, large = cpu(250_000), cpu(999_000)
    assert large < 8 * max(small, 0.05), (small, large)


def test_one_megabyte_file_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.tex"
    path.write_bytes(b"x" * 1_000_001)
    assert main(["verify", str(path), "--net", "2-3-1"]) == 2
    assert "over 1,000,000 bytes" in capsys.readouterr().err


def test_read_rejects_unknown_format():
    with pytest.raises(SympropError):
        read("x", "docx")


def test_placeholder_argument_in_definitions_is_skipped(d):
    report = verify_text(
        d,
        "$$\\sigma(\\cdot) = \\frac{1}{1+e^{-z}}$$\n$$g(\\cdot) = \\sigma(\\cdot)$$\n"
        "$$\\frac{\\partial L}{\\partial b_4} = [out - y] \\cdot [g(z)(1-g(z))]$$",
    )
    assert len(report.unchecked) == 2 and report.ok and report.exit_code == 4
    with pytest.raises(SympropError, match="placeholder"):
        verify_text(d, "$$\\frac{\\partial L}{\\partial b_4} = [out - y] \\cdot [\\sigma(\\cdot)]$$")


def test_plain_left_side_spellings():
    doc = read("dL/dg(z) = 1\nd(g(z_h1))/dz_h1 = 1\n∂L/∂w11 = 1\ndz_o / d sigma(z_h1) = 1", "txt")
    assert [str(s.lhs.den) for s in doc.statements] == ["g(z)", "z_h1", "w11", "sigma(z_h1)"]


@pytest.mark.parametrize(
    "name,args,code,wrong",
    [
        ("seed_derivation.tex", ["--net", "2-3-1", "--naming", "seed"], 1, 14),
        ("seed_derivation.txt", ["--net", "2-3-1", "--naming", "seed"], 1, 14),
        ("tanh_mse.toml", [], 1, 1),
    ],
)
def test_shipped_examples(name, args, code, wrong, capsys):
    path = os.path.join(os.path.dirname(__file__), "..", "examples", name)
    assert main(["verify", path, *args]) == code
    assert sum(line.startswith("✗") for line in capsys.readouterr().out.splitlines()) == wrong
