"""The Atom feed of every news item (``researcher_news_feed``), written by html and dirhtml.

Reproducible: ids come from the item's page and anchor, every ``updated`` from the news
dates (never the clock), and the generator element carries no timestamp.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.docutils import new_document
from sphinx.util.osutil import relative_uri

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

    from ..model.dates import PartialDate

from .. import __version__
from ..collectors.news import RecordedNews, all_news, detached_copy, shown_digest
from ..config import conf_location
from ..model.links import join_url
from ..render.escape import open_tag, xml_safe
from ..warnings_ import Subtype, warn

FEED_BUILDERS = frozenset({"html", "dirhtml"})
_URL_ATTR = re.compile(r'(?P<attr>\s(?:href|src))="(?P<url>[^"]*)"')
_TITLE_LENGTH = 100


def feed_enabled(app: Sphinx) -> bool:
    return bool(app.config.researcher_news_feed and app.config.html_baseurl and app.builder.name in FEED_BUILDERS)


def feed_url(app: Sphinx) -> str:
    return join_url(_base(app), app.config.researcher_news_feed)


def _base(app: Sphinx) -> str:
    base = str(app.config.html_baseurl)
    return base if base.endswith("/") else base + "/"


def _feed_title(app: Sphinx) -> str:
    project = str(app.config.project or "")
    if not project or project == "Project name not set":
        project = str(app.config.researcher_name or "")
    return project or "News"


def _when(date: PartialDate) -> dt.datetime:
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)


def _fallback_updated() -> dt.datetime:
    """With no item at all: SOURCE_DATE_EPOCH if set, else a fixed date (never the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    try:
        return dt.datetime.fromtimestamp(int(epoch) if epoch.isascii() and epoch.isdigit() else 0, tz=dt.UTC)
    except (ValueError, OverflowError, OSError):  # more digits than int() reads, or past year 9999
        return dt.datetime.fromtimestamp(0, tz=dt.UTC)


def _entry_title(entry: RecordedNews) -> str:
    text = entry.item.text or entry.node["date_label"]
    return text if len(text) <= _TITLE_LENGTH else text[: _TITLE_LENGTH - 1].rstrip() + "…"


def bodies_html(app: Sphinx, docname: str, entries: list[RecordedNews]) -> list[str]:
    """The bodies of one page's items through the builder's own HTML translator, links absolute.

    One document per page: references are resolved (every post-transform run) once, not per item.
    """
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    document = new_document(entries[0].node.source or "", builder.docsettings)
    bodies = [nodes.container("", *detached_copy(entry.node).children) for entry in entries]
    document.extend(bodies)
    app.env.resolve_references(document, docname, builder)
    page_url = join_url(_base(app), builder.get_target_uri(docname))
    saved = builder.current_docname, builder.imgpath
    html = []
    try:
        # Relative URLs come out as on the item's own page; they are made absolute below.
        builder.current_docname = docname
        builder.imgpath = relative_uri(builder.get_target_uri(docname), builder.imagedir)
        builder.post_process_images(document)
        translator: Any = builder.create_translator(document, builder)
        for body in bodies:
            start = len(translator.body)
            for child in body.children:
                child.walkabout(translator)
            html.append("".join(translator.body[start:]))
    finally:
        builder.current_docname, builder.imgpath = saved
    return [_URL_ATTR.sub(lambda m: f'{m["attr"]}="{join_url(page_url, m["url"])}"', part) for part in html]


class RenderCache:
    """Rendered bodies kept between builds (in the doctree folder), per page and per read.

    A page's bodies are rendered again only when that page was read again (or the html
    configuration changed): the rule by which Sphinx itself re-writes the page.
    """

    FILE = "sphinx-researcher-feed.pickle"

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.path = Path(app.doctreedir) / self.FILE
        self.old: dict[str, list[str]] = {}
        self.new: dict[str, list[str]] = {}
        try:
            with self.path.open("rb") as file:
                loaded = pickle.load(file)
            if isinstance(loaded, dict):
                self.old = loaded
        except Exception:  # missing, unreadable or from another version: render everything
            self.old = {}

    def key(self, docname: str) -> str:
        builder, env = self.app.builder, self.app.env
        build_info = getattr(builder, "build_info", None)
        parts = (__version__, builder.name, str(self.app.config.html_baseurl), builder.get_target_uri(docname),
                 docname, str(env.all_docs.get(docname)), str(getattr(build_info, "config_hash", "")))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def bodies(self, docname: str, entries: list[RecordedNews]) -> list[str]:
        # A {pub} title that changed changes the body although its page was not read again.
        key = self.key(docname) + shown_digest(self.app.env, entries)
        cached = self.old.get(key)
        if cached is None or len(cached) != len(entries):
            cached = bodies_html(self.app, docname, entries)
        self.new[key] = cached
        return cached

    def save(self) -> None:
        try:
            with self.path.open("wb") as file:
                pickle.dump(self.new, file, pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass  # only a cache


def build_feed(app: Sphinx) -> FeedGenerator:
    base, builder = _base(app), app.builder
    recorded = all_news(app.env)
    from feedgen.feed import FeedGenerator  # lxml: only paid by sites that write a feed

    feed = FeedGenerator()
    feed.id(feed_url(app))
    feed.title(_feed_title(app))
    author = str(app.config.researcher_name or _feed_title(app))
    feed.author({"name": author})
    feed.link(href=base, rel="alternate", type="text/html")
    feed.link(href=feed_url(app), rel="self", type="application/atom+xml")
    if app.config.language:
        feed.language(str(app.config.language))
    feed.generator("sphinx-researcher", version=__version__)  # no feedgen timestamp or URL
    feed.updated(_when(recorded[0].item.date) if recorded else _fallback_updated())
    by_page: dict[str, list[RecordedNews]] = {}
    for entry in recorded:
        by_page.setdefault(entry.item.docname, []).append(entry)
    cache = RenderCache(app)
    content = {
        id(entry): html
        for docname, entries in sorted(by_page.items())
        for entry, html in zip(entries, cache.bodies(docname, entries), strict=True)
    }
    cache.save()
    for entry in recorded:
        page = join_url(base, builder.get_target_uri(entry.item.docname))
        url = f"{page}#{entry.item.anchor}"
        feed_entry = feed.add_entry(order="append")
        feed_entry.id(url)
        feed_entry.title(xml_safe(_entry_title(entry)))  # lxml refuses control characters
        feed_entry.updated(_when(entry.item.date))
        feed_entry.link(href=url, rel="alternate", type="text/html")
        feed_entry.content(xml_safe(content[id(entry)]), type="html")
    return feed


def write_feed(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not feed_enabled(app):
        return
    name = str(app.config.researcher_news_feed)
    conf_py = Path(app.confdir) / "conf.py"
    target = Path(app.outdir, name).resolve()
    try:
        if posixpath.isabs(name) or not target.is_relative_to(Path(app.outdir).resolve()):
            raise ValueError("it must be a path inside the output folder, e.g. 'news.xml'")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build_feed(app).atom_str(pretty=True))
    except (OSError, ValueError) as error:
        text = conf_py.read_text(encoding="utf-8", errors="replace") if conf_py.is_file() else ""
        location = conf_location(conf_py, text, "researcher_news_feed")
        warn(f"the news feed {name!r} cannot be written: {error}", Subtype.feed, location)


def add_feed_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """``<link rel="alternate">`` in every page head, so readers discover the feed."""
    if not feed_enabled(app):
        return
    link = open_tag("link", rel="alternate", type="application/atom+xml", title=_feed_title(app), href=feed_url(app))
    context["metatags"] = context.get("metatags", "") + link + "\n"


def setup_feed(app: Sphinx) -> None:
    app.connect("html-page-context", add_feed_link)
    app.connect("build-finished", write_feed)
