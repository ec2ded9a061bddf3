"""Every ``{news}`` item of the site, recorded per document for ``{recent-news}`` and the feed.

The data lives on the build environment (so it is pickled with it), keyed by docname:
purged when a document is re-read or removed, merged back after parallel reads. Pages
that show site-wide news are re-written (not re-read) whenever the recorded news changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector

from .. import nodes as sr
from .copies import strip_page_bound
from .people import people

if TYPE_CHECKING:
    from ..model.news import NewsItem
    from ..parsing.news_filter import NewsCondition

_ITEMS = "sr_news_items"  # env attribute: {docname: [RecordedNews, ...]} in document order
_PAGES = "sr_news_pages"  # env attribute: {docname} of pages holding {recent-news}
# env attribute: {docname: (limit, filter) of each {recent-news} on it}
_VIEWS = "sr_news_views"
# env attribute: {(builder, output folder): {docname: digest of the items its {recent-news} showed}};
# per builder, as builders may share one environment (sphinx-build -M … with one doctree folder)
_SHOWN = "sr_news_shown"
_SORTED = "sr_news_sorted"  # env attribute: all_news() once per change of the items, or None
_PUB_DOMAIN = "researcher"  # collectors.bibliography.DOMAIN (the {pub} role's domain)


@dataclass(frozen=True)
class RecordedNews:
    item: NewsItem
    node: sr.news_item  # a detached copy: its body is re-resolved for each page showing it
    digest: str  # of everything shown of the item, computed once when its page is read
    pub_keys: frozenset[str] = frozenset()  # lower-cased keys cited with {pub}: their titles show too


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


def _dict_attr(env: BuildEnvironment, name: str) -> dict[str, Any]:
    store: dict[str, Any] | None = getattr(env, name, None)
    if store is None:
        store = {}
        setattr(env, name, store)
    return store


def _changed(env: BuildEnvironment) -> None:
    setattr(env, _SORTED, None)


def all_news(env: BuildEnvironment) -> list[RecordedNews]:
    """Every item of the site, newest first; ties by docname, then source order.

    Sorted once after the items change, not once per page that shows them (1000 pages with
    {recent-news} would sort all news 1000 times). Callers must not modify the list.
    """
    cached: list[RecordedNews] | None = getattr(env, _SORTED, None)
    if cached is not None:
        return cached
    recorded = [entry for entries in _items(env).values() for entry in entries]
    recorded.sort(key=lambda entry: (entry.item.docname, entry.item.position))
    recorded.sort(key=lambda entry: entry.item.date.sort_key(), reverse=True)  # stable
    setattr(env, _SORTED, recorded)
    return recorded


def shown_digest(env: BuildEnvironment, entries: list[RecordedNews]) -> str:
    """Changes whenever anything a list of these items shows changes, {pub} titles included."""
    index = env.domaindata.get(_PUB_DOMAIN, {}).get("index", {})
    parts = [
        f"{entry.item.docname}\0{entry.digest}\0{[index.get(key) for key in sorted(entry.pub_keys)]!r}"
        for entry in entries
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def page_digest(env: BuildEnvironment, docname: str) -> str:
    """Changes whenever anything shown of the news recorded for ``docname`` changes."""
    entries = _items(env).get(docname, [])
    return hashlib.sha256("\0".join([docname, *(entry.digest for entry in entries)]).encode()).hexdigest()


class NewsCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _items(env).pop(docname, None)
        _pages(env).discard(docname)
        _dict_attr(env, _VIEWS).pop(docname, None)
        _changed(env)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        other_items = _items(other)
        for docname in docnames:
            if docname in other_items:
                _items(env)[docname] = other_items[docname]
        _pages(env).update(_pages(other) & docnames)
        other_views = _dict_attr(other, _VIEWS)
        _dict_attr(env, _VIEWS).update({doc: other_views[doc] for doc in docnames if doc in other_views})
        _changed(env)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        recorded = []
        for position, node in enumerate(doctree.findall(sr.news_item)):
            if not node["ids"]:
                continue
            # imported on use: only pages with news need them
            from ..model.dates import PartialDate
            from ..model.news import NewsItem

            copy = strip_page_bound(detached_copy(node))
            item = NewsItem(
                date=PartialDate.parse(node["date"]),
                docname=docname,
                anchor=node["ids"][0],
                position=position,
                text=" ".join(node.astext().split()),
                tags=tuple(node.get("tags", ())),
            )
            digest = hashlib.sha256(f"{position}\0{copy.pformat()}".encode()).hexdigest()
            recorded.append(RecordedNews(item, copy, digest, _quiet_pub_refs(copy)))
        if recorded:
            _items(env)[docname] = recorded
        views = tuple((node["limit"], node.get("filter")) for node in doctree.findall(sr.recent_news))
        if views:
            _pages(env).add(docname)
            _dict_attr(env, _VIEWS)[docname] = views
        _changed(env)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Re-write the pages whose {recent-news} shows other items, or changed ones (or {pub}
        titles that changed): editing an old item no page shows rewrites nothing."""
        recorded = all_news(env)
        views = _dict_attr(env, _VIEWS)
        shown = _dict_attr(env, _SHOWN).setdefault(f"{app.builder.name}\0{app.outdir}", {})
        pages = _pages(env)
        for gone in set(shown) - pages:
            del shown[gone]
        updated = []
        for docname in sorted(pages):
            # What each of its lists shows: a filtered one reaches far past the newest items.
            entries = [entry for limit, conditions in views.get(docname, ())
                       for entry in newest_news(env, recorded, conditions, limit)]
            digest = shown_digest(env, entries)
            if shown.get(docname) != digest:
                shown[docname] = digest
                updated.append(docname)
        return updated


def newest_news(env: BuildEnvironment, recorded: list[RecordedNews], conditions: tuple[NewsCondition, ...] | None,
                limit: int | None) -> list[RecordedNews]:
    """The newest ``limit`` items (matching the filter, if any): what a {recent-news} shows."""
    if not conditions:
        return recorded[:limit]
    from ..parsing.news_filter import news_matches  # imported on use: only a :filter: needs it

    names = {m.id.casefold(): m.names for m in people(env).members}
    found: list[RecordedNews] = []
    for entry in recorded:  # newest first: stop as soon as there are enough
        if limit is not None and len(found) >= limit:
            break
        if news_matches(conditions, entry.item.text, entry.item.tags, names):
            found.append(entry)
    return found


def _quiet_pub_refs(copy: sr.news_item) -> frozenset[str]:
    """The {pub} keys the stored copy cites. Its copies ({recent-news}, the feed) are resolved
    again on other pages: a bad key is reported once, on the item's own page, not by each copy."""
    keys = set()
    for xref in copy.findall(addnodes.pending_xref):
        if xref.get("refdomain") == _PUB_DOMAIN:
            xref["sr_copy"] = True
            keys.add(str(xref.get("reftarget", "")).lower())
    return frozenset(keys)


def setup_news_collector(app: Sphinx) -> None:
    app.add_env_collector(NewsCollector)
