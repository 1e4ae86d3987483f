"""The LaTeX reader of hand derivations (see `parse`)."""

from .parse import (
    DITTO,
    PARTIAL,
    LatexParseError,
    Partial,
    Product,
    Statement,
    parse_document,
    parse_formula,
    product_expr,
    scan_document,
)

__all__ = [
    "DITTO",
    "PARTIAL",
    "LatexParseError",
    "Partial",
    "Product",
    "Statement",
    "parse_document",
    "parse_formula",
    "product_expr",
    "scan_document",
]
