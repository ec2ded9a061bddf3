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


@pytest.mark.parametrize("span", SPANS)
def test_shortcut_gives_what_the_libraries_give(span: str) -> None:
    latex._decode_span.cache_clear()
    assert latex._decode_span(span) == library_decoding(span)


def test_a_url_reads_as_itself_in_a_field() -> None:
    assert latex_to_text(r"see \url{https://example.org/x} now") == "see https://example.org/x now"
    assert latex_to_text(r"Kate{\v r}ina Johansson") == "Kateřina Johansson"
