"""The HTML pieces of a page, let go once Sphinx has joined them into its body.

The translator's lists (``body``, ``fragment``, ``html_body``) hold every piece of the page
until the page is written: for a list of thousands of papers, a second copy of the page
(several MiB) alive while the template renders it again. Sphinx has joined them by the time
``html-page-context`` runs, and reads nothing from them afterwards, so they are emptied then.
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


def setup_release_fragments(app: Sphinx) -> None:
    app.connect("html-page-context", release_fragments, priority=1)
