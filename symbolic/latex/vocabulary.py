"""The reader's vocabulary: the words, Greek letters, function spellings and LaTeX commands the
tokenizer knows, and what each kind of command does (a value, a font or spacing to read through, a
text, an alignment environment, an arrow). Tables only; latex/tokens.py reads with them."""

from __future__ import annotations

import re

import sympy

from ..activations import named

SOFTMAX = sympy.Function("softmax")

WORDS = frozenset("out output Loss exp log ln softmax in".split()) | {  # + our activations' names
    w for rule in named() for w in (rule.name, rule.unicode) if w.isascii() and len(w) > 2
}
GREEK = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu
    xi rho varrho tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Phi Psi Omega
    Upsilon""".split()
)
FUNCTIONS = {  # spelling -> SymPy callable
    "abs": sympy.Abs,
    "exp": sympy.exp,
    "log": sympy.log,
    "ln": sympy.log,
    "tanh": sympy.tanh,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "sech": lambda x: 1 / sympy.cosh(x),  # \operatorname{sech}^2(a): tanh'(a)
    "sin": sympy.sin,
    "cos": sympy.cos,
    "softmax": SOFTMAX,
    "max": sympy.Max,
    "min": sympy.Min,
    "g": sympy.Function("g"),
    "f": sympy.Function("f"),
    "h": sympy.Function("h"),
    "varphi": sympy.Function("varphi"),  # \varphi(net_j): the activation (only before '(')
    "phi": sympy.Function("phi"),
}
# one-letter activations, calls only when '(' or a prime follows: g(z), f'(z), h'(a_j) (Bishop)
GENERIC_CALLS = ("g", "f", "h")
for _rule in named():  # our activations by every spelling of their row: sigma, ReLU -> relu(z)
    for _word in _rule.spellings:
        FUNCTIONS.setdefault(_word, sympy.Function(_rule.prime_word.removesuffix("_prime")))
PRIMABLE = (
    set(GENERIC_CALLS) | {"varphi", "phi"} | {w for rule in named() for w in rule.spellings}
)  # f' -> f_prime
ACCENTS = {
    "hat": "hat",
    "widehat": "hat",
    "bar": "bar",
    "overline": "bar",
    "tilde": "tilde",
    "starred": "star",
}
FRACS = {"frac", "dfrac", "tfrac", "cfrac"}
MUL_CMDS = {"cdot", "times", "ast"}
VALUE_CMDS = (
    GREEK
    | FRACS
    | set(ACCENTS)
    | {
        "sigma",
        "exp",
        "log",
        "ln",
        "tanh",
        "sinh",
        "cosh",
        "sin",
        "cos",
        "max",
        "min",
        "sqrt",
        "partial",
        "pi",
        "sum",
        "underbrace",
        "overbrace",
        "boxed",
    }
)
KNOWN_CMDS = VALUE_CMDS | MUL_CMDS | {"div", "prime", "{", "}", "\\", "neq", "ne", "in", "ell"}
# matrix statements (symbolic/latex/matrix.py): element-wise products, transposes, gradients
KNOWN_CMDS |= {"odot", "bullet", "circ", "nabla", "top", "intercal", "approx", "simeq"}
# comparisons, inside an indicator 1(x > 0) or a condition (i \neq j) only
COMPARE_CMDS = {"neq", "ne", "geq", "leq", "ge", "le", "gt", "lt"}
KNOWN_CMDS |= COMPARE_CMDS
KNOWN_CMDS |= {
    "dots",
    "ldots",
    "cdots",
    "vdots",
    "ddots",
}  # in a loop header k = l, l-1, \ldots, 1 (latex/algorithm.py)
# \mathbb{1}, \mathbf{1}, \mathds{1}, \mathbbm{1}: the indicator; \mathbf{w}, \boldsymbol{w}: the name
FONT_CMDS = {
    "mathbb",
    "mathbf",
    "mathds",
    "mathbbm",
    "boldsymbol",
    "bm",
    "mathnormal",
    "cal",
    "mathcal",
    "mathscr",
    "vec",  # \vec{x}, \vec{z^{[1]}}: the vector named, its arrow dropped
}
SPACING = {
    ",",
    ";",
    "!",
    ":",
    " ",
    "quad",
    "qquad",
    "enspace",
    "thinspace",
    "displaystyle",
    "textstyle",
    "nonumber",
    "notag",
}
# size switches (\large before a display, as Markdown notes write it): no argument, read through
SPACING |= {"tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE"}
SPACING |= {"huge", "Huge"}
SIZERS = {
    "left",
    "right",
    "middle",
    "big",
    "Big",
    "bigg",
    "Bigg",
    "bigl",
    "bigr",
    "Bigl",
    "Bigr",
    "biggl",
    "biggr",
    "Biggl",
    "Biggr",
}
TEXT_CMDS = {
    "text",
    "mathrm",
    "operatorname",
    "textrm",
    "mathit",
    "textit",
    "mbox",
    "hbox",
    "textnormal",
    "textup",
    "mathsf",
    "textsf",
}
# \mathrm{net_j}, \text{net}_{j} alike: a word with its subscript inside the braces
TEXT_SUB_RE = re.compile(r"\s*([A-Za-z][A-Za-z0-9]*)\s*(?=_)", re.ASCII)
DROP_WITH_ARG = {"tag", "label", "color", "textcolor"}  # \color{red}{x}: the colour dropped, {x} read
DROP_WITH_ARG |= {"hspace", "vspace"}  # $\hspace{1cm}\begin{eqnarray}: layout before a block (NBIS), dropped
DROP_WITH_ARG |= {"underset", "overset", "stackrel"}  # \underset{\Uparrow}{X}: X, the mark dropped
FONT_SWITCHES = {"rm", "bf", "it", "sf", "tt", "cal"}  # {\rm in}, \delta_{\rm out}: old-style fonts, dropped
ALIGN_ENVS = {
    "aligned",
    "align",
    "align*",
    "gathered",
    "gather",
    "gather*",
    "split",
    "equation",
    "equation*",
    "multline",
    "multline*",
    "alignat",
    "alignat*",
    "eqnarray",
    "eqnarray*",
    "flalign",
    "flalign*",
    "aligned*",
    "split*",
    "gathered*",
}
ARROWS = {
    "therefore",
    "to",
    "rightarrow",
    "Rightarrow",
    "longrightarrow",
    "Longrightarrow",
    "xrightarrow",
    "implies",
    "mapsto",
    "Leftarrow",
    "iff",
    "Leftrightarrow",
}
OPENERS = {"(": ")", "[": "]", "\\{": "\\}", "{": "}"}
CLOSERS = {")", "]", "\\}", "}"}
