"""`symprop exercise`: the files it writes, their determinism, the answers against an independent
route, and the round trip through `symprop verify FILLED --at DIR/point.toml`."""

from __future__ import annotations

import importlib.util
import re

import numpy as np
import pytest
import tomllib

from codegen.cli import main
from codegen.module import render_module
from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.worked import arrays, read_point

TEXT_FILES = ("problem.tex", "answers.tex", "answers_template.tex", "answers.toml", "point.toml")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """One exercise with its PDFs (pdflatex is slow: compiled once for the module)."""
    out = tmp_path_factory.mktemp("ex") / "ex7"
    assert main(["exercise", "2-2-1", "--seed", "7", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def ex7(tmp_path_factory):
    """The same exercise without PDFs (no pdflatex needed)."""
    out = tmp_path_factory.mktemp("ex") / "ex7"
    assert main(["exercise", "2-2-1", "--seed", "7", "-o", str(out), "--no-pdf"]) == 0
    return out


def fill(directory, planted: dict | None = None) -> str:
    """answers_template.tex filled in from answers.toml (gradients as products of their factors);
    `planted`: answer name -> (factor index or None, wrong number text)."""
    answers = tomllib.loads((directory / "answers.toml").read_text(encoding="utf-8"))["answer"]
    by_tex = {a["tex"]: a for a in answers}
    planted = planted or {}
    lines = []
    for line in (directory / "answers_template.tex").read_text(encoding="utf-8").splitlines():
        if line.startswith("$$"):
            lhs = line[2 : line.index(" = $$")]
            a = by_tex[lhs]
            numbers = [f["shown"] for f in a.get("factors", [])]
            value = a["shown"]
            if a["name"] in planted:
                k, wrong = planted[a["name"]]
                if k is None:
                    value = wrong
                else:
                    numbers[k] = wrong
            rhs = " \\cdot ".join(f"({n})" if n.startswith("-") else n for n in numbers)
            line = f"$${lhs} = {rhs + ' = ' if rhs else ''}{value}$$"
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.tex
def test_files_pdfs_and_what_each_document_shows(compiled):
    from codegen.exercise_html import available

    names = sorted(p.name for p in compiled.iterdir())
    pages = ["problem.html", "answers.html"] if available() else []
    assert names == sorted([*TEXT_FILES, "problem.pdf", "answers.pdf", *pages])
    for pdf in ("problem.pdf", "answers.pdf"):
        assert (compiled / pdf).read_bytes().startswith(b"%PDF")
    problem = (compiled / "problem.tex").read_text(encoding="utf-8")
    key = (compiled / "answers.tex").read_text(encoding="utf-8")
    answers = tomllib.loads((compiled / "answers.toml").read_text(encoding="utf-8"))
    assert "\\begin{tikzpicture}" in problem and "answers\\_template.tex" in problem
    for a in answers["answer"]:
        assert a["shown"] in key  # every answer in the key ...
        assert a["tex"] in problem  # ... and a blank for it on the problem sheet
    # the problem sheet gives no answer away: no number of 6 significant digits of the key
    shown = {a["shown"] for a in answers["answer"] if len(a["shown"].strip("-0.")) >= 5}
    assert shown and not [s for s in shown if s in problem]
    # gradients carry their working: the factor values and their product
    grads = [a for a in answers["answer"] if a["section"] == "gradients"]
    assert grads and all(len(a["factors"]) >= 3 for a in grads)
    for a in grads:
        assert abs(np.prod([f["value"] for f in a["factors"]]) - a["value"]) <= 1e-12 * (1 + abs(a["value"]))
        working = " \\cdot ".join(
            f"({f['shown']})" if f["shown"].startswith("-") else f["shown"] for f in a["factors"]
        )
        assert f"{working} = {a['shown']}" in key


@pytest.mark.tex
def test_same_seed_same_bytes_pdfs_included(compiled, tmp_path):
    again = tmp_path / "again"
    assert main(["exercise", "2-2-1", "--seed", "7", "-o", str(again)]) == 0
    for p in compiled.iterdir():
        assert (again / p.name).read_bytes() == p.read_bytes(), p.name


def test_answers_against_the_generated_module_and_finite_differences(ex7, tmp_path):
    d = derive(network("2-2-1"))
    point = read_point((ex7 / "point.toml").read_text(encoding="utf-8"), d)
    path = tmp_path / "m.py"
    path.write_text(render_module(d, "auto", "float64"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("exercise_module", path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    layout = arrays(d)
    params = {
        k: np.array(
            [[point[s] for s in row] for row in v] if isinstance(v[0], list) else [point[s] for s in v]
        )
        for k, v in layout.items()
        if k not in ("x", "y")
    }
    X = np.array([[point[s] for s in layout["x"]]])
    Y = np.array([[point[s] for s in layout["y"]]])
    answers = {
        a["name"]: a for a in tomllib.loads((ex7 / "answers.toml").read_text(encoding="utf-8"))["answer"]
    }
    assert abs(answers["L"]["value"] - m.loss(params, X, Y)) < 1e-12
    assert abs(answers["a2_1"]["value"] - m.forward(params, X)[0][0]) < 1e-12
    grads = m.gradients(params, X, Y)
    h = 1e-6
    for key, table in params.items():
        for index in np.ndindex(table.shape):
            s = np.asarray(layout[key], dtype=object)[index]
            old = table[index]
            table[index] = old + h
            up = m.loss(params, X, Y)
            table[index] = old - h
            down = m.loss(params, X, Y)
            table[index] = old
            g = answers[f"dL/d{s}"]["value"]
            assert abs(g - grads[key][index]) < 1e-12
            assert abs(g - (up - down) / (2 * h)) < 1e-7 * (1 + abs(g))  # central differences
            assert abs(answers[f"{s}+"]["value"] - (point[s] - 0.5 * g)) < 1e-12


def test_round_trip_names_both_planted_mistakes(ex7, capsys):
    filled = ex7 / "filled_ok.tex"
    filled.write_text(fill(ex7), encoding="utf-8")
    code, out, err = run(capsys, "verify", str(filled), "--at", str(ex7 / "point.toml"))
    assert code == 0, out + err
    assert "✗" not in out and "NOT CHECKED" not in out

    answers = tomllib.loads((ex7 / "answers.toml").read_text(encoding="utf-8"))["answer"]
    grad = next(a for a in answers if a["name"] == "dL/dW2_1_2")
    update = next(a for a in answers if a["name"] == "W1_2_2+")
    right_factor = grad["factors"][1]["shown"]
    wrong_factor = f"{float(right_factor) * 1.1:.6f}"
    wrong_update = f"{update['value'] + 0.01:.6f}"
    bad = ex7 / "filled_bad.tex"
    bad.write_text(
        fill(ex7, {"dL/dW2_1_2": (1, wrong_factor), "W1_2_2+": (None, wrong_update)}), encoding="utf-8"
    )
    code, out, err = run(capsys, "verify", str(bad), "--at", str(ex7 / "point.toml"))
    assert code == 1, out + err
    wrong = [line for line in out.splitlines() if line.startswith("✗")]
    assert len(wrong) == 2, out
    assert re.fullmatch(r"\d+ numbers: \d+ correct, 2 wrong", out.splitlines()[-1])
    # the gradient: its second factor, named as the partial it stands for, and its true value
    assert (
        "W^{(2)}_{12}" in wrong[0]
        and f"factor 2 (∂a⁽²⁾₁/∂z⁽²⁾₁): wrote {float(wrong_factor):.10g}" in wrong[0]
    )
    assert f"should be {float(right_factor):.6g}"[:-1] in wrong[0]
    # the update: which quantity, what was written and what it should be
    assert "{W^{(1)}_{22}}^{+}" in wrong[1] and f"should be {update['value']:.10g}" in wrong[1]


def test_plain_text_and_toml_answers_are_checked_too(ex7, capsys):
    answers = tomllib.loads((ex7 / "answers.toml").read_text(encoding="utf-8"))["answer"]
    by = {a["name"]: a for a in answers}
    text = (
        f"z1_1 = {by['z1_1']['shown']}\n"
        f"L = {by['L']['shown']}\n"
        f"dL/dW2_1_1 = {' * '.join(f['shown'] for f in by['dL/dW2_1_1']['factors'])}\n"
        f"W2_1_1+ = {float(by['W2_1_1+']['shown']) + 0.001:.6f}\n"
    )
    path = ex7 / "plain.txt"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "verify", str(path), "--at", str(ex7 / "point.toml"))
    assert code == 1
    assert [line[0] for line in out.splitlines()[1:-1]] == ["✓", "✓", "✓", "✗"], out
    # the same answers as a .toml table of name = "numbers"
    rows = [line.split(" = ", 1) for line in text.splitlines()]
    path = ex7 / "plain.toml"
    path.write_text("[derivatives]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in rows), encoding="utf-8")
    code, out, _ = run(capsys, "verify", str(path), "--at", str(ex7 / "point.toml"))
    assert code == 1
    assert [line[0] for line in out.splitlines()[1:-1]] == ["✓", "✓", "✓", "✗"], out


def test_seeds_differ_and_vary_draws_networks(tmp_path, capsys):
    points, nets = set(), set()
    for seed in range(6):
        out = tmp_path / f"s{seed}"
        code, _, err = run(capsys, "exercise", "2-2-1", "--seed", str(seed), "-o", str(out), "--no-pdf")
        assert code == 0, err
        points.add((out / "point.toml").read_text(encoding="utf-8"))
        vary = tmp_path / f"v{seed}"
        code, _, err = run(capsys, "exercise", "--vary", "--seed", str(seed), "-o", str(vary), "--no-pdf")
        assert code == 0, err
        table = tomllib.loads((vary / "point.toml").read_text(encoding="utf-8"))["network"]
        nets.add((table["net"], table["activation"], table["loss"]))
        again = tmp_path / f"w{seed}"
        assert run(capsys, "exercise", "--vary", "--seed", str(seed), "-o", str(again), "--no-pdf")[0] == 0
        for name in TEXT_FILES:
            assert (again / name).read_bytes() == (vary / name).read_bytes()
        filled = vary / "filled.tex"  # every drawn network's answers pass the verifier
        filled.write_text(fill(vary), encoding="utf-8")
        code, text, err = run(capsys, "verify", str(filled), "--at", str(vary / "point.toml"))
        assert code == 0, text + err
    assert len(points) == 6
    assert len({n[0] for n in nets}) >= 2 and len({n[1] for n in nets}) >= 2


def test_ask_chooses_the_sections(tmp_path, capsys):
    out = tmp_path / "g"
    code, _, err = run(
        capsys,
        "exercise",
        "2-3-1",
        "--naming",
        "seed",
        "--seed",
        "3",
        "--ask",
        "update,gradients",
        "-o",
        str(out),
        "--no-pdf",
    )
    assert code == 0, err
    answers = tomllib.loads((out / "answers.toml").read_text(encoding="utf-8"))
    assert answers["asks"] == ["gradients", "update"]
    assert {a["section"] for a in answers["answer"]} == {"gradients", "update"}
    assert len(answers["answer"]) == 2 * 13
    filled = out / "f.tex"
    filled.write_text(fill(out), encoding="utf-8")
    code, text, err = run(capsys, "verify", str(filled), "--at", str(out / "point.toml"))
    assert code == 0, text + err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--ask", "forward,bogus"], "--ask: unknown item 'bogus'"),
        (["--ask", ","], "names nothing"),
        (["--seed", "-1"], "negative"),
        (["--vary"], "--vary draws the network, and 2-2-1 was given too"),
    ],
)
def test_bad_options_write_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "new"
    base = ["exercise", "2-2-1", "--seed", "1", "-o", str(out), "--no-pdf"]
    code, stdout, err = run(
        capsys,
        *[a for a in base if a not in ("--seed", "1")]
        + (args if "--seed" in args else ["--seed", "1", *args]),
    )
    assert code == 2 and message in err and err.count("\n") == 1 and err.startswith("symprop: error:")
    assert not out.exists() and stdout == ""


def test_a_non_empty_directory_needs_force(tmp_path, capsys):
    out = tmp_path / "full"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "exercise", "2-2-1", "--seed", "1", "-o", str(out), "--no-pdf")
    assert code == 2 and "is not empty" in err and err.count("\n") == 1
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    code, _, err = run(capsys, "exercise", "2-2-1", "--seed", "1", "-o", str(out), "--no-pdf", "--force")
    assert code == 0, err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine" and (out / "point.toml").exists()


def test_too_large_a_network_is_refused(tmp_path, capsys):
    out = tmp_path / "big"
    code, _, err = run(capsys, "exercise", "8-8-8", "--seed", "1", "-o", str(out), "--no-pdf")
    assert code == 2 and "parameters to work by hand" in err and not out.exists()


def test_point_toml_names_its_network(ex7, capsys, tmp_path):
    """derive --at reads the exercise's point.toml; a point for another network is refused."""
    code, out, err = run(capsys, "derive", "2-2-1", "--at", str(ex7 / "point.toml"), "--only", "worked")
    assert code == 0, err
    answers = tomllib.loads((ex7 / "answers.toml").read_text(encoding="utf-8"))["answer"]
    loss = next(a for a in answers if a["name"] == "L")
    assert re.search(rf"L = {re.escape(loss['shown'])}\b", out)
    code, _, err = run(capsys, "derive", "2-3-1", "--at", str(ex7 / "point.toml"))
    assert code == 2 and "it is for a 2-2-1 network, not 2-3-1" in err


def test_the_documents_come_from_plain_data():
    """The problem sheet and the key render one context of strings, numbers and lists (what an
    HTML renderer gets too): it survives JSON, and holds each formula as TeX and as Unicode."""
    import json

    from codegen.exercise import exercise_context, render_tex
    from symbolic.exercise import ASKS, Net, answers, exercise_point
    from symbolic.worked import evaluate_at

    d = derive(network("2-2-1"))
    worked = evaluate_at(d, exercise_point(d, 7))
    context = exercise_context(d, Net("2-2-1"), 7, ASKS, answers(d, worked, ASKS), worked)
    assert json.loads(json.dumps(context)) == context
    rows = [r for s in context["sections"] for r in s["rows"]]
    assert all(r["lhs"] and r["lhs_text"] and r["value"] for r in rows)
    grad = next(r for r in rows if r["key"] == "dL/dW2_1_1")
    assert grad["lhs_text"] == "∂L/∂W⁽²⁾₁₁" and grad["names_text"].count("·") == 2
    assert render_tex(context, "answers").count(grad["value"]) >= 1


def test_one_bias_per_layer(tmp_path, capsys):
    """--shared-bias: the point and its [network] say so, b^{(1)} is one blank, and verify reads
    the filled-in answers with the network from point.toml."""
    out = tmp_path / "sb"
    code, _, err = run(
        capsys, "exercise", "2-2-2", "--shared-bias", "--seed", "4", "-o", str(out), "--no-pdf"
    )
    assert code == 0, err
    point = tomllib.loads((out / "point.toml").read_text(encoding="utf-8"))
    assert point["network"]["shared_bias"] is True and len(point["b1"]) == 1
    template = (out / "answers_template.tex").read_text(encoding="utf-8")
    assert "$${b^{(1)}}^{+} = $$" in template and "b^{(1)}_{1}" not in template
    answers = tomllib.loads((out / "answers.toml").read_text(encoding="utf-8"))["answer"]
    b1 = next(a for a in answers if a["name"] == "b1+")
    filled = out / "f.tex"
    filled.write_text(fill(out), encoding="utf-8")
    code, text, err = run(capsys, "verify", str(filled), "--at", str(out / "point.toml"))
    assert code == 0, text + err
    filled.write_text(fill(out, {"b1+": (None, f"{b1['value'] + 0.01:.6f}")}), encoding="utf-8")
    code, text, err = run(capsys, "verify", str(filled), "--at", str(out / "point.toml"))
    wrong = [line for line in text.splitlines() if line.startswith("✗")]
    assert code == 1 and len(wrong) == 1 and "{b^{(1)}}^{+}" in wrong[0], text


@pytest.mark.tex
def test_no_line_runs_off_the_page(tmp_path, capsys):
    """The widest drawn network of the first seeds (2-3-2, tanh/identity: five-factor chains)."""
    from codegen.tex import compile_pdf

    out = tmp_path / "wide"
    assert run(capsys, "exercise", "--vary", "--seed", "0", "-o", str(out), "--no-pdf")[0] == 0
    assert "2-3-2" in (out / "point.toml").read_text(encoding="utf-8")
    for which in ("problem", "answers"):
        compiled = compile_pdf((out / f"{which}.tex").read_text(encoding="utf-8"), name=which)
        assert not [x for x in compiled.overfull if x > 1.0], which
