r"""Names from a written chain rule, on a chain of one-unit layers (1-1-1, 1-1-1-1).

`C'(W_h) = C'(\hat{y}) \cdot O'(Z_o) \cdot Z_o'(H) \cdot H'(Z_h) \cdot Z_h'(W_h)` (or the same with
\frac{\partial}{\partial}) says what its names are: each derivative ∂N/∂A is a step down the
network's graph (A a direct input of N: the loss takes the output, an activation its net input,
a net input the activation below, its weight and its bias), so on a chain the unknown names of
one side are the nodes of one path. A side binds the names every path that fits gives the same
node (w/W only a weight, b only a bias, any other name a unit or the loss; distinct unknown names
distinct nodes); one of the document's functions primed, `R'(Z_o)`, is the step from the
activation above Z_o. A second row with as many factors, `= (\hat{y} - y) \cdot R'(Z_o) \cdot W_o
\cdot R'(Z_h) \cdot X`, names the factor under each step that is one symbol (∂z/∂a the weight, ∂z/∂w
the activation below): W_o the output weight, X the input. Never a guess: only on chains, only
names nothing else bound, a name two sides bind two ways bound to neither (`notes`). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from ..errors import SympropError
from ..latex import Partial, Statement
from .binding import Binding, Source
from .lagrange_primes import SUFFIX, is_link
from .names import Resolver
from .unify import kind_of_name

MAX_SOLUTIONS = 64
FUNCTION = "⋯"  # the step from the activation above a net input, R'(Z_o)


@dataclass(frozen=True)
class Graph:
    children: dict  # node -> its direct inputs
    kind: dict  # node -> 'weight' | 'bias' | 'unit' | 'z' | 'a'

    def nodes(self, kind: str) -> list:
        return [n for n, k in self.kind.items() if k == kind or kind == "unit" and k in ("unit", "z", "a")]


def graph(d, resolver: Resolver) -> Graph | None:
    """The network's graph when every layer has one unit, else None."""
    sizes = d.spec.sizes
    if any(s != 1 for s in sizes):
        return None
    depth = d.spec.depth
    children: dict = {d.loss_symbol: []}
    kind = {d.loss_symbol: "unit"}
    below = resolver.lookup("x_1", conventions=False)
    if below is None:
        return None
    kind[below] = "unit"
    children[below] = []
    for layer in range(1, depth + 1):
        z = resolver.lookup(f"z_{layer},1", conventions=False)
        a = resolver.lookup(f"a_{layer},1", conventions=False)
        w = resolver.lookup(f"W_{layer},1,1", conventions=False)
        b = resolver.lookup(f"b_{layer},1", conventions=False)
        if z is None or a is None or w is None:
            return None
        children[z] = [below, w] + ([b] if b is not None else [])
        children[a] = [z]
        children[w] = []
        kind.update({z: "z", a: "a", w: "weight"})
        if b is not None:
            children[b] = []
            kind[b] = "bias"
        below = a
    children[d.loss_symbol] = [below]
    return Graph(children, kind)


def known(resolver: Resolver, name: str, aliases: dict):
    """The network's symbol a raw name stands for, by an alias first; None when unknown."""
    try:
        s = sp.Symbol(name)
        return resolver._alias(s, "") if s in aliases else resolver.lookup(name)
    except SympropError:
        return None


def _links(side, fns: set[str]) -> list[tuple] | None:
    """A side that is a chain of steps: [(num name or FUNCTION, den name)], else None."""
    out = []
    for f in side.factors:
        if not is_link(f, fns):
            return None
        if isinstance(f, Partial):
            if not (isinstance(f.num, sp.Symbol) and isinstance(f.den, sp.Symbol)):
                return None
            out.append((f.num.name, f.den.name))
        elif isinstance(f.args[0], sp.Symbol):
            out.append((FUNCTION, f.args[0].name))
        else:
            return None
    return out or None


class Chains:
    def __init__(self, d, statements, bound: Binding, aliases: dict | None, fns: set[str]):
        self.d = d
        self.fns = fns
        self.explicit = dict(aliases or {})
        self.aliases = {**bound.aliases, **self.explicit}
        self.resolver = Resolver(d, self.aliases)
        self.g = graph(d, self.resolver)
        self.statements = [s for s in statements if isinstance(s, Statement)]
        self.found: dict[str, sp.Basic] = {}
        self.origin: dict[str, int] = {}
        self.conflicted: set[str] = set()
        self.chained: set[str] = set()  # the document's functions a chain puts after an activation
        self.bound = bound

    def node(self, name: str):
        if name in self.found:
            return self.found[name]
        if name in self.conflicted or name.startswith("delta"):
            return None
        return known(self.resolver, name, self.aliases)

    def solve(self, links: list[tuple], lhs: Partial | None) -> dict[str, set]:
        """Every name of a chain side -> the nodes the paths that fit give it."""
        assert self.g is not None
        g = self.g
        names = [n for link in links for n in link if n != FUNCTION]
        if lhs is not None and isinstance(lhs.num, sp.Symbol) and isinstance(lhs.den, sp.Symbol):
            names += [lhs.num.name, lhs.den.name]
        order = list(dict.fromkeys(names))
        fixed = {n: self.node(n) for n in order}
        if any(v is not None and v not in g.kind for v in fixed.values()):
            return {}
        free = [n for n in order if fixed[n] is None]
        seen: dict[str, set] = {n: set() for n in order}
        count = 0

        def assign(i: int, env: dict) -> bool:  # False: too many paths fit
            nonlocal count
            if not self._fits(links, lhs, env):
                return True
            if i == len(free):
                count += 1
                for n in order:
                    seen[n].add(env[n])
                return count <= MAX_SOLUTIONS
            taken = {env[n] for n in free[:i]}
            for node in g.nodes(kind_of_name(free[i])):
                if node not in taken and not assign(i + 1, {**env, free[i]: node}):
                    return False
            return True

        if not assign(0, {n: v for n, v in fixed.items() if v is not None}):
            return {}
        return seen if count else {}

    def _fits(self, links, lhs, env) -> bool:
        assert self.g is not None
        g = self.g
        for k, (num, den) in enumerate(links):
            if den not in env:
                continue
            if num == FUNCTION:
                above = env.get(links[k - 1][1]) if k else None
                if g.kind[env[den]] != "z" or above is not None and g.children.get(above) != [env[den]]:
                    return False
            elif num in env and env[den] not in g.children[env[num]]:
                return False
        if lhs is not None and isinstance(lhs.num, sp.Symbol) and isinstance(lhs.den, sp.Symbol):
            top, bottom = env.get(lhs.num.name), env.get(lhs.den.name)
            if top is None or bottom is None:
                return True
            if top == bottom or not self._above(top, bottom):
                return False
        return True

    def _above(self, top, bottom) -> bool:
        assert self.g is not None
        stack, seen = [top], set()
        while stack:
            n = stack.pop()
            if n == bottom:
                return True
            if n not in seen:
                seen.add(n)
                stack += self.g.children.get(n, [])
        return False

    def run(self) -> None:
        """The chains' steps until nothing new binds, then the rows under them (never a name a
        chain writes)."""
        if self.g is None:
            return
        in_chains = {
            n
            for stmt in self.statements
            for side in stmt.sides
            for link in _links(side, self.fns) or []
            for n in link
        }
        for rows in (False, True):
            changed = True
            while changed:
                new: dict[str, tuple[sp.Basic, int]] = {}
                for stmt in self.statements:
                    if rows:
                        self._rows(stmt, new, in_chains)
                    else:
                        self._steps(stmt, new)
                changed = False
                for name, (value, line) in new.items():
                    if name not in self.conflicted:
                        self.found[name], self.origin[name] = value, line
                        changed = True

    def _steps(self, stmt: Statement, new: dict) -> None:
        lhs = stmt.lhs if isinstance(stmt.lhs, Partial) else None
        for side in stmt.sides:
            links = _links(side, self.fns)
            if links is None:
                continue
            for name, values in self.solve(links, lhs).items():
                if len(values) == 1 and self.node(name) is None and name not in self.conflicted:
                    self._offer(new, name, next(iter(values)), stmt.line)
            self._chained(links, side)

    def _offer(self, new: dict, name: str, value, line: int) -> None:
        if name in new and new[name][0] != value:
            self.conflicted.add(name)
            self.bound.notes[name] = (
                f"{name} is bound two ways by the chains of lines {new[name][1]} and {line}",
                "correct one of those lines, or declare % symprop: alias ...",
            )
            del new[name]
        elif name not in self.conflicted:
            new.setdefault(name, (value, line))

    def _chained(self, links, side) -> None:
        """N'(A) right after a step down to the activation above A: N is that activation."""
        for k, f in enumerate(side.factors):
            if k and links[k][0] == FUNCTION:
                above = self.node(links[k - 1][1])
                below = self.node(links[k][1])
                if self.g is not None and above is not None and self.g.children.get(above) == [below]:
                    self.chained.add(type(f).__name__.removesuffix(SUFFIX))

    def _rows(self, stmt: Statement, new: dict, in_chains: set[str]) -> None:
        """A row under a chain with as many factors: a factor that is one free name is the value of
        the step above it when that value is one symbol (∂z/∂a a weight, ∂z/∂w the input below)."""
        assert self.g is not None
        chains = [s for s in stmt.sides if _links(s, self.fns)]
        for chain in chains:
            links = _links(chain, self.fns) or []
            for side in stmt.sides:
                if side is chain or len(side.factors) != len(links) or _links(side, self.fns):
                    continue
                for (num, den), f in zip(links, side.factors):
                    if (
                        not isinstance(f, sp.Symbol)
                        or self.node(f.name) is not None
                        or f.name in self.conflicted
                    ):
                        continue
                    top, bottom = (self.node(num), self.node(den)) if num != FUNCTION else (None, None)
                    if top is None or self.g.kind.get(top) != "z" or bottom is None:
                        continue
                    below, weight = self.g.children[top][0], self.g.children[top][1]
                    value = weight if bottom == below else below if bottom == weight else None
                    if value is not None and kind_of_name(f.name) == (
                        "weight" if value == weight else "unit"
                    ):
                        self._offer(new, f.name, value, stmt.line)

    def result(self) -> Binding:
        out = replace(self.bound, aliases=dict(self.bound.aliases), sources=list(self.bound.sources))
        for name, value in self.found.items():
            out.aliases[sp.Symbol(name)] = sp.Symbol(value.name)
            out.sources.append(Source(name, value, self.origin[name], "chain"))
        out.sources.sort(key=lambda s: (s.line, s.name))
        return out


def bind(d, statements, bound: Binding, aliases: dict | None, fns: set[str]) -> tuple[Binding, set[str]]:
    """(the binding with the names the chains settle, the document's functions a chain puts
    right after an activation)."""
    c = Chains(d, statements, bound, aliases, fns)
    try:
        c.run()
    except (TypeError, ValueError, AttributeError, IndexError, KeyError, sp.SympifyError):
        return bound, set()
    return c.result(), c.chained
