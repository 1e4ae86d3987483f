"""Textbook update lines read as the weight after one update (symbolic/latex/update_marks.py):
Zurada's primed weight w'_{kj} = w_{kj} + η δ_{ok} y_j and Fausett's w_{jk}(new) = w_{jk}(old) + Δw_{jk}
are w^{+} = w + ...; a prime on a name that is not such an update stays refused, and a derivative's
prime keeps its meaning."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "published"))

from corpus import note, run  # noqa: E402
from verdict_lines import last_by_line, verify_displays  # noqa: E402

GRAD = r"\frac{\partial E}{\partial w}"


def _reasons(report) -> dict[int, str]:
    return {u.line: u.reason for u in report.unchecked}


def test_a_primed_weight_on_the_left_of_an_update_is_the_weight_after_one_step():
    r = verify_displays("1-1", [rf"w' = w - \eta {GRAD}", rf"w' = w + \eta {GRAD}"])
    said = last_by_line(r)
    assert said[1] == "correct"
    assert said[2] == "wrong"  # the step climbs the error: judged, not refused


def test_the_call_form_new_and_old_is_read_like_the_superscripts():
    r = verify_displays(
        "1-1",
        [
            rf"w(\text{{new}}) = w(\text{{old}}) - \eta {GRAD}",
            rf"w^{{new}} = w^{{old}} - \eta {GRAD}",
            rf"w(\text{{new}}) = w(\text{{old}}) - 2 \eta {GRAD}",
        ],
    )
    assert last_by_line(r) == {1: "correct", 2: "correct", 3: "wrong"}


def test_a_prime_on_a_name_with_no_update_after_it_stays_refused():
    r = verify_displays(
        "1-1",
        [
            r"w' = w - w^2",  # no learning rate, no Δ: not a step
            rf"w' = v - \eta {GRAD}",  # another name on the right
            r"\sigma'(z) = \sigma(z)(1 - \sigma(z))",  # a derivative's prime keeps its meaning
        ],
    )
    said, why = last_by_line(r), _reasons(r)
    assert said[1] == "not checked" and "prime on the name w" in why[1]
    assert said[2] == "not checked" and "prime on the name w" in why[2]
    assert said[3] == "correct"


def test_zurada_updated_output_weight_is_judged():
    meta = note("zurada_ebp")
    out = run("zurada_ebp", meta=meta)
    lines = [int(k) for k in meta["expected"]]
    assert out.said[lines.index(14)] == "correct"  # w'_{kj} = w_{kj} + η (d_k - o_k) f'_k(net_k) y_j


def test_zurada_updated_weight_with_its_step_negated_is_wrong():
    meta = note("zurada_ebp")
    text = (Path(__file__).resolve().parent / "published" / "zurada_ebp.tex").read_text()
    old = r"w'_{kj} = w_{kj} + \eta"
    assert old in text
    out = run("zurada_ebp", text=text.replace(old, r"w'_{kj} = w_{kj} - \eta"), meta=meta)
    lines = [int(k) for k in meta["expected"]]
    assert out.said[lines.index(14)] == "wrong"


def test_the_prime_after_the_subscript_marks_the_update_too():
    from symbolic.latex.document import _source
    from symbolic.latex.tokens import tokenize
    from symbolic.latex.update_marks import rewrite

    def texts(t: str, rewritten: bool = True) -> list[str]:
        toks = tokenize(_source(t), 0, len(t))
        return [x.text for x in (rewrite(toks) if rewritten else toks)]

    want = texts(r"w_{kj}^{+} = w_{kj} + \eta d_k y_j", rewritten=False)
    assert texts(r"w_{kj}' = w_{kj} + \eta d_k y_j") == want
    assert texts(r"w'_{kj} = w_{kj} + \eta d_k y_j") == want
    assert texts(r"w'_{kj} = w_{jk} + \eta d_k y_j")[1] == "'"  # another weight on the right: unread


def test_an_update_written_with_minus_delta_w_sets_the_direction_of_the_delta_w_line():
    # Δw = η ∂E/∂w with w^{new} = w^{old} - Δw is descent: the Δw line was called sign wrong
    for new, old in (("w^{new}", "w^{old}"), ("w'", "w"), (r"w(\text{new})", r"w(\text{old})")):
        r = verify_displays("1-1", [rf"\Delta w = \eta {GRAD}", rf"{new} = {old} - \Delta w"])
        assert last_by_line(r)[1] == "correct", new
        assert last_by_line(r)[2] == "correct", new  # it sets the direction; Δw read as its line defines it
    r = verify_displays("1-1", [rf"\Delta w = \eta {GRAD}", r"w^{new} = w^{old} + \Delta w"])
    assert last_by_line(r)[1] == "wrong"  # w + Δw: the Δw line climbs


def test_delta_w_added_on_one_line_and_taken_away_on_another_is_not_judged():
    r = verify_displays(
        "1-1",
        [
            rf"\Delta w = -\eta {GRAD}",
            r"w' = w + \Delta w",
            r"w(\text{new}) = w(\text{old}) - \Delta w",
            rf"w^{{+}} = w - \eta {GRAD}",
        ],
    )
    said = last_by_line(r)
    assert said[4] == "correct" and said[1] == said[2] == said[3] == "not checked"
