"""The shortcuts of ``parsing.latex`` give what the libraries give.

Spans a shortcut skips (a ``\\url`` of plain URL characters; a span led by a command latexcodec
does not know) are decoded both ways here: by ``_decode_span`` and by the libraries' own path,
latexcodec first and pylatexenc for what it leaves.
"""

from __future__ import annotations

import pytest

from sphinx_researcher.parsing import latex
from sphinx_researcher.parsing.latex import _PROTECT, latex_to_text


def library_decoding(span: str) -> str:
    """What every span went through before the shortcuts."""
    ulatex_decode, latexwalker, converter, parse_context = latex._libraries()
    if not span.startswith("$"):
        decoded = str(ulatex_decode(span)[0])
        if "\\" not in decoded:
            return decoded.replace("\\{", "\x01").replace("\\}", "\x02").replace("~", "\x03")
    nodes = latexwalker.LatexWalker(span, latex_context=parse_context, tolerant_parsing=True).get_latex_nodes()[0]
    return str(converter.nodelist_to_text(nodes)).translate(_PROTECT)


SPANS = [
    r"\url{https://example.org/pea1963vision}",
    r"\url{http://a.b/c?d=e+f,g;h@i!j*(k)'l-m}",
    r"\url {https://example.org/x}",
    r"\url{https://example.org/a--b}",  # a dash pair: not a shortcut
    r"\url{https://example.org/x_y%20z}",  # % starts a comment in LaTeX: not a shortcut
    r"\url{https://example.org/x~y}",
    r"\textit{et al.}",
    r"\emph{x y}",
    r"\textbf{bold}",
    r"\cite{bjrklund2001}",
    r"\href{https://a.org}{text}",
    r"\mathbb{R}",
    r"\textit{\"u}",
    r"\ss",
    r"\v{c}",
    r"{\"u}",
    r"\alpha",
]


# Spans of one plain argument, read from their command's reading of a stand-in argument.
ARGUMENT_SPANS = [
    r"\cite{nguyen1953genome}",
    r"\citep{a, b}",
    r"\emph{in vivo}",
    r"\emph {Drosophila melanogaster}",
    r"\textit{et al.}",
    r"\textsc{Abc} ",
    r"\texttt{x-y/z}",
    r"\mbox{a b}",
    r"\textsuperscript{2}",
    r"\footnote{See (2) above.}",
    r"\mycmd{x y}",
    r"\LaTeX{x}",
    r"\label{sec:a}",
    r"\href{x}",  # lacks its second argument
    r"\frac{a}",
    r"\sqrt{2}",
    r"\k{a}",
    r"\c{c}",
    r"\H{o}",
    r"\textbf{a--b}",
    r"\emph{x }",
]


@pytest.mark.parametrize("span", SPANS)
def test_shortcut_gives_what_the_libraries_give(span: str) -> None:
    latex._decode_span.cache_clear()
    assert latex._decode_span(span) == library_decoding(span)


def test_a_url_reads_as_itself_in_a_field() -> None:
    assert latex_to_text(r"see \url{https://example.org/x} now") == "see https://example.org/x now"
    assert latex_to_text(r"Kate{\v r}ina Johansson") == "Kateřina Johansson"


def _before_the_argument_shortcut(span: str) -> tuple[str, bool]:
    """A span's text and whether it is reported, as ``_decode_span`` read it span by span."""
    ulatex_decode = latex._libraries()[0]
    word = latex._LEADING_WORD.match(span)
    if word is None or word.group() in latex._codec_words():
        decoded = str(ulatex_decode(span)[0])
        if "\\" not in decoded:
            return decoded.replace("\\{", "\x01").replace("\\}", "\x02").replace("~", "\x03"), False
    text, failed = latex._library_reading(span)
    return text.translate(_PROTECT), failed


@pytest.mark.parametrize("span", ARGUMENT_SPANS)
def test_a_plain_argument_reads_as_the_span_itself_reads(span: str) -> None:
    """Its text, and whether it is reported as a command without its argument, are those of the
    span read by the libraries on its own."""
    latex._decode_span.cache_clear()
    latex._argument_reading.cache_clear()
    latex._FAILED.clear()
    try:
        fast = latex._decode_span(span), span in latex._FAILED
        latex._FAILED.clear()
        assert fast == _before_the_argument_shortcut(span)
    finally:
        latex._FAILED.clear()


def test_each_command_of_a_plain_argument_is_read_by_pylatexenc_once(monkeypatch) -> None:
    latex._decode_span.cache_clear()
    latex._argument_reading.cache_clear()
    spans: list[str] = []
    real = latex._library_reading
    monkeypatch.setattr(latex, "_library_reading", lambda span: spans.append(span) or real(span))
    titles = [latex_to_text(f"On \\emph{{topic {n}}} and \\cite{{key{n}}}") for n in range(40)]
    assert titles[7] == "On topic 7 and <cit.>"
    assert len(spans) == 4  # two stand-ins for each command, not one reading a span
