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

from ..latex import Partial, Statement
from ..latex.statements import SUMMATION
from .ditto import Unchecked
from .roles import Roles, role_bases

WEIGHTS = {"w", "W", "Theta"}
_LAYER = re.compile(r"(l|L|nl|\d+)([+-]\d+)?")
_NAME = re.compile(r"([A-Za-z]+)(?:_([A-Za-z0-9,]+))?@(.+?)(\^\+)?")  # ^+: the value after an update
_UNLAYERED = re.compile(r"([xy])_([a-z])")  # inputs and targets carry no layer
MAX_INSTANCES = 64  # judged per statement; the rest are reported not checked
MAX_TRIES = 20_000  # index combinations tried per statement


class Invalid(Exception):
    """An instance names something the network does not have."""


def _parts(obj) -> list:
    if isinstance(obj, Partial):
        return [obj.num, obj.den]
    return [obj] if isinstance(obj, sp.Basic) else []


def _symbols(stmt: Statement) -> set[sp.Symbol]:
    out: set[sp.Symbol] = set()
    for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
        for e in _parts(obj):
            out |= {s for s in e.atoms(sp.Symbol) if "@" in s.name}
    return out


def from_input(statements: list[Statement], depth: int) -> bool:
    """Are layers counted from the input (a^{(1)} = x)?"""
    for stmt in statements:
        for s in _symbols(stmt):
            m = _NAME.fullmatch(s.name)
            if not m:
                continue
            lay = m.group(3)
            if any(c.isalpha() for c in lay):
                return True
            n = _LAYER.fullmatch(lay)
            if n and m.group(1) not in WEIGHTS and int(n.group(1)) > depth:
                return True
    return False


class Instantiator:
    def __init__(self, net, statements: list[Statement]):
        d = net.d
        self.names = net.names
        self.depth = d.spec.depth
        self.units = max(d.spec.sizes)
        self.shared_bias = d.spec.shared_bias
        self.off = 1 if from_input(statements, self.depth) else 0
        bases = role_bases(statements)
        self.roles = Roles(*bases, self.depth) if bases else None
        self.notes: list[Unchecked] = []
        # W^{(l)}, \Theta^{(l)} come out of layer l, and so does b^{(l)} beside them (UFLDL)
        self.out_of = any(
            s.name.startswith(("W_", "W@", "Theta_", "Theta@")) for stmt in statements for s in _symbols(stmt)
        )

    def layer(self, text: str, env: dict) -> int:
        m = _LAYER.fullmatch(text)
        if not m:
            raise Invalid(text)
        head, shift = m.groups()
        if head == "l":
            if "l" not in env:
                raise Invalid(text)
            value = env["l"]
        elif head in ("L", "nl"):
            value = self.depth + self.off
        else:
            value = int(head)
        return value + int(shift or 0)

    def code(self, s: sp.Symbol, env: dict) -> sp.Symbol:
        m = _NAME.fullmatch(s.name)
        if not m:
            raise Invalid(s.name)
        base, sub, lay, updated = m.groups()
        written = self.layer(lay, env)
        idx = []
        for c in (sub or "").split(",") if "," in (sub or "") else (sub or ""):
            if c.isdigit() and int(c) > 0:
                idx.append(int(c))
            elif c in env:
                idx.append(env[c])
            else:
                raise Invalid(s.name)
        if base == "b" and not idx:  # b^{(2)}: a layer's one bias (--shared-bias)
            n = written if self.out_of else written - self.off
            name = f"b_{n}" if n >= 1 else None
        elif base in WEIGHTS:
            n = written - 1 if base == "w" and self.off else written
            name = f"W_{n},{','.join(map(str, idx))}" if len(idx) == 2 and n >= 1 else None
        elif base == "b" and not idx:  # b^{(l)}: one bias for the layer (--shared-bias)
            n = written if self.out_of else written - self.off
            name = f"b_{n}" if n >= 1 else None
        elif base == "b" and self.out_of:
            n = written
            name = f"b_{n},{idx[0]}" if len(idx) == 1 and n >= 1 else None
        else:
            n = written - self.off
            if n == 0 and base == "a" and len(idx) == 1:
                name = f"x_{idx[0]}"
            else:
                name = f"{base}_{n},{idx[0]}" if len(idx) == 1 and n >= 1 else None
        if name is None or self.names.lookup(name) is None:
            raise Invalid(s.name)
        return sp.Symbol(name + (updated or ""))

    def expr(self, e: sp.Basic, env: dict) -> sp.Basic:
        if isinstance(e, sp.Symbol):
            if "@" in e.name:
                return self.code(e, env)
            if self.roles is not None and self.roles.letters(e.name):
                name = self.roles.name(e.name, env)
                if name in ("0", "1"):
                    return sp.Integer(name)
                if name is None or self.names.lookup(name) is None:
                    raise Invalid(e.name)
                return sp.Symbol(name)
            m = _UNLAYERED.fullmatch(e.name)
            if m and m.group(2) in env:  # y_k beside a^{(3)}_k: the target of unit k
                name = f"{m.group(1)}_{env[m.group(2)]}"
                if self.names.lookup(name) is None:
                    raise Invalid(e.name)
                return sp.Symbol(name)
            return e
        if getattr(e, "func", None) == SUMMATION:
            body, var, skip = e.args
            indexed = [s for s in body.atoms(sp.Symbol) if "@" in s.name]
            roled = [
                s for s in body.atoms(sp.Symbol) if self.roles and var.name in self.roles.letters(s.name)
            ]
            if not roled and not any(var.name in s.name.split("@")[0].partition("_")[2] for s in indexed):
                raise Invalid(str(e))  # its index in no layered name: no range to expand over
            terms = []
            for v in range(0 if self.roles else 1, self.units + 1):
                if isinstance(skip, sp.Symbol) and env.get(skip.name) == v:
                    continue
                try:
                    terms.append(self.expr(body, {**env, var.name: v}))
                except Invalid:
                    continue
            if not terms:
                raise Invalid(str(e))
            return sp.Add(*terms)
        if not e.args:
            return e
        return e.func(*[self.expr(a, env) for a in e.args])

    def factor(self, f, env: dict):
        if isinstance(f, Partial):
            return Partial(self.expr(f.num, env), self.expr(f.den, env))
        return self.expr(f, env) if isinstance(f, sp.Basic) else f

    def free(self, stmt: Statement) -> list[str]:
        """Index letters of the layered names not bound by a sum, in alphabetical order."""
        bound: set[str] = set()
        for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
            for e in _parts(obj):
                for a in sp.preorder_traversal(e):
                    if getattr(a, "func", None) == SUMMATION:
                        bound.add(a.args[1].name)
        letters: set[str] = set()
        for s in _symbols(stmt):
            m = _NAME.fullmatch(s.name)
            if m:
                letters |= {c for c in (m.group(2) or "") if c.isalpha()}
                letters |= {"l"} if _LAYER.fullmatch(m.group(3)) and m.group(3).startswith("l") else set()
        for s in self.role_symbols(stmt):
            letters |= self.roles.letters(s.name) if self.roles else set()
        return sorted(letters - bound)

    def role_symbols(self, stmt: Statement) -> set[sp.Symbol]:
        if self.roles is None:
            return set()
        out = set()
        for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]:
            for e in _parts(obj):
                out |= {s for s in e.atoms(sp.Symbol) if self.roles.letters(s.name)}
        return out

    def instances(self, stmt: Statement) -> list[Statement]:
        if not _symbols(stmt) and not _has_sum(stmt) and not self.role_symbols(stmt):
            return [stmt]
        letters = self.free(stmt)
        span = {c: range(1, (self.depth + self.off if c == "l" else self.units) + 1) for c in letters}
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
        left, missed = 0, ""
        for values in itertools.product(*(span[c] for c in letters)):
            env = dict(zip(letters, values))
            try:
                lhs = self.factor(stmt.lhs, env)
                sides = tuple(
                    replace(p, factors=tuple(self.factor(f, env) for f in p.factors)) for p in stmt.sides
                )
            except Invalid as err:
                missed = missed or str(err)
                continue
            if len(out) >= MAX_INSTANCES:
                left += 1
                continue
            label = ", ".join(f"{c}={v}" for c, v in env.items())
            out.append(replace(stmt, lhs=lhs, sides=sides, instance=label))
        if left:
            self.notes.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"{left} more instances of a statement in {', '.join(letters)}: not checked "
                    f"(the first {MAX_INSTANCES} are)",
                )
            )
        if not out and _symbols(stmt):
            what = f"for no value of {', '.join(letters)}" if letters else "here"
            self.notes.append(
                Unchecked(
                    stmt.line,
                    stmt.col,
                    f"{_shown(missed)} names nothing in the network {what}",
                    "a bias without a unit index is one bias for its layer: pass --shared-bias"
                    if re.fullmatch(r"b@.+", missed) and not self.shared_bias
                    else "check the layer (counted from the input: a^{(1)} = x) and the unit indices",
                )
            )
            return []
        return out or [stmt]


def _shown(name: str) -> str:
    """'w_kj@l+1' -> 'w^{l+1}_{kj}' (the name as written); other names as they are."""
    m = _NAME.fullmatch(name)
    if not m:
        return name
    base, sub, lay, updated = m.groups()
    return f"{base}^{{{lay}}}" + (f"_{{{sub}}}" if sub else "") + ("^{+}" if updated else "")


def _has_sum(stmt: Statement) -> bool:
    return any(
        e.has(SUMMATION)
        for obj in [stmt.lhs, *(f for p in stmt.sides for f in p.factors)]
        for e in _parts(obj)
    )


def instantiate(net, statements: list[Statement]) -> tuple[list[Statement], list[Unchecked]]:
    """Every statement with generic indices replaced by its instances, in order, and the
    instances not checked (too many), each said."""
    inst = Instantiator(net, statements)
    return [s for stmt in statements for s in inst.instances(stmt)], inst.notes
