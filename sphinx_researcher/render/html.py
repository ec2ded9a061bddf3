"""HTML visitors (html, dirhtml, singlehtml, epub) for every node of ours.

Each writes its markup with ``starttag`` (ids and classes escaped by Sphinx) or through
``render.escape``; child nodes (MyST bodies, images) go through the normal visitors.
"""

from __future__ import annotations

import posixpath
import weakref
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator
from sphinx_design.icons import get_octicon

from .. import nodes as sr
from ..i18n import _
from ..model import METRICS_KEY
from ..model.person import Profile
from ..parsing.marks import mark_set
from . import publication_html as pubhtml
from .escape import esc, open_tag, tag


def _context(self: HTML5Translator) -> pubhtml.HtmlContext:
    """One HtmlContext per page being written, so badge ids never repeat on a page."""
    ctx = getattr(self, "_sr_context", None)
    if ctx is None:
        page_dir = posixpath.dirname(self.builder.get_target_uri(self.builder.current_docname)) or "."
        root = posixpath.relpath(".", page_dir)
        metrics = self.builder.env.domaindata.get("researcher", {}).get(METRICS_KEY)
        ctx = pubhtml.HtmlContext(root="" if root == "." else root + "/",
                                  marks=mark_set(self.builder.config.researcher_author_marks),
                                  metrics=metrics, language=self.builder.config.language)
        hrefs = self.document.get("sr_person_hrefs")  # set by html.people_links
        if hrefs:
            ctx.person_href = lambda person: hrefs.get(person, "")
        self._sr_context = ctx
        # html.release_fragments empties this translator's lists once Sphinx has joined them.
        self.builder._sr_translator = weakref.ref(self)  # type: ignore[attr-defined]
    return ctx


# -- profile ---------------------------------------------------------------------------------


def profile_info_html(profile: Profile, root: str = "") -> str:
    """Name, role, affiliation, contact and icon links: shared by {profile} and the theme."""
    parts = [tag("p", esc(profile.name), class_="sr-profile-name")] if profile.name else []
    if profile.role:
        parts.append(tag("p", esc(profile.role), class_="sr-profile-role"))
    if profile.affiliation:
        parts.append(tag("p", esc(profile.affiliation), class_="sr-profile-affiliation"))
    contact = []
    if profile.location:
        contact.append(tag("li", get_octicon("location") + " " + tag("span", esc(profile.location))))
    if profile.email:
        contact.append(tag("li", get_octicon("mail") + " " + email_html(profile.email)))
    if contact:
        parts.append(tag("ul", "".join(contact), class_="sr-profile-contact"))
    if profile.links:
        links = "".join(
            tag(
                "li",
                tag(
                    "a",
                    get_octicon(link.icon) + " " + tag("span", esc(link.label)),
                    href=_from_root(root, link.url),
                    class_=f"sr-profile-link sr-link-{link.service}",
                    rel="me" if link.service not in {"cv", "email"} else None,
                ),
            )
            for link in profile.links
        )
        parts.append(tag("ul", links, class_="sr-profile-links"))
    return tag("div", "".join(parts), class_="sr-profile-info")


def _from_root(root: str, url: str) -> str:
    """A root-relative URL (``/cv.pdf``) made relative to the page; others unchanged."""
    return root + url[1:] if url.startswith("/") and not url.startswith("//") else url


def email_html(email: str) -> str:
    """The address readable by people (and screen readers) but not as one string in the HTML:
    the "@" and "." of the domain come from CSS, with words for assistive technology."""
    user, _sep, domain = email.partition("@")
    pieces = [esc(p) for p in domain.split(".")]
    dot = tag("span", tag("span", " dot ", class_="sr-visually-hidden"), class_="sr-dot")
    at = tag("span", tag("span", " at ", class_="sr-visually-hidden"), class_="sr-at")
    return tag("span", esc(user) + at + dot.join(pieces), class_="sr-email")


def visit_profile(self: HTML5Translator, node: sr.profile) -> None:
    self.body.append(self.starttag(node, "div", CLASS="sr-card"))
    self.body.append(profile_info_html(node["profile"], _context(self).root))


def depart_profile(self: HTML5Translator, node: sr.profile) -> None:
    self.body.append("</div>\n")


def visit_profile_photo(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append('<div class="sr-profile-photo">')


def visit_profile_bio(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append('<div class="sr-profile-bio">')


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


# -- news ------------------------------------------------------------------------------------


def visit_news_list(self: HTML5Translator, node: sr.news_list) -> None:
    self.body.append(self.starttag(node, "div"))
    self.body.append('<ul class="sr-news-list">\n')


def depart_news_list(self: HTML5Translator, node: sr.news_list) -> None:
    ends_with_older = bool(node.children) and isinstance(node.children[-1], sr.news_older)
    self.body.append("</div>\n" if ends_with_older else "</ul>\n</div>\n")


def visit_news_older(self: HTML5Translator, node: sr.news_older) -> None:
    self.body.append("</ul>\n" + open_tag("details", class_="sr-news-older"))
    self.body.append(tag("summary", esc(node.get("summary") or _("Older news"))))
    self.body.append('<ul class="sr-news-list">\n')


def depart_news_older(self: HTML5Translator, node: sr.news_older) -> None:
    self.body.append("</ul>\n</details>\n")


def visit_news_item(self: HTML5Translator, node: sr.news_item) -> None:
    self.body.append(self.starttag(node, "li", CLASS="sr-news-item"))
    time = tag("time", esc(node["date_label"]), class_="sr-date", datetime=node["date"])
    source = node.get("source_uri")  # {recent-news} links each item to where it is defined
    self.body.append(tag("a", time, href=source, class_="sr-news-source") if source else time)
    self.body.append('<div class="sr-news-body">')


def depart_news_item(self: HTML5Translator, node: sr.news_item) -> None:
    self.body.append("</div></li>\n")


# -- timeline --------------------------------------------------------------------------------


def visit_timeline(self: HTML5Translator, node: sr.timeline) -> None:
    self.body.append(self.starttag(node, "ul"))


def depart_timeline(self: HTML5Translator, node: sr.timeline) -> None:
    self.body.append("</ul>\n")


def visit_timeline_entry(self: HTML5Translator, node: sr.timeline_entry) -> None:
    self.body.append(self.starttag(node, "li", CLASS="sr-timeline-entry"))
    when = tag("time", esc(node["start_label"]), datetime=node["start"])
    if node["end"]:
        when += " – " + tag("time", esc(node["end_label"]), datetime=node["end"])
    elif node["ongoing"]:
        when += " – " + tag("span", esc(node["end_label"]), class_="sr-present")
    self.body.append(tag("span", when, class_="sr-date"))
    self.body.append('<div class="sr-timeline-body">')


def depart_timeline_entry(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div></li>\n")


# -- publications ----------------------------------------------------------------------------


def title_target(self: HTML5Translator, node: sr.publication) -> str:
    """The per-paper page when there is one, else the paper's own URL."""
    target = node.get("page_uri", "")
    if target:
        return str(target)
    pub = node["pub"]
    return pub.url or (f"https://doi.org/{pub.doi}" if pub.doi else "") or (
        f"https://arxiv.org/abs/{pub.arxiv}" if pub.arxiv else ""
    ) or pub.pdf


def visit_publication(self: HTML5Translator, node: sr.publication) -> None:
    ctx = _context(self)
    ctx.title_href = title_target(self, node)
    highlight = node.get("highlight")  # member ids given by :highlight: or the page
    ctx.highlight = frozenset(highlight) if highlight is not None else None
    start = self.starttag(node, "article")
    self.body.append(_spooled(self, pubhtml.publication_open_html(node["pub"], ctx, start)))


def depart_publication(self: HTML5Translator, node: sr.publication) -> None:
    has_abstract = any(isinstance(child, sr.pub_abstract) for child in node.children)
    self.body.append(_spooled(self, pubhtml.publication_close_html(node["pub"], has_abstract, _context(self))))


def _spooled(self: HTML5Translator, html: str) -> str:
    """``html``, or the marker ``html.late_body`` gives for it once the page is long (it keeps
    the HTML on disk and writes it into the page file)."""
    late = getattr(self.builder, "_sr_late_body", None)
    return late.defer(self.builder.current_docname, html) if late is not None else html


def visit_pub_media(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append('<figure class="sr-pub-media">')


def depart_pub_media(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</figure>\n")


def visit_pub_abstract(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(pubhtml.abstract_open_html())


def depart_pub_abstract(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</details>\n")


def visit_publication_list(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div"))


def visit_pub_group(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "section", CLASS="sr-pub-group"))
    # Never deeper than one below the enclosing section's heading: a skipped level is invalid.
    enclosing = self.section_level + self.initial_header_level - 1
    level = max(2, min(node.get("level", 3), enclosing + 1, 6))
    self.body.append(tag(f"h{level}", esc(node["title"]), class_="sr-pub-group-title"))


def depart_pub_group(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</section>\n")


def visit_pub_legend(self: HTML5Translator, node: sr.pub_legend) -> None:
    self.body.append(pubhtml.legend_html(node["marks"], _context(self).marks))
    raise nodes.SkipNode


# -- badges ----------------------------------------------------------------------------------


def visit_badge(self: HTML5Translator, node: sr.badge) -> None:
    from .badges import badge_html  # imported on use: only pages with a badge need it

    self.body.append(
        badge_html(
            node["label"], node["message"], node["color"], node["label_color"], node["link"],
            node["logo"], _context(self).badge_suffix(),
        )
    )
    raise nodes.SkipNode


def _ignore(self: Any, node: nodes.Node) -> None:
    pass


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    sr.profile: (visit_profile, depart_profile),
    sr.profile_photo: (visit_profile_photo, depart_div),
    sr.profile_bio: (visit_profile_bio, depart_div),
    sr.news_list: (visit_news_list, depart_news_list),
    sr.news_older: (visit_news_older, depart_news_older),
    sr.news_item: (visit_news_item, depart_news_item),
    sr.recent_news: (skip_node, _ignore),  # replaced on doctree-resolved; never written
    sr.timeline: (visit_timeline, depart_timeline),
    sr.timeline_entry: (visit_timeline_entry, depart_timeline_entry),
    sr.publication: (visit_publication, depart_publication),
    sr.pub_media: (visit_pub_media, depart_pub_media),
    sr.pub_abstract: (visit_pub_abstract, depart_pub_abstract),
    sr.publication_list: (visit_publication_list, depart_div),
    sr.pub_group: (visit_pub_group, depart_pub_group),
    sr.pub_legend: (visit_pub_legend, _ignore),
    sr.badge: (visit_badge, _ignore),
}
