"""Verify hand-derived gradients against the Derivation, and name the factor at fault.

Contract: statements (as `symbolic.latex` gives them, from LaTeX or the plain syntax of
`verify.read`) go in; a `Report` comes out with one `Verdict` per derivative statement
(`verify_once`; verify/entry.py reads the text and runs it once, or twice where one reading
cannot settle the document).

A pipeline of pure stages, each taking the previous stage's data and never calling back:
  1. read      text -> statements (`read`; Greek index letters, v_{ιζ}, read as free Latin
               ones and said back as written in every message, `greek_indices`; layers written as
               subscripts, x_i = f_i(W_i x_{i-1}),
               read in `latex.subscript_layers`); bars read as error signals when they chain
               (\bar{z} = \bar{y} σ'(z): ∂L/∂z, `error_signals`); an algorithm's loops, running
               variables (g ←) and
               regularizer terms read off them (`running`), forward definitions without a bias set
               apart (`subscript_layers`), a sum the document names (S = Σ_t exp(z_t)) read as its
               formula (`own_names`), the document's letters for layers, net
               inputs and outputs (`layer_letters`), a bare name placed at the one layer its
               derivatives place it (`lone_layer_names`: ∂a^{[2]}/∂z), the document's own letter
               for δ (`own_deltas`: s^m_i ≡ ∂F̂/∂n^m_i), a function written
               without its argument given it (`bare_functions`), a unit's index dropped inside
               h'(a) restored (`dropped_index`),
               conventions the text shows (`notation`), a decorated target by the loss's
               form (`target_accents`: ½Σ(y_i^L - ỹ_i)²), K the outputs' count a sum runs to
               (`count_letters`: \frac{1}{K}\\sum_{k=1}^{K}), the weights'
               orientation and the target letter its definitions say (`said_conventions`:
               `orientation`, `target_letters`), the layer a weight's superscript names, from what
               it multiplies (`weight_layers`)
  2. resolve   matrix statements -> one statement per entry and layer (`matrix_entries`),
               a loss the document names, CE(y, ŷ), as its sum (`named_losses`),
               a softmax's own letters by their use (`output_letters`: p_k, o_i, Ŷ_j),
               the document's own names -> the network's, from its definitions (`binding`; a
               forward sum in index letters: `letter_sums`; a name in letters with no layer read
               per statement by its roles, one copy per reading: `letter_readings`, `word_roles`,
               or why it stays unknown: `unlayered`; weights by global unit numbers, w_{57}:
               `global_numbering`; per-output errors E_j, E_{j1}: `error_terms`), δ_{yj} = y_j
               per class (`kronecker`),
               δ's sign and update lines as the document writes them (`sign_hooks`, `signs`),
               the document's own functions and output substituted (`own_functions`),
               '//' marks -> the factor above (`ditto`), names -> the network's symbols, and
               the true chain-rule factors (`resolve`)
  3. evaluate  both sides at chosen points, and exactly (`evaluate`, `prove`)
  4. judge     -> a Verdict: correct, wrong (the factor at fault, a witness) or not proved (`judge`);
               a sign fault named, δ = -∂L/∂z shown (`sign_hooks`);
               a matrix statement's entries folded into one verdict per layer (`matrix_faults`);
               a statement's readings folded into one verdict, or not checked (`reading_folds`)
  5. print     codegen/verdict.py reads the Report only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

import sympy as sp

from ..derivation import Derivation
from ..latex import Statement
from ..latex.matrix import MatrixStatement
from . import (
    author_names,
    capital_indices,
    capital_twins,
    chain_names,
    class_calls,
    class_labels,
    closed_names,
    code_names,
    constant_rows,
    count_letters,
    declared_indices,
    display,
    dropped_index,
    dropped_instances,
    error_names,
    error_signals,
    error_terms,
    example_targets,
    global_numbering,
    greek_indices,
    hidden_rule,
    increments,
    kronecker,
    lagrange_primes,
    layer_bias,
    layer_deltas,
    layer_names,
    layer_origin,
    layer_own_names,
    letter_readings,
    letter_sums,
    lone_bias,
    lone_layer_names,
    loss_letters,
    loss_output,
    name_chains,
    named_losses,
    net_input,
    no_bias,
    numbering,
    off_diagonal,
    output_letters,
    output_sum,
    own_deltas,
    own_functions,
    own_indexed,
    own_names,
    point_values,
    rate_names,
    reading_folds,
    role_letters,
    running_units,
    single_layer,
    single_unit,
    small_increments,
    subscript_layers,
    target_accents,
    unit_numbers,
    unit_vectors,
    unlayered,
    update_indices,
    update_steps,
    value_cases,
    vector_sums,
    weight_decay,
)
from .bare_functions import with_arguments
from .batch_check import cost_of
from .binding import bind
from .claims import Checked, given_numbers
from .claims import check as check_claims
from .definitions import written
from .ditto import Unchecked, VerifyInputError
from .evaluate import evaluate, sampling
from .given_point import left_out_fix, point_of
from .guarded import guarded, internal, judged_at
from .judge import Verdict, judge
from .layer_letters import as_written
from .layer_letters import normalize as layer_letters
from .matrix_entries import expand as expand_matrices
from .matrix_faults import ENTRY_MISSED, unread_groups
from .matrix_faults import collect as collect_matrices
from .name_calls import letter_layers
from .notation import with_detected
from .report import Report
from .resolve import DEFINITION, resolve_all
from .running import NO_BIAS
from .running import bind as read_algorithm
from .said_conventions import detect as detect_conventions
from .sign_hooks import formula_deltas, sign_verdicts, with_signs
from .weight_layers import detect as weight_layers
from .written_numbers import NUMBERS


def verify_once(
    d: Derivation,
    statements: Sequence[Statement | MatrixStatement],
    aliases: dict | None = None,
    points: int = 20,
    seed: int = 0,
    source: str = "",
    unread: list[Unchecked] | None = None,
    point: dict | None = None,
    conventions: dict | None = None,
) -> Report:
    """Check every statement of a parsed document against the Derivation `d`; `unread` are the
    rows the reader could not read. Unusable (VerifyInputError) only when nothing was checked.
    `conventions`: {"weights": "input-by-output", "targets": "t"} (verify/conventions.py)."""
    original, greek = source, greek_indices.rename(source)  # v_{\iota\zeta}: Latin letters, said back
    capitals = capital_indices.rename(greek.text)  # Fausett's w_{JK} beside w_{jk}: read as w_{jk}, said back
    source = capitals.text
    statements, decay = weight_decay.apply(list(statements))  # s = λ/2 Σ‖W‖², J = L + s: λW terms
    statements = declared_indices.expand(statements, source)  # for each k = 1, 2: h_k as h_1, h_2
    keep = no_bias.keep(source, conventions)  # z = W x: the document's network has no biases
    statements, algorithm, notes = read_algorithm(list(statements), source, keep)  # loops, g ←, regularizer
    unanchored = layer_origin.numbered(statements, d.spec.depth, algorithm, source)  # h^{(3)}: from where?
    statements, fns = lagrange_primes.read(d, statements, aliases)  # C'(W_O): ∂C/∂W_O; R'(Z_o) a function
    statements = error_signals.read(statements)  # Grosse's \bar{z} = \bar{y}σ'(z): ∂L/∂z
    statements = value_cases.merge(statements)  # ReLU'(z) = {1 if z > 0, 0 otherwise}: one statement
    statements = layer_deltas.apply(statements)  # Zurada's \delta_{ok}, \delta_{yj}: δ_k, δ_j
    authors = author_names.of(statements, d.spec.depth)  # their letters, for the messages
    written_letters = statements  # as the document writes them, before a letter per layer is rewritten
    weights = (conventions or {}).get("weights", "")  # the user's: every layer's letters read so
    statements, named = layer_names.apply(statements, d.spec.depth, d.spec.sizes, weights)  # Zhou's v_{ih}
    if named and weights:  # its weights now in symprop's order, as the user's option read them
        conventions = {**(conventions or {}), "weights": "output-by-input"}
    statements, forward, layered = subscript_layers.apply(statements, source, keep)  # x_i = f_i(W_i x_{i-1})
    layered += subscript_layers.shifted(source)  # f_k, h_k = a[f_{k-1}]: each letter's offset, said
    notes, biasless = no_bias.settle(
        notes + forward, statements, source, conventions, NO_BIAS
    )  # read with b = 0
    notes += decay.notes if decay else []
    readers = own_names.known_to(d, aliases, conventions), own_names.settled_by(d, aliases, conventions)
    statements = output_sum.apply(statements, len(d.outputs))  # b = Σ_j β_j z_j: a_k = Σ_j w_kj z_j
    statements, own_sums = own_names.inline(statements, *readers)  # S = Σ_t exp(z_t): read as its sum
    notes = [*notes, *own_sums]
    statements = lone_bias.apply(statements)  # z_j = Σ_i w_{ij} o_i + b: b is b_j
    statements = class_calls.apply(statements)  # softmax(b) of class b: softmax(z_b)
    statements = output_letters.entries(statements)  # \hat{Y}_j of a sum(Y * log(Ŷ)): \hat{y}_j
    statements = vector_sums.apply(statements)  # -sum(Y * log(Ŷ)): Σ_k of the entries
    statements = named_losses.apply(d, statements)  # J = CE(y, ŷ): the loss table's Σ_k
    statements = off_diagonal.apply(statements)  # ∂φ_i/∂z_j after ∂φ_i/∂z_i: for i ≠ j
    statements, aliases = loss_output.apply(statements, source, len(d.outputs), aliases)  # ½‖z - t‖²
    aliases, accents = target_accents.aliases(statements, len(d.outputs), aliases)  # ½Σ(y_i - ỹ_i)²: ỹ
    aliases = count_letters.aliases(source, len(d.outputs), aliases)  # \frac{1}{K}\sum_{k=1}^{K}: K outputs
    aliases = loss_letters.aliases(statements, aliases)  # ∂l/∂ŷ beside Loss = ...: l is the loss
    statements, letters = layer_letters(statements)  # Brilliant's w_{ij}^k, a (net input), o (output)
    statements, own_layered = layer_own_names.inline(statements)  # e_j^{r-1} = Σ_k δ_k^r w_{kj}^r
    notes = [*notes, *own_layered]
    statements = lone_layer_names.apply(statements)  # ∂L/∂z beside ∂a^{[2]}/∂z: z^{[2]}
    statements = own_deltas.apply(statements)  # s^m_i ≡ ∂F̂/∂n^m_i: Hagan's sensitivity is δ
    statements = [with_arguments(s) for s in statements]  # ∂φ/∂z = φ(1-φ): φ(z) (bare_functions.py)
    statements = dropped_index.restore(d, statements, aliases)  # ∂z_j/∂a_j = h'(a): h'(a_j)
    statements = role_letters.apply(statements)  # u_k = Σ_j V_{kj} z_j + c_k in Bishop's roles: w, b, a
    conventions = with_detected(source, conventions)  # units counted from 0 (notation.py)
    # w_{ij} from i to j, d the target: as the document's definitions say (said_conventions.py)
    conventions, said = detect_conventions(statements, conventions, written_letters if named else None)
    if named:  # the names were rewritten in Ng's brackets: W^{[l]} feeds layer l
        conventions.setdefault("weight_layers", "into")
    conventions.setdefault("weight_layers", weight_layers(statements))  # W^l into layer l, or out of it
    statements = unit_vectors.apply(statements, conventions, source)  # ∂v_j^r/∂w_j^r = y^{r-1}: entries
    aliases, conventions, per_layer = net_input.detect(d, statements, aliases, conventions)  # ŷ = σ(y)
    statements, aliases, conventions, coded = code_names.detect(d, statements, aliases, conventions)  # h1_1
    per_layer += coded
    aliases, own_letters = output_letters.aliases(d, statements, aliases, conventions)  # p_k, o_i
    per_layer += own_letters
    d, shared = layer_bias.apply(d, statements, aliases, conventions)  # b_2 in net_{o1}: one per layer
    per_layer += shared
    statements, stacked = constant_rows.apart(statements)  # x^{(l)} = [1; θ(s)]: not symprop's vector
    notes = [*notes, *stacked]
    statements, groups, layout, unmatched = expand_matrices(
        d,
        statements,
        algorithm,
        conventions["weight_layers"],
        conventions.get("weights", ""),
        cost_of(source),
        conventions.get("targets") or "y",
    )  # matrix -> entries (a sum over a batch's examples also at m > 1: batch_check.py)
    unmatched += notes
    bound = bind(d, statements, aliases, conventions)  # the document's own names (binding.py)
    bound = closed_names.bind(d, statements, bound, aliases, conventions)  # O = s(s(Iw_1+1)w_2+1)
    bound = letter_sums.bind(d, statements, bound, aliases, conventions)  # z_k = Σ_i w_{ki} ã_i + b_k
    statements, bound = letter_sums.weights(d, statements, bound, aliases, conventions)  # its w_{ki}
    bound = single_layer.bind(d, statements, bound, aliases, conventions)  # z_i of a one-layer net
    bound = single_unit.bind(d, statements, bound, aliases, conventions)  # w, b, x of one unit
    bound = running_units.bind(d, statements, bound, aliases, conventions)  # a_1 ... a_5 through the units
    bound = numbering.extend(d, bound, aliases)  # w_1 ... w_8 run through the weights (numbering.py)
    bound = numbering.siblings_defined(d, bound, statements, aliases, conventions)  # h_1 bound: h_2 too
    bound = global_numbering.extend(d, bound, statements, aliases)  # w_{57}: unit 5 to unit 7
    bound = capital_twins.read(d, bound, statements, aliases)  # ∂Error/∂W_6 beside w_6: w_6
    bound = unit_numbers.rebind(d, bound, statements, aliases, conventions)  # y_3 = f(x_1 w_{13} - θ_3)
    bound = name_chains.bind(d, bound, statements, aliases)  # y_pred = o_1 = f(...): o_1
    bound = net_input.labelled(d, bound, statements, aliases)  # out_{y2}: σ(y_2)
    bound, chained = chain_names.bind(d, statements, bound, aliases, fns)  # a chain's steps on 1-1-1
    statements, bound = error_names.apply(d, statements, bound, {**bound.aliases, **(aliases or {})})  # E_o
    bound, per_output = error_terms.apply(d, statements, bound, aliases or {})  # E_j, E_{j1}: one output's
    statements = lagrange_primes.activations(
        d, statements, fns, {**bound.aliases, **(aliases or {})}, chained
    )
    read_by = bound.conventions or conventions  # the document's conventions, said or detected
    left_sides = {(s.line, s.col): s.lhs for s in statements if isinstance(s, Statement)}  # before roles
    deltas = reading_folds.written_deltas(statements)  # the δ names each statement writes
    statements, readings = letter_readings.expand(d, statements, bound, aliases, read_by)  # δ_j by its roles
    bound = unlayered.note(d, statements, bound, aliases, conventions)  # \delta_j, no layer: said why
    bound = layer_names.note(written_letters, d.spec.depth, bound, weights)  # v_{ij} beside w_{kj}: said
    conventions = bound.conventions or conventions
    targets = (conventions or {}).get("targets") or "y"
    statements = kronecker.expand(list(statements), len(d.outputs), targets)  # \delta_{yj} = y_j: per class
    statements = class_labels.expand(statements, targets)  # -\ln(a_y): per class, one-hot there
    merged = {**bound.aliases, **(aliases or {})}
    statements = update_indices.apply(statements)  # w_{nuevo} = w_{viejo} - η ∂L/∂w_1: w_1's update
    statements = increments.apply(small_increments.apply(statements))  # δW as ΔW; Δw as its formula
    signed = with_signs(d, merged, conventions, statements)  # δ's sign, updates
    statements, net, momentum = update_steps.ordered(statements, signed)  # Δw = α × y_3 × δ_5: as written
    net.names.notes = bound.notes
    alpha = sp.Symbol("alpha") in net.names.values
    net.names.rate = rate_names.letter(statements, alpha, rate_names.unknown_to(net))  # α of W := W - α dW; a
    if biasless is not None:  # \phi(w^T x) in a network read without biases: \phi(z)
        net.names.z_of = no_bias.net_inputs(d, net.names.z_of)
    net.names.per_output = per_output
    own = own_functions.apply(net, own_indexed.inline(statements))  # s(x) = ...; Δ_i in Σ_i (own_indexed)
    if own.values:
        net = replace(net, names=net.names.with_values(own.values))
    resolved, unchecked, claims, given = resolve_all(net, own.statements)
    if kept := letter_layers(net.names.__dict__.get("uses", {}), d.spec.activations):  # Bishop's h
        net.names.letter_layers = kept
        resolved, unchecked, claims, given = resolve_all(net, own.statements)
    resolved = class_labels.one_hot(net, resolved)  # a_y's instances at their class's target
    unchecked += unmatched + own.unchecked + momentum
    skipped: list[str] = []  # --at names the document never writes nor settles (Mazur's w_3)
    unsettled: list[str] = []  # --at names the document writes but nothing settles
    at_given = point  # --at as given: its values exact wherever written, their names bound or not
    if given and claims:  # the document's own values, then --at over them
        point_raw = point
        point = {g.symbol: g.value for g in given}
        raw = point_raw or {}
        point.update(point_of(net, raw, written(statements), skipped, unsettled, own.statements))
    elif point is not None:
        point = point_of(net, point, written(statements), skipped, unsettled, own.statements)
    mixed = [c for c in claims if c.written.free_symbols]
    claims = [c for c in claims if not c.written.free_symbols]
    increment, mixed = increments.numbers(net, mixed)  # Δw = ... = 0.1 × 0.525 × (-0.1274): Δw's
    claims += increment
    unchecked += [Unchecked(c.line, c.col, "a side mixing numbers and names") for c in mixed]
    numbers: list[Checked] = []
    zero = no_bias.zeros(d) if biasless is not None else {}  # a network without biases: every b = 0
    if point is None:  # arithmetic alone (2 x .11 + 3 x .21 = .85) is checked without one
        numbers, left = check_claims(d, [c for c in claims if not c.true.free_symbols], {})
        why = {(c.line, c.col): r for c, r in left if "rounded" in r}  # 0.7 as 0.65 to 0.75: not proved
        done = [n.claim for n in numbers]
        unchecked += [
            Unchecked(c.line, c.col, why.get((c.line, c.col), NUMBERS), "give the point: --at POINT.toml")
            for c in claims
            if c not in done
        ]
    elif claims:
        numbers, missed = check_claims(d, claims, {**zero, **point}, spoken=given_numbers(at_given))
        fix = left_out_fix(skipped, unsettled)
        unchecked += [Unchecked(c.line, c.col, why, fix if "lacks" in why else "") for c, why in missed]
    unchecked = sorted([*(unread or []), *unchecked], key=lambda u: (u.line, u.col))
    if not resolved and not numbers and not any(g.shape_error for g in groups):
        unchecked = sorted([*unchecked, *unread_groups(groups)], key=lambda u: (u.line, u.col))
        unchecked = greek_indices.said_unchecked(unchecked, greek.letters)  # refused: said as written
        unchecked = capital_indices.said(Report(d, [], unchecked), capitals.letters).unchecked
        problems = list(  # one line per problem: a statement read per instance repeats its reason
            dict.fromkeys(
                f"{u.problem()}; {u.fix}" if u.fix else u.problem()
                for u in unchecked
                if u.reason != DEFINITION
            )
        )
        if problems:
            err = VerifyInputError(problems)
            err.unchecked = unchecked
            raise err
        raise VerifyInputError(
            ["no derivative statements found"],
            r"write e.g. \frac{\partial L}{\partial w_{11}} = [...] \cdot [...]",
        )
    sampled = sampling(d, points, seed, zero)
    at = sampling(d, points, seed, {**zero, **own.fixed}) if own.fixed else sampled  # b = 1 as fixed
    fixed = own_functions.fixed_at(own, resolved) if own.fixed else [False] * len(resolved)
    evaluations = [guarded(evaluate, net, at if f else sampled, r) for r, f in zip(resolved, fixed)]
    verdicts, judged = [], []
    targets = example_targets.fixed(d, point and {**zero, **point})  # y_true = 1: Alice's target
    at_targets = sampling(d, points, seed, {**zero, **targets}) if targets else None
    for r, e in zip(resolved, evaluations):  # a failure on one statement never costs the others
        v = e if isinstance(e, Exception) else guarded(judge, net, r, e)
        if at_targets is not None and isinstance(v, Verdict):  # -2(1 - y_pred) for y_true = 1
            v = example_targets.rejudge(v, partial(judged_at, net, r, at_targets), targets)
        if isinstance(v, Exception):
            unchecked.append(internal(r, v))
        else:
            verdicts.append(v)
            judged.append(r)
    verdicts = sign_verdicts(net, judged, verdicts)  # δ's sign said (verify/signs.py)
    delta_lines = formula_deltas(judged)  # the δ lines whose value says δ's sign (sign_votes.py)
    verdicts, worked, valued = point_values.set_apart(d, judged, verdicts, point and {**zero, **point})
    unchecked, numbers = (
        unchecked + worked,
        sorted(numbers + valued, key=lambda n: (n.claim.line, n.claim.col)),
    )
    if own.remarks or own.fixed:  # s is σ; at b = 1, as the document's definition of O fixes
        verdicts = own_functions.remarked(own, verdicts)
    verdicts, unchecked = collect_matrices(net, sampled.points, layout, groups, verdicts, unchecked)
    verdicts, unchecked = hidden_rule.set_apart(net, layout, groups, verdicts, unchecked)  # a^{(l)} = ReLU(z)
    # x = [1; 0], a = [\sigma(0.2); ...] = [0.55; ...]: entries given or numbers checked, not missed
    values = {g.line for g in given} | {n.claim.line for n in numbers}
    unchecked = [u for u in unchecked if not (u.reason == ENTRY_MISSED and u.line in values)]
    unchecked = dropped_instances.unless_wrong(verdicts, unchecked)  # w_{lj} for w_{jl}: wrong, or said
    if decay is not None:  # the regularizer's own lines, and its faulty terms (weight_decay.py)
        verdicts = weight_decay.faulted(verdicts, decay) + decay.verdicts
    spoken = reading_folds.spoken_for(
        net.delta_sign, left_sides, deltas, frozenset(readings)
    )  # δ_h = -∂Err/∂net_h says δ_h's sign
    verdicts, unchecked = reading_folds.fold(verdicts, unchecked, readings, spoken)  # δ_j read by its roles
    verdicts.sort(key=lambda v: (v.line, v.col))
    if letters:  # instances said in the document's own index letters
        verdicts = [v if v.label else replace(v, instance=as_written(v.instance, letters)) for v in verdicts]
    verdicts = author_names.restore(verdicts, authors)  # θ_j said as θ_j, not −b^{[2]}_j
    verdicts, unchecked = display.primed_letters(source, verdicts, unchecked)  # for j′=1, not the letter read
    verdicts, unchecked = display.layer_variable(source, verdicts, unchecked)  # for j=1, not 'λ=1'
    # one statement expanded per weight (Δw of a bare w) may give the same reason many times: once
    unchecked = sorted(dict.fromkeys(unchecked), key=lambda u: (u.line, u.col))
    inferred = [*named, *said, *accents, *layered, *per_layer, *bound.sources]
    inferred = sorted(inferred, key=lambda s: (s.line, s.name))
    if biasless is not None:  # said once: read as a network without biases
        inferred.insert(0, no_bias.source(biasless))
    report = Report(
        d,
        verdicts,
        unchecked,
        original,
        numbers,
        given,
        inferred,
        frozenset(unanchored),
        net.delta_sign,
        delta_lines,
    )
    return greek_indices.said(capital_indices.said(report, capitals.letters), greek.letters)
