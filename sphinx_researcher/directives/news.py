"""``{news}``: dated items rendered in place, newest first, with older ones in <details>."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from .. import nodes as sr
from ..i18n import _
from ..parsing.options import parse_whole_number
from ..warnings_ import Subtype
from .base import ResearcherDirective

if TYPE_CHECKING:
    from ..model.dates import PartialDate


class NewsDirective(ResearcherDirective):
    has_content = True
    # :limit: is checked in run(), so a bad value is a located researcher.option warning.
    option_spec = {"limit": directives.unchanged, "tags": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        # imported on use: only pages with news need them
        from ..model.dates import PartialDate
        from .dated_list import SINGLE_DATE_PREFIX, read_dated_items

        dated = []
        for position, item in enumerate(read_dated_items(self, SINGLE_DATE_PREFIX, "news")):
            try:
                date = PartialDate.parse(item.when)
            except ValueError as error:
                self.warn(f"news item has a bad date: {error}", Subtype.date, item.line)
                continue
            dated.append((date, position, item))
        # Newest first; ties keep source order (sorted() is stable).
        dated.sort(key=lambda entry: entry[0].sort_key(), reverse=True)

        container = sr.news_list(classes=["sr-news", *self.options.get("class", [])])
        self.set_source_info(container)
        limit = self.read_limit()
        container["limit"] = limit
        older = sr.news_older(summary=str(_("Older news")))
        for index, (date, _position, item) in enumerate(dated):
            node = self.make_item(date, item.body, item.line)
            if limit is not None and index >= limit:
                older += node
            else:
                container += node
        if older.children:
            container += older
        return [container]

    def read_limit(self) -> int | None:
        text = self.options.get("limit", "").strip()
        if not text:
            return None
        number = parse_whole_number(text)
        if number is not None:
            return number
        self.warn(f"news :limit: must be a whole number, not {text!r}; showing every item", Subtype.option,
                  self.option_line("limit"))
        return None

    def make_item(self, date: PartialDate, body: list[nodes.Node], line: int) -> sr.news_item:
        from ..render.dates import format_partial_date  # imported on use: only pages with news need it

        body = [child for child in body if not self.refused_inside_item(child)]
        for child in body:
            if isinstance(child, nodes.Element):
                for nested in list(child.findall(sr.recent_news)):
                    self.refused_inside_item(nested)
        node = sr.news_item(
            date=date.iso(),
            date_label=format_partial_date(date, self.config.language, self.config.researcher_date_format),
        )
        node.source, node.line = self.env.doc2path(self.env.docname), line
        node.extend(body)
        tags = [t.strip().casefold() for t in self.options.get("tags", "").replace(",", " ").split() if t.strip()]
        if tags:
            node["tags"] = tags
        register_unique_id(self.state.document, node, f"news-{date.iso()}")
        return node

    def refused_inside_item(self, node: nodes.Node) -> bool:
        """A {recent-news} inside a news item would show the site's news inside itself, and
        again in every copy: it is reported and left out."""
        if not isinstance(node, sr.recent_news):
            return False
        self.warn("recent-news cannot be inside a news item; it is left out", Subtype.content,
                  node.line or self.lineno)
        if node.parent is not None:
            node.parent.remove(node)
        return True


def register_unique_id(document: nodes.document, node: nodes.Element, base: str) -> str:
    """Give ``node`` the id ``base`` (or ``base-2``, ``base-3``… if taken) on its page."""
    candidate, n = base, 1
    while candidate in document.ids:
        n += 1
        candidate = f"{base}-{n}"
    node["ids"].append(candidate)
    document.ids[candidate] = node
    return candidate


def setup_news(app: Sphinx) -> None:
    app.add_directive("news", NewsDirective)
