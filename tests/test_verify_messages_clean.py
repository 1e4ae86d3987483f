"""No internal spelling in any message of the verifier (issue #12).

Internally the network's symbols have code names (W1_2_1, b1_2, a2_1, z1_1, delta2_1) and the
reader spells the document's names its own way (W_2,31, w_kj@l+1); SymPy prints `**`,
`Partial(...)`, `Symbol(...)`. A message shows a name as the document writes it, else in the
network's display form (W^{(1)}_{21}, \\delta^{(2)}_{1}, W⁽¹⁾₂₁), and says a hint once.

The sweep runs the published corpus through `verify_text` (bare, strict bare: the network alone,
with and without the point; each file one of the three ways, in turn), renders each report as text
and JSON, and checks every line (tests/published/said.py); every file as published and every
planted variant is checked so in test_verify_published.py. Then the CLI's errors for bad input (an
unknown --at name, an alias to nothing, an index out of range).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from codegen.cli import main
from codegen.verdict import render_text
from codegen.verdict_json import to_json
from codegen.verdict_names import raw_name
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.hints import shown
from symbolic.verify.read import _tex

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import DIR, NAMES, bare, network_only, note, run, text_of  # noqa: E402
from said import bad, json_messages, offences, refused  # noqa: E402


def _runs() -> list[tuple[str, str]]:
    """(file, variant): each file in one of the three ways it is run here, in turn. As published
    (with its aliases) and every planted variant, each file's messages are checked by
    test_verify_published.py on the runs it makes anyway (corpus.run keeps every line said)."""
    kinds = ["strict-noat", "strict", "bare"]
    return [(name, kinds[k % 3]) for k, name in enumerate(NAMES)]


@pytest.mark.parametrize(("name", "kind"), _runs(), ids=lambda x: str(x))
def test_corpus_messages_use_display_names(name, kind):
    meta = note(name)
    variant = bare(meta) if kind == "bare" else network_only(meta)
    if kind == "strict-noat":
        variant = {k: v for k, v in variant.items() if k != "point"}
    text = text_of(name, variant)
    found = bad(run(name, text, variant).messages, text)  # corpus.run: every line said, kept
    assert not found, "\n".join(f"{o}  <-  {m[:300]}" for m, o in found.items())


def test_the_sweep_covers_every_way_of_running(tmp_path):
    assert {kind for _, kind in _runs()} == {"strict-noat", "strict", "bare"}
    assert {name for name, _ in _runs()} == set(NAMES)


def test_offences_are_found():
    """The checks themselves: each internal spelling and a repeated hint is caught."""
    for line in (
        "the point (--at) lacks W1_2_1, W1_2_2",
        "∂(a2_1 - y)**2/∂0: 0 is not a quantity of the network",
        "a derivative Partial(E, z) inside",
        "unknown name W_2,31",
        "use the network's names (L, delta1_1)",
        "unknown names e^{(2)}_{1}, e^{(2)}_{2} (layer 2 has 2 units) (layer 2 has 2 units)",
        "for w = W1_1_1: ...",
        "unknown name w_kj@l+1",
        "unknown names \\iota, v_{iotazeta}, x_{iota}",  # Greek index letters glued, unslashed
        "unknown name w_{zetakappa}",
        "unknown name h_{kappa}",
        "unknown name w_{j kappa}",
        "unknown name w_{\\zeta kappa}",
        "unknown name w_jkappa",
    ):
        assert offences(line), line
    assert not offences("unknown name W2_{11}; use the network's names (L, W^{(1)}_{11}, x_{1})")
    # as written: each Greek letter its command, read whole (\\zeta holds no 'eta')
    assert not offences("unknown names v_{\\iota\\zeta}, w_{j\\kappa}, w_{\\theta i}, h_\\kappa, E_{total}")


def test_greek_index_letters_are_shown_as_written():
    """Marsland's unit letters (\\iota input, \\zeta hidden, \\kappa output): the reader glues a
    subscript's Greek letters (v_{\\iota\\zeta} is one name, its subscript iotazeta); a message
    shows each with its backslash, in LaTeX and in Unicode, never glued."""
    d = derive(network("2-3-2"))
    text = (
        "$$h_\\zeta = \\sum_{\\iota=0}^{L} x_\\iota v_{\\iota\\zeta}$$\n"
        "$$\\frac{\\partial E}{\\partial w_{\\zeta\\kappa}} = \\delta_o a_{q\\theta}$$\n"
    )
    with pytest.raises(SympropError) as err:  # nothing in it is the network's: refused, each name said
        verify_text(d, text)
    lines = refused(err.value)
    said = "\n".join(lines)
    # line 2 is refused at a_{q\theta} (w_{\zeta\kappa} reads input-by-output, as line 1's sum says)
    assert "v_{\\iota\\zeta}" in said and "a_{q\\theta}" in said, said
    assert "network's names" in said, said  # no letter said back inside a word
    assert not bad(lines, text), bad(lines, text)
    assert raw_name("v_iotazeta") == "v_ιζ" and raw_name("w_thetai") == "w_θi"
    assert shown("w_thetai") == "w_{\\theta i}" and shown("w_pi") == "w_{\\pi}"
    assert shown("w_hpi") == "w_{hpi}"  # h, p, i: a two-letter Greek name only among Greek names


# ------------------------------------------------------------------ the CLI, bad input


def _cli(args: list[str], capsys) -> tuple[int, list[str]]:
    code = main(args)
    out = capsys.readouterr()
    lines = out.err.splitlines() + out.out.splitlines()
    if "--json" in args:
        lines += json_messages(json.loads(out.out))
    return code, lines


def test_cli_unknown_point_name_lists_display_names(tmp_path, capsys):
    tex = tmp_path / "m.tex"
    tex.write_text((DIR / "melfm_numerical_example.tex").read_text(encoding="utf-8"), encoding="utf-8")
    point = tmp_path / "p.toml"
    point.write_text('"w_5" = 0.4\n', encoding="utf-8")
    for json_flag in ([], ["--json"]):
        # melfm's w5 is bound now (numbering.py): the point is read, and every line said
        code, lines = _cli(["verify", str(tex), "--net", "2-2-2", "--at", str(point), *json_flag], capsys)
        assert code in (1, 4), lines
        if not json_flag:  # JSON's sympy, param and witness keys are machine data, in code names
            assert not bad(lines), bad(lines)


def test_cli_unknown_names_list_the_delta_names(tmp_path, capsys):
    tex = tmp_path / "q.tex"
    tex.write_text("$$\\frac{\\partial L}{\\partial q} = r \\cdot x_1$$\n", encoding="utf-8")
    code, lines = _cli(["verify", str(tex), "--net", "2-2-2"], capsys)
    said = "\n".join(lines)
    assert code == 2 and "unknown name q" in said, said
    assert "\\delta^{(2)}_{1}" in said and "W^{(2)}_{21}" in said, said
    assert not bad(lines), bad(lines)


def test_cli_alias_to_nothing_and_out_of_range(tmp_path, capsys):
    cases = {
        "alias.tex": "% symprop: alias q = W_{7,11}\n$$\\frac{\\partial L}{\\partial q} = x_1$$\n",
        "range.tex": "$$\\frac{\\partial L}{\\partial W^{(2)}_{31}} = \\delta^{(2)}_{3} a^{(1)}_{1}$$\n",
        "codes.txt": "dL/dW3_1_1 = delta3_1 * a2_1\n",
        "zero.tex": "$$\\frac{\\partial L}{\\partial (a^{(2)}_{1} - y_1)^2} = 1$$\n",
        "wrong_net.txt": "".join(
            f"dL/dW1_{i}_{j} = x_{j} * delta1_{i}\n" for i in range(1, 5) for j in range(1, 4)
        ),
    }
    for file, text in cases.items():
        path = tmp_path / file
        path.write_text(text, encoding="utf-8")
        for json_flag in ([], ["--json"]):
            code, lines = _cli(["verify", str(path), "--net", "2-2-2", *json_flag], capsys)
            assert code == 2, (file, lines)
            assert not bad(lines), (file, bad(lines))


def test_a_weight_joining_no_units_is_said_by_its_written_name():
    """Bishop's letters (i input, j hidden, k output) with w_{jk}: read into j from k, it joins no
    two consecutive layers (a 0, once printed '∂L/∂0: 0 is not a quantity of the network'). The
    reason names the written weight and the option that reads it the other way."""
    d = derive(network("2-3-2", "tanh"))
    text = "$$z_j = h(a_j)$$\n$$\\frac{\\partial E}{\\partial w_{jk}} = \\delta_k z_j$$\n"
    report = verify_text(d, text)
    (u,) = report.unchecked
    assert u.line == 2 and u.reason.startswith("w_{jk} names nothing in the network"), u.reason
    assert "join no two consecutive layers" in u.reason and "∂0" not in u.reason, u.reason
    assert "--weights input-by-output" in u.fix and "w_{jk} is the weight from unit j to unit k" in u.fix
    lines = render_text(report).splitlines() + json_messages(json.loads(to_json(report)))
    assert not bad(lines), bad(lines)
    report = verify_text(d, text, conventions={"weights": "input-by-output"})
    assert not report.unchecked and report.ok


def test_the_names_a_message_lists_can_be_typed_back():
    """A fix lists the network's names in display form: an alias value and an --at name written
    so are read as those names."""
    d = derive(network("1-1-1"))
    tex = (
        "% symprop: alias q = W^{(1)}_{11}\n% symprop: alias r = \\delta^{(1)}_{1}\n"
        "$$\\frac{\\partial L}{\\partial q} = r \\cdot x_1$$\n"
    )
    assert verify_text(d, tex).ok
    shown = ["W^{(1)}_{11}", "b^{(1)}_{1}", "W^{(2)}_{11}", "b^{(2)}_{1}", "x_{1}", "y"]
    point = {_tex(k, 0): v for k, v in zip(shown, [0.5, 0.1, -0.3, 0.2, 1.0, 0.0])}
    text = (
        "$$\\frac{\\partial L}{\\partial b^{(2)}_{1}} = "
        "(a^{(2)}_{1} - y) a^{(2)}_{1} (1 - a^{(2)}_{1}) = 0.1$$\n"
    )
    report = verify_text(d, text, point=point)
    assert not report.unchecked and len(report.numbers) == 1, report.unchecked
