"""The C source of the `--backend c` module: one fused pass over the rows, from the Derivation.

`c_source(d, dtype)` is a pure function returning (source, prefix). The row pass computes, for
each row, the forward steps, the loss, every delta and every gradient term, exactly the lines of
the NumPy module's elementwise plan (module/elementwise.py: the same stable pairs, the same output
delta, `sympy.cse` over the loss and the deltas), printed by CPrinter; the gradients are sums over
the rows, one `#pragma omp simd` reduction, so the loop runs 4 or 8 rows at a time with
libmvec's exp. Each delta and gradient line carries the sheet's label as a comment.
"""

from __future__ import annotations

import hashlib
import textwrap

import sympy as sp

from ...escape import c_comment
from ...module.plan import INV_N, output_delta
from ...stabilize import stabilize
from ...unicode import printer_for
from .ctext import PRELUDE, TRAIN
from .printer import CPrinter, batch_sum

LSE = sp.Symbol("lse", real=True)


def flat_params(d) -> list[sp.Symbol]:
    """The scalar parameters in the flat vector's order: each W row by row, then its b."""
    nm, out = d.naming, []
    for la in d.layers:
        m = d.spec.sizes[la.index - 1]
        out += [nm.W(la.index, i, j) for i in range(1, la.size + 1) for j in range(1, m + 1)]
        out += list(dict.fromkeys(nm.b(la.index, i) for i in range(1, la.size + 1)))
    return out


def row_body(d, p: CPrinter) -> tuple[list[str], list[tuple[sp.Symbol, str]]]:
    """(C statements for one row r, [(parameter, its gradient accumulator)] in flat order)."""
    spec, uni, code = d.spec, printer_for(d), p.doprint
    out = [f"const real {code(x)} = X[r * N_IN + {j}];" for j, x in enumerate(d.inputs)]
    out += [f"const real {code(y)} = Y[r * N_OUT + {k}];" for k, y in enumerate(d.targets)]
    reuse: dict[sp.Basic, sp.Basic] = {}
    primes: dict[sp.Basic, sp.Symbol] = {}
    top = spec.activations[-1]
    dexpr, how = output_delta(d)
    lse_done = False
    for eq in d.of_kind("forward"):
        rule = spec.activations[eq.layer - 1]
        lhs = code(eq.lhs)
        if eq.terms:
            out.append(
                f"const real {lhs} = {' + '.join(code(t.xreplace(reuse)) for t in eq.terms)};"
            )
        elif rule.c_pair and (eq.layer < spec.depth or how != "delta_out"):
            reuse[eq.rhs] = eq.lhs
            z = eq.rhs.args[0]
            primes[z] = sp.Symbol(f"{lhs}_prime", real=True)
            out.append(f"real {lhs}_prime;")
            out.append(f"const real {lhs} = {p.pair_helper(rule)}({code(z)}, &{lhs}_prime);")
        else:
            reuse[eq.rhs] = eq.lhs
            value = eq.rhs
            if not top.elementwise and eq.layer == spec.depth:
                if not lse_done:  # log Σ exp(z_k), shifted by the row maximum
                    zs = [code(z) for z in eq.rhs.args[1:]]
                    m = zs[0]
                    for z in zs[1:]:
                        m = f"SP_MAX({m}, {z})"
                    out.append(f"const real sp_m = {m};")
                    total = " + ".join(f"SP_EXP({z} - sp_m)" for z in zs)
                    out.append(f"const real lse = sp_m + SP_LOG({total});")
                    lse_done = True
                value = sp.exp(eq.rhs.args[int(eq.rhs.args[0])] - LSE)
            out.append(f"const real {lhs} = {code(value)};")

    # the loss and the output deltas: one cse over both (they share out - y)
    forwards = d.of_kind("forward")[-len(d.outputs) :]
    logits = [
        eq.rhs.args[int(eq.rhs.args[0])] if not top.elementwise else _z_of(d, eq.lhs)
        for eq in forwards
    ]
    items, notes = [], []
    scale = sp.Rational(1, spec.sizes[-1]) if spec.loss.mean_over_outputs else 1
    if spec.loss.c_logits:
        s = "" if scale == 1 else f" * {code(scale)}"
        for k, (z, y) in enumerate(zip(logits, d.targets)):
            term = spec.loss.c_logits.format(z=code(z), y=code(y), lse="lse")
            out.append(
                ("/* loss, from the logits */\n" if k == 0 else "") + f"L += ({term}) * inv_n{s};"
            )
    else:
        items.append((sp.Symbol("L"), batch_sum(d["L"].rhs) * INV_N))
        notes.append("loss")
    for eq, o, y in zip(
        [e for e in d.of_kind("delta") if e.layer == spec.depth], d.outputs, d.targets
    ):
        z = _z_of(d, o)
        rhs = dexpr.xreplace({d.out: o, d.y: y, d.z: z}) if dexpr is not None else eq.compact
        if z in primes:
            rhs = rhs.subs(top.prime_for_code(z), primes[z])
        items.append((eq.lhs, (rhs * INV_N).xreplace(reuse)))
        notes.append(
            f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}"
            f"  (/n: batch mean; code: {how or 'as the sheet'})"
        )
    out += _cse(p, items, notes, "t")
    # hidden deltas from the top: δ = (Σ_k δ_k W_ki) · f′(z), with the stable f′
    for l in range(spec.depth - 1, 0, -1):
        rule = spec.activations[l - 1]
        items, notes = [], []
        for eq in d.of_kind("delta"):
            if eq.layer == l:
                z = eq.factors[-1].den
                rhs = eq.compact.subs(rule.prime(z), primes.get(z, rule.prime_for_code(z)))
                items.append((eq.lhs, rhs.xreplace(reuse)))
                notes.append(f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}")
        out += _cse(p, items, notes, f"u{l}_")
    # gradients: each a sum over the rows of δ · (what the parameter multiplies)
    accumulators = []
    for param in flat_params(d):
        eq = d.gradient(param)
        acc = code(eq.lhs)
        term = code(batch_sum(eq.compact.xreplace(reuse)))
        out.append(comment(f"{eq.name}: {uni.doprint(eq.lhs)} = {uni.doprint(eq.compact)}", 8))
        out.append(f"{acc} += {term};")
        accumulators.append((param, acc))
    return out, accumulators


WIDTH = 99  # the kernel's lines stay within the generated module's 100 columns


def comment(text: str, indent: int) -> str:
    """A C comment of user-derived text (escaped), wrapped to WIDTH; lines after the first are
    indented by the caller's joining (each line of a body gets the same indent)."""
    lines = textwrap.wrap(c_comment(text), WIDTH - indent - 6, break_long_words=True)
    return "/* " + "\n   ".join(lines) + " */"


def pragma(text: str) -> str:
    """A long #pragma continued over lines with backslashes (at top-level commas)."""
    lines = textwrap.wrap(text, WIDTH - 2, subsequent_indent="    ", break_long_words=False)
    return " \\\n".join(lines)


def fit(text: str) -> str:
    """Every code line of a C text within WIDTH: a longer one is broken at spaces (between tokens:
    the kernel has no string literals), its continuation indented 4 more."""
    out = []
    for line in text.split("\n"):
        if len(line) <= WIDTH or line.lstrip().startswith(("/*", "#")):
            out.append(line)
            continue
        pad = " " * (len(line) - len(line.lstrip()))
        out += textwrap.wrap(
            line.strip(),
            WIDTH,
            initial_indent=pad,
            subsequent_indent=pad + "    ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(out)


def _z_of(d, out):
    eq = next(e for e in d.of_kind("forward") if e.lhs == out)
    return eq.rhs.args[0] if d.spec.activations[-1].elementwise else None


def _cse(p: CPrinter, items, notes, prefix) -> list[str]:
    """`const real` statements for [(lhs, rhs)], shared subexpressions pulled out by sympy.cse."""
    symbols = sp.numbered_symbols(prefix, real=True)
    temps, reduced = sp.cse(
        [stabilize(rhs) for _, rhs in items], symbols=symbols, optimizations=None, order="none"
    )
    out = [f"const real {p.doprint(t)} = {p.doprint(v)};" for t, v in temps]
    for (lhs, _), rhs, note in zip(items, reduced, notes):
        out.append(comment(note, 8))
        if lhs == sp.Symbol("L"):
            out.append(f"L += {p.doprint(rhs)};")
        else:
            out.append(f"const real {p.doprint(lhs)} = {p.doprint(rhs)};")
    return out


def c_source(d, dtype: str = "float64", source: str = "") -> tuple[str, str]:
    """(the kernel's C source, the prefix of its two exported names)."""
    names = {s: n.code for s, n in d.naming.names.items()}
    p = CPrinter(names, dtype)
    body, accumulators = row_body(d, p)
    params = flat_params(d)
    unpack = [f"    const real {p.doprint(s)} = theta[{k}];" for k, s in enumerate(params)]
    accs = [a for _, a in accumulators]
    decay = ", ".join(_decay_flags(d))
    loop = "\n".join(("        " + line.replace("\n", "\n        ")) for line in body)
    loops = [
        _loop_fn("sp_rows_wide", "", unpack, accs, loop),
        _loop_fn("sp_rows_narrow", " simdlen(4)", unpack, accs, loop),
    ]
    pass_fn = "\n\n".join(loops) + "\n\n" + PASS
    header = "\n".join(
        [
            comment(
                f"The --backend c kernel of a {d.spec.arch} network: {d.spec.describe()}. "
                "Printed by symprop from the exact chain-rule Derivation (regenerate rather "
                "than edit); each delta and gradient line carries the sheet's label.",
                0,
            ),
            f"#define SP_FLOAT32 {int(dtype == 'float32')}",
            f"#define N_IN {d.spec.sizes[0]}",
            f"#define N_OUT {d.spec.sizes[-1]}",
            f"#define N_PARAMS {len(params)}",
        ]
    )
    helpers = "\n".join(p.signatures) + "\n\n" + "\n\n".join(p.helpers.values())
    decay_line = (
        "/* weight decay applies to weights, not biases */\n"
        f"static const real sp_decay[N_PARAMS] = {{{decay}}};"
    )
    text = "\n\n".join(
        x for x in (header, PRELUDE.rstrip(), helpers, decay_line, pass_fn, TRAIN.strip()) if x
    )
    text = fit(text)
    prefix = "symprop_" + hashlib.sha256(text.encode()).hexdigest()[:16] + "_"
    api = f"#define SP_API(name) {prefix}##name"
    return f"{api}\n{text}\n", prefix


def matrix_source(d, dtype: str = "float64") -> tuple[str, str, tuple[str, ...]] | None:
    """The matrix style's C: for each built-in activation the NumPy twin computes with an
    in-place `_<name>_fwd(z)` (the table's `numpy_matrix`), `<prefix><name>_fwd(z, d, n)`: z <-
    f(z) and d <- f'(z) in one pass with the vector exp, instead of NumPy's three to fourteen.
    (source, prefix, the activations' names), or None when the twin has no such helper."""
    names = {s: n.code for s, n in d.naming.names.items()}
    p = CPrinter(names, dtype)
    z, a = sp.Symbol("z", real=True), sp.Symbol("a", real=True)
    rules = {
        rule.name: rule
        for rule in d.spec.activations
        if rule.numpy_matrix and rule.elementwise and dtype in rule.c_matrix
    }
    functions = []
    for rule in rules.values():
        if rule.c_pair:
            body = [
                "real di;",
                f"const real a = {p.pair_helper(rule)}(z[i], &di);",
                "z[i] = a;",
                "d[i] = di;",
            ]
        else:
            prime = stabilize(rule.prime_for_code(z)).xreplace({rule(z): a})
            body = [
                "const real zi = z[i];",
                f"const real a = {p.doprint(rule(z).xreplace({z: sp.Symbol('zi', real=True)}))};",
                "z[i] = a;",
                f"d[i] = {p.doprint(prime.xreplace({z: sp.Symbol('zi', real=True)}))};",
            ]
        functions.append(
            "\n".join(
                [
                    f"/* the NumPy twin's _{rule.name}_fwd in one pass: z <- {rule.name}(z), "
                    "d <- its derivative */",
                    f"SP_EXPORT void SP_API({rule.name}_fwd)(real *restrict z, real *restrict d, "
                    "const int64_t n)",
                    "{",
                    "#pragma omp simd",
                    "    for (int64_t i = 0; i < n; ++i) {",
                    *[f"        {line}" for line in body],
                    "    }",
                    "}",
                ]
            )
        )
    if not functions:
        return None
    header = "\n".join(
        [
            comment(
                f"The --backend c activations of a {d.spec.arch} network (matrix style: the "
                "matmuls stay NumPy's BLAS): f(z) and f'(z) in one pass. Printed by symprop.",
                0,
            ),
            f"#define SP_FLOAT32 {int(dtype == 'float32')}",
        ]
    )
    helpers = "\n".join(p.signatures) + "\n\n" + "\n\n".join(p.helpers.values())
    text = "\n\n".join(
        x for x in (header, PRELUDE.rstrip(), helpers, "\n\n".join(functions)) if x.strip()
    )
    text = fit(text)
    prefix = "symprop_" + hashlib.sha256(text.encode()).hexdigest()[:16] + "_"
    return f"#define SP_API(name) {prefix}##name\n{text}\n", prefix, tuple(rules)


def _decay_flags(d) -> list[str]:
    flags = []
    for la in d.layers:
        m = d.spec.sizes[la.index - 1]
        flags += ["1"] * (la.size * m)
        flags += ["0"] * len(dict.fromkeys(d.naming.b(la.index, i) for i in range(1, la.size + 1)))
    return flags


# a few rows (XOR's 4) take the 4-wide loop: the wide one (8 doubles with AVX-512) would leave
# them all to its scalar remainder, one libm exp at a time
PASS = """/* one fused pass over rows X[0:n], Y[0:n]: forward, loss, deltas and the gradient sums
   into g (flat, the NumPy module's order); returns the batch-mean loss */
static double sp_pass(const real *restrict theta, const real *restrict X,
                      const real *restrict Y, const int64_t n, real *restrict g)
{
    return n >= 64 ? sp_rows_wide(theta, X, Y, n, g) : sp_rows_narrow(theta, X, Y, n, g);
}"""


def _loop_fn(name: str, simdlen: str, unpack: list[str], accs: list[str], loop: str) -> str:
    return "\n".join(
        [
            f"static double {name}(const real *restrict theta, const real *restrict X,",
            "                      const real *restrict Y, const int64_t n, real *restrict g)",
            "{",
            *unpack,
            "    const real inv_n = (real)(1.0 / (double)n);",
            "    real L = 0;",
            *[f"    real {a} = 0;" for a in accs],
            pragma(f"#pragma omp simd{simdlen} reduction(+ : L, {', '.join(accs)})"),
            "    for (int64_t r = 0; r < n; ++r) {",
            loop,
            "    }",
            *[f"    g[{k}] = {a};" for k, a in enumerate(accs)],
            "    return (double)L;",
            "}",
        ]
    )
