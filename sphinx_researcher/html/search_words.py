"""A page's publications in the site search.

Sphinx's search index holds the words of each document's text nodes; a publication node holds
its model, not text, so a search for a paper's title or a co-author found nothing. For the
builders that index (``builder.indexer``), each document that shows publications gets one
hidden node with their words (title, authors, venue, year, keywords, note) after it is resolved,
before Sphinx indexes it; its visitor writes nothing. The index records which pages hold a
word, not how often: the node holds each word once (a list of 2000 papers repeats its authors,
venues and years thousands of times, and Sphinx looks up every word it is given).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .. import nodes as sr
from ..model.publication import Publication
from ..render.html import skip_node


def publication_words(pub: Publication) -> str:
    parts = [pub.title, *(a.name for a in pub.authors), pub.venue, pub.venue_short,
             str(pub.year or ""), *pub.keywords, pub.note, pub.award]
    return " ".join(part for part in parts if part)


def add_search_words(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if getattr(app.builder, "indexer", None) is None:  # no search index (singlehtml, epub, latex …)
        return
    words = " ".join(publication_words(node["pub"]) for node in doctree.findall(sr.publication) if "pub" in node)
    if words:
        doctree += sr.search_words("", nodes.Text(" ".join(dict.fromkeys(words.split()))))


def setup_search_words(app: Sphinx) -> None:
    app.add_node(sr.search_words, html=(skip_node, None))
    app.connect("doctree-resolved", add_search_words)
