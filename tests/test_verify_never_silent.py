"""Never silent: every math environment is read, every statement gets a verdict or a "not
checked" line with line:col and a reason, and any unchecked statement makes the exit non-zero."""

import json

import pytest

from codegen.cli import main
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text

WRONG = r"\frac{\partial L}{\partial b_4} = (out - y) \cdot out"  # σ' missing
RIGHT = r"\frac{\partial L}{\partial b_4} = (out - y) \cdot out (1 - out)"
ENVS = ["equation", "align", "eqnarray", "gather", "multline", "aligned", "split", "gathered", "flalign"]


@pytest.fixture(scope="module")
def d():
    return derive(network("2-3-1", naming="seed"))


def _wrapped(env: str, body: str) -> str:
    return f"\\begin{{{env}}}\n{body}\n\\end{{{env}}}\n"


@pytest.mark.parametrize("env", ENVS + [e + "*" for e in ENVS])
def test_every_environment_is_read(d, env):
    body = WRONG.replace("=", "&=&" if env.startswith("eqnarray") else "&=", 1)
    report = verify_text(d, "Text before.\n" + _wrapped(env, body))
    assert [v.status for v in report.verdicts] == ["wrong"] and report.exit_code == 1


def test_top_level_array_with_column_spec(d):
    report = verify_text(d, "\\begin{array}{rcl}\n" + WRONG.replace("=", "&=&") + "\n\\end{array}")
    assert [v.status for v in report.verdicts] == ["wrong"]


@pytest.mark.parametrize(
    "opener,closer",
    [("\\(", "\\)"), ("\\[", "\\]"), ("\\\\(", "\\\\)"), ("\\\\[", "\\\\]"), ("$", "$"), ("$$", "$$")],
)
def test_inline_display_and_markdown_escaped_math(d, opener, closer):
    report = verify_text(d, f"In words {opener}{WRONG}{closer} and more words.")
    assert [v.status for v in report.verdicts] == ["wrong"]


def test_published_wrong_eqnarray_is_not_all_correct(d):
    tex = "$$" + RIGHT + "$$\n\\begin{eqnarray}\n" + WRONG.replace("=", "&=&") + "\n\\end{eqnarray}\n"
    report = verify_text(d, tex)
    assert [v.status for v in report.verdicts] == ["correct", "wrong"] and report.exit_code == 1


DOC = "\n".join(
    [
        "$$" + RIGHT + "$$",  # line 1: judged
        r"$$\frac{\partial L}{\partial b_4} = [out - y] \cdot [\foo]$$",  # 2: unreadable
        r"$$\frac{\partial L}{\partial b_4} = (out - q) \cdot 1$$",  # 3: unknown name
        r"$$\sigma(x) = \frac{1}{1+e^{-x}}$$",  # 4: an identity in a dummy x: judged
        r"$$\frac{\partial L}{\partial w_{41}} = (out - y) \cdot out (1 - out) \cdot \sigma(z_{h1})$$",
    ]
)


def test_one_unreadable_line_never_blocks_the_rest(d):
    report = verify_text(d, DOC)
    assert [(v.line, v.status) for v in report.verdicts] == [(1, "correct"), (4, "correct"), (5, "correct")]
    where = [(u.line, u.col) for u in report.unchecked]
    assert where == [(2, 54), (3, 3)]
    reasons = [u.reason for u in report.unchecked]
    assert "unknown command" in reasons[0] and "unknown name q" in reasons[1]
    assert report.verdicts[1].kind == "definition"  # σ(x) = 1/(1 + e^{-x}) at a z of the net
    assert report.exit_code == 4 and report.ok  # every verdict correct, yet not all checked


def test_cli_says_not_checked_with_line_col_and_exits_4(tmp_path, capsys):
    path = tmp_path / "notes.tex"
    path.write_text(DOC, encoding="utf-8")
    assert main(["verify", str(path), "--net", "2-3-1", "--naming", "seed"]) == 4
    out = capsys.readouterr().out
    assert "line 2:54  not checked: cannot read it: unknown command" in out
    assert "line 3:3  not checked: unknown name q" in out
    assert "3 statements: 3 correct, 0 wrong; 2 NOT CHECKED" in out
    assert main(["verify", str(path), "--net", "2-3-1", "--naming", "seed", "--json"]) == 4
    doc = json.loads(capsys.readouterr().out)
    assert doc["exit_code"] == 4 and doc["counts"]["not_checked"] == 2
    assert [(u["line"], u["col"]) for u in doc["not_checked"]] == [(2, 54), (3, 3)]


def test_wrong_and_unchecked_exit_1_and_still_say_not_checked(tmp_path, capsys):
    path = tmp_path / "notes.tex"
    path.write_text(DOC + "\n$$" + WRONG + "$$\n", encoding="utf-8")
    assert main(["verify", str(path), "--net", "2-3-1", "--naming", "seed"]) == 1
    assert "2 NOT CHECKED" in capsys.readouterr().out


def test_exit_2_only_when_nothing_could_be_checked(d):
    with pytest.raises(SympropError) as err:
        verify_text(d, "\n".join(DOC.splitlines()[1:3]))
    assert err.value.exit_code == 2 and "line 1, col 54" in str(err.value)


def test_plain_text_bad_line_does_not_block(d):
    report = verify_text(d, "dL/db4 = (out - y) * out * (1 - out)\ndL/dw11 = (((\n", "txt")
    assert len(report.verdicts) == 1 and report.unchecked[0].line == 2 and report.exit_code == 4


def test_ditto_with_nothing_above_blocks_only_its_line(d):
    tex = "$$\\frac{\\partial z_{h1}}{\\partial b_1} = // \\cdot 1$$\n$$" + RIGHT + "$$"
    report = verify_text(d, tex)
    assert [v.line for v in report.verdicts] == [2] and report.unchecked[0].line == 1


def test_help_documents_exit_4(capsys):
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    assert "4 none wrong but some statement not checked" in capsys.readouterr().out


# ------------------------------------------------------------------ δ definitions are statements


def test_wrong_delta_definition_is_named_and_later_lines_use_it(d):
    tex = (
        "$$\\delta = \\frac{\\partial L}{\\partial z_o} = (out - y) \\cdot out$$\n"
        "$$\\frac{\\partial L}{\\partial w_{41}} = \\delta \\cdot \\sigma(z_{h1})$$\n"
    )
    report = verify_text(d, tex)
    first, second = report.verdicts
    assert first.status == "wrong" and first.fault.position == 2 and first.delta is not None
    # the author's δ (σ' missing) is carried into the next line: wrong too, at the δ factor
    assert second.status == "wrong" and second.fault.position == 1


def test_right_delta_definition_is_correct_and_carried(d):
    tex = (
        "$$\\delta = \\frac{\\partial L}{\\partial z_o} = (out - y) \\cdot out (1 - out)$$\n"
        "$$\\frac{\\partial L}{\\partial w_{41}} = \\delta \\cdot \\sigma(z_{h1})$$\n"
    )
    report = verify_text(d, tex)
    assert [v.status for v in report.verdicts] == ["correct", "correct"]
    assert report.exit_code == 0


def test_delta_definition_without_a_written_derivative_uses_the_network_delta():
    d = derive(network("2-2-1"))
    report = verify_text(d, "$$\\delta_{2,1} = 7$$")  # δ of the output unit
    assert [(v.status, str(v.den)) for v in report.verdicts] == [("wrong", "z2_1")]


def test_top_level_help_documents_exit_4(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "4 verify found nothing wrong but could not check every statement" in capsys.readouterr().out


# ------------------------------------------------------------------ numbers: never judged at random points


def test_numeric_sides_are_not_checked_never_wrong(d):
    tex = (
        "$$" + RIGHT + " = 0.74136507 * 0.186815602$$\n"
        "$$\\frac{\\partial L}{\\partial b_4} = 0.74136507 * 0.186815602 = 0.138498562$$\n"
    )
    report = verify_text(d, tex)
    assert [v.status for v in report.verdicts] == ["correct"]
    assert [(u.line, u.col) for u in report.unchecked] == [(1, 69), (2, 37), (2, 64)]
    assert all("numeric claim" in u.reason for u in report.unchecked)
    assert report.exit_code == 4


def test_two_statements_on_one_row_are_both_read():
    from symbolic.latex import scan_document

    statements, errors = scan_document(
        "$$a = b, \\qquad c = d \\hspace{1in} e = f$$\n$$g = h_i, \\quad i = j$$"
    )
    assert [(s.line, s.col) for s in statements] == [(1, 3), (1, 17), (1, 36), (2, 3)]
    # a case condition stays with its statement, as its condition (never split off as a claim)
    assert statements[-1].condition == (("i", 0, "j"),) and len(statements[-1].sides) == 1
    assert errors == []


def test_numbers_are_checked_at_the_given_point_to_the_digits_written(d):
    from symbolic.verify.read import _tex

    point = {
        _tex(k, 0): v
        for k, v in {
            "x_1": 0.05,
            "x_2": 0.1,
            "w_{11}": 0.15,
            "w_{12}": 0.2,
            "w_{21}": 0.25,
            "w_{22}": 0.3,
            "w_{31}": 0.35,
            "w_{32}": 0.4,
            "b_1": 0.1,
            "b_2": 0.2,
            "b_3": 0.3,
            "w_a": 0.4,
            "w_b": 0.45,
            "w_c": 0.5,
            "b_4": 0.6,
            "y_T": 0.01,
        }.items()
    }
    truth = _value_of_db4(d, point)
    good, bad = f"{truth:.9f}", f"{truth + 2e-9:.9f}"
    tex = (
        f"$$\\frac{{\\partial L}}{{\\partial b_4}} = (out - y) \\cdot out (1 - out) = {good}$$\n"
        f"$$\\frac{{\\partial L}}{{\\partial b_4}} = {bad}$$\n"
    )
    report = verify_text(d, tex, point=point)
    assert [n.correct for n in report.numbers] == [True, False] and report.exit_code == 1
    assert not report.unchecked
    # the same claims without the point: not checked, never wrong
    report = verify_text(d, tex)
    assert report.numbers == [] and len(report.unchecked) == 2 and report.exit_code == 4


def _value_of_db4(d, point):
    """dL/db4 at the point by an independent route: finite differences of the loss."""
    import mpmath

    from symbolic.verify.numbers import Points

    b4 = next(s for s in d.params if str(s) == "b4")
    with mpmath.workdps(30):
        h = mpmath.mpf("1e-10")

        def loss(shift):
            base = {s: mpmath.mpf(str(v)) for s, v in point_symbols(d, point).items()}
            base[b4] += shift
            return Points(d, 1, base=[base]).vector(d["L"].rhs)[0]

        return float((loss(h) - loss(-h)) / (2 * h))


def point_symbols(d, raw):
    from symbolic.verify.resolve import network

    net = network(d)
    return {net.names.resolve(k): v for k, v in raw.items()}


def test_cli_at_point_file(tmp_path, capsys):
    tex = tmp_path / "n.tex"
    tex.write_text("$$\\frac{\\partial L}{\\partial b_4} = 0.5$$\n", encoding="utf-8")
    point = tmp_path / "p.toml"
    point.write_text('"x_1" = 1\n', encoding="utf-8")
    code = main(["verify", str(tex), "--net", "2-3-1", "--naming", "seed", "--at", str(point)])
    assert code == 2 and "the point (--at) lacks" in capsys.readouterr().err  # nothing checked
    tex.write_text(
        "$$\\frac{\\partial L}{\\partial b_4} = (out - y) out (1 - out) = 0.5$$\n", encoding="utf-8"
    )
    code = main(["verify", str(tex), "--net", "2-3-1", "--naming", "seed", "--at", str(point)])
    assert code == 4 and "not checked: the point (--at) lacks" in capsys.readouterr().out


def test_the_documents_own_values_are_the_point(d):
    given = (
        r"Given $w_{11} = 0.15$, $w_{12} = 0.2$, $w_{21} = 0.25$, $w_{22} = 0.3$, "
        r"$w_{31} = 0.35$, $w_{32} = 0.4$, $b_1 = 0.1$, $b_2 = 0.2$, $b_3 = 0.3$, "
        r"$w_a = 0.4$, $w_b = 0.45$, $w_c = 0.5$, $b_4 = 0.6$, $x_1 = 0.05$, "
        r"$x_2 = 0.1$, $y_T = 0.01$."
        "\n"
    )
    tex = given + (
        r"$$z_{h1} = w_{11} x_1 + w_{12} x_2 + b_1 = 0.15 \cdot 0.05 + 0.2 \cdot 0.1"
        r" + 0.1 = 0.1275$$"
        "\n"
        r"$$z_{h1} = 0.1276$$"
        "\n"
    )
    report = verify_text(d, tex)
    assert len(report.given) == 16 and not report.unchecked
    assert [n.correct for n in report.numbers] == [True, True, False] and report.exit_code == 1
    # without a value they need: those numbers are not checked, never judged
    report = verify_text(d, given.replace(r"$x_1 = 0.05$, ", "") + tex[len(given) :])
    assert report.numbers == [] and len(report.unchecked) == 3
    assert all("lacks x_{1}" in u.reason for u in report.unchecked)
    # without a value they do not need (the target, for z_h1): judged as with every value
    report = verify_text(d, given.replace(r"$y_T = 0.01$", "") + tex[len(given) :])
    assert [n.correct for n in report.numbers] == [True, True, False] and not report.unchecked


def test_a_failure_on_one_statement_costs_only_that_one(d, monkeypatch):
    """A bug met while evaluating one statement (Wikipedia's E(o_j) once reached the evaluator as
    E·o_j and raised 'no value for L') makes that statement 'not checked' with the internal error
    named; the other statements keep their verdicts and the run is not aborted."""
    import symbolic.verify.pipeline as pipeline

    real = pipeline.evaluate

    def flaky(net, sampled, r):
        if r.statement.line == 2:
            raise TypeError("no value for L")
        return real(net, sampled, r)

    monkeypatch.setattr(pipeline, "evaluate", flaky)
    text = "\n".join(
        [
            r"$$\frac{\partial L}{\partial out} = out - y$$",
            r"$$\frac{\partial L}{\partial b_4} = (out - y) \cdot out(1 - out)$$",
            r"$$\frac{\partial L}{\partial w_a} = (out - y) \cdot out(1 - out) \cdot \sigma(z_{h1})$$",
        ]
    )
    report = verify_text(d, text)
    assert [(v.line, v.status) for v in report.verdicts] == [(1, "correct"), (3, "correct")]
    (u,) = report.unchecked
    assert u.line == 2 and "internal error: TypeError: no value for L" in u.reason
    assert report.exit_code != 0


def test_a_loss_written_with_one_argument_is_the_loss(d):
    # Wikipedia (2015): \partial E(o_j) / \partial o_j; E(1 - out) stays a product
    report = verify_text(
        d,
        "\n".join(
            [
                r"$$\frac{\partial E(out)}{\partial out} = out - y$$",
                r"$$\frac{\partial L(\hat{y})}{\partial out} = out - y$$",
            ]
        ),
    )
    assert [v.status for v in report.verdicts] == ["correct", "correct"], report.unchecked
