"""The verifier's verdict as terminal text (one line per statement); the JSON form is
codegen/verdict_json.py (`to_json`)."""

from __future__ import annotations

import dataclasses
import re

import mpmath
import sympy as sp

from symbolic.latex import Partial
from symbolic.verify import output_letters
from symbolic.verify.hints import shown

from .verdict_names import VerdictPrinter, printers


def _num(x, digits: int = 6) -> str:
    return mpmath.nstr(x, digits).replace("-", "−")


# ------------------------------------------------------------------------------------ text


HOW = {
    "unit name": "by its name,",
    "definition": "defined on",
    "derivative": "from the derivative on",
    "target": "the target, by its letter,",
    "letters": "by its letter's layer, from",
    "numbering": "the weights numbered row by row, layer by layer, as bound by",
    "numbering by columns": "the weights numbered column by column, layer by layer, as bound by",
    "layer bias": "one bias per layer, by its index, on",
    "sibling": "numbered like its letter's other units, on",
    "label": "the activation or net input of a unit the document names, on",
    "chain": "a step of the chain rule written on",
    "error name": "the loss's derivative by a net input, as named on",
    "layer names": "a letter per layer, read off the definition on",
    "global numbering": "by its units' numbers through the network, on",
    "per-output error": "one output's term of the loss, as summed into it on",
    "code name": "by its role in the forward sum or the loss on",
    "one unit": "a one-unit network has only one, first written on",
    "lowercase twin": "the weight written in lowercase (capital_twins.py), first on",
    "second name": "a second name between a name and its formula, on",
    "running count": "the units counted through the network, layer after layer, defined on",
}


CONVENTIONS = {
    "orientation": "w_{{ij}} from unit i to unit j (input-by-output, as line {line} defines a net input)",
    "weight change": "w_{{ij}} from unit i to unit j (input-by-output: line {line} changes it by j's δ)",
    "rows": "vectors as rows and W input-by-output, x W (as line {line} orders its factors)",
    "orientation, most lines": "w_{{ij}} read {name}, as most lines read it (line {line}, the one line that "
    "says the other way, is read as a slip)",
    "target letter": "{name} the target and y the output (line {line})",
    "target letter o": "{name} the target and o the output (line {line})",
    "target accent": "{name} the target (line {line}'s loss compares it with the output)",
    "subscript layers": "subscripts name layers, not units (line {line} writes {name})",
    "layer offsets": "subscripts name layers, each letter counted its own way: {name} (line {line})",
    "no biases": "read as a network without biases, every bias 0 (line {line} defines a layer without one)",
}


def _inferred(s, net) -> str:
    if s.how == "convention":  # y defined, t written: --targets t
        return f"{shown(s.name)} the output and t the target (line {s.line} defines {shown(s.name)})"
    if s.how == "no biases" and not s.line:  # --no-bias (verify/no_bias.py)
        return "read as a network without biases, every bias 0 (as given)"
    if s.how == "output letters":  # p_k, o_i of a softmax's derivative (verify/output_letters.py)
        value, what = output_letters.said(s.value)
        return f"{shown(s.name)} = {value} (the output's {what}, by its use on line {s.line})"
    if s.how in CONVENTIONS:  # read off the document's definitions (verify/said_conventions.py)
        return CONVENTIONS[s.how].format(name=s.name, line=s.line)
    return f"{shown(s.name)} = {net.doprint(s.value)} ({HOW[s.how]} line {s.line})"


def render_text(report, path: str = "") -> str:
    d = report.derivation
    net, _ = printers(d)
    lines = [f"symprop verify {path}: {d.spec.describe()}".replace(" :", ":")]
    inferred = getattr(report, "inferred", [])
    if inferred:  # what the document's own names were read as (symbolic/verify/binding.py)
        lines.append("names from the document: " + ", ".join(_inferred(s, net) for s in inferred))
    width = max((len(_where(v)) for v in report.verdicts), default=5)
    numbers = getattr(report, "numbers", [])
    rows = sorted(
        [(v.line, v.col, v) for v in report.verdicts]
        + [(u.line, u.col, u) for u in report.unchecked]
        + [(n.claim.line, n.claim.col, n) for n in numbers]
        + [(g.line, g.col, g) for g in getattr(report, "given", [])],
        key=lambda r: r[:2],
    )
    for *_, v in rows:
        if hasattr(v, "claim"):
            lines.append(_number_line(v, width, net))
            continue
        if hasattr(v, "symbol"):
            lines.append(
                f"· line {v.line}:{v.col}  given: {net.doprint(v.symbol)} = "
                f"{float(v.value):g} (the point its numbers are checked at)"
            )
            continue
        if not hasattr(v, "status"):
            lines.append(
                f"- line {v.line}:{v.col}  not checked: {v.reason}"
                + (f" ({v.fix})" if v.fix and len(v.fix) <= 100 else "")
            )
            continue
        raw = _raw_printer(d, v)
        lines.append(_line(v, net, raw, width))
        for fault, witness in v.also:
            also = dataclasses.replace(v, fault=fault, witness=witness)
            lines.append(
                " " * (width + 4)
                + "also "
                + describe_fault(also, net, raw, every=True)
                + "; "
                + witness_text(also, net)
            )
        for note in v.notes:
            lines.append(" " * (width + 4) + "note: " + _note(note, net, raw))
    counts = _counts(report)
    summary = f"{len(report.verdicts)} statements: {counts['correct']} correct, {counts['wrong']} wrong"
    if counts["not_proved"]:
        summary += f", {counts['not_proved']} not proved"
    if numbers:
        right = sum(n.correct for n in numbers)
        said = f"{len(numbers)} numbers: {right} correct, {len(numbers) - right} wrong"
        summary = said if not report.verdicts else f"{summary}; {said}"  # answers only: numbers only
    if report.unchecked:
        summary += f"; {len(report.unchecked)} NOT CHECKED (not all statements were read)"
    lines.append(summary)
    legend = _legend(report, net)
    if legend:
        lines.append(legend)
    return "\n".join(lines) + "\n"


def _number_line(n, width: int, net) -> str:
    """A numeric claim judged at the given point: a wrong number of a chain-rule product is named
    with the factor it stands for; a wrong value says what it should be."""
    c = n.claim
    where = f"{c.line}:{c.col}"
    head = f"{'✓' if n.correct else '✗'} {where:<{width}}  {c.what} = {c.text}"
    if n.correct:
        return f"{head}  correct at the given point (true {n.true:.10g})"
    if n.faults:
        said = "; ".join(
            f"factor {f.position} ({net.partial(f.part.num, f.part.den)}): wrote {f.written:.10g}, "
            f"should be {f.true:.10g}"
            for f in n.faults
        )
        return f"{head}  wrong at the given point: {said} (the product should be {n.true:.10g})"
    return f"{head}  wrong at the given point: {n.value:.10g}, should be {n.true:.10g}"


def _legend(report, net) -> str:
    """What the output symbols stand for, when a wrong verdict mentions one."""
    d = report.derivation
    used = set()
    for v in report.verdicts:
        if not v.correct and v.fault is not None:
            for e in (v.fault.expected, v.fault.read_as):
                if e is not None:
                    used |= e.free_symbols
    defs = [eq for eq in d.of_kind("forward") if eq.lhs in d.outputs and eq.lhs in used]
    return (
        "where " + ", ".join(f"{net.doprint(eq.lhs)} = {net.doprint(eq.rhs)}" for eq in defs) if defs else ""
    )


def _where(v) -> str:
    return f"{v.line}:{v.col}" if v.line else "-"


def _raw_printer(d, v) -> VerdictPrinter:
    syms = set(v.delta.free_symbols) if getattr(v, "delta", None) is not None else set()
    for x in (v.written.num, v.written.den):
        syms |= x.free_symbols
    if v.fault is not None and v.fault.wrote is not None:
        ws = v.fault.wrote if isinstance(v.fault.wrote, tuple) else (v.fault.wrote,)
        for w in ws:
            syms |= (w.num.free_symbols | w.den.free_symbols) if isinstance(w, Partial) else w.free_symbols
    for n in v.notes:
        for p in (n.before, n.after):
            if p is not None:
                syms |= p.num.free_symbols | p.den.free_symbols
    return printers(d, syms)[1]


def _label(v, net, raw) -> str:
    if getattr(v, "label", ""):  # a matrix statement: its left side as written
        return v.label
    if v.kind == "definition":
        name, written = net.doprint(v.num), raw.doprint(v.delta)
        if written.endswith("⁺"):
            return f"{name} after one update (written {written})"
        return f"{name}{'' if written == name else f' (written {written})'}, as defined"
    label = net.partial(v.num, v.den)
    written = raw.partial(v.written.num, v.written.den)
    same = v.written.num == v.num and v.written.den == v.den  # already the network's symbols
    if v.kind == "local" and written != label and not same:
        label += f" (written {written})"
    if getattr(v, "delta", None) is not None:
        label = f"{re.sub(r'^delta', 'δ', raw.doprint(v.delta))} = {label}"
    return label


def _counts(report) -> dict:
    kinds = [v.status for v in report.verdicts]
    return {
        "correct": kinds.count("correct"),
        "wrong": kinds.count("wrong"),
        "not_proved": kinds.count("not proved"),
    }


MARK = {"correct": "✓", "wrong": "✗", "not proved": "?"}


def _line(v, net, raw, width: int) -> str:
    each = f"for {v.instance}: " if getattr(v, "instance", "") else ""
    head = f"{MARK[v.status]} {_where(v):<{width}}  {each}{_label(v, net, raw)}"
    sides = f", {v.sides} sides" if v.sides > 1 else ""
    said = f"; {v.remark}" if getattr(v, "remark", "") else ""  # s is σ; at b = 1, as O fixes
    if v.status == "correct":
        return f"{head}  correct ({evidence_text(v, net)}{sides}){said}"
    if v.status == "not proved":
        return f"{head}  not proved ({evidence_text(v, net)}{sides}){said}"
    if v.witness is None:  # shapes that do not fit: no point to show
        return f"{head}  {describe_fault(v, net, raw)}{said}"
    return f"{head}  {describe_fault(v, net, raw)}; {witness_text(v, net)}{said}"


def evidence_text(v, net) -> str:
    """How a statement without a difference was judged: proof, telling points, or neither."""
    e = v.evidence
    if v.exact:
        return "exact"
    if e is None:
        return "equal at every test point; not proved exactly"
    branches = (
        f"; {len(e.units)} unit{'s' if len(e.units) != 1 else ''} each on and off"
        if e.units and e.branches_exercised
        else ""
    )
    if v.status == "correct":
        return f"equal at {e.discriminating} discriminating points{branches}; not proved exactly"
    why = []
    if not e.discriminating:
        why.append("the true value is 0 or one constant at all of them")
    if e.units and not e.understood:
        why.append("a piecewise formula's branches are not known")
    elif e.units and not e.branches_exercised:
        stuck = [
            f"{net.doprint(u)} is never {'on' if not a else 'off'}"
            for u, a, b in zip(e.units, e.on, e.off)
            if not (a and b)
        ]
        why.append(", ".join(stuck[:3]) + (f" (and {len(stuck) - 3} more)" if len(stuck) > 3 else ""))
    return f"equal at {e.points} points, but {' and '.join(why)}; no exact proof"


def show(p, expr) -> str:
    """An expression as a sheet writes it: common factors pulled out (2·(out − y), not 2·out − 2·y)."""
    return p.doprint(sp.factor_terms(expr))


def _written(w, raw) -> str:
    if isinstance(w, tuple):
        return "·".join(_written(x, raw) for x in w)
    return "[" + (raw.partial(w.num, w.den) if isinstance(w, Partial) else raw.doprint(w)) + "]"


def _wrote(f, net, raw) -> str:
    w = f.wrote
    text = _written(w, raw)
    if (
        f.read_as is None
        or isinstance(w, Partial)
        or (isinstance(w, tuple) and any(isinstance(x, Partial) for x in w))
    ):
        return text
    read = show(net, f.read_as)
    return text + (f" (read as {read})" if f"[{read}]" != text else "")


def describe_fault(v, net, raw, every: bool = False) -> str:
    f = v.fault
    side = f" in right-hand side {f.side}" if v.sides > 1 and (every or f.side != v.sides) else ""
    if getattr(f, "text", ""):  # a matrix statement's fault, said in words (verify/matrix_faults)
        return f.text + side
    if f.kind == "ratio":
        simple = f.ratio is not None and sp.count_ops(f.ratio) <= MAX_RATIO_OPS
        ratio = net.doprint(f.ratio) if simple else "not simple"
        return f"the product does not align with the chain rule{side}: written/true = {ratio}"
    if f.kind == "paths":  # a shared bias: its gradient sums a path through every unit it feeds
        units = ", ".join(net.doprint(z) for z in f.missing_paths)
        many = "s" if len(f.missing_paths) > 1 else ""
        return (
            f"the sum over units is incomplete{side}: {net.doprint(v.den)} is shared by every unit "
            f"of its layer, so ∂L/∂{net.doprint(v.den)} sums a chain-rule path through each; "
            f"missing the path{many} through {units}"
            + (f" (+ {show(net, f.expected)})" if f.expected is not None else "")
        )
    single = (
        v.kind == "definition"
        and not getattr(f, "step", False)
        or v.kind == "local"
        and f.partial == (v.num, v.den)
        or bool(f.partial)
        and f.partial[1] == 1  # a value defined entry by entry, no derivative
    )
    span = f"factors {f.position}–{f.position + f.span - 1}" if f.span > 1 else f"factor {f.position}"
    where = "" if single else f"{span}{' of the step' if getattr(f, 'step', False) else ''}{side}: "
    expected = ""
    if f.expected is not None:
        expected = f"[{show(net, f.expected)}]"
        if not single and f.partial:
            expected += f" = {net.partial(*f.partial)}"
    if f.kind == "wrong":
        text = f"{where}wrote {_wrote(f, net, raw)}, expected {expected}"
        if f.ratio is not None and f.read_as is not None and not _plain_ratio(f):
            text += f" (written/expected = {show(net, f.ratio)})"
    elif f.kind == "missing":
        text = f"{where}missing {expected}"
    else:
        text = f"{where}extra factor {_wrote(f, net, raw)}"
    if f.others:
        text += f" (and {f.others} more factor{'s' if f.others > 1 else ''} wrong)"
    return text


def _plain_ratio(f) -> bool:
    """True when the ratio says no more than 'written/expected' itself, or is long."""
    return f.ratio == f.read_as / f.expected or sp.count_ops(f.ratio) > 8


WITNESS_SHOWN = 12
MAX_RATIO_OPS = 40  # a longer ratio says less than "not simple" (the formulas are in --json)


def witness_text(v, net) -> str:
    w = v.witness
    items = list(w.values.items())
    values = ", ".join(f"{net.doprint(s)}={_num(x, 4)}" for s, x in items[:WITNESS_SHOWN])
    if len(items) > WITNESS_SHOWN:
        values += f", … ({len(items) - WITNESS_SHOWN} more in --json)"
    pattern = pattern_text(w.pattern, net)
    return f"{pattern}at {values}: hand {_num(w.hand)}, true {_num(w.true)}"


def _all(n: int) -> str:
    return "both" if n == 2 else f"all {n}"


def pattern_text(pattern, net) -> str:
    """The activation pattern of a witness: which units are off (or on), briefly."""
    if not pattern:
        return ""
    on = [u for u, s in pattern if s > 0]
    off = [u for u, s in pattern if s < 0]
    names = lambda us: ", ".join(net.doprint(u) for u in us[:WITNESS_SHOWN])  # noqa: E731
    if not off:
        text = f"{_all(len(on))} units on" if len(on) > 1 else f"{names(on)} on"
    elif not on:
        text = f"{_all(len(off))} units off" if len(off) > 1 else f"{names(off)} off"
    elif len(off) <= len(on):
        text = f"{names(off)} off, the other {len(on)} on"
    else:
        text = f"{names(on)} on, the other {len(off)} off"
    return f"with {text}, "


def _note(n, net, raw) -> str:
    if getattr(n, "text", ""):  # said in words (verify/signs.py: δ's sign)
        return n.text
    before = raw.partial(n.before.num, n.before.den) if n.before is not None else "the left side"
    after = raw.partial(n.after.num, n.after.den) if n.after is not None else "the left side"
    return (
        f"the written chain does not link: {before} is followed by {after} "
        f"({net.doprint(n.have)} ≠ {net.doprint(n.want)})"
    )
