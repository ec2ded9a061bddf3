"""A publication as HTML: used by the html visitor and by the per-paper pages."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import _
from ..model.person import Author
from ..model.publication import Link, Publication
from .badges import badge_html
from .escape import esc, open_tag, tag


@dataclass
class HtmlContext:
    """What the HTML of a publication needs to know about the page it is written into."""

    root: str = ""  # relative URL of the site root from this page ("", "../" ...)
    title_href: str = ""  # where the title links ("" for no link)
    highlight: frozenset[str] | None = None  # member ids to highlight instead of researcher_name
    person_href: Callable[[str], str] | None = None  # member id → link to their page or site ("" for none)
    _ids: Callable[[], int] = field(default_factory=lambda: itertools.count(1).__next__)

    def badge_suffix(self) -> str:
        return f"-sr{self._ids()}"

    def url(self, value: str) -> str:
        """Root-relative model URLs (``/_downloads/...``) made relative to this page."""
        if value.startswith("/") and not value.startswith("//"):
            return self.root + value[1:]
        return value


def is_highlighted(author: Author, highlight: frozenset[str] | None) -> bool:
    """The page's own person: the members it names, else the researcher (``researcher_name``)."""
    return author.is_me if highlight is None else author.person in highlight


def authors_html(authors: tuple[Author, ...], ctx: HtmlContext | None = None) -> str:
    parts = []
    highlight = ctx.highlight if ctx else None
    person_href = ctx.person_href if ctx else None
    for author in authors:
        me = is_highlighted(author, highlight)
        classes = "sr-author" + (" sr-me" if me else "")
        marks = ""
        if author.equal:
            marks += tag("sup", "*", class_="sr-equal", title=str(_("equal contribution")))
        if author.corresponding:
            marks += tag("sup", "†", class_="sr-corresponding", title=str(_("corresponding author")))
        name = esc(author.name)
        href = person_href(author.person) if person_href and author.person else ""
        if href:
            name = tag("a", name, href=href, class_="sr-person-link")
        if me:
            name = tag("strong", name)
        parts.append(tag("span", name + marks, class_=classes))
    return ", ".join(parts)


def venue_html(pub: Publication) -> str:
    bits = []
    if pub.venue_short:
        bits.append(tag("span", esc(pub.venue_short), class_="sr-pub-abbr"))
    text = []
    if pub.venue:
        text.append(tag("em", esc(pub.venue)))
    if pub.year:
        stamp = f"{pub.year:04d}" + (f"-{pub.month:02d}" if pub.month else "")
        text.append(tag("time", esc(pub.year), datetime=stamp))
    if text:
        bits.append(", ".join(text))
    if pub.note:
        bits.append(tag("span", esc(pub.note), class_="sr-pub-note"))
    if pub.award:
        bits.append(tag("span", esc(pub.award), class_="sr-pub-award"))
    return " ".join(bits)


def link_label(link: Link) -> str:
    """The label of a standard link in the page's language (custom links keep theirs).

    Looked up per call, not in a module-level table, so each build gets its own language.
    """
    labels = {
        "pdf": _("PDF"),
        "arxiv": _("arXiv"),
        "doi": _("DOI"),
        "code": _("Code"),
        "project": _("Project"),
        "slides": _("Slides"),
        "video": _("Video"),
        "poster": _("Poster"),
    }
    return str(labels.get(link.kind, link.label))


def links_html(pub: Publication, ctx: HtmlContext) -> str:
    items = [
        tag(
            "a",
            esc(link_label(link)),
            class_=f"sd-btn sd-btn-sm sd-btn-outline-primary sr-pub-link sr-link-{link.kind}",
            href=ctx.url(link.url),
        )
        for link in pub.links()
    ]
    if pub.arxiv:
        arxiv_url = f"https://arxiv.org/abs/{pub.arxiv}"
        items.append(badge_html("arXiv", pub.arxiv, "#b31b1b", "#555", arxiv_url, "", ctx.badge_suffix()))
    return " ".join(items)


def publication_open_html(pub: Publication, ctx: HtmlContext, start_tag: str) -> str:
    """Everything before the children: the article tag and its header."""
    title = esc(pub.title or pub.key)
    if ctx.title_href:
        title = tag("a", title, href=ctx.url(ctx.title_href), class_="reference")
    head = [tag("p", title, class_="sr-pub-title")]
    if pub.authors:
        head.append(tag("p", authors_html(pub.authors, ctx), class_="sr-pub-authors"))
    venue = venue_html(pub)
    if venue:
        head.append(tag("p", venue, class_="sr-pub-venue"))
    links = links_html(pub, ctx)
    if links:
        head.append(tag("p", links, class_="sr-pub-links"))
    if pub.tldr:
        head.append(tag("p", tag("strong", esc(_("TL;DR"))) + " " + esc(pub.tldr), class_="sr-pub-tldr"))
    return start_tag + tag("div", "".join(head), class_="sr-pub-main")


def abstract_open_html() -> str:
    return open_tag("details", class_="sr-abstract") + tag("summary", esc(_("Abstract")))


def publication_close_html(pub: Publication, has_abstract_child: bool) -> str:
    """Everything after the children: a plain-text abstract, the BibTeX block, the end tag."""
    parts = []
    if pub.abstract and not has_abstract_child:
        paragraphs = "".join(tag("p", esc(p.strip())) for p in pub.abstract.split("\n\n") if p.strip())
        parts.append(abstract_open_html() + paragraphs + "</details>")
    if pub.bibtex:
        parts.append(
            open_tag("details", class_="sr-bibtex")
            + tag("summary", esc(_("BibTeX")))
            + tag(
                "div",
                tag("button", esc(_("Copy")), type="button", class_="sr-copy", hidden=True, data_copied=_("Copied"))
                + tag("pre", tag("code", esc(pub.bibtex))),
                class_="sr-bibtex-body",
            )
            + "</details>"
        )
    parts.append("</article>\n")
    return "".join(parts)


def legend_html(equal: bool, corresponding: bool) -> str:
    items = []
    if equal:
        items.append(tag("span", tag("sup", "*") + " " + esc(_("equal contribution"))))
    if corresponding:
        items.append(tag("span", tag("sup", "†") + " " + esc(_("corresponding author"))))
    return tag("p", " ".join(items), class_="sr-pub-legend") + "\n"
