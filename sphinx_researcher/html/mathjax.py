"""Math on a page makes Sphinx load MathJax, by default from a CDN, when the page is viewed:
a third-party request the SPEC rules out. The extension cannot render TeX itself, so it says
so where the math is written (``researcher.external``) and the README shows how to serve a
local copy (``mathjax_path``). Content ``{recent-news}`` and the feed copy is reported once,
at its own line, when its page is read.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..warnings_ import Subtype, warn


def remote_mathjax(app: Sphinx) -> str:
    """The MathJax URL when html pages would load it from another host, else ""."""
    builder = app.builder
    if builder is None or builder.format != "html" or getattr(builder, "math_renderer_name", "") != "mathjax":
        return ""
    path = str(getattr(app.config, "mathjax_path", "") or "")
    return path if path.startswith(("http://", "https://", "//")) else ""


def warn_remote_math(app: Sphinx, doctree: nodes.document) -> None:
    url = remote_mathjax(app)
    if not url:
        return
    first = next(doctree.findall(lambda n: isinstance(n, nodes.math | nodes.math_block)), None)
    if first is None:
        return
    located: nodes.Node | None = first
    while located is not None and not (located.line and located.source):  # inline math has no line
        located = located.parent
    warn(
        f"math makes this page load MathJax from {url.split('/')[2] if '//' in url else url} when viewed; "
        "set mathjax_path to a copy under html_static_path (see the README)",
        Subtype.external,
        located or (app.env.docname, None),
    )


def setup_mathjax(app: Sphinx) -> None:
    app.connect("doctree-read", warn_remote_math)
