"""Printers, jinja2 templates and the writer for LaTeX sheets and NumPy modules."""
