"""One page for the whole site (singlehtml): the same paper or news anchor shown on several
pages would give the one page duplicate ids. The first keeps its id, which is where
``{pub}`` and ``{recent-news}`` links lead; later copies go without."""

from __future__ import annotations

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


def setup_singlehtml(app: Sphinx) -> None:
    app.connect("doctree-resolved", drop_repeated_ids)
