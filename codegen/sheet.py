"""Derivation sheets: `sheet_context(d, options)` turns a Derivation into plain strings and lists,
`render_sheet(d, options)` fills the LaTeX (or Markdown) template with them. Both are pure.

The sheet follows the seed hand derivation: network diagram, forward steps (scalar sums, then the
matrix form under braces), activations, a summary, the error, the parameter updates, the local
chain-rule factors, every gradient as a product of bracketed factors (the products the seed marks
with ditto marks are named once as deltas), and the delta rule in matrix form. Nets too large for
one line per parameter get the delta form, and the sheet says so.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from .escape import FILTERS
from .latex import paren, printer_for

PER_WEIGHT_LIMIT = 150      # parameters: above this the sheet uses the delta form by itself
PER_WEIGHT_WIDTH = 12       # units in a layer: above this, per-weight lines get unreadable
SHOWN = 6                   # vector/matrix entries shown before eliding with dots
LINE = 78                   # budget of one display line, in terminal characters (see _width)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


@dataclass(frozen=True)
class SheetOptions:
    diagram: bool = True
    matrix_only: bool = False
    format: str = "tex"          # 'tex' or 'md'


def render_sheet(d, options: SheetOptions = SheetOptions()) -> str:
    """The whole sheet as one string (a standalone LaTeX document, or Markdown)."""
    name = "sheet.tex.jinja" if options.format == "tex" else "sheet.md.jinja"
    return _environment().get_template(name).render(**sheet_context(d, options))


@lru_cache(maxsize=None)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("codegen", "templates"),
        block_start_string=r"\BLOCK{", block_end_string="}",
        variable_start_string=r"\VAR{", variable_end_string="}",
        comment_start_string=r"\#{", comment_end_string="}",
        line_statement_prefix=None, line_comment_prefix=None,
        trim_blocks=True, lstrip_blocks=True, autoescape=False, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    return env


def per_weight(d, options: SheetOptions) -> bool:
    """One line per parameter, or the delta form (large nets, or asked for)."""
    return (d.scalar and not options.matrix_only and d.spec.n_params <= PER_WEIGHT_LIMIT
            and max(d.spec.sizes) <= PER_WEIGHT_WIDTH)


def sheet_context(d, options: SheetOptions = SheetOptions()) -> dict:
    return _Sheet(d, options).context()


class _Sheet:
    def __init__(self, d, options: SheetOptions):
        from symbolic.spec import NetworkSpec

        from .unicode import UnicodePrinter

        self.d, self.options, self.spec = d, options, d.spec
        self.nm = d.naming.fresh()   # element names for matrices (d untouched)
        self.p = printer_for(d)
        self.per_weight = per_weight(d, options)
        self._uni = UnicodePrinter({})
        self._cache: dict = {}
        self._synced = 0
        assert isinstance(d.spec, NetworkSpec)

    # printing ----------------------------------------------------------------------------------
    def tex(self, expr) -> str:
        key = ("tex", expr)
        if key not in self._cache:
            if len(self.nm.names) != self._synced:      # element names made since the last print
                self.p.names.update({s: n.latex for s, n in self.nm.names.items()
                                     if s not in self.p.names})
                self._synced = len(self.nm.names)
            self._cache[key] = self.p.doprint(expr)
        return self._cache[key]

    def width(self, expr) -> int:
        """Rough display width in characters: the one-line Unicode form, names shortened."""
        key = ("width", expr)
        if key not in self._cache:
            self._cache[key] = len(self._uni.doprint(expr))
        return self._cache[key]

    def partial(self, num, den) -> str:
        return self.p.partial(num, den)

    # the document ------------------------------------------------------------------------------
    def context(self) -> dict:
        d, spec = self.d, self.spec
        acts = [a for a in spec.activations]
        steps = []
        for layer in d.layers:
            steps.append(self.forward_step(layer))
            steps.append(self.activation_step(layer))
        for n, step in enumerate(steps):
            step["number"] = CIRCLED[n] if n < len(CIRCLED) else str(n + 1)
            step["circled"] = str(n + 1)
        return {
            "title": f"Backpropagation by hand: the {spec.arch} network",
            "arch": spec.arch,
            # user text stays raw here: each template escapes it for its language with the
            # filters of codegen.escape (latex_text, markdown_text, markdown_code, html_comment)
            "command": command(spec, self.options),
            "activations": ", ".join(dict.fromkeys(a.formula_text or a.name for a in acts)),
            "loss_title": spec.loss.title,
            "loss_formula_text": spec.loss.formula_text,
            "naming": spec.naming,
            "n_params": f"{spec.n_params:,}".replace(",", "{,}"),
            "n_params_plain": f"{spec.n_params:,}",
            "per_weight": self.per_weight,
            "delta_reason": self.delta_reason(),
            "diagram": self.diagram() if self.options.diagram else None,
            "steps": steps,
            "summary": self.summary(),
            "loss": self.loss(),
            "updates": self.updates(),
            "eta": self.tex(d.eta),
            "derivatives": self.derivatives(),
            "matrix_form": self.matrix_form(),
            "notes": list(d.notes),
        }

    def delta_reason(self) -> str:
        if self.per_weight:
            return ""
        spec = self.spec
        if self.options.matrix_only:
            return "The delta (matrix) form was asked for (\\texttt{-{}-matrix-only})."
        return (f"This network has {spec.n_params:,} parameters".replace(",", "{,}")
                + ": one chain-rule line per parameter would fill hundreds of lines, so this "
                  "sheet writes every gradient in the delta (matrix) form instead. Each entry "
                  "of a matrix below is one parameter's gradient.")

    # forward ------------------------------------------------------------------------------------
    def prev_entries(self, l: int) -> list:
        """The symbols of the vector layer l multiplies: inputs, or the activations below."""
        m = self.spec.sizes[l - 1]
        if l == 1:
            return [self.nm.x(j) for j in range(1, m + 1)]
        rule = self.spec.activations[l - 2]
        zs = [self.nm.z(l - 1, j) for j in range(1, m + 1)]
        if rule.elementwise:
            return [rule(z) for z in zs]      # as the seed writes them: σ(z_h1)
        return [self.nm.a(l - 1, j) for j in range(1, m + 1)]

    def forward_step(self, layer) -> dict:
        l, spec = layer.index, self.spec
        n, m = layer.size, spec.sizes[l - 1]
        prev = self.prev_entries(l)
        rows = []
        for i in _shown(n):
            if i is None:
                rows.append(("\\vdots", ""))
                continue
            z = self.nm.z(l, i)
            js = range(1, m + 1) if self.per_weight else _shown(m, 4)
            terms = [self.nm.W(l, i, j) * prev[j - 1] if j else None for j in js]
            terms.append(self.nm.b(l, i))
            atoms = [("\\cdots", 3) if t is None else (self.tex(t), self.width(t)) for t in terms]
            rows.append((self.tex(z), " \\\\\n  &\\qquad ".join(self._lines(atoms, " + "))))
        W = [[self._elided_entry(lambda i, j: self.nm.W(l, i, j), i, j) for j in _shown(m)]
             for i in _shown(n)]
        a = [self._elided_vec(lambda j: prev[j - 1], j) for j in _shown(m)]
        b = [self._elided_vec(lambda i: self.nm.b(l, i), i) for i in _shown(n)]
        matrix_eq = next(e for e in self.d.of_kind("forward_matrix") if e.lhs == layer.z)
        a_name = "x" if l == 1 else f"a-layer {l - 1}"
        return {
            "kind": "forward",
            "title": "1st forward step" if l == 1 else f"{_ordinal(l)} forward step",
            "layer": l,
            "rows": [{"lhs": lhs, "rhs": rhs} for lhs, rhs in rows],
            "inline": m <= 3 and n <= 4 and self.per_weight and spec.naming == "seed",
            "W": W, "a": a, "b": b,
            "W_label": f"w-layer {l}", "a_label": a_name, "b_label": f"b-layer {l}",
            "z": self.tex(layer.z),
            "matrix_eq": f"{self.tex(layer.z)} = {self.tex(matrix_eq.rhs)}",
            "a_prev": "x" if l == 1 else self.tex(self.d.layers[l - 2].a),
            "W_sym": self.tex(layer.W), "b_sym": self.tex(layer.b),
            "shape": f"{n}\\times{m}",
        }

    def activation_step(self, layer) -> dict:
        l, rule, n = layer.index, layer.activation, layer.size
        top = l == self.spec.depth
        zs = [self.nm.z(l, i) for i in range(1, n + 1)]
        values, defs = [], []
        for i in _shown(n):
            if i is None:
                values.append("\\vdots")
                defs.append("\\vdots")
                continue
            value = rule(zs[i - 1]) if rule.elementwise else self._softmax(i, zs)
            values.append(self.tex(value))
            defs.append(self.tex(_definition(rule, zs[i - 1], i, zs)))
        matrix_eq = next(e for e in self.d.of_kind("forward_matrix") if e.lhs == layer.a)
        out_names = [self.tex(o) for o in self.d.outputs] if top else []
        return {
            "kind": "activation",
            "title": ("Activation" if l == 1 else "Output activation" if top
                      else f"Activation of layer {l}"),
            "layer": l,
            "f": rule.latex,
            "name": rule.name,
            "elementwise": rule.elementwise,
            "definition": (f"{self.tex(rule(self.d.z))} = "
                           f"{self.tex(_definition(rule, self.d.z, None, None))}"
                           if rule.elementwise else
                           f"{self._softmax_generic()} = {self._softmax_definition()}"),
            "formula_text": rule.formula_text,
            "a": self.tex(layer.a), "z": self.tex(layer.z),
            "values": values, "defs": defs,
            "show_defs": n <= 4 and sum(len(s) for s in defs) < 240,
            "matrix_eq": f"{self.tex(layer.a)} = {self.tex(matrix_eq.rhs)}",
            "top": top,
            "outputs": out_names,
            "output_eq": (f"{out_names[0]} = {self.tex(rule(zs[0]))}"
                          if top and len(out_names) == 1 else ""),
        }

    def _softmax(self, i, zs):
        from symbolic.functions import softmax

        return softmax(i, *zs)

    def _softmax_generic(self) -> str:
        return r"\operatorname{softmax}_k\left(z\right)"

    def _softmax_definition(self) -> str:
        return r"\frac{e^{z_k}}{\sum_{j} e^{z_j}}"

    def summary(self) -> dict:
        chain = ["x"]
        for layer in self.d.layers:
            chain.append(f"\\xrightarrow{{{self.tex(layer.W)},\\,{self.tex(layer.b)}}} "
                         f"{self.tex(layer.z)}")
            f = layer.activation.latex
            chain.append(f"\\xrightarrow{{{f}}} {self.tex(layer.a)}")
        eqs = [{"lhs": self.tex(e.lhs), "rhs": self.tex(e.rhs)}
               for e in self.d.of_kind("forward_matrix")]
        return {"chain": " ".join(chain), "equations": eqs}

    # error and updates ---------------------------------------------------------------------------
    def loss(self) -> dict:
        d = self.d
        eq = d["L"]
        top = d.layers[-1]
        subs = {}
        for k, o in enumerate(d.outputs, start=1):
            z = self.nm.z(top.index, k)
            subs[o] = (top.activation(z) if top.activation.elementwise
                       else self._softmax(k, [self.nm.z(top.index, i)
                                              for i in range(1, top.size + 1)]))
        terms = list(eq.terms)
        scale = ""
        if d.spec.loss.mean_over_outputs:
            scale = f"\\frac{{1}}{{{len(terms)}}}"
        forms = [self._sum(terms, scale)]
        if top.activation.elementwise:
            forms.append(self._sum([t.xreplace(subs) for t in terms], scale))
        return {"lhs": self.tex(d.loss_symbol), "forms": forms,
                "outputs": ", ".join(self.tex(o) for o in d.outputs[:3])
                + (", \\dots" if len(d.outputs) > 3 else ""),
                "output_defs": [f"{self.tex(o)} = {self.tex(subs[o])}" for o in d.outputs[:1]],
                "targets": ", ".join(self.tex(y) for y in d.targets[:3])
                + (", \\dots" if len(d.targets) > 3 else "")}

    def _sum(self, terms, scale: str) -> str:
        shown = terms if len(terms) <= 4 else terms[:2] + [None] + terms[-1:]
        out = ""
        for t in shown:
            text = "\\cdots" if t is None else self.tex(t)
            if not out:
                out = text
            elif text.startswith("-"):
                out += " - " + text[1:]
            else:
                out += " + " + text
        if scale:
            return f"{scale}\\left({out}\\right)" if len(terms) > 1 else f"{scale} {out}"
        return out

    def updates(self) -> dict:
        d = self.d
        if self.per_weight:
            items = []
            for eq in d.of_kind("update"):
                grad = sp.expand((eq.lhs - eq.rhs) / d.eta)
                p = self.tex(eq.lhs)
                items.append(f"{p} &\\leftarrow {p} - {self.tex(d.eta)}\\,{self.tex(grad)}")
            return {"scalar": True, "rows": _columns(items, 3)}
        items = []
        for eq in d.of_kind("update_matrix"):
            g = next(s for s in eq.rhs.free_symbols if isinstance(s, sp.MatrixSymbol)
                     and s != eq.lhs)
            p = self.tex(eq.lhs)
            items.append(f"{p} &\\leftarrow {p} - {self.tex(d.eta)}\\,{self.tex(g)}")
        return {"scalar": False, "rows": _columns(items, 2)}

    # derivatives ---------------------------------------------------------------------------------
    def derivatives(self) -> dict:
        d = self.d
        rules = []
        for eq in d.of_kind("rule"):
            if eq.name == "dL/dout":
                rules.append({"lhs": self.partial(d.loss_symbol, d.out), "rhs": self.tex(eq.rhs),
                              "note": ""})
            elif eq.name == "delta_out":
                rules.append({"lhs": "\\delta_{\\mathrm{out}}", "rhs": self.tex(eq.rhs),
                              "note": eq.note})
            else:
                rules.append({"lhs": self.tex(eq.lhs), "rhs": self.tex(eq.rhs), "note": ""})
        if not self.per_weight:
            return {"per_weight": False, "rules": rules}
        first = d.gradient(d.params[0])
        chain = {"lhs": self.tex(first.lhs),
                 "lines": self._lines([(self.partial(f.num, f.den), self._pwidth(f))
                                       for f in first.factors], " \\cdot ")}
        local_eqs = d.of_kind("local")
        locals_ = [f"{self.partial(e.factors[0].num, e.factors[0].den)} &= {self.tex(e.rhs)}"
                   for e in local_eqs]
        narrow = max(self._pwidth(e.factors[0]) + self.width(e.rhs) for e in local_eqs) < LINE / 2
        deltas = [self._product_lines(e) for e in d.of_kind("delta")]
        groups = []
        for layer in reversed(d.layers):
            grads = [self._product_lines(e) for e in d.of_kind("gradient") if e.layer == layer.index]
            groups.append({"layer": layer.index, "gradients": grads,
                           "title": ("output layer" if layer.index == self.spec.depth
                                     else f"layer {layer.index}")})
        groups.reverse()   # the seed's order: the first layer's parameters first
        return {"per_weight": True, "rules": rules, "chain": chain,
                "locals": _columns(locals_, 2 if narrow else 1),
                "deltas": deltas, "groups": groups}

    def _pwidth(self, f) -> int:
        return max(self.width(f.num), self.width(f.den)) + 3

    def _product_lines(self, eq) -> dict:
        """A delta or gradient: the chain of partials, the bracketed factor values, compact form."""
        partials = [(self.partial(f.num, f.den), self._pwidth(f)) for f in eq.factors]
        values = []
        for f in eq.factors:
            values.extend(self._bracketed(f.value))
        compact = self.tex(eq.compact) if eq.compact is not None else ""
        if eq.kind == "delta" and compact == self._joined(eq.factors):
            compact = ""
        return {"lhs": self.tex(eq.lhs), "chain": self._lines(partials, " \\cdot "),
                "values": self._lines(values, " \\cdot ", glue=True),
                "compact": compact,
                "factors": [self.tex(f.value) for f in eq.factors]}

    def _joined(self, factors) -> str:
        return self.tex(sp.Mul(*[f.value for f in factors]))

    def _bracketed(self, value) -> list:
        """[value] as atoms for line breaking; a long sum is split at its terms."""
        text, w = self.tex(value), self.width(value) + 2
        if w <= LINE or not value.is_Add:
            return [(paren(text, "[", "]"), w)]
        # too long for one line: written with fixed-size brackets, broken between terms
        terms = sorted(value.as_ordered_terms(), key=lambda t: t.could_extract_minus_sign())
        atoms = []
        for k, t in enumerate(terms):
            neg = t.could_extract_minus_sign()
            body = self.tex(-t if neg else t)
            sign = (" - " if neg else " + ") if k else ("-" if neg else "")
            atoms.append(("\x00" + sign + body, self.width(t) + 3))
        atoms[0] = ("\\bigl[" + atoms[0][0][1:], atoms[0][1])
        atoms[-1] = (atoms[-1][0] + "\\bigr]", atoms[-1][1])
        return atoms

    def _lines(self, atoms, sep: str, glue: bool = False) -> list:
        """Greedy line filling: atoms joined by sep (or glued, for terms of a split sum)."""
        lines, current, used = [], "", 0
        for text, w in atoms:
            glued = text.startswith("\x00")
            text = text.lstrip("\x00")
            join = "" if not current else ("" if glued else sep)
            if current and used + w > LINE:
                lines.append(current + ("" if glued else sep.rstrip()))
                current, used = text.lstrip(), w
                continue
            current += join + text
            used += w + (0 if glued else 2)
        if current:
            lines.append(current)
        return lines

    def _product(self, term) -> str:
        return self.tex(term)

    def _elided_entry(self, f, i, j) -> str:
        if i is None and j is None:
            return "\\ddots"
        if i is None:
            return "\\vdots"
        if j is None:
            return "\\cdots"
        return self.tex(f(i, j))

    def _elided_vec(self, f, i) -> str:
        return "\\vdots" if i is None else self.tex(f(i))

    # matrix (delta) form --------------------------------------------------------------------------
    def matrix_form(self) -> dict:
        d = self.d

        def rows(kind):
            return [{"lhs": self.tex(e.lhs), "rhs": self.tex(e.rhs)} for e in d.of_kind(kind)]

        return {"deltas": rows("delta_matrix"), "gradients": rows("gradient_matrix"),
                "grad_out": self.tex(d.output_gradient),
                "outputs_vec": self.tex(d.layers[-1].a)}

    # the network diagram ---------------------------------------------------------------------------
    def diagram(self) -> dict:
        spec = self.spec
        depth = spec.depth
        dx = min(5.0, 12.5 / depth)
        dy = 1.7
        label_edges = all(m * n <= 12 for m, n in zip(spec.sizes, spec.sizes[1:]))  # legible
        nodes, edges, biases, headers = [], [], [], []
        columns = []
        for l, size in enumerate(spec.sizes):
            shown = list(_shown(size, limit=5))
            ys = [(len(shown) - 1) / 2 * dy - k * dy for k in range(len(shown))]
            col = []
            for k, (i, y) in enumerate(zip(shown, ys)):
                nid = f"n{l}_{k}"
                if i is None:
                    nodes.append({"id": nid, "x": _f(l * dx), "y": _f(y), "text": "\\vdots",
                                  "style": "dots"})
                    continue
                if l == 0:
                    text, style = self.tex(self.nm.x(i)), "input"
                else:
                    text = self.tex(self.nm.z(l, i))
                    style = "output" if l == depth else "hidden"
                nodes.append({"id": nid, "x": _f(l * dx), "y": _f(y), "text": text,
                              "style": style})
                col.append((nid, i))
                if l:
                    biases.append({"node": nid, "text": self.tex(self.nm.b(l, i))})
            columns.append(col)
            if l == 0:
                headers.append({"x": _f(0), "text": "input"})
            else:
                rule = spec.activations[l - 1]
                what = "output" if l == depth else f"hidden layer {l}" if depth > 2 else "hidden"
                headers.append({"x": _f(l * dx), "text": f"{what}, ${rule.latex}$"})
        top_y = max(float(n["y"]) for n in nodes) + 1.7
        for l in range(1, depth + 1):
            src, dst = columns[l - 1], columns[l]
            m = len(src)
            for k, (sid, j) in enumerate(src):
                pos = 0.7 - (0.45 * k / (m - 1) if m > 1 else 0.2)
                for did, i in dst:
                    label = self.tex(self.nm.W(l, i, j)) if label_edges else ""
                    edges.append({"src": sid, "dst": did, "label": label, "pos": f"{pos:.2f}"})
        outs = [{"node": nid, "text": self.tex(self.d.outputs[i - 1])} for nid, i in columns[-1]]
        return {"nodes": nodes, "edges": edges, "biases": biases, "headers": headers,
                "outputs": outs, "top": _f(top_y), "labelled": label_edges,
                "caption": "" if label_edges else (
                    "The edge from unit $j$ of one layer to unit $i$ of the next carries the "
                    "weight in row $i$, column $j$ of that layer's weight matrix (labels left "
                    "out where they would overlap; dots stand for units not drawn).")}


def command(spec, options: SheetOptions) -> str:
    """The symprop command line that writes this sheet."""
    acts = [a.formula_text or a.name for a in spec.activations]
    act = acts[0] if len(set(acts[:-1])) <= 1 and acts[-1] == acts[0] else ",".join(acts)
    text = (f"symprop sheet {spec.arch} --activation {_quoted(act)} "
            f"--loss {_quoted(spec.loss.formula_text or spec.loss.name)} --naming {spec.naming}")
    if options.matrix_only:
        text += " --matrix-only"
    if not options.diagram:
        text += " --no-diagram"
    return text


def _quoted(text: str) -> str:
    """Quoted for a POSIX shell (a formula may hold quotes: pasting the command runs only symprop)."""
    return shlex.quote(text)


def _definition(rule, z, k, zs):
    """The explicit formula of f(z) for the sheet: σ(z) = 1/(1 + e^{-z})."""
    from symbolic import functions as fn

    f = rule(z)
    if isinstance(f, fn.Activation):
        return f.definition()
    if isinstance(f, sp.tanh):
        return (sp.exp(z) - sp.exp(-z)) / (sp.exp(z) + sp.exp(-z))
    if k is not None and not rule.elementwise:
        return sp.exp(zs[k - 1]) / sp.Add(*[sp.exp(v) for v in zs])
    return f


def _shown(n: int, limit: int = SHOWN):
    """Indices 1..n, or the first few, None (for the dots) and the last when n is large."""
    if n <= limit:
        return list(range(1, n + 1))
    return list(range(1, limit - 1)) + [None, n]


def _columns(items: list, k: int) -> list:
    """Items laid out k to a row (align* columns)."""
    return [" & ".join(items[i:i + k]) for i in range(0, len(items), k)]


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _f(x: float) -> str:
    return f"{x:.2f}"
