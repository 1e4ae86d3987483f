"""The verifier is a pipeline of pure stages: read -> resolve -> evaluate -> judge, never calling back.

Traced with sys.setprofile over one verify_text call: which verifier files the orchestrator
(symbolic/verify/pipeline.py) hands data to, in order, and whether any verifier file is called
from a file it had itself called (a call back into a stage already running further down).
"""

import functools
import os
import sys
from pathlib import Path

import pytest

from symbolic.backprop import derive
from symbolic.spec import network
from symbolic.verify import verify_text

PACKAGE = Path(__file__).resolve().parent.parent / "symbolic" / "verify"
DOC = (
    "dL/dw11 = [out - y_T] * [out*(1 - out)] * [w_a] * [sigma(z_h1)*(1 - sigma(z_h1))] * [x1]\n"
    "dL/dw12 = // * // * // * // * [x1]\n"
    "dz_o/d(sigma(z_h1)) = w_a\n"
)


# a mixin of binding's Binder (split from binding.py): that stage; the entry points that run the
# pipeline once or twice (split from pipeline.py): the orchestrator
MIXINS = {"binding_stages": "binding", "entry": "pipeline"}


@functools.cache
def _file_stage(filename: str) -> str | None:
    path = Path(filename).resolve()
    return MIXINS.get(path.stem, path.stem) if path.parent == PACKAGE else None


def _stage(code) -> str | None:
    # by file name, resolved once: the profile hook runs on every call SymPy makes
    return _file_stage(code.co_filename)


def trace(fn):
    """(files the orchestrator calls, in order, repeats collapsed; call-backs), fn's result."""
    handed, callbacks, stack, parent = [], [], [], os.getpid()

    def profile(frame, event, arg):
        if os.getpid() != parent:  # a forked proof: not traced
            sys.setprofile(None)
            return
        if event == "return":
            if stack:
                stack.pop()
            return
        if event != "call":
            return
        here = _stage(frame.f_code)
        caller = _stage(frame.f_back.f_code) if frame.f_back else None
        below = [s for s in stack if s is not None]
        if here is not None and here in below and below[-1] != here:
            callbacks.append((below[-1], here))
        if here not in (None, "pipeline") and caller == "pipeline" and handed[-1:] != [here]:
            handed.append(here)
        stack.append(here)

    sys.setprofile(profile)
    try:
        result = fn()
    finally:
        sys.setprofile(None)
    return handed, callbacks, result


@pytest.mark.slow
def test_the_stages_run_in_order_and_never_call_back():
    d = derive(network("2-3-1", naming="seed"))
    handed, callbacks, report = trace(lambda: verify_text(d, DOC, "txt"))
    assert [v.status for v in report.verdicts] == ["correct", "wrong", "correct"]
    # matrix statements: split into entries before resolve, folded back after judge; an
    # algorithm's loops and running variables read (running), layers written as subscripts
    # (subscript_layers: x_i = f_i(W_i x_{i-1}), none here), the document's letters for layers,
    # net inputs and outputs (layer_letters), a bare name placed at its one layer (lone_layer_names:
    # ∂L/∂z beside ∂a^{[2]}/∂z), the document's own letter for δ (own_deltas: s^m_i ≡ ∂F/∂n^m_i),
    # a function written without its argument given it
    # (bare_functions: ∂φ/∂z = φ(1-φ)), the conventions the text shows (notation), the weights'
    # orientation and the target letter its definitions say (said_conventions: orientation,
    # target_letters), which layer a weight's superscript names (weight_layers), y as the net
    # input (net_input) and one bias per layer (layer_bias) read off the text, the document's own
    # names bound (binding), then a closed form's names (closed_names), flat numberings
    # (numbering), names labelled by a unit (net_input), a chain's steps on one-unit layers
    # (chain_names), the δ's own names (error_names) and Lagrange's primes on the document's
    # functions (lagrange_primes: read first, decided once the names are; Grosse's bars as the
    # loss's derivatives right after, error_signals; cases on a function's
    # argument one statement, value_cases; layers written as subscripts, subscript_layers), the
    # network gathered with δ's sign and the update lines read (sign_hooks), the document's own
    # functions (s(x) = ...) substituted (none here), then the statements resolved; δ's sign said
    # after judge. A sum the document names (S = \sum_t ...) is read as its formula first
    # (own_names), a forward sum in letters binds after the closed forms (letter_sums), names in
    # letters with no layer are read per statement by their roles (letter_readings: one copy per
    # reading, folded back after judge) or get their reason (unlayered), Kronecker's delta of the
    # label is read per class once the names are bound (kronecker); the document's cost over a batch
    # of examples (a mean or a sum) is read off the text before the matrix statements (batch_check).
    # A unit's index dropped inside h'(a) is restored after bare_functions (dropped_index), a
    # layer's own letters in Bishop's roles (u_k = Σ_j V_{kj} z_j + c_k) read right after it
    # (role_letters), weights
    # by global unit numbers read after the flat numberings (global_numbering), per-output errors
    # E_j, E_{j1} after the δ's names (error_terms). The forward definitions of a document naming
    # each layer by its own letters are read before any name (layer_names); an L2 regularizer the
    # document defines is read first (weight_decay), a network without biases decided around the
    # readers that find its bias-free definitions (no_bias). The softmax forms, read before the
    # letters: a lone bias b_j (lone_bias), softmax(b) of a class (class_calls), sum(Y * log(Y-hat))
    # (vector_sums), the off-diagonal entry (off_diagonal); the one layer's names in letters
    # (single_layer), a one-unit network's bare w, b, x (single_unit); a hidden layers' rule at
    # an output layer of another activation set apart after the matrices fold (hidden_rule); the
    # class label per class (class_labels), its instances at their one-hot
    # target after resolve. The letters of a document naming each layer by its own are kept before
    # layer_names rewrites them, and put back into the messages last (author_names). A loss
    # E = ½‖z - t‖² whose z is written nowhere else read over the outputs after the softmax forms
    # (loss_output), a decorated target (ỹ_i beside y_i^L in the loss: target_accents) after it,
    # and K, the outputs' count a sum runs to (count_letters);
    # primed index letters said as written last (display); code-style names (W2_{11}, h1_1,
    # scores_0) by their roles after net_input
    # a softmax's own letters (output_letters: \hat{Y}_j the entry of a sum's bare vector before
    # vector_sums; p_k, o_i as aliases once the conventions are read); bars read as error signals
    # (error_signals: \bar{z} = \bar{y} σ'(z) is ∂L/∂z) before any name; a loss the document
    # names, CE(y, ŷ), written as its sum right after the vector sums (named_losses); Greek index
    # letters read as Latin ones first and said back as written at the very end (greek_indices);
    # Zurada's \delta_{ok}, a δ named by its layer's letter, read as δ_k before any name (layer_deltas);
    # numbered layers whose counting only the letter default decides found after the loops
    # (layer_origin: such a document is read again counted from 0, outside these stages)
    # capital index letters of particular units (w_{JK}) read as lowercase right after the Greek
    # ones and said back before them (capital_indices); numbers alone checked before the points
    # (claims); each statement evaluated and judged through guarded (a failure kept to its
    # statement), judged again at the example's target where the document writes its value
    # (example_targets); δ's sign weighed over its lines after the report (sign_votes). A name of
    # the document's own in a unit and a layer letter read as defined once the layer letters are
    # symprop's (layer_own_names); a unit's weight vector read at its entries once the weights'
    # layers are (unit_vectors); a layer vector with a constant 1 stacked in set apart before the
    # matrices are split (constant_rows)
    stages = [
        "read",
        "greek_indices",
        "capital_indices",
        "weight_decay",
        "declared_indices",
        "no_bias",
        "running",
    ]
    stages += ["layer_origin"]
    stages += ["lagrange_primes"]
    stages += ["error_signals", "value_cases", "layer_deltas"]
    stages += [
        "author_names",
        "layer_names",
        "subscript_layers",
        "no_bias",
        "own_names",
        "output_sum",
        "own_names",
    ]
    stages += ["lone_bias", "class_calls", "output_letters", "vector_sums", "named_losses", "off_diagonal"]
    stages += ["loss_output"]
    stages += ["target_accents", "count_letters", "loss_letters"]  # ∂l/∂ŷ beside Loss: l the loss
    stages += ["layer_letters", "layer_own_names", "lone_layer_names"]
    stages += ["own_deltas"]
    stages += ["bare_functions"]
    stages += ["dropped_index", "role_letters", "notation"]
    stages += [
        "said_conventions",
        "weight_layers",
        "unit_vectors",
        "net_input",
        "code_names",
        "output_letters",
    ]
    stages += ["layer_bias", "constant_rows", "batch_check"]
    stages += ["matrix_entries", "binding"]
    stages += ["closed_names", "letter_sums", "single_layer", "single_unit", "running_units"]  # a_1 ... a_5
    stages += ["numbering", "global_numbering"]
    stages += ["capital_twins", "unit_numbers", "name_chains"]  # W_6 for w_6; y_3 by unit 3; o_1 = y_pred
    stages += ["net_input"]
    # the δ names each statement writes, before their letters are read by roles (reading_folds)
    stages += [
        "chain_names",
        "error_names",
        "error_terms",
        "lagrange_primes",
        "reading_folds",
        "letter_readings",
    ]
    # a document naming a letter per layer whose definitions write the weights two ways: said on
    # its names once they are bound (layer_names.note)
    stages += ["unlayered", "layer_names", "kronecker", "class_labels"]
    stages += ["update_indices"]  # w_{nuevo} = w_{viejo} - η ∂L/∂w_1: w_1's update
    stages += ["small_increments", "increments", "sign_hooks", "update_steps"]  # δW as ΔW; Δw as its formula
    stages += ["rate_names", "own_indexed", "own_functions"]  # α, a; Δ_i in Σ_i as defined
    # the layers the document keeps its generic letters for, read off the resolved statements
    # (name_calls.letter_layers: Bishop's h beside σ; the statements resolved again when it finds one)
    stages += ["resolve", "name_calls", "class_labels", "increments", "claims"]
    stages += ["evaluate", "guarded", "example_targets", "guarded"]
    stages += ["sign_hooks", "point_values"]
    stages += ["matrix_faults", "hidden_rule"]  # point_values: a worked value (∂L/∂a · 1) at the point
    stages += ["dropped_instances", "reading_folds", "author_names", "display", "capital_indices"]
    # the weights' orientation one line alone says, checked by reading the other way when a line
    # is wrong (orientation_votes; here no forward sum says one, so it reads once); then the lines
    # that say the other way than the document is read, each named where its indices swapped read
    # right (none here)
    stages += ["greek_indices", "orientation_votes", "sign_votes"]
    assert handed == stages
    assert callbacks == []
