"""Our nodes as standard docutils nodes, for every builder outside the html family.

LaTeX gets a printable CV (numbered publications, the researcher in bold, news and
timeline as lists, badges as text); text, man, texinfo, xml and gettext get the same
plain structure, so no builder meets a node it does not know.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import nodes as sr
from ..compat import builder_format, builder_name
from ..model import METRICS_KEY
from ..model.person import Profile
from ..model.publication import Publication
from ..parsing.marks import MarkSet, mark_set
from .publication_html import author_marks, is_highlighted, legend_order, mark_text

if TYPE_CHECKING:
    from ..model.metrics import Metrics

HTML_FORMATS = frozenset({"html"})


def _text(value: object) -> nodes.Text:
    return nodes.Text(str(value))


def _prepend_to_first_paragraph(body: list[nodes.Node], lead: list[nodes.Node]) -> list[nodes.Node]:
    """``DATE — first paragraph …``: the date joins the first paragraph of the body."""
    if body and isinstance(body[0], nodes.paragraph):
        first = body[0]
        for piece in reversed(lead):
            first.insert(0, piece)
        return body
    return [nodes.paragraph("", "", *lead), *body]


def dated_list_item(label: str, body: list[nodes.Node], refuri: str = "") -> nodes.list_item:
    strong = nodes.strong(label, label)
    date = nodes.reference("", "", strong, refuri=refuri, internal=True) if refuri else strong
    lead: list[nodes.Node] = [date, _text(" — ")]
    return nodes.list_item("", *_prepend_to_first_paragraph(body, lead))


def news_list_nodes(node: sr.news_list) -> list[nodes.Node]:
    items = nodes.bullet_list(classes=["sr-news"])
    for item in node.findall(sr.news_item):
        body = [c.deepcopy() for c in item.children]
        items += dated_list_item(item["date_label"], body, item.get("source_uri", ""))
    return [items]


def timeline_nodes(node: sr.timeline) -> list[nodes.Node]:
    items = nodes.bullet_list(classes=["sr-timeline"])
    for entry in node.findall(sr.timeline_entry):
        label = entry["start_label"] + (f" – {entry['end_label']}" if entry["end_label"] else "")
        items += dated_list_item(label, [c.deepcopy() for c in entry.children])
    return [items]


def profile_nodes(node: sr.profile) -> list[nodes.Node]:
    profile: Profile = node["profile"]
    result: list[nodes.Node] = []
    if profile.name:
        result.append(nodes.paragraph("", "", nodes.strong(profile.name, profile.name)))
    lines = [v for v in (profile.role, profile.affiliation, profile.location, profile.email) if v]
    if lines:
        block = nodes.line_block()
        for value in lines:
            block += nodes.line(value, value)
        result.append(block)
    if profile.links:
        para = nodes.paragraph()
        for index, link in enumerate(profile.links):
            if index:
                para += _text(" · ")
            para += nodes.reference(link.label, link.label, refuri=link.url)
        result.append(para)
    for bio in node.findall(sr.profile_bio):
        result.extend(child.deepcopy() for child in bio.children)
    return result


def publication_paragraph(
    pub: Publication, ids: list[str] | None = None, metrics: Metrics | None = None, language: str | None = None,
    highlight: tuple[str, ...] | None = None,
) -> nodes.paragraph:
    from .standard_links import short_link_nodes  # imported on use: html builds never need it

    para = nodes.paragraph(classes=["sr-publication"])
    if ids:  # the target of {pub} (in LaTeX: the numbered item)
        para += nodes.target("", "", ids=list(ids))
    wanted = frozenset(highlight) if highlight is not None else None
    for index, author in enumerate(pub.authors):
        if index:
            para += _text(", ")
        me = is_highlighted(author, wanted)
        para += nodes.strong(author.name, author.name) if me else _text(author.name)
        marks = "".join(author_marks(author))
        if marks:
            para += _text(marks)
    if pub.authors:
        para += _text(" " if para.astext().endswith(".") else ". ")  # no "et al.."
    title = pub.title or pub.key
    target = pub.url or (f"https://doi.org/{pub.doi}" if pub.doi else "")
    emphasis = nodes.emphasis(title, title)
    para += nodes.reference("", "", emphasis, refuri=target) if target else emphasis
    venue_name = f"{pub.venue} ({pub.venue_short})" if pub.venue and pub.venue_short else pub.venue or pub.venue_short
    venue = ", ".join(v for v in (venue_name, str(pub.year or "")) if v)
    if venue:
        para += _text(". " + venue)
    para += _text(".")
    if pub.award:
        para += _text(f" {pub.award}.")
    para.extend(short_link_nodes(pub))
    if metrics is not None:
        from .metrics_html import figure_text, paper_figures  # imported on use: only with a metrics file

        for kind, figure, _link in paper_figures(pub, metrics):
            para += _text(f" {figure_text(kind, figure, language)}.")
    return para


def legend_paragraph(node: sr.pub_legend, marks: MarkSet | None = None) -> nodes.paragraph:
    marks = marks or mark_set()
    parts = [f"{symbol} {text}" for symbol in legend_order(node["marks"], marks) if (text := mark_text(symbol, marks))]
    text = "   ".join(parts)
    return nodes.paragraph(text, text, classes=["sr-pub-legend"])


def publication_list_nodes(node: sr.publication_list, marks: MarkSet | None = None, metrics: Metrics | None = None,
                           language: str | None = None) -> list[nodes.Node]:
    """Numbered across groups, as a CV numbers its publications."""
    result: list[nodes.Node] = []
    number = 1
    groups = [c for c in node.children if isinstance(c, sr.pub_group)] or [node]
    for group in groups:
        pubs = [c for c in group.children if isinstance(c, sr.publication)]
        if group is not node:
            title = group["title"]
            result.append(nodes.rubric(title, title))
        if pubs:
            listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".", start=number)
            if number != 1:
                listing["start"] = number
            for pub in pubs:
                paragraph = publication_paragraph(pub["pub"], pub["ids"], metrics, language, pub.get("highlight"))
                listing += nodes.list_item("", paragraph)
            number += len(pubs)
            result.append(listing)
    for legend in node.findall(sr.pub_legend):
        result.append(legend_paragraph(legend, marks))
    return result


def publication_runs(document: nodes.document) -> list[list[sr.publication]]:
    """``{publication}`` directives written one after another (legends between them allowed):
    each run becomes one numbered list, as a CV numbers its papers."""
    runs: list[list[sr.publication]] = []
    for pub in document.findall(sr.publication):
        if runs and _previous_publication(pub) is runs[-1][-1]:
            runs[-1].append(pub)
        else:
            runs.append([pub])
    return runs


def _previous_publication(node: nodes.Element) -> nodes.Node | None:
    parent = node.parent
    if parent is None:
        return None
    for sibling in reversed(parent.children[: parent.index(node)]):
        if not isinstance(sibling, sr.pub_legend):
            return sibling if isinstance(sibling, sr.publication) else None
    return None


def replace_publication_run(run: list[sr.publication], marks: MarkSet | None = None, metrics: Metrics | None = None,
                            language: str | None = None) -> None:
    """The run becomes a numbered list followed by one legend for all its marks."""
    parent = run[0].parent
    first, last = parent.index(run[0]), parent.index(run[-1])
    if last + 1 < len(parent.children) and isinstance(parent.children[last + 1], sr.pub_legend):
        last += 1
    listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    for pub in run:
        paragraph = publication_paragraph(pub["pub"], pub["ids"], metrics, language, pub.get("highlight"))
        listing += nodes.list_item("", paragraph)
    used = tuple(dict.fromkeys(m for pub in run for a in pub["pub"].authors for m in author_marks(a)))
    replacement: list[nodes.Node] = [listing]
    if used:
        replacement.append(legend_paragraph(sr.pub_legend(marks=used), marks))
    parent[first : last + 1] = replacement


class ReplaceWithStandardNodes(SphinxPostTransform):
    """Outside the html family, swap each node of ours for standard nodes."""

    default_priority = 100

    def is_supported(self) -> bool:
        # gettext never visits nodes: it reads the bodies' own paragraphs, whose uids the
        # translations are keyed on (copies would lose them and drop every message).
        return builder_format(self.env) not in HTML_FORMATS and builder_name(self.env) != "gettext"

    def run(self, **kwargs: object) -> None:
        # imported on use: html builds (which skip this transform) never need them
        from ..model.metrics import Metrics
        from .standard_links import separate_badges

        found = self.env.domaindata.get("researcher", {}).get(METRICS_KEY)
        metrics = found if isinstance(found, Metrics) else None
        separate_badges(self.document)
        for node in list(self.document.findall(sr.badge)):
            text = f"{node['label']}: {node['message']}" if node["message"] else node["label"]
            replace_node(node, [nodes.reference(text, text, refuri=node["link"]) if node["link"] else _text(text)])
        marks = mark_set(self.config.researcher_author_marks)
        for list_node in _innermost_first(self.document, sr.publication_list):
            replace_node(list_node, publication_list_nodes(list_node, marks, metrics, self.config.language))
        for run in publication_runs(self.document):
            replace_publication_run(run, marks, metrics, self.config.language)
        for legend in list(self.document.findall(sr.pub_legend)):
            replace_node(legend, [legend_paragraph(legend, marks)])
        # Innermost first: a {news} written inside a news item is a plain list before the outer
        # one copies the item's body.
        for news in _innermost_first(self.document, sr.news_list):
            replace_node(news, news_list_nodes(news))
        for line in _innermost_first(self.document, sr.timeline):
            replace_node(line, timeline_nodes(line))
        for profile in _innermost_first(self.document, sr.profile):
            replace_node(profile, profile_nodes(profile))
        for leftover in _innermost_first(self.document, sr.SRElement):
            if not isinstance(leftover, sr.recent_news):  # filled in on doctree-resolved
                replace_node(leftover, [c.deepcopy() for c in leftover.children])


def _innermost_first(document: nodes.Node, kind: type[nodes.Element]) -> list[nodes.Element]:
    return list(document.findall(kind))[::-1]


def replace_node(node: nodes.Element, new: list[nodes.Node]) -> None:
    """Put ``new`` where ``node`` is, whatever it holds: nothing at all (a list that lists
    nothing, a profile with no fields), text, or elements.

    Empty lists are left out (LaTeX refuses an ``itemize`` without an item). Not
    ``replace_self``: it asserts when ``new`` is empty or starts with text ("Losing
    'classes'"), and gives the node's ids and classes to whatever comes first.
    """
    if node.parent is None:  # already taken away with an outer node
        return
    kept = [n for n in new if not (isinstance(n, nodes.bullet_list | nodes.enumerated_list) and not n.children)]
    first = kept[0] if kept else None
    if isinstance(first, nodes.Element):
        first.update_basic_atts(node)  # ids (anchors stay reachable) and classes, as before
    node.parent.replace(node, kept)
