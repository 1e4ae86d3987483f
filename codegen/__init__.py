"""Printers, jinja2 templates and the writer for LaTeX sheets and NumPy modules."""

__version__ = "0.1.0"  # the only place the version is written (pyproject.toml reads it)
