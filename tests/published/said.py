"""What the verifier says about a document, and the spellings it must never use in it.

Internally the network's symbols have code names (W1_2_1, b1_2, a2_1, z1_1, delta2_1) and the
reader spells the document's names its own way (W_2,31, w_kj@l+1); SymPy prints `**`,
`Partial(...)`, `Symbol(...)`. A message shows a name as the document writes it, else in the
network's display form (W^{(1)}_{21}, \\delta^{(2)}_{1}, W⁽¹⁾₂₁), and says a hint once.
"""

from __future__ import annotations

import json
import re

from codegen.verdict import render_text
from codegen.verdict_json import to_json

_GREEK = "alpha|beta|gamma|epsilon|zeta|theta|iota|kappa|lambda|omega|sigma|upsilon|rho|tau|phi|chi|psi|eta"
INTERNAL = [
    re.compile(r"\b(?:W|b|a|z|delta)\d+_\d+(?:_\d+)?\b"),  # code names W1_2_1, a2_1, delta2_1
    re.compile(r"\bdelta\d"),
    re.compile(r"(?<![{_\\\w])[xy]\d\b"),  # code names of inputs and targets (x1, y2), not out_{y2}
    re.compile(r"[A-Za-z]_\d+,\d"),  # the reader's layer-comma spelling W_2,31
    re.compile(r"\w@[\w(]"),  # the reader's layered spelling w_kj@l+1
    re.compile(r"\*\*"),
    re.compile(r"\b(?:Partial|Derivative|Symbol|Summation|Indicator|Dummy|Function)\("),
    re.compile(r"\w_prime\b"),
    re.compile(r"λ=\d"),  # the layer a role letter of any layer is read in (roles.LAYER)
    re.compile(r"(?<!\\)\bdelta_|\b(?:Summation|Ordered)\(|\w_hat\b"),  # delta_h1, sigma_hat
    re.compile(r"\bhat[A-Za-z]\b"),  # the reader's spelling of \hat{y}: haty
    # a Greek letter's name in a subscript without its backslash (v_{iotazeta}, h_{kappa}, w_jkappa):
    # the reader's glued spelling; each command is skipped whole, so \zeta is not 'eta' (a file's
    # name, cn_blog_theta_layers, is no name of one letter)
    re.compile(
        rf"_\{{(?:\\[A-Za-z]+(?![A-Za-z])|[^{{}}\\])*?(?:{_GREEK})|(?<![\w\\])[A-Za-z]_[A-Za-z]*?(?:{_GREEK})(?![A-Za-z])"
    ),
]
PLAIN_CODE = re.compile(r"\b((?:W|b|a|z)\d+)([₀-₉]+)")
_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
# JSON keys whose values (or keys) are data in SymPy's spelling, not messages
DATA = {"sympy", "param", "values", "point", "pattern", "branches", "missing_paths"}


def offences(message: str, source: str = "") -> list[str]:
    """What is wrong with one message: internal spellings in it (but the document's own: a worked
    example's `y1 = 1.094` quoted as written), a hint said twice."""
    out = [
        m.group(0)
        for p in INTERNAL
        for m in p.finditer(message)
        if not re.search(rf"(?<!\w){re.escape(m.group(0))}(?!\w)", source)
    ]
    # a code name printed as a plain symbol (z1₁ for z⁽¹⁾₁), unless the document writes it (W2_{11})
    out += [
        m.group(0)
        for m in PLAIN_CODE.finditer(message)
        if not re.search(rf"{m[1]}_\{{?{m[2].translate(_DIGITS)}\}}?", source)
    ]
    # the same hint twice in a row: "(layer 2 has 2 units) (layer 2 has 2 units)"
    # (not a side quoted as written: 0.474(1-0.474)(1-0.474))
    out += [
        f"said twice: {m.group(1)}"
        for m in re.finditer(r"(\([^()]{4,}\))\s*\1", message)
        if m.group(0) not in source
    ]
    return out


def json_messages(doc, key: str = "") -> list[str]:
    if key in DATA:
        return []
    if isinstance(doc, dict):
        return [m for k, v in doc.items() for m in json_messages(v, k)]
    if isinstance(doc, list):
        return [m for v in doc for m in json_messages(v, key)]
    return [doc] if isinstance(doc, str) else []


def said(report, name: str) -> list[str]:
    """Every line the verifier says in a report: the text verdict and the JSON's message fields."""
    return render_text(report, name).splitlines() + json_messages(json.loads(to_json(report, name)))


def refused(err) -> list[str]:
    """Every line said when nothing could be checked: the problems, the fix, each reason."""
    out = [*getattr(err, "problems", [err.problem]), err.fix]
    return out + [f"{u.reason}; {u.fix}" for u in getattr(err, "unchecked", [])]


def bad(lines: list[str], source: str = "") -> dict[str, list[str]]:
    """line -> its offences, for the lines that have any."""
    return {m: offences(m, source) for m in lines if offences(m, source)}
