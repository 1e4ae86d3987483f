r"""A layer's parameters written as one group, θ_k, and a gradient by the group read as the
gradients by each of its members (Deisenroth, Faisal & Ong, *Mathematics for ML* §5.6.1:
`\theta_j = \{A_j, b_j\}`, ∂L/∂θ_{K-1}; Murphy, *PML* §13.3.2: `x_2 = f_1(x, \theta_1) = W_1 x`,
∂L/∂θ_1).

`detect(text)` reads what each group holds, from two kinds of row:
- a set: `\theta_j = \{A_j, b_j\}` (or `:=`): the members as written; a single letter as the
  subscript that every member carries too (j) makes the row generic, θ_{K-1} = {A_{K-1}, b_{K-1}};
- a layer's function with its parameters as its last argument, `f_k(IN, \theta_k) = FORMULA`:
  the names FORMULA uses besides IN (W_1 of W_1 x); `f_k(IN, \varnothing)` an empty group.
A group written with a list that trails off (`\ldots`), or two rows saying different things, is
not read. `copies(groups, toks)` gives a row holding a derivative by or of a grouped θ_s once per
member, θ_s replaced by it (θ_{K-2} beside θ_{K-1}: member k of each, when the groups hold the
same letters in the same order); any other row as it is. A gradient by
an empty group stays as written (it names nothing to check). Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .quantifiers import name_end
from .source import LatexParseError, Source
from .tokens import Tok, tokenize

Key = tuple[str, ...]
_SCRIPT = r"_\s*(?P<k>\{[^{}]*\}|[0-9A-Za-z])"
_FONT = r"(?:\\(?:mathbf|boldsymbol|bm|vec|mathit)\s*\{\s*)?"
_SHUT = r"(?:\s*\})?"
_SET = re.compile(rf"{_FONT}\\theta{_SHUT}\s*{_SCRIPT}\s*:?=\s*\\\{{(?P<m>[^{{}}=$]*?)\\\}}")
_CALL = re.compile(
    rf"{_FONT}[fg]{_SHUT}\s*_\s*(?:\{{[^{{}}]*\}}|[0-9A-Za-z])\s*(?:\\left\s*)?\((?P<in>[^(),=$]*),\s*"
    rf"{_FONT}(?:\\theta{_SHUT}\s*{_SCRIPT}|(?P<none>\\varnothing|\\emptyset)){_SHUT}\s*(?:\\right\s*)?\)"
    r"\s*=\s*(?P<f>[^=$\n]*?)\s*(?=\\tag|\$|\\\\|\\quad|,|\n|$)"
)
_CALL_NONE = re.compile(
    rf"{_FONT}[fg]{_SHUT}\s*{_SCRIPT}\s*(?:\\left\s*)?\([^(),=$]*,\s*{_FONT}(?:\\varnothing|\\emptyset){_SHUT}"
)
_TRAILS = ("ldots", "cdots", "dots")


def _tokens(src: Source, a: int, b: int) -> list[Tok] | None:
    """The tokens of src.text[a:b] (a Source of the reader's own: its counts are not the
    document's), None when they do not tokenize."""
    try:
        return tokenize(src, a, b)
    except LatexParseError:
        return None


def _key(text: str) -> Key:
    """A subscript's text as the key of its tokens: '{K-1}' -> ('K', '-', '1')."""
    inner = text[1:-1] if text.startswith("{") else text
    toks = _tokens(Source(inner), 0, len(inner))
    return tuple(t.text for t in toks) if toks else ()


def _names(toks: list[Tok]) -> list[list[Tok]]:
    """The names a formula uses, each a letter (or Greek letter) with its subscript: a letter
    followed by '(' or a command that is not a letter (a function) left out."""
    out, i = [], 0
    while i < len(toks):
        j = name_end(toks, i, _GREEK)
        if j is None or i + 1 < len(toks) and toks[i + 1].text == "(":
            i += 1
            continue
        out.append(toks[i:j])
        i = j
    return out


def _members(toks: list[Tok]) -> list[list[Tok]] | None:
    """A set's members split at its commas; None when the list trails off."""
    if any(t.kind == "cmd" and t.text in _TRAILS for t in toks):
        return None
    out: list[list[Tok]] = [[]]
    for t in toks:
        if t.text == ",":
            out.append([])
        else:
            out[-1].append(t)
    return out if all(out) else None


def _same(a: list[Tok], b: list[Tok]) -> bool:
    return [(t.kind, t.text) for t in a] == [(t.kind, t.text) for t in b]


def detect(text: str) -> dict[Key, list[list[Tok]]]:
    """Subscript key -> the members' tokens; a generic row's key is ('', letter)."""
    found: dict[Key, list[list[Tok]]] = {}
    clash: set[Key] = set()
    src = Source(text)

    def add(key: Key, members: list[list[Tok]]) -> None:
        if key in found and not (len(found[key]) == len(members) and all(map(_same, found[key], members))):
            clash.add(key)
        found[key] = members

    for m in _SET.finditer(text):
        key, toks = _key(m.group("k")), _tokens(src, *m.span("m"))
        members = _members(toks) if toks else None
        if not key or members is None:
            continue
        letter = key[0] if len(key) == 1 and key[0].isalpha() else ""
        if letter and all(any(t.text == letter for t in mem[1:]) for mem in members):
            key = ("", letter)
        add(key, members)
    for m in _CALL.finditer(text):
        if m.group("none"):
            continue
        key = _key(m.group("k"))
        given, formula = _tokens(src, *m.span("in")), _tokens(src, *m.span("f"))
        if not key or given is None or not formula:
            continue
        add(key, [n for n in _names(formula) if not _same(n, given)])
    for m in _CALL_NONE.finditer(text):
        add(_key(m.group("k")), [])
    return {k: v for k, v in found.items() if k not in clash}


def _thetas(toks: list[Tok]) -> list[tuple[int, int, Key]]:
    """(start, end, key) of every θ_s in a row."""
    out = []
    for i, t in enumerate(toks):
        if t.kind != "cmd" or t.text != "theta" or i + 2 >= len(toks) or toks[i + 1].text != "_":
            continue
        j = i + 2
        if toks[j].text == "{":
            k = j
            while k < len(toks) and toks[k].text != "}":
                k += 1
            out.append((i, k + 1, tuple(x.text for x in toks[j + 1 : k])))
        else:
            out.append((i, j + 1, (toks[j].text,)))
    return out


def _group(groups: dict, key: Key) -> list[list[Tok]] | None:
    """The members of θ_key: a group said for it, or the generic one with its letter replaced."""
    if key in groups:
        return groups[key]
    generic = [k for k in groups if k and k[0] == ""]
    if len(generic) != 1:
        return None
    letter, sub = generic[0][1], [Tok("letter", x, 0, 0) for x in key]
    if len(sub) > 1:
        sub = [Tok("op", "{", 0, 0), *sub, Tok("op", "}", 0, 0)]
    return [[s for t in mem for s in (sub if t.text == letter else [t])] for mem in groups[generic[0]]]


def count(groups: dict, toks: list[Tok]) -> int:
    """How many copies a row is read as, θ replaced in each: one per member of the group it
    differentiates by or of, when it holds a derivative and every θ in it has a group that holds
    something (several subscripts: groups of the same letters, member k of each read together);
    else 0 (the row as written)."""
    if not groups or not any(t.kind == "cmd" and t.text in ("partial", "nabla") for t in toks):
        return 0
    keys = {key for _, _, key in _thetas(toks)}
    held = [_group(groups, key) or [] for key in keys]
    if len(keys) == 1 or not held:
        return len(held[0]) if held else 0
    # θ_{K-2} beside θ_{K-1}: read member by member when every group holds the same letters in
    # the same order (A_{K-2} with A_{K-1}, b_{K-2} with b_{K-1})
    if any(len(h) != len(held[0]) or [m[0].text for m in h] != [m[0].text for m in held[0]] for h in held):
        return 0
    return len(held[0])


def copy(groups: dict, toks: list[Tok], which: int) -> list[Tok]:
    """The row with each θ_s replaced by its group's member number `which` (when count() > 0)."""
    if not count(groups, toks):
        return toks
    out, last = [], 0
    for a, b, key in _thetas(toks):
        member = (_group(groups, key) or [])[which]
        at = toks[a]
        out += toks[last:a]
        out += [
            replace(t, pos=at.pos, end=toks[b - 1].end, space=t.space if k else at.space)
            for k, t in enumerate(member)
        ]
        last = b
    return out + toks[last:]


def rows(groups: dict, text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Each part of a region (a, b) with the copy it is read as: (a, b, 0) for a row read once,
    (a, b, k) for k = 0, 1, ... for a row read once per member of a group."""
    out, src = [], None
    for a, b in parts:
        n = 0
        if groups and "theta" in text[a:b]:
            src = src or Source(text)
            toks = _tokens(src, a, b)
            n = count(groups, toks) if toks else 0
        out += [(a, b, k) for k in range(max(n, 1))]
    return out


_GREEK = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho tau upsilon chi psi "
    "omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega varepsilon vartheta".split()
)


_THETA = re.compile(rf"\\theta(?![A-Za-z]){_SHUT}\s*(?:{_SCRIPT})?")


def shown(text: str) -> bool:
    """Does the document show what every θ it writes holds (each θ_s a group read here, a bare θ
    the set of them)? Then θ hides nothing, a bias least of all."""
    groups = detect(text)
    keys = [_key(m.group("k")) if m.group("k") else None for m in _THETA.finditer(text)]
    return bool(groups) and all(k is None or _group(groups, k) is not None for k in keys)
