"""No internal spelling in any message of the verifier (issue #12).

Internally the network's symbols have code names (W1_2_1, b1_2, a2_1, z1_1, delta2_1) and the
reader spells the document's names its own way (W_2,31, w_kj@l+1); SymPy prints `**`,
`Partial(...)`, `Symbol(...)`. A message shows a name as the document writes it, else in the
network's display form (W^{(1)}_{21}, \\delta^{(2)}_{1}, W⁽¹⁾₂₁), and says a hint once.

The sweep runs the published corpus through `verify_text` (with its aliases, bare, strict bare:
the network alone, with and without the point; a deterministic sample of each, and of the planted
variants, to stay fast), renders each report as text and JSON, and checks every line; then the
CLI's errors for bad input (an unknown --at name, an alias to nothing, an index out of range).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from codegen.cli import main
from codegen.verdict import render_text
from codegen.verdict_json import to_json
from symbolic.backprop import derive
from symbolic.errors import SympropError
from symbolic.spec import network
from symbolic.verify import verify_text
from symbolic.verify.read import _tex

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import DIR, NAMES, bare, derivation, network_only, note, planted_text, text_of  # noqa: E402

INTERNAL = [
    re.compile(r"\b(?:W|b|a|z|delta)\d+_\d+(?:_\d+)?\b"),  # code names W1_2_1, a2_1, delta2_1
    re.compile(r"\bdelta\d"),
    re.compile(r"(?<![{_\\\w])[xy]\d\b"),  # code names of inputs and targets (x1, y2), not out_{y2}
    re.compile(r"[A-Za-z]_\d+,\d"),  # the reader's layer-comma spelling W_2,31
    re.compile(r"\w@[\w(]"),  # the reader's layered spelling w_kj@l+1
    re.compile(r"\*\*"),
    re.compile(r"\b(?:Partial|Derivative|Symbol|Summation|Indicator|Dummy|Function)\("),
    re.compile(r"\w_prime\b"),
]
# JSON keys whose values (or keys) are data in SymPy's spelling, not messages
DATA = {"sympy", "param", "values", "point", "pattern", "branches", "missing_paths"}


def offences(message: str, source: str = "") -> list[str]:
    """What is wrong with one message: internal spellings in it (but the document's own: a worked
    example's `y1 = 1.094` quoted as written), a hint said twice."""
    out = [
        m.group(0)
        for p in INTERNAL
        for m in p.finditer(message)
        if not re.search(rf"(?<!\w){re.escape(m.group(0))}(?!\w)", source)
    ]
    # the same hint twice in a row: "(layer 2 has 2 units) (layer 2 has 2 units)"
    out += [f"said twice: {m.group(1)}" for m in re.finditer(r"(\([^()]{4,}\))\s*\1", message)]
    return out


def json_messages(doc, key: str = "") -> list[str]:
    if key in DATA:
        return []
    if isinstance(doc, dict):
        return [m for k, v in doc.items() for m in json_messages(v, k)]
    if isinstance(doc, list):
        return [m for v in doc for m in json_messages(v, key)]
    return [doc] if isinstance(doc, str) else []


def messages(name: str, meta: dict, text: str | None = None, point: bool = True) -> list[str]:
    """Every line the verifier says about one corpus document: the text verdict, the JSON's
    message fields, or the error's problems and fix."""
    text = text if text is not None else text_of(name, meta)
    opts = meta["network"]
    d = derivation(meta)
    at = {_tex(k, 0): v for k, v in meta["point"].items()} if point and "point" in meta else None
    conventions = {k: opts[k] for k in ("weights", "targets", "delta") if k in opts}
    try:
        report = verify_text(d, text, point=at, conventions=conventions)
    except SympropError as err:
        said = [*getattr(err, "problems", [err.problem]), err.fix]
        return said + [f"{u.reason}; {u.fix}" for u in getattr(err, "unchecked", [])]
    return render_text(report, name).splitlines() + json_messages(json.loads(to_json(report, name)))


def _runs() -> list[tuple[str, str, int]]:
    """(file, variant, planted index): each file in one of the four ways it is run, in turn,
    and every eighth planted variant; all deterministic (the whole sweep takes minutes)."""
    kinds = ["strict-noat", "strict", "bare", "aliased"]
    out = [(name, kinds[k % 4], -1) for k, name in enumerate(NAMES)]
    n = 0
    for name in NAMES:
        for i, _ in enumerate(note(name).get("planted", [])):
            if n % 8 == 1:
                out.append((name, "planted", i))
            n += 1
    return out


@pytest.mark.parametrize(("name", "kind", "plant"), _runs(), ids=lambda x: str(x))
def test_corpus_messages_use_display_names(name, kind, plant):
    meta = note(name)
    run = {"planted": meta, "aliased": meta, "bare": bare(meta)}.get(kind) or network_only(meta)
    text = planted_text(name, meta, meta["planted"][plant]) if kind == "planted" else text_of(name, run)
    said = messages(name, run, text, point=kind != "strict-noat")
    bad = {m: offences(m, text) for m in said if offences(m, text)}
    assert not bad, "\n".join(f"{o}  <-  {m[:300]}" for m, o in bad.items())


def test_the_sweep_covers_every_way_of_running(tmp_path):
    kinds = {kind for _, kind, _ in _runs()}
    assert kinds == {"strict-noat", "strict", "bare", "aliased", "planted"}
    assert {name for name, _, _ in _runs()} == set(NAMES)


def test_offences_are_found():
    """The checks themselves: each internal spelling and a repeated hint is caught."""
    for said in (
        "the point (--at) lacks W1_2_1, W1_2_2",
        "∂(a2_1 - y)**2/∂0: 0 is not a quantity of the network",
        "a derivative Partial(E, z) inside",
        "unknown name W_2,31",
        "use the network's names (L, delta1_1)",
        "unknown names e^{(2)}_{1}, e^{(2)}_{2} (layer 2 has 2 units) (layer 2 has 2 units)",
        "for w = W1_1_1: ...",
        "unknown name w_kj@l+1",
    ):
        assert offences(said), said
    assert not offences("unknown name W2_{11}; use the network's names (L, W^{(1)}_{11}, x_{1})")


# ------------------------------------------------------------------ the CLI, bad input


def _cli(args: list[str], capsys) -> tuple[int, list[str]]:
    code = main(args)
    out = capsys.readouterr()
    lines = out.err.splitlines() + out.out.splitlines()
    if "--json" in args:
        lines += json_messages(json.loads(out.out))
    return code, lines


def _bad(lines: list[str]) -> dict:
    return {m: offences(m) for m in lines if offences(m)}


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
            assert not _bad(lines), _bad(lines)


def test_cli_unknown_names_list_the_delta_names(tmp_path, capsys):
    tex = tmp_path / "q.tex"
    tex.write_text("$$\\frac{\\partial L}{\\partial q} = r \\cdot x_1$$\n", encoding="utf-8")
    code, lines = _cli(["verify", str(tex), "--net", "2-2-2"], capsys)
    said = "\n".join(lines)
    assert code == 2 and "unknown name q" in said, said
    assert "\\delta^{(2)}_{1}" in said and "W^{(2)}_{21}" in said, said
    assert not _bad(lines), _bad(lines)


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
            assert not _bad(lines), (file, _bad(lines))


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
    said = render_text(report).splitlines() + json_messages(json.loads(to_json(report)))
    assert not _bad(said), _bad(said)
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
