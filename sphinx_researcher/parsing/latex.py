"""LaTeX (as found in BibTeX fields) to readable Unicode text.

The decoding is the libraries': latexcodec (pybtex's own codec) for accents, special letters
and escapes, pylatexenc for maths and commands latexcodec does not know. Both are slow on
whole fields (~0.3 ms and ~50 ms a field), so only the LaTeX spans of a field are handed to
them, each distinct span once: real .bib files repeat the same few (``{\\"u}``, ``\\&``).
"""

from __future__ import annotations

import codecs
import logging
import re
from functools import cache, lru_cache
from typing import Any

_NEEDS_LATEX = re.compile(r"[\\$~]")


@cache
def _libraries() -> tuple[Any, Any, Any, Any]:
    """latexcodec's decoder, pylatexenc's walker module, converter and parse context: imported
    and set up on the first LaTeX span, so a build that decodes none (a no-change rebuild)
    never pays for them."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec)
    from pylatexenc import latexwalker
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    # A URL in a field reads as the URL itself (pylatexenc's default wraps it in <>).
    context = get_default_latex_context_db()
    context.add_context_category(
        "sphinx-researcher",
        macros=[MacroTextSpec("url", simplify_repl="%s"), MacroTextSpec("href", simplify_repl="%(2)s")],
        prepend=True,
    )
    converter = LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=False)
    parse_context = latexwalker.get_default_latex_context_db()
    parse_context.add_context_category("sphinx-researcher", macros=[MacroSpec("href", "{{")], prepend=True)
    return codecs.getdecoder("ulatex"), latexwalker, converter, parse_context

# Placeholders for characters the last steps would otherwise eat: real braces and tildes.
_PROTECT = str.maketrans({"{": "\x01", "}": "\x02", "~": "\x03"})
_RESTORE = str.maketrans({"\x01": "{", "\x02": "}", "\x03": "~"})
_PROTECTED = re.compile("[\x01-\x03]")

# A LaTeX span: a braced group starting with a command ({\"u}, {\ss}), a command with its
# arguments (\v{c}, \"u, \textit {et al.}, \href{url}{text}), or inline maths.
_SPAN = re.compile(
    r"\{\\[^{}]*\}"
    r"|\\(?:[A-Za-z]+\*?(?:\s*\{[^{}]*\})*\s*|[^A-Za-z\s](?:\{[^{}]*\}|[A-Za-z])?)"
    r"|\$\$?[^$]+\$\$?"
)


class _Capture(logging.Handler):
    """pylatexenc logs (unlocated, to the console) when a command lacks its argument and then
    writes its "%s" template into the text: catch that, so the span reads as written and the
    field reader reports it at the entry."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_capture = _Capture()
_pylatexenc_logger = logging.getLogger("pylatexenc")
_pylatexenc_logger.addHandler(_capture)
_pylatexenc_logger.propagate = False
# Spans pylatexenc could not convert (a command without its argument): reported by the reader.
_FAILED: set[str] = set()

_DASHES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"))
# Zotero writes LaTeX it could not convert escaped (\textbackslash rm, \$, \{): read it as LaTeX.
_ZOTERO_ESCAPE = re.compile(r"(\\textbackslash(?![A-Za-z])\s*)|\\([{}$_^])")


def _span_text(match: re.Match[str]) -> str:
    span = match.group()
    word = span.rstrip()
    text = _decode_span(word)
    # LaTeX eats the space after a bare control word: "S\o rensen" is one word.
    eaten = word != span and not word.endswith("}") and len(text) == 1
    return text if eaten or word == span else text + " "


@cache
def _codec_words() -> frozenset[str]:
    """The control words latexcodec can decode (``\\ss``, ``\\v``, ``\\alpha``…)."""
    from latexcodec.codec import _LATEX_UNICODE_TABLE

    return frozenset(token.text for _latex, tokens in _LATEX_UNICODE_TABLE.latex_map.values()
                     for token in tokens if token.name == "control_word")


_LEADING_WORD = re.compile(r"\\[A-Za-z]+")
# \url{…} of plain URL characters reads as the URL, as pylatexenc reads it (tested against it);
# pylatexenc takes ~0.4 ms a span, and a bibliography's URLs are all different.
_PLAIN_URL = re.compile(r"\\url\s*\{([A-Za-z0-9/:.?=+,;@!*()'-]+)\}")


# A command latexcodec does not know, with one argument of plain text (\emph{in vivo},
# \cite{key}): read as pylatexenc reads it with a stand-in argument, learnt once per command
# (a bibliography's arguments are all different, and pylatexenc takes ~0.3 ms a span).
_PLAIN_ARGUMENT = re.compile(r"\\([A-Za-z]+)\s*\{([A-Za-z0-9][A-Za-z0-9 .,;:!?()/+=*@-]*)\}")
_STAND_INS = ("Qz9 x.y,z;w:v!u?t(s)r/q+p=o*n@m-l", "Wk8 a.b,c;d:e!f?g(h)i/j+k=l*m@n-o")


@lru_cache(maxsize=16384)
def _decode_span(span: str) -> str:
    """One span to text, its real braces and tildes protected from the later steps."""
    url = _PLAIN_URL.fullmatch(span)
    if url is not None and "--" not in url.group(1):
        return url.group(1)
    ulatex_decode = _libraries()[0]
    word = _LEADING_WORD.match(span)
    # A span led by a command latexcodec does not know keeps its backslash: pylatexenc reads it.
    if not span.startswith("$") and (word is None or word.group() in _codec_words()):
        decoded = str(ulatex_decode(span)[0])
        if "\\" not in decoded:
            return decoded.replace("\\{", "\x01").replace("\\}", "\x02").replace("~", "\x03")
    plain = _PLAIN_ARGUMENT.fullmatch(span)  # led by a command, so ``word`` is that command
    if plain is not None and word is not None and "--" not in plain.group(2) and word.group() not in _codec_words():
        reading = _argument_reading(plain.group(1))
        if reading is not None:
            before, after = reading
            return (before if after is None else before + plain.group(2) + after).translate(_PROTECT)
    return _library_text(span).translate(_PROTECT)


@lru_cache(maxsize=1024)
def _argument_reading(command: str) -> tuple[str, str | None] | None:
    """pylatexenc's reading of ``\\command{argument}``: the text before and after the argument,
    ``(text, None)`` when the argument is not shown (``\\cite``), None when a stand-in cannot be
    read (the span goes to pylatexenc, and is reported) or the two are not read alike (an accent)."""
    stand_in, other = _STAND_INS
    (first, first_failed), (second, second_failed) = (_library_reading(f"\\{command}{{{x}}}") for x in _STAND_INS)
    if first_failed or second_failed:
        return None
    if first.count(stand_in) == 1 and second.count(other) == 1 and first.split(stand_in) == second.split(other):
        before, after = first.split(stand_in)
        return before, after
    if first == second and not any(part in first for part in stand_in.split()):
        return first, None
    return None


def _library_text(span: str) -> str:
    """pylatexenc's reading of a span; one it cannot read is noted in ``_FAILED``."""
    text, failed = _library_reading(span)
    if failed:
        _FAILED.add(span)
    return text


def _library_reading(span: str) -> tuple[str, bool]:
    """pylatexenc's reading of a span, and whether it failed (a command without its argument):
    a failed span, or one pylatexenc reads as nothing, reads as written."""
    _ulatex_decode, latexwalker, converter, parse_context = _libraries()
    before = _capture.count
    try:
        nodes = latexwalker.LatexWalker(span, latex_context=parse_context, tolerant_parsing=True).get_latex_nodes()[0]
        text = str(converter.nodelist_to_text(nodes))
    except Exception:  # pylatexenc is lenient, but never let a field stop a build
        text = ""
    failed = _capture.count != before or _lacks_arguments(span)
    if failed or not text.strip():
        # A command neither library knows (\LaTeX, \mycmd{x}) reads as its name and arguments.
        text = re.sub(r"\\([A-Za-z]+)", r"\1", span).replace("$", "")
    return text, failed


def _lacks_arguments(span: str) -> bool:
    """``\\textbf`` or ``\\frac{a}``: fewer braced arguments than the command takes."""
    match = re.match(r"\\([A-Za-z]+)", span)
    if match is None:
        return False
    parse_context = _libraries()[3]
    spec = parse_context.get_macro_spec(match.group(1))
    argspec = str(getattr(getattr(spec, "args_parser", None), "argspec", "") or "")
    return argspec.count("{") > span.count("{")


def latex_problems(value: str) -> list[str]:
    """The LaTeX commands of ``value`` that could not be read (a macro without its argument),
    once ``latex_to_text(value)`` has run; [] for almost every field."""
    if not _FAILED or "\\" not in value:
        return []
    found = [
        match.group().rstrip() for match in _SPAN.finditer(value)
        # An argument with nested braces (\\emph{{x}}) is there, only beyond what a span holds.
        if not value[match.end():].lstrip().startswith("{")
    ]
    return list(dict.fromkeys(span for span in found if span in _FAILED))


def _strip_braces_and_dashes(text: str) -> str:
    text = text.replace("{", "").replace("}", "")
    if "--" in text or "``" in text or "''" in text:
        for tex, char in _DASHES:
            text = text.replace(tex, char)
    return text


@lru_cache(maxsize=65536)
def latex_to_text(value: str) -> str:
    """``{\\"u}ber`` → ``über``; unknown commands keep their argument, maths stays readable."""
    if not _NEEDS_LATEX.search(value):
        return " ".join(_strip_braces_and_dashes(value).split())
    if "\\textbackslash" in value:
        value = _ZOTERO_ESCAPE.sub(lambda m: "\\" if m.group(1) else m.group(2), value)
    value = _SPAN.sub(_span_text, value.replace("\\ ", " ")).replace("~", " ")
    # The spans' real braces and tildes come back once the markup braces are gone (translating
    # a whole abstract costs more than looking for them).
    text = _strip_braces_and_dashes(value)
    return " ".join((text.translate(_RESTORE) if _PROTECTED.search(text) else text).split())
