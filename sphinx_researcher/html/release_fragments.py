"""The HTML pieces of a page, let go once Sphinx has joined them into its body.

The translator's lists (``body``, ``fragment``, ``html_body``) hold every piece of the page
until the page is written: for a list of thousands of papers, a second copy of the page
(several MiB) alive while the template renders it again. Sphinx 8's writer also keeps the
page's parts, its whole output and that output encoded. Sphinx has joined them by the time
``html-page-context`` runs, and reads nothing from them afterwards (the next page sets them
anew), so they are let go then.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_PARTS = ("body", "fragment", "html_body")


def release_fragments(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                      doctree: nodes.document | None) -> None:
    ref = getattr(app.builder, "_sr_translator", None)
    translator = ref() if ref is not None else None
    if translator is None or doctree is None or getattr(translator, "document", None) is not doctree:
        return
    if not isinstance(context.get("body"), str):  # not joined yet: leave everything as it is
        return
    for name in _PARTS:
        part = getattr(translator, name, None)
        if isinstance(part, list):
            part.clear()
    app.builder._sr_translator = None  # type: ignore[attr-defined]
    writer = getattr(app.builder, "docwriter", None)  # Sphinx 8: its parts and output are copies too
    if writer is not None and getattr(writer, "document", None) is doctree:
        if isinstance(getattr(writer, "parts", None), dict):
            writer.parts = {}
        writer.output = None
        destination = getattr(writer, "destination", None)
        if destination is not None and hasattr(destination, "destination"):
            destination.destination = None


def setup_release_fragments(app: Sphinx) -> None:
    app.connect("html-page-context", release_fragments, priority=1)
