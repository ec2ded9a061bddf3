"""``{recent-news}``: the newest news items of the whole site, each linking to where it is defined.

The directive leaves a placeholder; on ``doctree-resolved`` (when every page has been read)
it becomes a news list of copies of the stored items, whose references are resolved for
the page that shows them. Outside the html family the standard-node post-transform runs
on those copies too, so latex and text get a plain list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util import docname_join
from sphinx.util.docutils import new_document

from .. import nodes as sr
from ..collectors.news import RecordedNews, all_news, detached_copy, newest_news
from ..collectors.people import note_people_dependency, unknown_people
from ..i18n import _
from ..parsing.options import parse_whole_number
from ..warnings_ import Subtype
from .base import ResearcherDirective

if TYPE_CHECKING:
    from ..parsing.news_filter import NewsCondition

DEFAULT_LIMIT = 5


class RecentNewsDirective(ResearcherDirective):
    has_content = False
    # Checked in run(), so a bad value is a located researcher.option warning, not an error.
    option_spec = {"limit": directives.unchanged, "archive": directives.unchanged, "filter": directives.unchanged,
                   "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        placeholder = sr.recent_news(
            classes=["sr-news", "sr-recent-news", *self.options.get("class", [])], limit=self.read_limit()
        )
        self.set_source_info(placeholder)
        conditions = self.read_filter()
        if conditions:
            placeholder["filter"] = conditions
        archive = self.options.get("archive", "").strip()
        if archive:
            placeholder += self.archive_link(archive)
        return [placeholder]

    def read_limit(self) -> int:
        text = self.options.get("limit", "").strip()
        if not text:
            return DEFAULT_LIMIT
        number = parse_whole_number(text)
        if number is not None:
            return number
        self.warn(f"recent-news :limit: must be a whole number, not {text!r}; using {DEFAULT_LIMIT}", Subtype.option)
        return DEFAULT_LIMIT

    def read_filter(self) -> tuple[NewsCondition, ...]:
        text = self.options.get("filter", "").strip()
        if not text:
            return ()
        # imported on use: only a :filter: needs them
        from ..parsing.filters import FilterError
        from ..parsing.news_filter import parse_news_filter

        line = self.option_line("filter")
        try:
            conditions = parse_news_filter(text)
        except FilterError as error:
            self.warn(f"recent-news: bad :filter: {text!r}: {error}; showing every item", Subtype.filter, line)
            return ()
        for condition in conditions:
            if condition.field == "person":
                note_people_dependency(self.env)
                for person_id in unknown_people(self.env, condition.values):
                    self.warn(f"recent-news :filter: unknown person {person_id!r} (not in researcher_people)",
                              Subtype.person, line)
        return conditions

    def archive_link(self, archive: str) -> nodes.paragraph:
        """A ``doc`` reference, resolved (and checked) like ``{doc}`` with the page's own refs."""
        for suffix in self.config.source_suffix:
            archive = archive.removesuffix(suffix)
        label = str(_("All news"))
        xref = addnodes.pending_xref(
            "",
            nodes.inline(label, label),
            refdomain="std",
            reftype="doc",
            reftarget=archive,
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(xref)
        paragraph = nodes.paragraph("", "", xref, classes=["sr-news-archive"])
        self.set_source_info(paragraph)
        return paragraph


def show_recent_news(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every placeholder with the newest items, resolved for ``docname``."""
    placeholders = list(doctree.findall(sr.recent_news))
    if not placeholders:
        return
    env, builder = app.env, app.builder
    recorded = all_news(env)
    copies = 0
    for placeholder in placeholders:
        shown: list[nodes.Node] = []
        newest = newest_news(env, recorded, placeholder.get("filter"), placeholder["limit"])
        if newest:  # an empty list would be an empty itemize in LaTeX: show nothing instead
            container = sr.news_list(classes=placeholder["classes"], limit=None)
            container.source, container.line = placeholder.source, placeholder.line
            for entry in newest:
                copies += 1
                container += _own_ids(_copy_for(entry, docname, builder), f"sr-rn{copies}-")
            shown.extend(_resolved(env, builder, docname, container))
        shown.extend(placeholder.children)  # the archive link, resolved with the page itself
        # Not replace_self: it would give the placeholder's classes to the archive link.
        placeholder.parent.replace(placeholder, shown)


def _copy_for(entry: RecordedNews, docname: str, builder: Builder) -> sr.news_item:
    copy = detached_copy(entry.node)
    copy["ids"] = []  # the item's anchor belongs to its own page
    for xref in copy.findall(addnodes.pending_xref):
        refdoc = xref.get("refdoc")
        if refdoc and xref.get("refdomain") == "std" and xref.get("reftype") == "doc":
            # A relative {doc} target meant relative to the item's page, not the showing one.
            xref["reftarget"] = "/" + docname_join(refdoc, xref["reftarget"])
        xref["refdoc"] = docname
    try:
        uri = builder.get_relative_uri(docname, entry.item.docname)
    except NoUri:  # e.g. LaTeX, when the item's page is not part of the document
        uri = ""
    if uri and builder.format == "html":
        # singlehtml gives "index.html#document-news": one page, so keep only the page.
        uri = f"{uri.partition('#')[0]}#{entry.item.anchor}"
    copy["source_uri"] = uri
    return copy


def _own_ids(copy: sr.news_item, prefix: str) -> sr.news_item:
    """Ids inside a copy (a footnote, a label, a heading) renamed with ``prefix``, and the links
    between them with them, so the page that also holds the item has each id once."""
    renamed: dict[str, str] = {}
    for node in copy.findall(nodes.Element):
        if node["ids"]:
            node["ids"] = [renamed.setdefault(old, prefix + old) for old in node["ids"]]
    for node in copy.findall(nodes.Element):
        if node.get("refid") in renamed:
            node["refid"] = renamed[node["refid"]]
        if node.get("backrefs"):
            node["backrefs"] = [renamed.get(ref, ref) for ref in node["backrefs"]]
    return copy


def _resolved(env: BuildEnvironment, builder: Builder, docname: str, container: sr.news_list) -> list[nodes.Node]:
    """Resolve references (and run every post-transform) on the copies, as sphinx.ext.todo does."""
    wrapper = new_document(container.source or "")
    wrapper += container
    env.resolve_references(wrapper, docname, builder)
    result = list(wrapper.children)
    for child in result:
        wrapper.remove(child)
    return result


def setup_recent_news(app: Sphinx) -> None:
    app.add_directive("recent-news", RecentNewsDirective)
    app.connect("doctree-resolved", show_recent_news)
