"""Names from the document: the names a derivation writes, bound to the network's without aliases.

A document says what its names are by defining them: `net_{o1} = w_5 * out_{h1} + w_6 * out_{h2}
+ b_2 * 1` makes w_5 the weight from h1 into o1 once net_{o1} and out_{h1} are known (role-named
units, units.py); `E = \\frac{(T - L_k)^2}{2}` makes T the target and L_k the output. Each
definition `NAME = formula` (and each implied one: `\\frac{\\partial Out}{\\partial H_4} =
\\frac{\\partial (H_4 W_{13} + H_5 W_{14})}{\\partial H_4}` says Out = H_4 W_{13} + H_5 W_{14}) is
unified with the network's forward equations (z = W a + b, a = f(z), the loss), the unknown names
as variables, until nothing new binds (`unify.py`). Never a guess:
- a variable binds only to a network symbol of its kind (w/W/Theta a weight, b a bias, T/t/target
  a target, any other name a unit or the loss), and to one no other name holds;
- several solutions bind nothing, unless they differ only in the numbering of the units of a
  layer the document names nowhere else (relabelling such units with their weights changes no
  verdict): then units are taken in the order the document numbers them;
- a name bound two ways by two lines is bound to neither, and said so (`notes`);
- a definition whose structure matches no forward equation binds nothing (it is then checked as
  a definition, and is wrong); explicit aliases always win and are never rebound.
Letter roles (h, i, j, k consecutive layers, as Bishop's i, j, k) then name the rest of a chain
of one-unit layers once one of its names is bound (`letters`). Pure: statements in, `Binding` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import SympropError
from .binding_stages import LETTER, ChainStages
from .conventions import Conventions
from .definitions import Y_NAME, Definition, definitions, in_letter, instance, symbols_of, y_is_output
from .generic_rows import for_every_unit, numbered_bases, summed_letters
from .names import Resolver
from .unify import GENERIC_CALLS, Layers, choose, kind_of_name, target_word, unify, unify_terms
from .units import DECIDED, unit_of

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_HIDDEN = re.compile(r"[A-Za-z]+_h_?(\d+)")
_LONE_TARGET = {"T", "t", "target", "Target", "Y"}


@dataclass(frozen=True)
class Source:
    """One name the document settled: its raw name, the network's symbol, the line, and how."""

    name: str
    value: sp.Expr
    line: int
    how: str  # 'unit name' | 'definition' | 'derivative' | 'target' | 'letters'


@dataclass
class Binding:
    aliases: dict = field(default_factory=dict)  # raw Symbol -> the network's raw name (Symbol)
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # raw name -> (problem, fix)
    conventions: dict | None = None  # {'targets': 't'} when the document defines y and writes t


class Binder(ChainStages):
    def __init__(self, d, statements, explicit: dict | None, conventions: dict | None):
        self.d = d
        self.explicit = dict(explicit or {})
        self.resolver = Resolver(d, self.explicit, Conventions.of(conventions))
        self.names = symbols_of(statements)
        self.statements = statements
        self.bound: dict[str, sp.Expr] = {}  # raw name -> network symbol
        self.summed: set[str] = set()  # the letters the definitions sum over (generic_rows.py)
        self.numbered: frozenset[str] = frozenset()  # letters also written with numbers (h_1 by h_j)
        self.origin: dict[str, tuple[int, str]] = {}
        self.conflicted: set[str] = set()
        self.generic_bases: set[str] = set()  # p of p_k = a_{2,k}: bound in its letter
        self.out = Binding()
        self.layers = Layers(d)
        self.held: set = set()  # the symbols the document's known names already stand for
        for name in self.names:
            value = self.known(name)
            if value is not None:
                self.layers.pin(value)
                self.held |= {value} if isinstance(value, sp.Symbol) else set()

    def known(self, name: str) -> sp.Expr | None:
        s = sp.Symbol(name)
        if s in self.explicit:
            try:
                return self.resolver._alias(s, "")
            except SympropError:
                return None
        if name in self.bound:
            return self.bound[name]
        try:
            value = self.resolver.lookup(name)
        except SympropError:
            return None
        if value is None and self.resolver.generic_alias(name) is not None:
            return sp.Symbol(name)  # resolved later by the alias in an index letter
        return value

    def free(self, name: str) -> bool:
        return (
            self.known(name) is None
            and name.split("_")[0] not in self.generic_bases
            and name not in self.conflicted
            and not name.startswith("delta")
            and name not in ("xi", "e", "eta")
        )

    def bind(self, name: str, value: sp.Expr, line: int, how: str) -> None:
        if name in self.conflicted:
            return
        self.bound[name] = value
        self.origin[name] = (line, how)
        self.layers.pin(value)

    # ----------------------------------------------------------------------------- stages
    def units(self) -> None:
        """Role-named units (units.py) and the names whose role the document decides (y_{o1}, a
        lone T or Y), reported."""
        sizes = self.d.spec.sizes
        for name, line in self.names.items():
            if sp.Symbol(name) in self.explicit:
                continue
            unit = unit_of(name, sizes)
            if unit is not None and unit[0] not in DECIDED and self.known(name) is not None:
                self.out.sources.append(Source(name, self.known(name), line, "unit name"))
            elif unit is not None and unit[0] in DECIDED:
                self._decided(name, unit, line)
            elif (m := _HIDDEN.fullmatch(name)) and self.d.spec.depth != 2 and self.known(name) is None:
                hidden = self.d.spec.depth - 1
                self.out.notes[name] = (
                    f"h{m.group(1)} names a hidden unit, and the {self.d.spec.arch} network has "
                    f"{hidden} hidden layer{'s' if hidden != 1 else ''}: which one is not said",
                    f"write the layer (a^{{(1)}}_{m.group(1)}) or declare % symprop: alias {_shown(name)} = "
                    f"a_{{1,{m.group(1)}}}",
                )
        if len(self.d.outputs) == 1:
            with_y = any(Y_NAME.fullmatch(n) for n in self.names)
            for name, line in self.names.items():
                if target_word(name) and self.free(name):  # y_{true}, actual: the target in words
                    self.bind(name, self.d.targets[0], line, "target")
                    continue
                if name in _LONE_TARGET and self.free(name):
                    if name == "Y" and not self._output_named():
                        continue
                    if with_y and name != "Y":  # t beside y: which is the target?
                        self.out.notes[name] = (
                            f"{_shown(name)} beside y: the document does not say which is the target",
                            f"define y (y = \\sigma(net)), or pass --targets t if {_shown(name)} is it",
                        )
                        continue
                    self.bind(name, self.d.targets[0], line, "target")

    def _output_named(self) -> bool:
        out = self.d.outputs[0]
        return any(self.known(n) == out for n in self.names)

    def _decided(self, name: str, unit: tuple[str, int, int], line: int) -> None:
        """y_{o1}, d_{o1}: the target when the document names that output's activation otherwise,
        the activation when it names the target otherwise; else left unknown, with its fix."""
        _, layer, k = unit
        if layer != self.d.spec.depth:
            return
        output, target = self.d.outputs[k - 1], self.d.targets[k - 1]
        others = {self.known(n) for n in self.names if n != name}
        if output in others and target not in others:
            self.bind(name, target, line, "target")
        elif target in others and output not in others:
            self.bind(name, output, line, "unit name")
        else:
            shown_name = _shown(name)
            self.out.notes[name] = (
                f"{shown_name} could be the output or its target: the document does not say which",
                f"define it (e.g. {shown_name} = \\sigma(net_{{o{k}}})) or declare "
                f"% symprop: alias {shown_name} = y_{k}",
            )

    def unify_definitions(self, defs: list[Definition]) -> None:
        self.summed = summed_letters(defs)
        self.numbered = frozenset(numbered_bases(defs))  # h_1, h_2 beside h_j: j an index
        changed = True
        while changed:
            changed = False
            for df in defs:
                if self._unify_one(df):
                    changed = True

    def _unify_one(self, df: Definition) -> bool:
        lhs_name = df.lhs.name if isinstance(df.lhs, sp.Symbol) else None
        if lhs_name is None or for_every_unit(lhs_name, df.rhs, self.summed, self.numbered):
            return False
        variables = {n for n in (s.name for s in df.rhs.atoms(sp.Symbol)) if self.free(n)}
        left = None if self.free(lhs_name) else self.known(lhs_name)
        if left is None and not self.free(lhs_name):
            return False
        if left is None:
            variables.add(lhs_name)
        if not variables:
            return False
        pattern = self._pattern(df.rhs, variables)
        if pattern is None or isinstance(pattern, sp.Symbol) and self._undefined(pattern.name, variables):
            return (
                False  # prediction = guess, both the author's and guess defined nowhere: nothing to bind by
            )
        if left is None and variables == {lhs_name} and pattern in self.layers.a_def:
            self.bind(lhs_name, pattern, df.line, "definition")  # prediction = out: out's other name
            return True
        taken = self.held | set(self.bound.values())
        solutions = []
        for quantity, forms in self.layers.candidates(left, kind_of_name(lhs_name)):
            for form in forms:
                for env in unify(pattern, form, variables, taken):
                    if left is None:
                        env = {**env, lhs_name: quantity}
                    solutions.append(env)
        if not solutions and left is not None and not df.implied:  # net_{o1} = w_5 out_{h1} + ... + b_1
            if self._conflict(df, pattern, variables, left):
                return False
            solutions = [
                env
                for form in self.layers.forms(left)
                for env in unify_terms(pattern, form, variables, taken)
            ]
        chosen = choose(solutions, self.layers)
        if chosen is None:
            return False
        for name, value in chosen.items():
            self.bind(name, value, df.line, "derivative" if df.implied else "definition")
        return True

    def generic(self, defs: list[Definition]) -> None:
        """A definition in an index letter (CS231n's p_k = e^{f_k} / \\sum_j e^{f_j}): read for
        unit 1 with each \\sum over the units of a layer, for each width the network has; bound
        when one layer fits and every name is that layer's unit it is indexed by: then in the
        letter (p_k = a_{2,k}, f_k = z_{2,k}), as an alias in an index letter."""
        for df in defs:
            m = LETTER.fullmatch(getattr(df.lhs, "name", ""))
            if df.implied or not m or not self.free(df.lhs.name):
                continue
            letter = m.group(2)
            for width in sorted(set(self.d.spec.sizes[1:])):
                rhs = instance(df.rhs, letter, width)
                if rhs is None:
                    continue
                lhs = sp.Symbol(f"{m.group(1)}_1")
                variables = {x.name for x in rhs.free_symbols | {lhs}}
                if any(not self.free(v) for v in variables):
                    continue
                pattern = self._pattern(rhs, variables)
                if pattern is None:
                    continue
                solutions = [
                    {**env, lhs.name: q}
                    for q, forms in self.layers.candidates(None, "unit")
                    for form in forms
                    for env in unify(pattern, form, variables, self.held)
                    if q not in env.values()
                ]
                chosen = choose([e for e in solutions if in_letter(e, self.layers)], self.layers)
                letters = in_letter(chosen or {}, self.layers)
                if chosen is None or letters is None:
                    continue
                for base, (kind, layer) in letters.items():
                    name = f"{base}_{letter}"
                    self.out.aliases[sp.Symbol(name)] = sp.Symbol(f"{kind}_{layer},{letter}")
                    self.out.sources.append(
                        Source(
                            name,
                            sp.Symbol(f"{kind}⁽{str(layer).translate(_SUP)}⁾_{letter}"),
                            df.line,
                            "definition",
                        )
                    )
                    self.generic_bases.add(base)
                break

    def _conflict(self, df: Definition, pattern, variables: set[str], left) -> bool:
        """No solution with what is bound: with the names other lines bound freed, does this line
        bind them otherwise? Then those names are bound two ways: to neither (True)."""
        if df.implied or left is None:
            return False
        mine = {
            n
            for n in (s.name for s in df.rhs.atoms(sp.Symbol))
            if n in self.bound and self.origin[n][0] != df.line
        }
        if not mine:
            return False
        freed = variables | mine
        pattern = self._pattern(df.rhs, freed, keep=False)
        if pattern is None:
            return False
        solutions = [
            env
            for _, forms in self.layers.candidates(left, "unit")
            for f in forms
            for env in unify(pattern, f, freed, set())
        ]
        chosen = choose(solutions, self.layers)
        if chosen is None:
            return False
        found = False
        for name in sorted(mine):
            if chosen.get(name) not in (None, self.bound[name]):
                found = True
                first = self.origin[name][0]
                shown_name = _shown(name)
                self.out.notes[name] = (
                    f"{shown_name} is defined two ways: as {_net(chosen[name])} by line {df.line} and as "
                    f"{_net(self.bound[name])} by line {first}",
                    f"correct one of lines {first} and {df.line}, or declare "
                    f"% symprop: alias {shown_name} = ...",
                )
                self.conflicted.add(name)
                del self.bound[name]
        return found

    def _pattern(self, rhs: sp.Expr, variables: set[str], keep: bool = True) -> sp.Expr | None:
        """The formula with known names as the network's symbols, variables as they are, and
        functions as the network's (σ, tanh, exp)."""
        mapping = {}
        for s in rhs.atoms(sp.Symbol):
            if s.name in variables:
                continue
            value = self.known(s.name) if keep or s.name not in self.bound else None
            if value is None:
                return None
            mapping[s] = value
        try:
            expr = rhs.xreplace(mapping)
            return expr.replace(lambda e: isinstance(e, sp.core.function.AppliedUndef), self._call)
        except (SympropError, _NoFunction):
            return None

    def _undefined(self, name: str, variables) -> bool:
        """An author's name on the right of A = B that no statement defines (\\hat{y} = z_3 beside
        z_3 = w_3 h_2 + b_3 binds by z_3's definition; prediction = guess by nothing)."""
        if name not in variables:
            return False
        lefts = {getattr(getattr(st, "lhs", None), "name", None) for st in self.statements}
        return name not in lefts

    def _defined_letters(self) -> set[str]:
        """The function letters the document defines on a variable of their own: f(x) = ..."""
        out = set()
        for st in self.statements:
            lhs = getattr(st, "lhs", None)
            if isinstance(lhs, AppliedUndef) and len(lhs.args) == 1 and isinstance(lhs.args[0], sp.Symbol):
                out.add(type(lhs).__name__)
        return out

    def _call(self, e):
        from ..activations import named

        name = type(e).__name__
        if name in GENERIC_CALLS and len(e.args) == 1 and name in self._defined_letters():
            return e  # f(w_1x_1 + b_1): the layer's activation, whichever it is (unify._generic_call)
        rule = next((r for r in named() if name in (r.prime_word, r.prime_word[:-6])), None)
        if rule is None or len(e.args) != 1 or name == rule.prime_word:
            raise _NoFunction(name)
        return rule(e.args[0])

    def result(self) -> Binding:
        for name, value in self.bound.items():
            plain = isinstance(value, sp.Symbol)  # -b: a threshold (unify._threshold)
            self.out.aliases[sp.Symbol(name)] = sp.Symbol(value.name) if plain else value
            line, how = self.origin[name]
            self.out.sources.append(Source(name, value, line, how))
        self.out.sources.sort(key=lambda s: (s.line, s.name))
        return self.out


class _NoFunction(Exception):
    pass


def _net(symbol: sp.Basic) -> str:
    """A network symbol as the messages write names: W2_2_1 -> W^{(2)}_{21}."""
    m = re.fullmatch(r"([A-Za-z]+)(\d+)_(\d+)(?:_(\d+))?", getattr(symbol, "name", ""))
    if not m:
        return str(symbol)
    base, layer, i, j = m.groups()
    return _shown(f"{base}_{layer},{i}" + (f",{j}" if j else ""))


def _shown(name: str) -> str:
    from .hints import shown

    return shown(name)


def bind(d, statements, explicit: dict | None = None, conventions: dict | None = None) -> Binding:
    """The document's own names bound to the network's (see the module's doc). A document that
    defines y and writes t is read with t the target (`Binding.conventions`)."""
    try:
        defs = definitions(statements)
        line = None if (conventions or {}).get("targets") else y_is_output(statements, defs)
    except FAULTS:
        return Binding()
    if line is not None:
        conventions = {**(conventions or {}), "targets": "t"}
    b = Binder(d, statements, explicit, conventions)
    if line is not None:
        b.out.conventions = conventions
        b.out.sources.append(Source("y", sp.Symbol("output"), line, "convention"))
    stages = [b.units, lambda: b.generic(defs), lambda: b.unify_definitions(defs), b.derivatives, b.letters]
    for stage in [*stages, lambda: b.unify_definitions(defs)]:
        try:
            stage()
        except FAULTS:  # a formula no stage can read: the names it would settle stay unknown
            continue
    return b.result()


# what a stage may meet in a formula it was not written for (sympy refusing a structure)
FAULTS = (TypeError, ValueError, AttributeError, IndexError, KeyError, sp.SympifyError, RecursionError)
