"""Generic indices: a statement in j, k, l checked for every instance the network allows.

The reader marks layer superscripts in names (w^{l+1}_{kj} -> Symbol 'w_kj@l+1', a^{(2)}_1 ->
'a_1@2') and keeps sums unexpanded (\\sum_k body -> SUMMATION(body, k, excluded)). Here every free
index letter of the layered names is given each value, each \\sum is expanded over the values of
its index for which every name it indexes exists, and names become the network's
('W_1,2,1', 'a_2,1', 'x_1'); an input or target x_k, y_k beside them takes the same value
of k. An instance whose names do not all exist is not a statement of
this network and is dropped; a statement with no instance at all is left as written (its names
are then reported unknown).

Layers are counted from the input (Nielsen, Ng, UFLDL: a^{(1)} = x, the output is L or n_l)
when a layer is a letter or a value above the depth appears on a non-weight name, else from the
first weight layer (Bishop: w^{(1)}, w^{(2)}). A lowercase w^l counted from the input goes into
layer l (Nielsen); W^{(l)} and \\Theta^{(l)} come out of layer l (Ng, UFLDL), and so does
b^{(l)} in a document that writes them.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace

import sympy as sp

from ..latex import Statement
from ..latex.statements import INDICATOR, SUMMATION
from ..latex.vector_max import WHOLE
from . import sum_bounds
from .bare_sums import is_bare, unit_terms
from .conventions import indexed_target
from .ditto import Unchecked
from .dropped_instances import dropped, partly_absent
from .enumerated import distinct, unit_labels
from .extremes import extremum
from .hints import out_of_range, shown
from .index_letters import HAT, Letters
from .index_terms import Invalid, Terms
from .layer_counting import WEIGHTS, from_input, layer_number
from .letter_readings import READING
from .lone_bias import written_bias
from .notation import EXAMPLES, EXAMPLES_FIX, lone_unit, over_examples
from .roles import LAYER, NO_WEIGHT, Roles, layer_weights, role_bases, summed_activations
from .symbols import LAYERED, _all_symbols, _has_sum, _parts, _symbols
from .unit_bases import after_letters, defined_bases, other_way, output_only
from .weight_layers import layer_of

_NAME = LAYERED  # w_kj@l+1; ^+: the value after an update
_UNLAYERED = re.compile(r"([xyt]|y_hat|yhat|hat_y)_([a-z])")  # inputs, targets, \hat{y}: no layer


MAX_INSTANCES = 64  # judged per statement; the rest are reported not checked
MAX_TRIES = 20_000  # index combinations tried per statement


class Instantiator(Terms, Letters):
    def __init__(self, net, statements: list[Statement]):
        d = net.d
        self.names = net.names
        self.depth = d.spec.depth
        self.units = max(d.spec.sizes)
        self.sizes = d.spec.sizes
        self.shared_bias = d.spec.shared_bias
        self.bounds: dict = {}  # a statement's sums with numbers for bounds (sum_bounds.py)
        self.bound_slips: list[str | None] = []
        origin = net.names.conventions.bracket_origin  # a^{[1]} = x anywhere in the document
        self.off = 1 if origin or from_input(statements, self.depth) else 0
        bases = role_bases(statements)
        c = net.names.conventions
        self.roles = (
            Roles(
                *bases[:2],
                self.depth,
                bases[2],
                c.weights == "input-by-output",
                c.targets,
                top=bases[3],
                after=after_letters(statements, c.weights == "input-by-output"),
                defined=defined_bases(statements),
            )
            if bases
            else None
        )
        if self.roles is not None:
            self.roles.output_only = output_only(statements, self.roles.defined)
            self.roles.weights = layer_weights(statements, self.roles.pre)  # Zurada's v_{ji}
            weights = frozenset(self.roles.weights)
            self.roles.below = summed_activations(statements, self.roles.pre, self.roles.act, weights)
        if self.roles is not None:  # no t_k, d_k anywhere: y_k is the target, not the output
            names = {s.name for stmt in statements for s in _symbols(stmt)} | {
                s.name for stmt in statements for s in _all_symbols(stmt)
            }
            self.roles.y_target = (
                bases is not None
                and bases[1] != "y"
                and not any(re.fullmatch(r"[td]_[a-z0-9]+", n) for n in names)
            )
        self.notes: list[Unchecked] = []
        self.shift = 1 - c.first_unit  # 1: the document counts units from 0 (a_0 is unit 1)
        self.own_bias = False  # the statement adds a bias b_j of its own to its sums
        self.labels: dict[str, int] = {}  # unit label -> the one unit of it the statement names
        # W^{(l)}, \Theta^{(l)} come out of layer l, and so does b^{(l)} beside them (UFLDL)
        self.out_of = any(
            s.name.startswith(("W_", "W@", "Theta_", "Theta@")) for stmt in statements for s in _symbols(stmt)
        )
        self.direction = c.weight_layers  # W^l into layer l, or out of it, as the document shows

    def layer(self, text: str, env: dict) -> int:
        value = layer_number(text, env, self.depth + self.off)
        if value is None:
            raise Invalid(text)
        return value

    def code(self, s: sp.Symbol, env: dict) -> sp.Basic:
        m = _NAME.fullmatch(s.name)
        if not m:
            raise Invalid(s.name)
        base, sub, lay, updated = m.groups()
        base = "a" if base in ("h", "o") else base  # h^{(k)}_j, o^{(1)}_j: the activation (d2l, Rojas)
        exact = lay.startswith("=")  # @=n: the network's layer n itself (verify/letter_readings.py)
        if lay == "=none":  # a weight that joins no two consecutive layers as the reading reads it
            if any(c not in env for c in (sub or "") if c.isalpha()):
                raise Invalid(s.name)
            return sp.Integer(0)
        written = int(lay[1:]) if exact else self.layer(lay, env)
        idx = []
        for c in (sub or "").split(",") if "," in (sub or "") else (sub or ""):
            if c.isdigit():  # 0: the bias input x_0 = 1 (w_{j0}, \Theta_{i0}), unless units count from 0
                idx.append(int(c) + self.shift)
            elif c in env:
                idx.append(env[c] + self.shift)
            else:
                raise Invalid(s.name)
        if not sub:  # a^{(L)}, w^{(L)} of one-unit layers (3Blue1Brown's chain of single neurons)
            idx = lone_unit(
                base, written, self.sizes, self.off, self.out_of, self.shared_bias, self.direction
            )
        if base in WEIGHTS:
            n = written if exact else layer_of(base, written, self.off, self.direction)
            name = f"W_{n},{','.join(map(str, idx))}" if len(idx) == 2 and n >= 1 else None
        elif base == "b":  # b^{(l)} without a unit: one bias for the layer (--shared-bias)
            n = written if exact else layer_of(base, written, self.off, self.direction, self.out_of)
            one = f"b_{n}" if not idx else f"b_{n},{idx[0]}" if len(idx) == 1 else None
            name = one if n >= 1 else None
        else:
            n = written if exact else written - self.off
            if n == 0 and base == "a" and len(idx) == 1:
                name = f"x_{idx[0]}"
            else:
                name = f"{base}_{n},{idx[0]}" if len(idx) == 1 and n >= 1 else None
        if name is None or self.names.lookup(name) is None:
            kind = "W" if base in WEIGHTS else "unit"
            raise Invalid(s.name, out_of_range(kind, n, idx, list(self.sizes), shown(s.name)))
        return sp.Symbol(name + (updated or ""))

    def expr(self, e: sp.Basic, env: dict) -> sp.Basic:
        if isinstance(e, sp.Symbol) and e.name.endswith("^+") and "@" not in e.name:  # w_{ji}^{+}
            inner = self.expr(sp.Symbol(e.name[:-2]), env)
            return sp.Symbol(inner.name + "^+") if isinstance(inner, sp.Symbol) else e
        if isinstance(e, sp.Symbol):
            if "@" in e.name:
                return self.code(e, env)
            if self.roles is not None and self.roles.letters(e.name):
                name = self.roles.name(e.name, env)
                if name in ("0", "1"):
                    return sp.Integer(name)
                if name is not None and name.split("_")[0] in self.roles.defined:
                    return sp.Symbol(name)  # the document's own quantity, read by its definition
                if name is None or self.names.lookup(name) is None:
                    raise Invalid(e.name)
                return sp.Symbol(name)
            letter = self.names.generic_letter(e.name)
            if letter is not None and letter in env:  # p_k under the alias p_k = a_{2,k}
                name = f"{e.name.rsplit('_', 1)[0]}_{env[letter]}"  # \tilde{a}_i: a_tilde_1
                value = self.names.generic_alias(name)
                if value is None or any(self.names.lookup(v.name) is None for v in value.free_symbols):
                    raise Invalid(e.name)
                return sp.Symbol(name)
            if e.name in self.names.per_output and e.name[-1] in env:  # E_j: output j's error
                name = f"{e.name[:-1]}{env[e.name[-1]] + self.shift}"
                if self.names.lookup(name) is None:
                    raise Invalid(e.name)
                return sp.Symbol(name)
            m = _UNLAYERED.fullmatch(e.name) or indexed_target(e.name, self.names.conventions.targets)
            if m and m.group(2) in env:  # y_k beside a^{(3)}_k: the target of unit k
                name = f"{m.group(1)}_{env[m.group(2)] + self.shift}"
                if self.names.lookup(name) is None:
                    raise Invalid(e.name)
                return sp.Symbol(name)
            return e
        if getattr(e, "func", None) == INDICATOR:
            return self.indicator(e, env)
        if getattr(e, "func", None) == SUMMATION and is_bare(e.args[1]):  # \sum e^{z}: every output
            terms = unit_terms(e.args[0], self.depth, self.sizes[-1], self.names.conventions.targets)
            if not terms:
                raise Invalid("\\sum")
            return sp.Add(*[self.expr(t, env) for t in terms])
        if getattr(e, "func", None) == SUMMATION:
            body, var, skip = e.args[:3]
            zero = len(e.args) > 3  # \sum_{j=0}: written from the bias input (w_{0j} on o_0 = 1)
            if self.roles is not None and (lay := self.roles.summed(body, var.name)) is not None:
                return self.roles.within(var.name, lay, lambda: self.expr(e, env))  # Bishop's Σ_l w_{lj}
            indexed = [s for s in body.atoms(sp.Symbol) if "@" in s.name]
            roled = [
                s for s in body.atoms(sp.Symbol) if self.roles and var.name in self.roles.letters(s.name)
            ]
            unlayered = [
                s
                for s in body.atoms(sp.Symbol)
                if (
                    m := _UNLAYERED.fullmatch(s.name)
                    or indexed_target(s.name, self.names.conventions.targets)
                )
                and m.group(2) == var.name
                or self.names.generic_letter(s.name) == var.name
                or s.name in self.names.per_output
                and s.name.endswith(f"_{var.name}")
            ]
            if (
                not roled
                and not unlayered
                and not any(var.name in s.name.split("@")[0].partition("_")[2] for s in indexed)
            ):
                return self.prefixed_sum(body, var, env)
            terms, units = [], []
            # w_{j0}: the bias (a sum written from 0 holds it, whatever else the statement adds)
            start = 0 if zero or self.roles and not self.own_bias else 1 - self.shift
            for v in range(start, self.units + 1 - self.shift):
                if isinstance(skip, sp.Symbol) and env.get(skip.name) == v:
                    units.append(v)
                    continue
                try:
                    terms.append(self.expr(body, {**env, var.name: v}))
                    units.append(v)
                except Invalid:
                    continue
            if not terms:
                raise Invalid(f"\\sum_{{{var.name}}}")
            if var.name in self.bounds:  # \sum_{k=2}^{2}: numbers that may not be every unit
                self.bound_slips.append(
                    sum_bounds.slip(var.name, self.bounds[var.name], units, 1 - self.shift)
                )
            return sp.Add(*terms)
        if type(e).__name__ in WHOLE:  # \max(z^{[2]}), \max_k z_k: over the entries (extremes.py)
            return extremum(self, e, env, _NAME)
        if not e.args:
            return e
        return e.func(*[self.expr(a, env) for a in e.args])

    def instances(self, stmt: Statement) -> list[Statement]:
        batch = over_examples(
            [x for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)] for x in _parts(obj)]
        )
        if batch and batch not in self.names.per_output:
            self.notes.append(Unchecked(stmt.line, stmt.col, EXAMPLES.format(shown(batch)), EXAMPLES_FIX))
            return []
        self.labels = unit_labels(stmt)
        self.bounds, self.bound_slips = sum_bounds.written(stmt.source), []
        user = self.names.user.items()  # e aliased to a bias is read as Euler's e: its name is e
        biases = frozenset(getattr(k, "name", str(k).lower()) for k, v in user if str(v).startswith("b"))
        self.own_bias = written_bias(stmt, biases)  # z_j = Σ_i w_{ij} o_i + b_j: from 1 (lone_bias.py)
        generic = any(
            self.names.generic_letter(s.name) or HAT.fullmatch(s.name) or s.name in self.names.per_output
            for s in _all_symbols(stmt)
        )
        if not (_symbols(stmt) or _has_sum(stmt) or self.role_symbols(stmt) or stmt.condition or generic):
            return [stmt]
        letters = self.free(stmt)
        stmt = distinct(stmt, letters)  # e^{z_a} + e^{z_b} + e^{z_c}: a, b, c three units
        lone = {s.name for s in _all_symbols(stmt)} & {"y", "t"}
        if self.roles is not None and self.roles.any_layer and LAYER in letters and lone:
            # o_j beside the lone output y (or target t): j is the output unit (Wikipedia: "o_j = y")
            stmt = replace(stmt, condition=(*stmt.condition, (LAYER, 0, self.depth)))
        try:
            if stmt.condition:
                self.holds(stmt.condition, dict.fromkeys(letters, 1))
        except Invalid as err:
            self.notes.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"a condition ({err.args[0]}) on indices this statement does not range over",
                    "write the statement in layered names (\\delta^l_j) or one statement per unit",
                )
            )
            return []
        span = {
            c: range(1, (self.depth + self.off if c == "l" else self.depth) + 1)
            if c in ("l", LAYER)
            else range(1 - self.shift, self.units + 1 - self.shift)
            for c in letters
        }
        tries = math.prod(len(r) for r in span.values())
        if tries > MAX_TRIES:
            self.notes.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"a statement in {', '.join(letters)} with up to {tries} instances: not checked",
                    f"write it for one unit (j=1) or check a narrower --net (limit {MAX_TRIES})",
                )
            )
            return []
        out: list[Statement] = []
        left, missed, hint = 0, "", ""
        slips: list[tuple[dict, str, list[str], str]] = []  # dropped, not outside the net
        for values in itertools.product(*(span[c] for c in letters)):
            env = dict(zip(letters, values))
            if stmt.condition and not self.holds(stmt.condition, env):
                continue
            try:
                lhs = self.factor(stmt.lhs, env)
                sides = tuple(
                    replace(
                        p,
                        factors=tuple(self.factor(f, env) for f in p.factors),
                        parts=tuple(self.part(x, env) for x in p.parts),
                    )
                    for p in stmt.sides
                )
            except Invalid as err:
                missed = missed or err.args[0]
                hint = hint or (err.args[1] if len(err.args) > 1 else "")
                slip = partly_absent(self, stmt, env)
                if slip is not None:
                    slips.append((env, *slip, err.args[1] if len(err.args) > 1 else ""))
                continue
            if len(out) >= MAX_INSTANCES:
                left += 1
                continue
            label = ", ".join(f"{c}={v}" for c, v in env.items())
            label = f"{stmt.instance}; {label}" if stmt.instance.startswith(READING) else label
            out.append(replace(stmt, lhs=lhs, sides=sides, instance=label))
        if why := next(filter(None, self.bound_slips), None):
            self.notes.append(Unchecked(stmt.line, stmt.col, why, sum_bounds.FIX))
            return []
        if left:
            self.notes.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"{left} more instances of a statement in {', '.join(letters)}: not checked "
                    f"(the first {MAX_INSTANCES} are)",
                )
            )
        if out and slips:
            self.notes.append(dropped(stmt, slips))
        if not out and (_symbols(stmt) or NO_WEIGHT in hint):
            what = f"for any value of {', '.join(letters)}" if letters else "here"
            self.notes.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"{shown(missed)} names nothing in the network {what}" + (f" ({hint})" if hint else ""),
                    "a bias without a unit index is one bias for its layer: pass --shared-bias"
                    if re.fullmatch(r"b@.+", missed) and not self.shared_bias
                    else other_way(self.names.conventions.weights, missed)
                    if NO_WEIGHT in hint
                    else "check the layer (counted from the input: a^{(1)} = x) and the unit indices",
                )
            )
            return []
        return out or [stmt]


def instantiate(net, statements: list[Statement]) -> tuple[list[Statement], list[Unchecked]]:
    """Every statement with generic indices replaced by its instances, in order, and the
    instances not checked (too many), each said."""
    inst = Instantiator(net, statements)
    return [s for stmt in statements for s in inst.instances(stmt)], inst.notes
