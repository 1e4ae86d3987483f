"""The verifier of hand-derived gradients (see `judge`)."""

from .judge import (
    ChainNote,
    Checker,
    Fault,
    Report,
    Verdict,
    VerifyInputError,
    Witness,
    _product,
    check_gradient,
    check_local,
    expand_dittos,
    verify_statements,
    verify_text,
)

__all__ = [
    "ChainNote",
    "Checker",
    "Fault",
    "Report",
    "Verdict",
    "VerifyInputError",
    "Witness",
    "_product",
    "check_gradient",
    "check_local",
    "expand_dittos",
    "verify_statements",
    "verify_text",
]
