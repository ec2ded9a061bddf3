"""Math on a page makes Sphinx load MathJax, by default from a CDN, when the page is viewed:
a third-party request the SPEC rules out.

The extension cannot render TeX itself, so: with Sphinx's default ``mathjax_path`` (the CDN)
pages do not load it (math shows as its TeX source) and the math is a ``researcher.external``
warning at its line that says how to serve a local copy. A remote ``mathjax_path`` the user set
on purpose is theirs, like raw HTML: it is loaded, with the same warning. Content that
``{recent-news}`` and the feed copy is reported once, at its own line, when its page is read.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..warnings_ import Subtype, warn

try:
    from sphinx.ext.mathjax import MATHJAX_URL
except ImportError:  # pragma: no cover - every supported Sphinx has it
    MATHJAX_URL = ""


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
    host = url.split("/")[2] if "//" in url else url
    if url == MATHJAX_URL:
        message = (f"math would load MathJax from {host} when the page is viewed, so it is shown as TeX; "
                   "set mathjax_path to a copy under html_static_path (see the README)")
    else:
        message = f"math makes this page load MathJax from {host} (mathjax_path) when it is viewed"
    warn(message, Subtype.external, located or (app.env.docname, None))


def drop_default_cdn(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Runs after sphinx.ext.mathjax added its script: take the default CDN one out again."""
    if not MATHJAX_URL or remote_mathjax(app) != MATHJAX_URL:
        return
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = [js for js in scripts if getattr(js, "filename", str(js)) != MATHJAX_URL]


def setup_mathjax(app: Sphinx) -> None:
    app.connect("doctree-read", warn_remote_math)
    app.connect("html-page-context", drop_default_cdn, priority=900)
