r"""A layer rule for the hidden layers, written with a generic l: `a^{(l)} = \operatorname{ReLU}(z^{(l)})`
in a network whose output layer has another activation (linear, softmax, sigmoid).

Notes define the hidden layers' activation with l ("for hidden layers l = 1, ..., N") and the
output's apart (\hat{y} = z^{(N+1)}). symprop reads the range of l from the formulas, not from
the prose, so it checks the rule at every layer it names, the output layer too, where the
network's activation is another: a false 'wrong' on a right line. When the statement's instances
are right at every hidden layer and wrong at the output layer only, and the network's output
activation differs from its hidden one, the output instance is said not checked (the hidden
layers' rule, read at the output), never wrong. A rule wrong at a hidden layer stays wrong.
Pure: the folded verdicts in, verdicts and reasons out.
"""

from __future__ import annotations

from dataclasses import replace

from .ditto import Unchecked
from .layer_counting import layer_number
from .matrix_groups import layer_letter

REASON = (
    "for {label}: the hidden layers' rule, and layer {k} is the output layer, whose activation is "
    "{out} in this network, not {hidden}: not checked there"
)
FIX = "write the output layer's own definition (\\hat{y} = a^{(L)} = ...) apart from the hidden layers' rule"
_ACTIVATIONS = {"a", "h"}
REMARK = "for the hidden layers: the output layer's own definition is line {line}"


def own_output(groups, verdicts: list, top: int) -> int | None:
    """The line of a statement that writes the output layer's activation apart (\\hat y = a^{(L)} =
    z^{(L)}: a^{(L)} or a^{(3)} as a whole side), every verdict on it correct; else None."""
    for g in groups:
        st = g.statement
        whole = [st.lhs, *(side.node for side in st.sides)]
        if not any(
            n.kind == "name"
            and n.args[0] in _ACTIVATIONS
            and n.args[1]
            and not n.args[2]
            and not layer_letter(n.args[1])
            and layer_number(n.args[1].removeprefix("["), {}, top) == top
            for n in whole
        ):
            continue
        mine = [v for v in verdicts if (v.line, v.col) == (st.line, st.col)]
        if mine and all(v.status == "correct" for v in mine):
            return st.line
    return None


def set_apart(net, lay, groups, verdicts: list, unchecked: list) -> tuple[list, list]:
    """`verdicts` with a hidden-layer rule's wrong instance at the output layer moved to
    `unchecked` (see the module's docstring)."""
    acts = [a.name for a in net.d.spec.activations]
    if lay is None or len(acts) < 2 or acts[-1] == acts[0] or len(set(acts[:-1])) != 1:
        return verdicts, unchecked
    top = lay.depth + lay.off
    places: dict[tuple, list] = {}
    for g in groups:
        lhs = g.statement.lhs
        if lhs.kind != "name" or lhs.args[0] not in _ACTIVATIONS or not layer_letter(lhs.args[1]):
            continue
        k = layer_number(lhs.args[1].removeprefix("["), g.env, top)
        places.setdefault((g.statement.line, g.statement.col), []).append((g.label, k))
    moved: list[Unchecked] = []
    kept, dropped = [], set()
    apart = own_output(groups, verdicts, top)
    for v in verdicts:
        instances = places.get((v.line, v.col))
        if not instances or v.status != "wrong":
            kept.append(v)
            continue
        layer = dict(instances).get(v.instance)
        others = [x for x in verdicts if (x.line, x.col) == (v.line, v.col) and x is not v]
        if layer == top and others and all(x.status == "correct" for x in others) and apart is not None:
            dropped.add((v.line, v.col))
        elif layer == top and others and all(x.status == "correct" for x in others):
            why = REASON.format(label=v.instance, k=layer, out=acts[-1], hidden=acts[0])
            moved.append(Unchecked(v.line, v.col, why, FIX))
        else:
            kept.append(v)
    if dropped:
        said = REMARK.format(line=apart)
        kept = [replace(v, remark=v.remark or said) if (v.line, v.col) in dropped else v for v in kept]
    return kept, sorted([*unchecked, *moved], key=lambda u: (u.line, u.col))
