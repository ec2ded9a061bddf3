"""One page for the whole site (singlehtml): the same paper or news anchor shown on several
pages would give the one page duplicate ids. The first keeps its id, which is where
``{pub}`` and ``{recent-news}`` links lead; later copies go without. The page's own address
(canonical link) is the page, not ``#document-index``, an anchor it does not have."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .. import nodes as sr


def drop_repeated_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != "singlehtml":
        return
    seen: set[str] = set()
    for node in doctree.findall(lambda n: isinstance(n, sr.publication | sr.news_item)):
        assert isinstance(node, nodes.Element)
        node["ids"] = [i for i in node["ids"] if i not in seen]
        seen.update(node["ids"])


def page_address(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: nodes.document | None) -> None:
    if app.builder.name == "singlehtml" and "#" in str(context.get("pageurl") or ""):
        context["pageurl"] = str(context["pageurl"]).partition("#")[0]


def setup_singlehtml(app: Sphinx) -> None:
    app.connect("doctree-resolved", drop_repeated_ids)
    app.connect("html-page-context", page_address)
