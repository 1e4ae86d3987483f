"""User text into generated files: one escaping function per output language and context.

Formulas, file paths and command lines are data typed by a user, and a formula may carry any text
after a `#` (Python's tokenizer drops it as a comment): quotes, triple quotes, backslashes,
newlines, `\\end{document}`, Unicode line separators. Every piece of such text that reaches a
generated file goes through exactly one function here, chosen by where it lands:

  py_docstring   inside a triple-quoted (non-raw) Python string
  py_comment     after `# ` on one line of Python
  py_string      a whole Python string literal
  c_comment      inside a C block comment on one line (the `--backend c` kernel's labels)
  latex_text     LaTeX text mode (and `\\texttt`), also safe inside a `%` comment line
  markdown_text  Markdown prose
  markdown_code  a Markdown inline code span, backticks included
  html_comment   inside `<!-- ... -->` (the Markdown sheet's header)
  html_text      HTML text or a double-quoted attribute value (the HTML sheet)
  plain_line     one line of plain text (the derivation as text, which users redirect to files)
  json_document  a whole JSON document (json.dumps, plus the line separators JSON leaves raw)

Each result is one line: no character that any of these languages reads as a line break survives
(\\n, \\r, \\f, \\v, \\x1c-\\x1e, \\x85, U+2028, U+2029), nor any other control or format character.
The templates apply these as filters (`codegen.escape.FILTERS`); text printed from a SymPy
expression (our printers) is safe by construction but goes through the same filters.
"""

from __future__ import annotations


def _escaped_unprintable(ch: str) -> str:
    """A visible Python-style escape for a character that must not appear raw: \\n, \\u2028, ..."""
    code = ord(ch)
    if ch in "\n\r\t":
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch]
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def _printable(ch: str) -> bool:
    return ch.isprintable() or ch == " "


def py_docstring(text: str) -> str:
    """Text inside `\"\"\"...\"\"\"`: backslashes doubled, every quote escaped (so no run of three
    can close the string), unprintable characters as escapes (the docstring's value keeps them)."""
    out = []
    for ch in str(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif not _printable(ch):
            out.append(_escaped_unprintable(ch))
        else:
            out.append(ch)
    return "".join(out)


def py_comment(text: str) -> str:
    """Text after `# `: a comment ends at a line break only, so only those (and the other
    unprintable characters, which editors may break a line at) are written as visible escapes."""
    return "".join(ch if _printable(ch) else _escaped_unprintable(ch) for ch in str(text))


def c_comment(text: str) -> str:
    """Text inside `/* ... */` on one line of C: no `*/` to end it early, no `/*` (-Wcomment),
    no `??` (a trigraph such as `??/` is a backslash that could splice the next line), and the
    line breaks and unprintables of py_comment as visible escapes."""
    text = py_comment(text)
    while "*/" in text or "/*" in text or "??" in text:
        text = text.replace("*/", "* /").replace("/*", "/ *").replace("??", "? ?")
    return text


def py_string(text: str) -> str:
    """A complete double-quoted Python string literal with the same value."""
    return f'"{py_docstring(text)}"'


_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}


def latex_text(text: str) -> str:
    """Literal text in LaTeX: every special character escaped; anything outside printable ASCII
    becomes `?` (pdflatex stops at a Unicode character its fonts do not set up, and `^^` or a
    line break would let the text out of a `%` comment)."""
    return "".join(_LATEX.get(ch, ch) if " " <= ch <= "~" else "?" for ch in str(text))


_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~&$\"'=:;@^")


def markdown_text(text: str) -> str:
    """Literal Markdown prose: every ASCII punctuation character that Markdown, HTML or math
    delimiters could read is backslash-escaped (CommonMark allows it for all of them);
    unprintable characters become `?`."""
    out = []
    for ch in str(text):
        if ch in _MARKDOWN_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch if _printable(ch) else "?")
    return "".join(out)


def markdown_code(text: str) -> str:
    """A Markdown inline code span showing text literally: fenced by more backticks than the
    longest run inside (a code span cannot escape a backtick), on one line."""
    body = "".join(ch if _printable(ch) else "?" for ch in str(text))
    longest, run = 0, 0
    for ch in body:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def html_comment(text: str) -> str:
    """Text inside `<!-- -->`: a comment closes at `-->` or `--!>`, both of which need a `>`,
    so `>` is written as `&gt;` (never decoded inside a comment: it stays visible as such)."""
    body = "".join(ch if _printable(ch) else "?" for ch in str(text))
    return body.replace(">", "&gt;")


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def html_text(text: str) -> str:
    """Literal text in HTML, as element content or inside a quoted attribute value: the five
    characters HTML reads as markup written as character references; unprintable characters
    (controls, line and paragraph separators) become `?`."""
    return "".join(_HTML.get(ch, ch) if _printable(ch) else "?" for ch in str(text))


def plain_line(text: str) -> str:
    """One line of plain text: line breaks and control characters (a terminal's escape
    sequences among them) written as visible escapes."""
    return py_comment(text)


def json_document(doc, **options) -> str:
    """json.dumps keeps Unicode readable (ensure_ascii=False) but escapes control characters;
    U+2028, U+2029 and U+0085 it leaves raw, and JavaScript and line-based tools break lines
    at them: escaped too (they can only stand inside JSON strings, where \\uXXXX is valid)."""
    import json

    text = json.dumps(doc, ensure_ascii=False, **options)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


FILTERS = {
    "py_docstring": py_docstring,
    "py_comment": py_comment,
    "py_string": py_string,
    "c_comment": c_comment,
    "latex_text": latex_text,
    "markdown_text": markdown_text,
    "markdown_code": markdown_code,
    "html_comment": html_comment,
    "html_text": html_text,
    "plain_line": plain_line,
}
