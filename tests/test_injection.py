"""User text cannot break out of a generated file: a corpus of break-out attempts, every option.

A formula may carry any text after `#` (the tokenizer drops it as a comment), and inside
parentheses over several lines; `--activation`, `--output-activation` and `--loss` all land in
generated files as typed. For each break-out string, a module, a LaTeX sheet and a Markdown sheet
are made with it in all three options, and each is compared with the files made from the same
formulas without the payload:

  module    valid Python whose syntax tree, string values blanked, is the clean module's: no
            statement, call or name was added; the docstring's value holds the typed text
            exactly; no line separator or control character in the file
  sheets    identical to the clean sheet once the escaped hostile text is swapped for the
            escaped clean text: the text landed only where text goes, and only escaped
  pdflatex  a representative few compile, and the canary file is never written

Before the escaping functions of codegen.escape, `z #\"\"\";open("PWNED","w");\"\"\"` made a module
that created PWNED when run.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
import sys
from functools import lru_cache

import pytest

from codegen.backends import BACKENDS
from codegen.cli import build_parser
from codegen.cli.generate import command_line
from codegen.escape import (
    html_comment,
    html_text,
    latex_text,
    markdown_code,
    markdown_text,
    plain_line,
    py_comment,
    py_docstring,
    py_string,
)
from codegen.module import render_module
from codegen.sheet import SheetOptions, render_sheet
from codegen.tex import available, compile_pdf
from symbolic.backprop import derive
from symbolic.spec import network

CANARY = "/tmp/symprop-canary-pwned"
TOUCH = f'open("{CANARY}", "w")'

# break-out strings: each goes after a `#` in every formula option
PAYLOADS = {
    "triple-quote": f'""";{TOUCH};"""',
    "single-triple-quote": f"''';{TOUCH};'''",
    "quote-backslash": '\\"""\\',
    "trailing-backslash": "x\\",
    "escape-sequences": r"\N{BULLET} \x41 \u2028 \0",
    "unicode-line-separator": f"\u2028{TOUCH}\u2029{TOUCH}",
    "other-breaks": f"\x0b\x0c\x1c\x1d\x1e\x85{TOUCH}",
    "terminal-escape": "\x1b[31mred\x1b[0m",
    "latex-end-document": r"\end{document}\immediate\write18{touch " + CANARY + "}",
    "latex-comment-and-input": r"% \input{/etc/passwd} \catcode`\%=12 ^^J\makeatletter",
    "latex-specials": r"$x$ & # _ ^ ~ { } \\ \par",
    "markdown": "` ``` <script>alert(1)</script> [x](javascript:alert(1)) *a* _b_ $$ |c|",
    "html-comment-close": "--> <b>x</b> --!> <!--",
    "shell-quote": "'; touch " + CANARY + "; echo '",
    "jinja": "{{ 7*7 }} {% raw %} \\VAR{x} \\BLOCK{if 1}",
}
# a payload in parentheses spans lines: each line after a `#`, closed on the last line
MULTILINE = {
    "newline-code": f'\n"""\nimport os; {TOUCH}\n"""',
    "carriage-return": f"\r{TOUCH}\r\n{TOUCH}",
}

CLEAN = {"activation": "z*tanh(z)", "output": "z", "loss": "(out - y)**2/2"}


def hostile(formula: str, payload: str, multiline: bool) -> str:
    if multiline:  # every line of the payload is a comment line
        return "(" + formula + " #" + re.sub(r"(\r\n|\r|\n)", r"\1#", payload) + "\n)"
    return f"{formula} #{payload}"


CASES = [(name, p, False) for name, p in PAYLOADS.items()] + [
    (name, p, True) for name, p in MULTILINE.items()
]


@lru_cache(maxsize=None)
def _made(texts: tuple[str, str, str]):
    act, out, loss = texts
    d = derive(network("2-2-1", act, loss, output_activation=out))
    args = build_parser().parse_args(
        ["generate", "2-2-1", "-a", act, "--output-activation", out, "--loss", loss, "-o", "x.py"]
    )
    module = render_module(d, "elementwise", "float64", command_line(args))
    matrix = render_module(d, "matrix", "float64", command_line(args))
    tensor = tuple(BACKENDS[lib].render(d, "auto", "float64", command_line(args)) for lib in ("torch", "jax"))
    return module, matrix, render_sheet(d), render_sheet(d, SheetOptions(format="md")), *tensor


def _texts(payload: str, multiline: bool) -> tuple[str, str, str]:
    return tuple(hostile(CLEAN[k], payload, multiline) for k in ("activation", "output", "loss"))


def _shape(source: str) -> str:
    """The module's syntax tree with every string value blanked: its code, not its text."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.dump(tree)


def _parse_or_refused(texts):
    try:
        return _made(texts)
    except Exception as err:  # noqa: BLE001 - a refusal must be our one-line error
        from symbolic.errors import SympropError

        assert isinstance(err, SympropError) and "\n" not in str(err), repr(err)
        return None


BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@pytest.mark.parametrize("name, payload, multiline", CASES, ids=[c[0] for c in CASES])
def test_module_keeps_user_text_as_text(name, payload, multiline):
    texts = _texts(payload, multiline)
    made = _parse_or_refused(texts)
    if made is None:
        pytest.fail(f"{name}: formulas with a comment should parse")
    clean = _made(tuple(CLEAN[k] for k in ("activation", "output", "loss")))
    for hostile_module, clean_module in zip(made[:2] + made[4:], clean[:2] + clean[4:]):
        assert _shape(hostile_module) == _shape(clean_module), "code was added"
        doc = ast.get_docstring(ast.parse(hostile_module), clean=False)
        assert texts[2].strip() in doc  # the loss, as typed, in the docstring
        assert shlex.join(["--activation", texts[0]]) in doc.replace("\n    ", " ")
        lines = hostile_module.split("\n")
        assert all(not any(ch in line for ch in BREAKS[1:]) for line in lines)
        assert all(ch.isprintable() for line in lines for ch in line), "a control character"


def test_the_reported_module_does_not_run_user_text(tmp_path):
    """The issue's reproduction: the generated module, run, must not create PWNED."""
    act = 'z #""";open("PWNED","w");"""'
    d = derive(network("2-3-1", act, "half_se"))
    (tmp_path / "net.py").write_text(
        render_module(d, "auto", "float64", f"symprop generate 2-3-1 -a {act!r}")
    )
    r = subprocess.run(
        [sys.executable, "net.py", "--epochs", "1", "--data", "xor"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "PWNED").exists()


def _swap(text: str, texts, escape, quote_escape) -> str:
    """text with each escaped hostile formula replaced by the escaped clean one."""
    clean = tuple(CLEAN[k] for k in ("activation", "output", "loss"))
    pairs = [
        (shlex.quote(texts[0] + "," + texts[1]), shlex.quote(clean[0] + "," + clean[1])),
        (shlex.quote(texts[2]), shlex.quote(clean[2])),
    ]
    out = text
    for h, c in pairs:
        out = out.replace(quote_escape(h), quote_escape(c))
    for h, c in zip(texts, clean):
        out = out.replace(escape(h.strip()), escape(c))
    return out


@pytest.mark.parametrize("name, payload, multiline", CASES, ids=[c[0] for c in CASES])
def test_sheets_hold_user_text_only_escaped(name, payload, multiline):
    texts = _texts(payload, multiline)
    _, _, tex, md, *_ = _made(texts)
    clean = _made(tuple(CLEAN[k] for k in ("activation", "output", "loss")))
    assert _swap(tex, texts, latex_text, latex_text) == clean[2]
    md_swapped = _swap(md, texts, markdown_text, html_comment)
    # the activation's formula stands in a code span; the loss in prose (escaped as text)
    for h, c in zip(texts[:2], CLEAN.values()):
        md_swapped = md_swapped.replace(markdown_code(h.strip()), markdown_code(c))
    assert md_swapped == clean[3]
    header = md.split("\n", 1)[0]
    assert header.count("-->") == 1 and header.endswith("-->") and "--!>" not in header


HTML_CASES = ["markdown", "html-comment-close", "unicode-line-separator", "other-breaks", "latex-specials",
              "jinja", "triple-quote", "newline-code"]  # fmt: skip


@lru_cache(maxsize=None)
def _html(texts: tuple[str, str, str]) -> str:
    act, out, loss = texts
    return render_sheet(
        derive(network("2-2-1", act, loss, output_activation=out)), SheetOptions(format="html")
    )


@pytest.mark.parametrize("name", HTML_CASES)
def test_html_sheet_holds_user_text_only_escaped(name):
    payload, multiline = (PAYLOADS[name], False) if name in PAYLOADS else (MULTILINE[name], True)
    texts = _texts(payload, multiline)
    html = _html(texts)
    clean = _html(tuple(CLEAN[k] for k in ("activation", "output", "loss")))
    swapped = _swap(html, texts, html_text, html_comment)
    # a rule's note is the terminal's line (plain_line), then HTML text
    assert _swap(swapped, texts, lambda t: html_text(plain_line(t)), html_comment) == clean
    assert html.count("<script>") == 2 and html.count("</script>") == 2
    header = html.split("\n", 2)[1]
    assert header.startswith("<!--") and header.count("-->") == 1 and header.endswith("-->")


SHEET_COMPILES = ["latex-end-document", "latex-comment-and-input", "latex-specials", "newline-code"]


@pytest.mark.tex
@pytest.mark.skipif(not available(), reason="pdflatex is not installed")
@pytest.mark.parametrize("name", SHEET_COMPILES)
def test_hostile_sheets_compile(name):
    payload, multiline = (PAYLOADS[name], False) if name in PAYLOADS else (MULTILINE[name], True)
    if os.path.exists(CANARY):
        os.unlink(CANARY)
    compiled = compile_pdf(_made(_texts(payload, multiline))[2], "hostile")
    assert compiled.pdf.startswith(b"%PDF")
    assert not os.path.exists(CANARY)


# the escapers themselves ----------------------------------------------------------------------
CORPUS = list(PAYLOADS.values()) + list(MULTILINE.values()) + ["", "\\", '"', '"""', "\x00"]


@pytest.mark.parametrize("text", CORPUS)
def test_python_escapers_keep_the_value(text):
    assert ast.literal_eval(f'"""{py_docstring(text)}"""') == text
    assert ast.literal_eval(f'"""x{py_docstring(text)}"""') == "x" + text
    assert ast.literal_eval(py_string(text)) == text
    tree = ast.parse(f"# {py_comment(text)}\nx = 1\n")
    assert len(tree.body) == 1  # the comment stayed one comment


@pytest.mark.parametrize("text", CORPUS)
def test_latex_and_markdown_escapers_leave_nothing_active(text):
    tex = latex_text(text)
    bare = re.sub(
        r"\\(textbackslash|textasciicircum|textasciitilde|textless|textgreater|"
        r"textbar)\{\}|\\[{}$&#_%]",
        "",
        tex,
    )
    assert not set(bare) & set("\\{}$&#^_%~<>|") and all(" " <= ch <= "~" for ch in tex)
    md = markdown_text(text)
    assert not re.search(r"(?<!\\)[`*_<>\[\]$&]", md.replace("\\\\", ""))
    code = markdown_code(text)
    fence = re.match(r"`+", code).group()
    assert code.endswith(fence) and fence not in code[len(fence) : -len(fence)]
    assert "\n" not in md + code + tex
    assert ">" not in html_comment(text)
    page = html_text(text)  # no markup character, every & an entity, no line break
    assert not set(page) & set("<>\"'") and "\n" not in page
    assert re.sub(r"&(amp|lt|gt|quot|#39);", "", page).count("&") == 0


@pytest.mark.parametrize("name", ["unicode-line-separator", "other-breaks", "terminal-escape"])
def test_derivation_text_and_json_stay_line_safe(name):
    """`symprop derive` output is redirected to files (the committed .txt/.json): the formula
    text in it keeps no line break or control character raw, and the JSON reads back exactly."""
    import json

    from codegen.terminal import render_text, to_json

    act = hostile(CLEAN["activation"], PAYLOADS[name], False)
    d = derive(network("2-2-1", act, "half_se"))
    text, doc = render_text(d), to_json(d)
    for out in (text, doc):
        assert not any(ch in out for ch in BREAKS[1:] + "\x1b"), repr(out)
    assert act.strip() in json.loads(doc)["activations"]
