"""The verifier of hand-derived gradients: a pipeline of pure stages (see `pipeline`).

read (`read`, `ditto`) -> resolve (`resolve`) -> evaluate (`evaluate`) -> judge (`judge`); the
printer is codegen/verdict.py. This module re-exports the public API.
"""

from .ditto import VerifyInputError, expand_dittos
from .entry import verify_statements, verify_text
from .evaluate import Evaluation, Sampling
from .explain import Fault, Witness
from .judge import Verdict
from .points import Evidence
from .product_checks import Context, check_gradient, check_local, check_product, prepare
from .read import Document, ReadError, format_of
from .report import NOT_PROVED_EXIT, Report
from .resolve import ChainNote, Network, Resolved

__all__ = [
    "NOT_PROVED_EXIT",
    "ChainNote",
    "Context",
    "Document",
    "Evaluation",
    "Evidence",
    "Fault",
    "Network",
    "ReadError",
    "Report",
    "Resolved",
    "Sampling",
    "Verdict",
    "VerifyInputError",
    "Witness",
    "check_gradient",
    "check_local",
    "check_product",
    "expand_dittos",
    "format_of",
    "prepare",
    "verify_statements",
    "verify_text",
]
