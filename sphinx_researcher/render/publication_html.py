"""A publication as HTML: used by the html visitor and by the per-paper pages."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..i18n import _
from ..model.person import Author
from ..model.publication import Link, Publication
from ..parsing.marks import CORRESPONDING_TEXT, EQUAL_TEXT, MarkSet, mark_set
from .escape import esc, open_tag, tag
from .inline_markup import markup_html

if TYPE_CHECKING:
    from ..model.metrics import Metrics


@dataclass
class HtmlContext:
    """What the HTML of a publication needs to know about the page it is written into."""

    root: str = ""  # relative URL of the site root from this page ("", "../" ...)
    title_href: str = ""  # where the title links ("" for no link)
    marks: MarkSet = field(default_factory=mark_set)  # researcher_author_marks
    metrics: Metrics | None = None  # stored figures (stars, citations), None without a metrics file
    language: str | None = None  # of the page, for numbers
    highlight: frozenset[str] | None = None  # member ids to highlight instead of researcher_name
    person_href: Callable[[str], str] | None = None  # member id → link to their page or site ("" for none)
    _ids: Callable[[], int] = field(default_factory=lambda: itertools.count(1).__next__)
    _labels: dict[str, str] = field(default_factory=dict)  # link kind → label, looked up once a page
    _bibtex_open: str = ""  # the BibTeX block's opening, looked up once a page

    def bibtex_open(self) -> str:
        """The opening of the BibTeX block, in the page's language."""
        if not self._bibtex_open:
            self._bibtex_open = bibtex_open_html()
        return self._bibtex_open

    def link_labels(self) -> dict[str, str]:
        if not self._labels:
            self._labels.update(standard_link_labels())
        return self._labels

    def badge_suffix(self) -> str:
        return f"-sr{self._ids()}"

    def url(self, value: str) -> str:
        """Root-relative model URLs (``/_downloads/...``) made relative to this page."""
        if value.startswith("/") and not value.startswith("//"):
            return self.root + value[1:]
        return value


_LEGACY_ROLES = {"*": "equal", "†": "corresponding"}


def author_marks(author: Author) -> tuple[str, ...]:
    """The marks on a name; a model made without ``marks`` still shows its * and †."""
    if author.marks:
        return author.marks
    return ("*",) * author.equal + ("†",) * author.corresponding


def mark_text(symbol: str, marks: MarkSet) -> str:
    """The legend text of a mark, translated when it is one of the extension's own."""
    text = marks.text(symbol) or {"*": EQUAL_TEXT, "†": CORRESPONDING_TEXT}.get(symbol, "")
    if text == EQUAL_TEXT:
        return str(_("equal contribution"))
    if text == CORRESPONDING_TEXT:
        return str(_("corresponding author"))
    return text


def is_highlighted(author: Author, highlight: frozenset[str] | None) -> bool:
    """The page's own person: the members it names, else the researcher (``researcher_name``)."""
    return author.is_me if highlight is None else author.person in highlight


def authors_html(authors: tuple[Author, ...], ctx: HtmlContext | None = None) -> str:
    parts = []
    highlight = ctx.highlight if ctx else None
    person_href = ctx.person_href if ctx else None
    marks = ctx.marks if ctx else mark_set()
    for author in authors:
        me = is_highlighted(author, highlight)
        sups = ""
        for symbol in author_marks(author):
            role = marks.role(symbol) if symbol in marks.symbols else _LEGACY_ROLES.get(symbol, "")
            css = "sr-mark" + (f" sr-{role}" if role else "")
            sups += tag("sup", esc(symbol), class_=css, title=mark_text(symbol, marks) or None)
        name = esc(author.name)
        href = person_href(author.person) if person_href and author.person else ""
        if href:
            name = tag("a", name, href=href, class_="sr-person-link")
        if me:
            name = f"<strong>{name}</strong>"
        parts.append(f'<span class="sr-author sr-me">{name}{sups}</span>' if me
                     else f'<span class="sr-author">{name}{sups}</span>')
    return ", ".join(parts)


def rich_html(pub: Publication, name: str) -> str:
    """A field as HTML: its inline Markdown when it had some, else its escaped text."""
    source = pub.rich(name)
    return markup_html(source) if source else esc(getattr(pub, name))


def venue_html(pub: Publication) -> str:
    bits = []
    if pub.venue_short:
        bits.append(f'<span class="sr-pub-abbr">{esc(pub.venue_short)}</span>')
    text = []
    if pub.venue:
        text.append(f"<em>{rich_html(pub, 'venue')}</em>")
    if pub.year:
        stamp = f"{pub.year:04d}" + (f"-{pub.month:02d}" if pub.month else "")
        text.append(f'<time datetime="{stamp}">{pub.year}</time>')  # numbers only
    if text:
        bits.append(", ".join(text))
    if pub.note:
        bits.append(f'<span class="sr-pub-note">{rich_html(pub, "note")}</span>')
    if pub.award:
        bits.append(f'<span class="sr-pub-award">{rich_html(pub, "award")}</span>')
    return " ".join(bits)


def standard_link_labels() -> dict[str, str]:
    """The labels of the standard links in the build's language.

    Looked up per call, not in a module-level table, so each build gets its own language.
    """
    labels = {"pdf": _("PDF"), "arxiv": _("arXiv"), "doi": _("DOI"), "code": _("Code"), "project": _("Project"),
              "slides": _("Slides"), "video": _("Video"), "poster": _("Poster")}
    return {kind: str(label) for kind, label in labels.items()}


def link_label(link: Link, labels: dict[str, str] | None = None) -> str:
    """The label of a standard link in the page's language (custom links keep theirs)."""
    return (labels if labels is not None else standard_link_labels()).get(link.kind, link.label)


def links_html(pub: Publication, ctx: HtmlContext) -> str:
    labels = ctx.link_labels()
    items = [
        tag(
            "a",
            esc(link_label(link, labels)),
            class_=f"sd-btn sd-btn-sm sd-btn-outline-primary sr-pub-link sr-link-{link.kind}",
            href=ctx.url(link.url),
        )
        for link in pub.links()
    ]
    # arXiv is one button like the other links; a badge beside it would link the same page twice.
    if ctx.metrics is not None:
        from .metrics_html import paper_badges_html  # imported on use: only with a metrics file

        items.extend(paper_badges_html(pub, ctx.metrics, ctx.language, ctx.badge_suffix))
    return " ".join(items)


def publication_open_html(pub: Publication, ctx: HtmlContext, start_tag: str) -> str:
    """Everything before the children: the article tag and its header."""
    title = esc(pub.title or pub.key)
    if ctx.title_href:
        title = tag("a", title, href=ctx.url(ctx.title_href), class_="reference")
    # The wrappers' classes are constants: written as they are, the values inside escaped.
    head = [f'<p class="sr-pub-title">{title}</p>']
    if pub.authors:
        head.append(f'<p class="sr-pub-authors">{authors_html(pub.authors, ctx)}</p>')
    venue = venue_html(pub)
    if venue:
        head.append(f'<p class="sr-pub-venue">{venue}</p>')
    links = links_html(pub, ctx)
    if links:
        head.append(f'<p class="sr-pub-links">{links}</p>')
    if pub.tldr:
        head.append(tag("p", tag("strong", esc(_("TL;DR"))) + " " + esc(pub.tldr), class_="sr-pub-tldr"))
    return f'{start_tag}<div class="sr-pub-main">{"".join(head)}</div>'


def abstract_open_html() -> str:
    return open_tag("details", class_="sr-abstract") + tag("summary", esc(_("Abstract")))


def publication_close_html(pub: Publication, has_abstract_child: bool, ctx: HtmlContext | None = None) -> str:
    """Everything after the children: a plain-text abstract, the BibTeX block, the end tag."""
    parts = []
    if pub.abstract and not has_abstract_child:
        paragraphs = "".join(tag("p", esc(p.strip())) for p in pub.abstract.split("\n\n") if p.strip())
        parts.append(abstract_open_html() + paragraphs + "</details>")
    if pub.bibtex:
        parts.append(ctx.bibtex_open() if ctx is not None else bibtex_open_html())
        parts.append(f"<pre><code>{esc(pub.bibtex)}</code></pre></div></details>")
    parts.append("</article>\n")
    return "".join(parts)


def bibtex_open_html() -> str:
    return _bibtex_open_html(str(_("BibTeX")), str(_("Copy")), str(_("Copied")))


@lru_cache(maxsize=16)  # the same for every entry of a language
def _bibtex_open_html(summary: str, copy: str, copied: str) -> str:
    return (open_tag("details", class_="sr-bibtex") + tag("summary", esc(summary))
            + open_tag("div", class_="sr-bibtex-body")
            + tag("button", esc(copy), type="button", class_="sr-copy", hidden=True, data_copied=copied))


def legend_html(used: tuple[str, ...], marks: MarkSet | None = None) -> str:
    """One line naming every mark in ``used``, in the configured order ("" when none)."""
    items = [
        tag("span", tag("sup", esc(symbol)) + " " + esc(text))
        for symbol in legend_order(used, marks or mark_set())
        if (text := mark_text(symbol, marks or mark_set()))
    ]
    return tag("p", " ".join(items), class_="sr-pub-legend") + "\n" if items else ""


def legend_order(used: tuple[str, ...], marks: MarkSet) -> list[str]:
    return [s for s in marks.symbols if s in used] + [s for s in used if s not in marks.symbols]
