"""A name the document defines for each value of its index letters (J_{ki} \\equiv \\partial y_k /
\\partial x_i, E_k = (a_k - y_k) a_k (1 - a_k)), kept by those values.

A generic statement is checked once per instance (indices.py), and the name on its left keeps its
letters there: J_{ki} at k=1, i=2 is still written J_ki. Its value is kept under (name, the values
of its letters), and a later instance that gives those letters the same values reads the name by
it; an instance that leaves one of them unset does not read it at all (the name stays unknown).
A later line with the same name on its left, at a value defined before, is a claim about it,
checked against the definition. Pure: statements and values in, values out.
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex import Statement
from .display import shown
from .ditto import Unchecked
from .letter_readings import READING

_NAME = re.compile(r"[A-Za-z]+_([a-z]+)")

Key = tuple[str, tuple]


def letters(name: str) -> str:
    """J_ki -> 'ki': the index letters of a name written in letters, '' for any other."""
    m = _NAME.fullmatch(name)
    return m.group(1) if m else ""


def values(stmt: Statement) -> dict[str, int]:
    """The values an instance gives its letters ('k=1, i=2' -> {k: 1, i: 2}); a reading's prefix
    (letter_readings.READING, before ';') left out."""
    label = stmt.instance.rpartition(";")[2] if stmt.instance.startswith(READING) else stmt.instance
    out = {}
    for part in label.split(","):
        letter, eq, value = part.partition("=")
        if eq and value.strip().lstrip("-").isdigit():
            out[letter.strip()] = int(value)
    return out


def key(name: str, env: dict[str, int], stmt: Statement | None = None) -> Key | None:
    """(name, the values of its letters) at an instance, None when one of them is unset; under a
    reading of the letters' roles (letter_readings: 'read with i a hidden unit; i=1') the roles
    of its letters are part of the key, so a_i defined with i hidden is never read as an output
    unit's a_1 (Reed & Marks' a_i, defined for every node, in a case "for output nodes")."""
    lettered = letters(name)
    if not lettered or any(c not in env for c in lettered):
        return None
    roles = _roles(stmt, lettered) if stmt is not None else ()
    return name, tuple(env[c] for c in lettered) + roles


def _roles(stmt: Statement, lettered: str) -> tuple:
    """The roles a reading gives these letters ('i a hidden unit'), () outside a reading."""
    if not stmt.instance.startswith(READING):
        return ()
    said = stmt.instance[len(READING) :].partition(";")[0].split(",")
    roles = {part.strip().split(" ", 1)[0]: part.strip() for part in said if part.strip()}
    return tuple(roles[c] for c in lettered if c in roles)


def known_at(defined: dict[Key, sp.Expr], stmt: Statement) -> dict[sp.Symbol, sp.Expr]:
    """The names defined per index, each read at this instance's values of its letters (and
    roles: a definition under one reading is not read under another)."""
    if not defined:
        return {}
    env = values(stmt)
    out = {}
    for name in {n for n, _ in defined}:
        k = key(name, env, stmt)
        plain = key(name, env)
        if k is not None and k in defined:
            out[sp.Symbol(name)] = defined[k]
        elif plain is not None and plain in defined:  # defined where no reading was needed
            out[sp.Symbol(name)] = defined[plain]
        elif plain is not None and k == plain:  # used where no reading was needed: one reading's, if one
            found = {v for (n, at), v in defined.items() if n == name and at[: len(plain[1])] == plain[1]}
            if len(found) == 1:
                out[sp.Symbol(name)] = found.pop()
    return out


EACH = (
    "defines {} for each value of its index: nothing to check (later lines read it at the values "
    "they give its index)"
)
UNREAD = (
    "defines {} for each value of its index: nothing to check, and the lines that use it are not "
    "checked (symprop reads a name of the document's by one value)"
)


def per_instance(stmt) -> bool:
    """A definition of a name in an index letter (E_k = ...) read as one instance of several:
    its value changes with the index, so no one value stands for the name."""
    m = _NAME.fullmatch(getattr(stmt.lhs, "name", ""))
    return bool(m and set(values(stmt)) & set(m.group(1)))


def read(stmt: Statement, defined: dict[Key, sp.Expr], value_of, check, sides: list) -> object | None:
    """One instance of `name = ...` with a name in letters (J_{ki}): the first side of its first
    line defines it at this instance (kept in `defined`), the other sides and later lines are
    claims about it (`check`: the value -> a Resolved); an Unchecked when nothing is left to
    check; None for a name not in letters. `value_of`: a side's factors -> their value."""
    name = str(getattr(stmt.lhs, "name", ""))
    at = key(name, values(stmt), stmt)
    if at is None:
        return Unchecked(stmt.line, stmt.col, UNREAD.format(shown(name))) if per_instance(stmt) else None
    if at not in defined:
        defined[at] = value_of(sides[0])
        if len(sides) == 1:
            return Unchecked(stmt.line, stmt.col, EACH.format(shown(name)))
    return check(defined[at])
