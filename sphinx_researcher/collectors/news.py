"""Every ``{news}`` item of the site, recorded per document for ``{recent-news}`` and the feed.

The data lives on the build environment (so it is pickled with it), keyed by docname:
purged when a document is re-read or removed, merged back after parallel reads. Pages
that show site-wide news are re-written (not re-read) whenever the recorded news changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Set
from dataclasses import dataclass
from typing import TypeVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from .. import nodes as sr
from ..model.dates import PartialDate
from ..model.news import NewsItem

_ITEMS = "sr_news_items"  # env attribute: {docname: [RecordedNews, ...]} in document order
_PAGES = "sr_news_pages"  # env attribute: {docname} of pages holding {recent-news}
_DIGEST = "sr_news_digest"  # env attribute: the news as last seen by get_updated_docs


@dataclass(frozen=True)
class RecordedNews:
    item: NewsItem
    node: sr.news_item  # a detached copy: its body is re-resolved for each page showing it
    digest: str  # of everything shown of the item, computed once when its page is read


def _items(env: BuildEnvironment) -> dict[str, list[RecordedNews]]:
    store: dict[str, list[RecordedNews]] | None = getattr(env, _ITEMS, None)
    if store is None:
        store = {}
        setattr(env, _ITEMS, store)
    return store


def _pages(env: BuildEnvironment) -> set[str]:
    pages: set[str] | None = getattr(env, _PAGES, None)
    if pages is None:
        pages = set()
        setattr(env, _PAGES, pages)
    return pages


N = TypeVar("N", bound=nodes.Element)


def detached_copy(node: N) -> N:
    """A deep copy that refers to no document, so it pickles alone (not its whole page)."""
    copy = node.deepcopy()
    for descendant in copy.findall():
        descendant.document = None
    return copy


def all_news(env: BuildEnvironment) -> list[RecordedNews]:
    """Every item of the site, newest first; ties by docname, then source order."""
    recorded = [entry for entries in _items(env).values() for entry in entries]
    recorded.sort(key=lambda entry: (entry.item.docname, entry.item.position))
    recorded.sort(key=lambda entry: entry.item.date.sort_key(), reverse=True)  # stable
    return recorded


def page_digest(env: BuildEnvironment, docname: str) -> str:
    """Changes whenever anything shown of the news recorded for ``docname`` changes."""
    entries = _items(env).get(docname, [])
    return hashlib.sha256("\0".join([docname, *(entry.digest for entry in entries)]).encode()).hexdigest()


def _digest(env: BuildEnvironment) -> str:
    return hashlib.sha256("".join(page_digest(env, docname) for docname in sorted(_items(env))).encode()).hexdigest()


class NewsCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _items(env).pop(docname, None)
        _pages(env).discard(docname)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        other_items = _items(other)
        for docname in docnames:
            if docname in other_items:
                _items(env)[docname] = other_items[docname]
        _pages(env).update(_pages(other) & docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        recorded = []
        for position, node in enumerate(doctree.findall(sr.news_item)):
            if not node["ids"]:
                continue
            copy = detached_copy(node)
            item = NewsItem(
                date=PartialDate.parse(node["date"]),
                docname=docname,
                anchor=node["ids"][0],
                position=position,
                text=" ".join(node.astext().split()),
                tags=tuple(node.get("tags", ())),
            )
            digest = hashlib.sha256(f"{position}\0{copy.pformat()}".encode()).hexdigest()
            recorded.append(RecordedNews(item, copy, digest))
        if recorded:
            _items(env)[docname] = recorded
        if any(True for _node in doctree.findall(sr.recent_news)):
            _pages(env).add(docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Re-write the pages showing site-wide news when any news changed (or vanished)."""
        digest = _digest(env)
        if getattr(env, _DIGEST, None) == digest:
            return []
        setattr(env, _DIGEST, digest)
        return sorted(_pages(env))


def setup_news_collector(app: Sphinx) -> None:
    app.add_env_collector(NewsCollector)
