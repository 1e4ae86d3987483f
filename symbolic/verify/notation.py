r"""Notations a document shows by itself, read off its text before anything is resolved.

- unit indices counted from 0: a sum that starts at 0 (3Blue1Brown's `\sum_{j=0}^{n_L-1}`) says
  the units of a layer are 0 .. n-1; then a_0, w_{j0} name the first unit and its weight, never
  the constant input of a bias (which a sum from 1, or no sum, leaves as it was).
- a sum over training examples (3Blue1Brown's \frac{1}{n}\sum_k \partial C_k/\partial w): said
  not checked, by name (symprop checks one example).
Pure: text in, conventions out (`Conventions.of` reads them; options given by the user win).
"""

from __future__ import annotations

import re

import sympy as sp

from ..latex.statements import SUMMATION

_SUM_FROM_ZERO = re.compile(r"\\sum(?:\\limits|\\nolimits)?\s*_\s*\{\s*\\?[A-Za-z]+\s*=\s*0\s*\}")


def detected(text: str) -> dict:
    """The conventions `text` shows: {"first_unit": 0} when a sum over units starts at 0."""
    return {"first_unit": 0} if _SUM_FROM_ZERO.search(text) else {}


def with_detected(text: str, conventions: dict | None) -> dict:
    """The user's conventions over those the document shows."""
    given = {k: v for k, v in (conventions or {}).items() if v is not None}
    return {**detected(text), **given}


EXAMPLES = "an average over training examples ({})"
EXAMPLES_FIX = "symprop checks one example's cost (C_0, L); write the derivative of that"


def over_examples(exprs: list) -> str:
    r"""The per-example cost a sum runs over (C_k in \frac{1}{n}\sum_{k=0}^{n-1} \frac{\partial
    C_k}{\partial w}), as written, or '' when no sum is over training examples."""
    for e in exprs:
        for s in sp.preorder_traversal(e):
            if getattr(s, "func", None) != SUMMATION:
                continue
            var = s.args[1].name
            for x in s.args[0].atoms(sp.Symbol):
                if re.fullmatch(rf"(?:C|L|E|J)_{re.escape(var)}", x.name):
                    return x.name
    return ""
